// Official MCP Registry ids: look the server up, then acquire the npm or PyPI package (or MCPB bundle, or source
// repository) it points at. Remote-only servers are reported, not probed.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { AcquireContext, AcquiredPart } from './acquire.js';
import { displayUrl, getJson } from './http-download.js';
import { TargetError, targetProblem } from './limits.js';
import { parseTarget, TargetSpecError, type GitTarget, type RegistryTarget, type Target } from './parse-target.js';
import { isInside } from './safe-extract.js';

export const DEFAULT_MCP_REGISTRY = 'https://registry.modelcontextprotocol.io';

/** The parts of a registry `server.json` we use; older field spellings (snake_case, `name`) are read too. */
export interface RegistryServer {
  name: string;
  version?: string;
  packages: { registryType: string; identifier: string; version?: string; fileSha256?: string }[];
  remotes: { type: string; url: string }[];
  repository?: { url: string; subfolder?: string };
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function s(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** Reads one server from a `ServerResponse` (`{server, _meta}`) or a bare `ServerDetail`. */
export function readRegistryServer(doc: unknown): RegistryServer | undefined {
  const top = obj(doc);
  const d = obj(top?.server) ?? top;
  const name = s(d?.name);
  if (!d || !name) return undefined;
  const packages: RegistryServer['packages'] = [];
  for (const p of Array.isArray(d.packages) ? d.packages : []) {
    const o = obj(p);
    const registryType = s(o?.registryType) ?? s(o?.registry_type) ?? s(o?.registry_name);
    const identifier = s(o?.identifier) ?? s(o?.name);
    if (!o || !registryType || !identifier) continue;
    const pkg: RegistryServer['packages'][number] = { registryType: registryType.toLowerCase(), identifier };
    const version = s(o.version);
    if (version) pkg.version = version;
    const sha = s(o.fileSha256) ?? s(o.file_sha256);
    if (sha) pkg.fileSha256 = sha.toLowerCase();
    packages.push(pkg);
  }
  const remotes: RegistryServer['remotes'] = [];
  for (const r of Array.isArray(d.remotes) ? d.remotes : []) {
    const o = obj(r);
    const url = s(o?.url);
    if (url) remotes.push({ type: s(o?.type) ?? s(o?.transport_type) ?? 'remote', url });
  }
  const out: RegistryServer = { name, packages, remotes };
  const version = s(d.version) ?? s(obj(d.version_detail)?.version);
  if (version) out.version = version;
  const repo = obj(d.repository);
  const repoUrl = s(repo?.url);
  if (repoUrl) out.repository = { url: repoUrl, ...(s(repo?.subfolder) ? { subfolder: s(repo?.subfolder)! } : {}) };
  return out;
}

function registryBase(ctx: AcquireContext): string {
  const raw = ctx.options.registryUrl ?? DEFAULT_MCP_REGISTRY;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new TargetError(`invalid MCP Registry URL "${raw}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TargetError(`MCP Registry URL must be http(s), got ${u.protocol}`);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

/**
 * Looks a server up: the versioned endpoint of API v0.1, then of v0, then a `search` listing filtered to the exact
 * name (registries that implement only the list endpoint).
 */
export async function lookupRegistryServer(t: RegistryTarget, ctx: AcquireContext): Promise<RegistryServer> {
  const base = registryBase(ctx);
  const http = ctx.http(8 * 1024 * 1024);
  const version = t.version ?? 'latest';
  const id = encodeURIComponent(t.id);
  for (const api of ['v0.1', 'v0']) {
    try {
      const server = readRegistryServer(await getJson(`${base}/${api}/servers/${id}/versions/${encodeURIComponent(version)}`, http));
      if (server && server.name === t.id) return server;
    } catch (e) {
      if (!(e instanceof TargetError) || e.code !== 'not-found') throw e;
    }
  }
  if (!t.version) {
    try {
      const list = obj(await getJson(`${base}/v0.1/servers?search=${id}&version=latest`, http));
      for (const entry of Array.isArray(list?.servers) ? list.servers : []) {
        const server = readRegistryServer(entry);
        if (server?.name === t.id) return server;
      }
    } catch (e) {
      if (!(e instanceof TargetError) || e.code !== 'not-found') throw e;
    }
  }
  throw new TargetError(`${t.id}${t.version ? `@${t.version}` : ''} was not found in the MCP Registry at ${displayUrl(base)}`, 'not-found');
}

/** Turns a registry package into a spec we parse like user input, so its fields get the same validation. */
function packageTarget(p: RegistryServer['packages'][number]): Target | undefined {
  try {
    switch (p.registryType) {
      case 'npm':
        return parseTarget(`npm:${p.identifier}${p.version ? `@${p.version}` : ''}`);
      case 'pypi':
        return parseTarget(`pypi:${p.identifier}${p.version ? `==${p.version}` : ''}`);
      case 'mcpb': {
        const u = new URL(p.identifier);
        if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
        return { kind: 'archive', input: p.identifier, format: 'zip', url: u.href, ...(p.fileSha256 && /^[0-9a-f]{64}$/.test(p.fileSha256) ? { sha256: p.fileSha256 } : {}) };
      }
      default:
        return undefined;
    }
  } catch (e) {
    if (e instanceof TargetSpecError || e instanceof TypeError) return undefined;
    throw e;
  }
}

export async function acquireRegistry(t: RegistryTarget, ctx: AcquireContext, acquirePart: (t: Target, ctx: AcquireContext) => Promise<AcquiredPart>): Promise<AcquiredPart> {
  const server = await lookupRegistryServer(t, ctx);
  const label = `${server.name}${server.version ? ` ${server.version}` : ''}`;
  const notes: string[] = [];
  const remotes = server.remotes.map((r) => `${r.type} ${displayUrl(r.url)}`);
  const unusable = server.packages.filter((p) => !packageTarget(p)).map((p) => `${p.registryType} ${p.identifier}`);

  const pkg = server.packages.map((p) => ({ p, target: packageTarget(p) })).find((x) => x.target);
  if (pkg?.target) {
    notes.push(`${label} resolved to ${pkg.p.registryType} package ${pkg.p.identifier}${pkg.p.version ? ` ${pkg.p.version}` : ''}`);
    if (unusable.length) notes.push(`not scanned (mcpvet does not read these package types): ${unusable.join(', ')}`);
    if (remotes.length) notes.push(`remote endpoints not probed (live probing is not part of a static scan): ${remotes.join(', ')}`);
    const part = await acquirePart(pkg.target, ctx);
    return { ...part, kind: pkg.target.kind, notes: [...notes, ...part.notes] };
  }

  const repo = server.repository ? tryGit(server.repository.url) : undefined;
  if (repo) {
    notes.push(`${label} publishes no npm or PyPI package; scanning its source repository ${displayUrl(repo.url)}`);
    if (remotes.length) notes.push(`remote endpoints not probed (live probing is not part of a static scan): ${remotes.join(', ')}`);
    const part = await acquirePart(repo, ctx);
    let root = part.root;
    const sub = server.repository?.subfolder;
    if (sub) {
      const candidate = path.join(part.root, ...sub.split('/'));
      if (isInside(part.root, candidate) && !sub.split('/').includes('..')) root = candidate;
      else notes.push(`ignored the repository subfolder "${sub}": it leaves the repository`);
    }
    return { ...part, root, kind: 'git', notes: [...notes, ...part.notes] };
  }

  if (remotes.length) {
    // Nothing to read statically: scan an empty folder so the report exists, and say why it is empty.
    const root = path.join(ctx.work, 'root');
    await mkdir(root, { mode: 0o700 });
    const problem = targetProblem(
      'error',
      `${label} is only published as a remote server (${remotes.join(', ')}); mcpvet scans code and does not probe live servers yet, so nothing was scanned`,
    );
    return { root, resolved: { name: server.name, ...(server.version ? { version: server.version } : {}) }, notes, problems: [problem], fromCache: false };
  }
  const what = unusable.length ? `only ${unusable.join(', ')} (docker images and other package types are not scanned)` : 'no package, repository or remote';
  throw new TargetError(`${label} has nothing mcpvet can scan: ${what}`, 'unsupported');
}

function tryGit(url: string): GitTarget | undefined {
  try {
    const t = parseTarget(url.startsWith('http') && !url.endsWith('.git') && !/github\.com|gitlab\.com|bitbucket\.org|codeberg\.org/.test(url) ? `git+${url}` : url);
    return t.kind === 'git' ? t : undefined;
  } catch {
    return undefined;
  }
}
