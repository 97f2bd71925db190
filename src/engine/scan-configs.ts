// Scans MCP client configs: the one named, the project configs of a folder, or every config found on this machine.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClientConfigFile, LaunchPackage, ResolvedServer, ResolvedTool } from '../model/client-config.js';
import type { ScanError, ScanResult } from '../model/scan-result.js';
import { currentEnvironment, discoverConfigs, knownConfigPaths, projectConfigPaths, type ConfigEnvironment, type KnownConfigPath } from '../mcp/client-config/discover-configs.js';
import { identifyClient } from '../mcp/client-config/identify-client.js';
import { parseClientConfig } from '../mcp/client-config/parse-client-config.js';
import { scan, ScanInputError, type ScanOptions } from './scan.js';

/** Scans a configured server's package and returns its tools; throws with a readable message when it cannot. */
export type ServerResolver = (pkg: LaunchPackage) => Promise<{ source: string; tools: ResolvedTool[] }>;

export interface ConfigScanOptions extends Omit<ScanOptions, 'target' | 'files' | 'resolvedServers'> {
  /** A config file, or a folder whose project configs (`.mcp.json`, `.vscode/mcp.json`…) are scanned. Absent: discover. */
  path?: string;
  /** Where discovery looks (platform, home, environment, project folder); defaults to this process. */
  environment?: ConfigEnvironment;
  /** Scans each enabled stdio server's npm or PyPI package for its tools (`--resolve`). */
  resolve?: ServerResolver;
}

/** Rules that compare servers by their tools, named in the note when tools are missing. */
const CROSS_SERVER_RULES = 'MV8007 duplicate-tool-across-servers and MV8008 toxic-server-combination';

export async function scanClientConfigs(options: ConfigScanOptions): Promise<ScanResult> {
  const env = options.environment ?? currentEnvironment();
  const notes: ScanError[] = [];
  let target: string;
  let files: NonNullable<ScanOptions['files']>;
  let input: string;
  if (options.path !== undefined) {
    const abs = path.resolve(env.cwd, options.path);
    const st = await stat(abs).catch((e: NodeJS.ErrnoException) => {
      throw new ScanInputError(`cannot read client config ${options.path}: ${e.code ?? e.message}`);
    });
    input = options.path;
    if (st.isDirectory()) {
      target = abs;
      const found = await discoverConfigs(projectConfigPaths({ ...env, cwd: abs }));
      files = found.found.map((k) => ({ path: k.display, absPath: k.path, clientConfig: { client: k.client } }));
      notes.push(...problems(found.problems));
      if (!files.length) notes.push({ kind: 'config', level: 'warning', message: `no MCP client config found in ${options.path} (looked for ${found.checked} project config paths)` });
    } else {
      target = path.dirname(abs);
      const guess = identifyClient(abs);
      files = [{ path: path.basename(abs), absPath: abs, clientConfig: guess ? { client: guess.client } : {} }];
    }
  } else {
    target = env.cwd;
    input = 'client configs';
    const candidates = knownConfigPaths(env);
    const found = await discoverConfigs(candidates);
    files = found.found.map((k: KnownConfigPath) => ({ path: k.display, absPath: k.path, clientConfig: { client: k.client } }));
    notes.push(...problems(found.problems));
    if (!files.length) notes.push({ kind: 'config', level: 'warning', message: `no MCP client config found (looked at ${found.checked} known paths)` });
  }

  // Read once here too: --resolve needs the servers before the scan, and the note on cross-server rules needs counts.
  const configs: ClientConfigFile[] = [];
  for (const f of files) {
    const text = await readFile(f.absPath, 'utf8').catch(() => undefined);
    const parsed = text === undefined ? undefined : parseClientConfig(f.path, text, { force: true, client: f.clientConfig?.client });
    if (parsed) configs.push(parsed);
  }
  const resolvedServers = options.resolve ? await resolveAll(configs, options.resolve, notes) : [];
  notes.push(...crossServerNote(configs, resolvedServers, options.resolve !== undefined));

  const { path: _path, environment: _env, resolve: _resolve, ...scanOptions } = options;
  const result = await scan({ ...scanOptions, target, input, targetKind: 'client-config', files, resolvedServers });
  result.errors.push(...notes);
  if (notes.some((n) => n.level === 'error')) result.complete = false;
  return result;
}

function problems(list: { display: string; message: string }[]): ScanError[] {
  return list.map((p) => ({ kind: 'config', level: 'error', path: p.display, message: p.message }));
}

async function resolveAll(configs: readonly ClientConfigFile[], resolve: ServerResolver, notes: ScanError[]): Promise<ResolvedServer[]> {
  const out: ResolvedServer[] = [];
  // One scan per package version, however many configs name it.
  const cache = new Map<string, Promise<{ source: string; tools: ResolvedTool[] }>>();
  for (const config of configs) {
    for (const server of config.servers) {
      const pkg = server.launch?.package;
      if (server.disabled || !pkg) continue;
      if (pkg.ecosystem === 'docker') {
        notes.push({ kind: 'target', level: 'warning', path: config.path, message: `server "${server.name}": docker image ${pkg.name} not scanned (images are not resolved)` });
        continue;
      }
      const key = `${pkg.ecosystem}:${pkg.name}@${pkg.version ?? ''}`;
      let pending = cache.get(key);
      if (!pending) {
        pending = resolve(pkg);
        cache.set(key, pending);
      }
      try {
        const r = await pending;
        out.push({ configPath: config.path, server: server.name, source: r.source, tools: r.tools });
      } catch (e) {
        notes.push({ kind: 'target', level: 'warning', path: config.path, message: `server "${server.name}": ${key} could not be scanned: ${(e as Error).message}` });
      }
    }
  }
  return out;
}

/** Says how much the cross-server rules could see, so a quiet result is not mistaken for a clean one. */
function crossServerNote(configs: readonly ClientConfigFile[], resolved: readonly ResolvedServer[], resolving: boolean): ScanError[] {
  const active = configs.flatMap((c) => c.servers.filter((s) => !s.disabled).map((s) => ({ c, s })));
  if (active.length < 2) return [];
  const known = active.filter(({ c, s }) => s.declaredTools.length > 0 || resolved.some((r) => r.configPath === c.path && r.server === s.name && r.tools.length)).length;
  if (known === active.length) return [];
  const how = resolving ? 'their packages could not be scanned or expose no tools' : 'run with --resolve to scan their packages';
  return [{ kind: 'config', level: 'warning', message: `${CROSS_SERVER_RULES} know the tools of ${known} of ${active.length} configured servers (${how})` }];
}
