// scan(): a local folder or file in, a complete ScanResult out. The CLI, the library and the service all call this.
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ClientConfigFile, ResolvedServer } from '../model/client-config.js';
import type { FileInventory, ManifestInfo } from '../model/inventory.js';
import { spanToLocation } from '../model/location.js';
import type { RuleMeta } from '../model/rule-meta.js';
import { SCHEMA_VERSION, type ScanError, type ScanResult, type ScanStats } from '../model/scan-result.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { mergeInventory } from '../mcp/merge-inventory.js';
import { CONCEPT_TABLES } from '../flow/concept-tables.js';
import type { FileFlow } from '../flow/ir.js';
import type { GoModule } from '../flow/program-index.js';
import { solve } from '../flow/solve.js';
import type { SolveResult } from '../flow/taint.js';
import { seedsFromInventory } from './taint-seeds.js';
import type { FileSummary, ProjectContext, Rule, RuleOptions } from '../rule/rule.js';
import { findRules } from '../rule/find-rule.js';
import { expandBundles } from '../source/bundles.js';
import { DEFAULT_EXCLUDES, discover, givenFiles, type SourceFile } from '../source/discover.js';
import { normalizeSourceText } from '../source/load-source.js';
import type { InlineSuppression } from './inline-suppressions.js';
import { finalizeFindings, type PendingFinding } from './finalize-findings.js';
import { readBaseline } from './baseline.js';
import { findProjectConfig, readProjectConfig, type ProjectConfig } from './project-config.js';
import { runFiles } from './run-files.js';
import { computeScore } from './score.js';
import { redactSnippet, snippetOf, splitLines } from './snippet.js';
import { VERSION } from './version.js';

export interface ScanLimits {
  maxFileBytes: number;
  parseTimeoutMs: number;
  ruleTimeoutMs: number;
  /** Wall clock for one file in a worker (parse + rules) before the worker is replaced. */
  fileTimeoutMs: number;
  /** Raised limit for bundled JavaScript: its own modules, a bundle without module markers, a recovered source. */
  maxBundleBytes: number;
  maxSourceMapBytes: number;
}

export const DEFAULT_LIMITS: ScanLimits = {
  maxFileBytes: 1_000_000,
  parseTimeoutMs: 10_000,
  ruleTimeoutMs: 10_000,
  fileTimeoutMs: 30_000,
  maxBundleBytes: 8_000_000,
  maxSourceMapBytes: 50_000_000,
};

export interface ScanOptions {
  /** Local folder or file. */
  target: string;
  /** How the user named the target (a package spec, URL…); defaults to `target`. */
  input?: string;
  targetKind?: string;
  mode?: 'fast' | 'deep';
  /** The rules to run; the engine never imports a rule by name. */
  rules: { rules: Rule[]; module?: string };
  /** Rule ids, slugs or aliases to run exclusively. */
  select?: string[];
  /** Rule ids, slugs or aliases to leave out. */
  ignore?: string[];
  /** Also run rules that are off by default (`enabledByDefault: false`, heuristic checks). */
  allRules?: boolean;
  /** A config object, a path to a config file, or false to ignore `.mcpvet.json`. Default: look in the target. */
  config?: ProjectConfig | string | false;
  /** Path of a baseline file whose findings are reported as suppressed. */
  baseline?: string;
  exclude?: string[];
  /** Worker threads; 1 runs in-process. Default: both cores when there is enough work. */
  workers?: number;
  limits?: Partial<ScanLimits>;
  /** Folder names never walked into (default DEFAULT_EXCLUDES); published packages keep `dist/` and `build/`. */
  defaultExcludes?: string[];
  /** Honour `.gitignore`/`.mcpvetignore` found in the target (default true; false for downloaded targets). */
  ignoreFiles?: boolean;
  /**
   * Honour `mcpvet-ignore`/`nosem` comments in the scanned code (default true). Off for downloaded targets: a package
   * must not be able to silence the findings about itself.
   */
  inlineSuppressions?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Scan exactly these files instead of walking `target` (client configs found across the home folder). `path` is
   * how reports name the file (`~/.cursor/mcp.json`); `target` still decides where a project config is looked for.
   */
  files?: { path: string; absPath: string; clientConfig?: SourceFile['clientConfig'] }[];
  /** Tool inventories of configured servers, for the rules that compare servers (see `--resolve`). */
  resolvedServers?: ResolvedServer[];
}

/**
 * How to walk a downloaded target: a published package keeps its build-output folders (they hold the code that
 * runs), and nothing downloaded may hide its own files through ignore files or its findings through inline comments.
 */
export function downloadedTargetOptions(published: boolean): Pick<ScanOptions, 'defaultExcludes' | 'ignoreFiles' | 'inlineSuppressions'> {
  const buildOutput = new Set(['dist', 'build', 'out']);
  return { ignoreFiles: false, inlineSuppressions: false, ...(published ? { defaultExcludes: DEFAULT_EXCLUDES.filter((d) => !buildOutput.has(d)) } : {}) };
}

/** Below this many bytes, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 2_000_000;

export class ScanInputError extends Error {}

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const errors: ScanError[] = [];

  let targetAbs: string;
  try {
    targetAbs = path.resolve(options.target);
    await readFile(targetAbs).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EISDIR') throw e;
    });
  } catch (e) {
    throw new ScanInputError(`cannot read target ${options.target}: ${(e as Error).message}`);
  }

  const config = await loadConfig(options, targetAbs);
  const mode = options.mode ?? config.mode ?? 'fast';
  const { enabled, severityOverrides, ruleOptions, configErrors } = selectRules(options, config, mode);
  errors.push(...configErrors);

  const discovery = options.files
    ? await givenFiles(targetAbs, options.files, limits.maxFileBytes)
    : await expandBundles(
        await discover(targetAbs, {
          maxFileBytes: limits.maxFileBytes,
          exclude: [...(config.exclude ?? []), ...(options.exclude ?? [])],
          defaultExcludes: options.defaultExcludes ?? DEFAULT_EXCLUDES,
          ignoreFiles: options.ignoreFiles,
        }),
        limits,
      );
  errors.push(...discovery.errors);

  const totalBytes = discovery.files.reduce((n, f) => n + f.size, 0);
  const workers = options.workers ?? (totalBytes >= PARALLEL_MIN_BYTES ? Math.max(1, Math.min(cpus().length, 4)) : 1);
  const fileRules = enabled.filter((r) => r.file);
  const results = await runFiles({
    files: discovery.files,
    rules: fileRules,
    catalogModule: options.rules.module,
    ruleOptions,
    limits,
    workers,
    deep: mode === 'deep',
    onFileDone: options.onProgress,
  });

  const skipped = [...discovery.skipped];
  const pending: PendingFinding[] = [];
  const inline = new Map<string, InlineSuppression[]>();
  const fileInventories: FileInventory[] = [];
  const manifests: ManifestInfo[] = [];
  const fileFlows: FileFlow[] = [];
  const clientConfigs: ClientConfigFile[] = [];
  const summaries: FileSummary[] = [];
  let lines = 0;
  let bytes = 0;
  let parsed = 0;
  for (const r of results) {
    errors.push(...r.errors);
    if (r.skipped) {
      skipped.push(r.skipped);
      continue;
    }
    // A file that was never analysed is not counted as scanned, whether it was abandoned by a worker (no lines) or
    // read in-process and then timed out in the parser (lines, but no tree).
    if (r.errors.some((e) => e.level === 'error' && (e.kind === 'read' || e.kind === 'timeout' || e.kind === 'internal')) && !r.parsed) continue;
    summaries.push({ path: r.path, language: r.language, bytes: r.bytes });
    lines += r.lines;
    bytes += r.bytes;
    if (r.parsed) parsed++;
    pending.push(...r.findings);
    if (r.suppressions.length && options.inlineSuppressions !== false) inline.set(r.path, r.suppressions);
    if (r.inventory) fileInventories.push(r.inventory);
    if (r.manifest) manifests.push(r.manifest);
    if (r.clientConfig) clientConfigs.push(r.clientConfig);
    if (r.flow) fileFlows.push(r.flow);
  }

  const inventory = mergeInventory(fileInventories, manifests);
  const lineCache = new Map<string, string[]>();
  // Named files keep their display path (`~/.cursor/mcp.json`); their text is read from where they really are.
  const absOf = new Map(options.files ? discovery.files.map((f) => [f.path, f.absPath]) : []);
  // Sources recovered from a source map exist only in memory.
  const textOf = new Map(discovery.files.flatMap((f) => (f.text !== undefined ? [[f.path, f.text] as const] : [])));
  const linesOf = (rel: string): string[] => {
    let l = lineCache.get(rel);
    if (!l) {
      try {
        // Project findings are rare; re-reading their files here is cheaper than shipping every file's text back.
        // Synchronous because detectors are synchronous.
        const text = textOf.get(rel) ?? readFileSync(absOf.get(rel) ?? path.join(discovery.root, ...rel.split('/')), 'utf8');
        l = splitLines(normalizeSourceText(text));
      } catch {
        l = [];
      }
      lineCache.set(rel, l);
    }
    return l;
  };
  let solved: Pick<SolveResult, 'flows' | 'effects'> | undefined;
  const deepResult = (): Pick<SolveResult, 'flows' | 'effects'> => {
    if (solved) return solved;
    if (mode !== 'deep') return (solved = { flows: [], effects: [] });
    const r = solve({ files: fileFlows, tables: CONCEPT_TABLES, seeds: seedsFromInventory(inventory), goModules: goModulesOf(manifests) });
    for (const l of r.limits) errors.push({ kind: 'budget', level: 'warning', ...(l.path ? { path: l.path } : {}), message: l.message });
    return (solved = r);
  };
  for (const rule of enabled) {
    if (!rule.project) continue;
    const ctx: ProjectContext = {
      root: discovery.root,
      inventory,
      files: summaries,
      options: ruleOptions[rule.meta.id] ?? rule.defaultOptions ?? {},
      clientConfigs,
      resolvedServers: options.resolvedServers ?? [],
      lines: linesOf,
      flows: () => deepResult().flows,
      effects: () => deepResult().effects,
    };
    try {
      for (const raw of rule.project.detect(ctx)) {
        if (!raw.path) throw new Error('project finding without a path');
        const location = spanToLocation(raw.path, raw.span);
        pending.push({
          ruleId: rule.meta.id,
          location,
          snippet: redactSnippet(snippetOf(linesOf(raw.path), location), raw.redact),
          data: raw.data,
          tool: raw.tool,
          trace: raw.trace,
          related: raw.related,
          severity: raw.severity,
          confidence: raw.confidence,
        });
      }
    } catch (e) {
      errors.push({ kind: 'rule', level: 'error', ruleId: rule.meta.id, message: `rule failed: ${(e as Error).message}` });
    }
  }

  let baseline: Set<string> | undefined;
  const baselineFile = options.baseline ?? config.baseline;
  if (baselineFile) baseline = await readBaseline(path.resolve(baselineFile));

  const meta = new Map<string, RuleMeta>(enabled.map((r) => [r.meta.id, r.meta]));
  const { findings, suppressed } = finalizeFindings({ pending, meta, severityOverrides, inline, baseline, baselineFile });

  errors.sort((a, b) => cmp(a.path ?? '', b.path ?? '') || (a.line ?? 0) - (b.line ?? 0) || cmp(a.ruleId ?? '', b.ruleId ?? '') || cmp(a.message, b.message));
  skipped.sort((a, b) => cmp(a.path, b.path));

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const stats: ScanStats = {
    files: summaries.length,
    bytes,
    lines,
    parsed,
    skipped: skipped.length,
    rules: enabled.length,
    findings: findings.length,
    bySeverity,
    suppressed: {
      inline: suppressed.filter((f) => f.suppression?.kind === 'inline').length,
      baseline: suppressed.filter((f) => f.suppression?.kind === 'baseline').length,
      config: 0,
    },
  };

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'mcpvet', version: VERSION },
    target: { input: options.input ?? options.target, kind: options.targetKind ?? 'local', root: '.' },
    mode,
    ruleIds: enabled.map((r) => r.meta.id).sort(),
    complete: !errors.some((e) => e.level === 'error'),
    findings,
    suppressed,
    errors,
    skipped,
    stats,
    inventory,
    score: computeScore(findings),
    timing: { startedAt, durationMs: Date.now() - started, workers },
  };
}

async function loadConfig(options: ScanOptions, targetAbs: string): Promise<ProjectConfig> {
  if (options.config === false) return {};
  if (typeof options.config === 'object') return options.config;
  if (typeof options.config === 'string') return readProjectConfig(options.config);
  const dir = await readFile(targetAbs).then(() => path.dirname(targetAbs), () => targetAbs);
  const found = await findProjectConfig(dir);
  return found ? readProjectConfig(found) : {};
}

interface Selection {
  enabled: Rule[];
  severityOverrides: Map<string, Severity>;
  ruleOptions: Record<string, RuleOptions>;
  configErrors: ScanError[];
}

function selectRules(options: ScanOptions, config: ProjectConfig, mode: 'fast' | 'deep'): Selection {
  const all = options.rules.rules;
  const configErrors: ScanError[] = [];
  const resolve = (ref: string, where: string): Rule[] => {
    const found = findRules(all, ref);
    if (!found.length) configErrors.push({ kind: 'config', level: 'warning', message: `unknown rule "${ref}" in ${where}` });
    return found;
  };
  const select = options.select?.length ? new Set(options.select.flatMap((s) => resolve(s, '--rule').map((r) => r.meta.id))) : undefined;
  const ignore = new Set((options.ignore ?? []).flatMap((s) => resolve(s, '--skip-rule').map((r) => r.meta.id)));
  const severityOverrides = new Map<string, Severity>();
  const ruleOptions: Record<string, RuleOptions> = {};
  const configOff = new Set<string>();
  const configOn = new Set<string>();
  for (const [ref, setting] of Object.entries(config.rules ?? {})) {
    for (const rule of resolve(ref, 'config "rules"')) {
    if (setting === 'off' || (typeof setting === 'object' && setting.enabled === false)) configOff.add(rule.meta.id);
    if (setting === 'on' || (typeof setting === 'object' && setting.enabled === true)) configOn.add(rule.meta.id);
    if (typeof setting === 'object') {
      if (setting.severity) severityOverrides.set(rule.meta.id, setting.severity);
      if (setting.options) ruleOptions[rule.meta.id] = { ...rule.defaultOptions, ...setting.options };
    }
    }
  }
  const modes = mode === 'deep' ? new Set(['fast', 'deep']) : new Set(['fast']);
  const enabled = all.filter((r) => {
    const id = r.meta.id;
    if (select) return select.has(id);
    if (ignore.has(id) || configOff.has(id)) return false;
    if (configOn.has(id)) return true;
    return modes.has(r.meta.mode) && r.meta.status !== 'deprecated' && (r.meta.enabledByDefault !== false || options.allRules === true);
  });
  for (const r of enabled) ruleOptions[r.meta.id] ??= r.defaultOptions ?? {};
  return { enabled, severityOverrides, ruleOptions, configErrors };
}

/** go.mod files as module roots, so the solver can map import paths to project folders. */
function goModulesOf(manifests: readonly ManifestInfo[]): GoModule[] {
  return manifests
    .filter((m) => m.kind === 'go.mod' && m.name)
    .map((m) => ({ dir: m.path.includes('/') ? m.path.slice(0, m.path.lastIndexOf('/')) : '', module: m.name! }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
