// Scans MCP client configs: the one named, the project configs of a folder, or every config found on this machine.
import { access, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClientConfigFile, ConfiguredServer, LaunchPackage, ResolvedServer, ResolvedTool } from '../model/client-config.js';
import type { Finding } from '../model/finding.js';
import type { Inventory } from '../model/inventory.js';
import type { Location } from '../model/location.js';
import type { ScanError, ScanResult, ServerReport, SkippedFile } from '../model/scan-result.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { currentEnvironment, discoverConfigs, knownConfigPaths, projectConfigPaths, type ConfigEnvironment, type KnownConfigPath } from '../mcp/client-config/discover-configs.js';
import { identifyClient } from '../mcp/client-config/identify-client.js';
import { parseClientConfig } from '../mcp/client-config/parse-client-config.js';
import { readBaseline } from './baseline.js';
import { assignFingerprints, compareFindings } from './finalize-findings.js';
import { downloadedTargetOptions, scan, ScanInputError, type ScanOptions } from './scan.js';
import { computeScore } from './score.js';
import { serverSource, type ServerSource } from './server-source.js';

/** Scans a configured server's package and returns its tools; throws with a readable message when it cannot. */
export type ServerResolver = (pkg: LaunchPackage) => Promise<{ source: string; tools: ResolvedTool[] }>;

/** A package fetched into a private folder: the part of `acquire()`'s answer a server scan needs. */
export interface FetchedPackage {
  root: string;
  input: string;
  resolved: { name?: string; version?: string };
  /** Limit hits and dropped entries while unpacking. */
  problems: ScanError[];
  /** Published artifacts keep their `dist/`/`build/` folders (the code that runs). */
  published: boolean;
  dispose(): Promise<void>;
}

/** Fetches a package spec (`npm:pkg@1.2.3`, `pypi:pkg==1.2`, `npm:pkg` for the latest) into a local folder. */
export type PackageFetcher = (spec: string) => Promise<FetchedPackage>;

export interface ConfigScanOptions extends Omit<ScanOptions, 'target' | 'files' | 'resolvedServers'> {
  /** A config file, or a folder whose project configs (`.mcp.json`, `.vscode/mcp.json`…) are scanned. Absent: discover. */
  path?: string;
  /** Where discovery looks (platform, home, environment, project folder); defaults to this process. */
  environment?: ConfigEnvironment;
  /** Scans each enabled stdio server's npm or PyPI package for its tools (`--resolve`). */
  resolve?: ServerResolver;
  /**
   * `--resolve` in the CLI: resolve every configured server to its code (npm/PyPI package through this fetcher, or a
   * local script or folder), scan it with the rules, and group the result by server (`ScanResult.servers`).
   * Takes precedence over `resolve`.
   */
  scanServers?: PackageFetcher;
}

/** Rules that compare servers by their tools, named in the note when tools are missing. */
const CROSS_SERVER_RULES = 'MV8007 duplicate-tool-across-servers and MV8008 toxic-server-combination';

export async function scanClientConfigs(options: ConfigScanOptions): Promise<ScanResult> {
  const started = Date.now();
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
  const servers = options.scanServers ? await scanServers(configs, target, options, options.scanServers, notes) : undefined;
  const resolvedServers = servers ? servers.resolved : options.resolve ? await resolveAll(configs, options.resolve, notes) : [];
  notes.push(...crossServerNote(configs, resolvedServers, options.resolve !== undefined || servers !== undefined));

  const { path: _path, environment: _env, resolve: _resolve, scanServers: _scanServers, ...scanOptions } = options;
  const result = await scan({ ...scanOptions, target, input, targetKind: 'client-config', files, resolvedServers });
  result.errors.push(...notes);
  if (notes.some((n) => n.level === 'error')) result.complete = false;
  return servers ? await groupByServer(result, servers, options.baseline, started) : result;
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
  const how = resolving ? 'the others were not scanned or expose no tools' : 'run with --resolve to scan their packages';
  return [{ kind: 'config', level: 'warning', message: `${CROSS_SERVER_RULES} know the tools of ${known} of ${active.length} configured servers (${how})` }];
}

/** One configured server on its way into the report: what it runs, and the scan of that code once there is one. */
interface ServerPlan {
  config: ClientConfigFile;
  server: ConfiguredServer;
  source: ServerSource;
  scanned?: CodeScan;
  /** Why it was not scanned, or what to know about what was (an unpinned version). */
  reason?: string;
}

/** The scan of one server's code, shared by every server that runs the same package version or folder. */
interface CodeScan {
  /** `servers/<name>/`: prefixed to every path of this scan so the one findings list says whose file it is. */
  prefix: string;
  result: ScanResult;
  /** What was scanned, for the cross-server rules' `source`. */
  input: string;
  version?: string;
}

interface ServerScans {
  plans: ServerPlan[];
  resolved: ResolvedServer[];
}

/** Manifests whose folder is the server's project: a script beside one (or one folder up) is scanned with its project. */
const PROJECT_MANIFESTS = ['package.json', 'pyproject.toml', 'setup.py', 'requirements.txt'];

async function scanServers(configs: readonly ClientConfigFile[], baseDir: string, options: ConfigScanOptions, fetch: PackageFetcher, notes: ScanError[]): Promise<ServerScans> {
  const plans: ServerPlan[] = [];
  const resolved: ResolvedServer[] = [];
  const byCode = new Map<string, Promise<CodeScan | { failed: string }>>();
  const prefixes = new Set<string>();
  // One at a time, in config order: prefixes and the report come out the same on every run.
  for (const config of configs) {
    for (const server of config.servers) {
      const source = serverSource(server, baseDir);
      const plan: ServerPlan = { config, server, source };
      plans.push(plan);
      if (server.disabled) {
        plan.reason = 'disabled in the config';
        continue;
      }
      if (!source.scannable) {
        plan.reason = source.reason;
        continue;
      }
      // A script and the folder it belongs to are the same code: keyed by the folder that is scanned.
      const local = source.kind === 'local' ? await localRoot(source.path).catch((e: Error) => ({ failed: e.message })) : undefined;
      const key = local === undefined ? source.spec : typeof local === 'string' ? `local:${local}` : undefined;
      let pending = key === undefined ? undefined : byCode.get(key);
      if (!pending) {
        pending =
          typeof local === 'object'
            ? Promise.resolve(local)
            : scanCode(source, local, uniquePrefix(server.name, prefixes), options, fetch).catch((e: Error) => ({ failed: e.message }));
        if (key !== undefined) byCode.set(key, pending);
      }
      const r = await pending;
      if ('failed' in r) {
        plan.reason = `fetch or scan failed: ${r.failed}`;
        notes.push({ kind: 'target', level: 'warning', path: config.path, message: `server "${server.name}": ${source.spec} could not be scanned: ${r.failed}` });
        continue;
      }
      plan.scanned = r;
      if (source.kind !== 'local' && !source.pkg.pinned) {
        plan.reason = `not pinned (${source.pkg.version ?? 'no version'}): scanned ${r.version ?? 'the version the registry resolved'}, which may not be what the client runs next time`;
      }
      resolved.push({ configPath: config.path, server: server.name, source: r.input, tools: toolsOf(r.result.inventory) });
    }
  }
  return { plans, resolved };
}

/** `servers/<name>/`, made unique when two configs use one name for different code. */
function uniquePrefix(name: string, taken: Set<string>): string {
  const safe = name.replace(/[\\/\0-\x1f]/g, '_').replace(/^\.+$/, '_') || '_';
  let prefix = `servers/${safe}/`;
  for (let n = 2; taken.has(prefix); n++) prefix = `servers/${safe}~${n}/`;
  taken.add(prefix);
  return prefix;
}

/** What to scan for a local script or folder: the folder itself, or the script's project (see `scriptRoot`). */
async function localRoot(target: string): Promise<string> {
  const st = await stat(target).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`${target} cannot be read (${e.code ?? e.message})`);
  });
  return st.isDirectory() ? target : scriptRoot(target);
}

async function scanCode(source: Extract<ServerSource, { scannable: true }>, localRoot: string | undefined, prefix: string, options: ConfigScanOptions, fetch: PackageFetcher): Promise<CodeScan> {
  const base = {
    mode: options.mode,
    rules: options.rules,
    select: options.select,
    ignore: options.ignore,
    allRules: options.allRules,
    exclude: options.exclude,
    workers: options.workers,
    limits: options.limits,
  };
  if (source.kind === 'local') {
    const root = localRoot ?? source.path;
    // A folder on this machine is the user's own code: its .mcpvet.json and inline comments count, as in a local scan.
    const result = await scan({ ...base, target: root, input: source.spec, targetKind: 'local', config: options.config });
    return { prefix, result, input: root };
  }
  const fetched = await fetch(source.spec);
  try {
    // As for any downloaded target: the package can neither hide files nor silence findings about itself.
    const result = await scan({
      ...base,
      target: fetched.root,
      input: fetched.input,
      targetKind: source.kind,
      config: options.config ?? false,
      ...downloadedTargetOptions(fetched.published),
    });
    result.errors.push(...fetched.problems);
    const version = fetched.resolved.version;
    return { prefix, result, input: `${source.kind}:${fetched.resolved.name ?? source.pkg.name}${version ? `@${version}` : ''}`, ...(version ? { version } : {}) };
  } finally {
    await fetched.dispose();
  }
}

/** The project a script belongs to (its folder or the one above, when either has a manifest), else the script alone. */
async function scriptRoot(file: string): Promise<string> {
  const dir = path.dirname(file);
  for (const candidate of [dir, path.dirname(dir)]) {
    for (const m of PROJECT_MANIFESTS) {
      if (await access(path.join(candidate, m)).then(() => true, () => false)) return candidate;
    }
  }
  return file;
}

/** Tools of a scanned package, as the cross-server rules read them. */
export function toolsOf(inv: Inventory): ResolvedTool[] {
  const out: ResolvedTool[] = [];
  for (const server of inv.servers) {
    for (const t of server.tools) {
      if (!t.nameResolved) continue;
      const tool: ResolvedTool = { name: t.name };
      if (t.description?.value) tool.description = t.description.value;
      if (t.annotations?.readOnlyHint !== undefined) tool.readOnlyHint = t.annotations.readOnlyHint;
      if (t.annotations?.destructiveHint !== undefined) tool.destructiveHint = t.annotations.destructiveHint;
      if (t.annotations?.openWorldHint !== undefined) tool.openWorldHint = t.annotations.openWorldHint;
      out.push(tool);
    }
  }
  return out;
}

/** Folds each server's code scan into the config scan: one findings list, paths under `servers/<name>/`, a report per server. */
async function groupByServer(result: ScanResult, scans: ServerScans, baselineFile: string | undefined, startedAt: number): Promise<ScanResult> {
  const unique = [...new Set(scans.plans.map((p) => p.scanned).filter((s): s is CodeScan => s !== undefined))];
  const pkgFindings: Finding[] = [];
  const pkgSuppressed: Finding[] = [];
  const errors: ScanError[] = [...result.errors];
  const skipped: SkippedFile[] = [...result.skipped];
  const ruleIds = new Set(result.ruleIds);
  const stats = structuredClone(result.stats);
  let complete = result.complete;
  for (const s of unique) {
    const r = s.result;
    pkgFindings.push(...r.findings.map((f) => prefixFinding(f, s.prefix)));
    pkgSuppressed.push(...r.suppressed.map((f) => prefixFinding(f, s.prefix)));
    for (const e of r.errors) {
      // Rule-selection warnings (`unknown rule "X"`) come from every scan alike: the config scan's copy is enough.
      if (!e.path && result.errors.some((c) => !c.path && c.kind === e.kind && c.message === e.message)) continue;
      errors.push({ ...e, path: e.path ? s.prefix + e.path : s.prefix.slice(0, -1) });
    }
    for (const k of r.skipped) skipped.push({ ...k, path: s.prefix + k.path });
    for (const id of r.ruleIds) ruleIds.add(id);
    stats.files += r.stats.files;
    stats.bytes += r.stats.bytes;
    stats.lines += r.stats.lines;
    stats.parsed += r.stats.parsed;
    stats.suppressed.inline += r.stats.suppressed.inline;
    complete &&= r.complete && !r.errors.some((e) => e.level === 'error');
  }
  // Fingerprints hash the path: recompute them for the prefixed paths, so the same file of two packages stays apart.
  const all = [...pkgFindings, ...pkgSuppressed].sort(compareFindings);
  assignFingerprints(all);
  const baseline = baselineFile ? await readBaseline(path.resolve(baselineFile)) : undefined;
  const findings = [...result.findings];
  const suppressed = [...result.suppressed, ...pkgSuppressed];
  for (const f of pkgFindings) {
    if (baseline?.has(f.fingerprint)) {
      suppressed.push({ ...f, suppression: { kind: 'baseline', justification: baselineFile } });
      stats.suppressed.baseline++;
    } else findings.push(f);
  }
  findings.sort(compareFindings);
  suppressed.sort(compareFindings);
  stats.findings = findings.length;
  stats.bySeverity = countBySeverity(findings);
  stats.skipped = skipped.length;
  stats.rules = ruleIds.size;

  const owner = configFindingOwners(result.findings, scans.plans);
  const servers: ServerReport[] = scans.plans.map((plan) => {
    const own = findings.filter((f) => owner.get(f) === plan || (plan.scanned !== undefined && f.location.path.startsWith(plan.scanned.prefix)));
    const report: ServerReport = {
      name: plan.server.name,
      config: plan.config.path,
      ...(plan.server.project !== undefined ? { project: plan.server.project } : {}),
      source: { kind: plan.source.kind, spec: plan.source.spec, ...(plan.scanned?.version ? { version: plan.scanned.version } : {}) },
      status: plan.scanned ? 'scanned' : 'not-scanned',
      score: computeScore(own),
      counts: countBySeverity(own),
      findingIds: own.map((f) => f.fingerprint),
    };
    if (plan.reason) report.reason = plan.reason;
    if (plan.scanned) report.pathPrefix = plan.scanned.prefix;
    return report;
  });

  return {
    ...result,
    ruleIds: [...ruleIds].sort(),
    complete,
    findings,
    suppressed,
    errors,
    skipped,
    stats,
    // Over every finding: never better than the worst server (adding findings can only lower a score).
    score: computeScore(findings),
    servers,
    ...(result.timing ? { timing: { ...result.timing, startedAt: new Date(startedAt).toISOString(), durationMs: Date.now() - startedAt } } : {}),
  };
}

function prefixFinding(f: Finding, prefix: string): Finding {
  const at = (l: Location): Location => ({ ...l, path: prefix + l.path });
  const out: Finding = { ...f, location: at(f.location) };
  if (f.trace) out.trace = f.trace.map((t) => ({ ...t, location: at(t.location) }));
  if (f.related) out.related = f.related.map((r) => ({ ...r, location: at(r.location) }));
  return out;
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/**
 * The server each config finding is about: the innermost server entry whose lines (its key to its last value)
 * contain the finding. Findings outside every entry belong to the config as a whole and only count overall.
 */
function configFindingOwners(findings: readonly Finding[], plans: readonly ServerPlan[]): Map<Finding, ServerPlan> {
  const extents = plans.map((plan) => {
    const s = plan.server;
    const values = [s.command, ...s.args, ...Object.values(s.env), ...Object.values(s.headers), s.url, s.cwd, ...s.declaredTools].filter((v) => v !== undefined);
    const end = Math.max(s.location.endLine, ...values.map((v) => v.location.endLine), ...values.map((v) => v.keyLocation?.endLine ?? 0));
    return { plan, path: plan.config.path, start: s.location.startLine, end };
  });
  const owners = new Map<Finding, ServerPlan>();
  for (const f of findings) {
    let best: (typeof extents)[number] | undefined;
    for (const e of extents) {
      if (e.path !== f.location.path || f.location.startLine < e.start || f.location.startLine > e.end) continue;
      if (!best || e.start > best.start) best = e;
    }
    if (best) owners.set(f, best.plan);
  }
  return owners;
}
