// scanLive(): a probed server in, a ScanResult out — the same rules, finalisation, fingerprints and score as scan().
import type { Inventory } from '../model/inventory.js';
import type { RuleMeta } from '../model/rule-meta.js';
import { SCHEMA_VERSION, type ScanError, type ScanErrorKind, type ScanResult } from '../model/scan-result.js';
import { spanToLocation } from '../model/location.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import { finalizeFindings, type PendingFinding } from '../engine/finalize-findings.js';
import { computeScore } from '../engine/score.js';
import { redactSnippet, snippetOf, splitLines } from '../engine/snippet.js';
import { VERSION } from '../engine/version.js';
import { findRule } from '../rule/find-rule.js';
import type { FileContext, ProjectContext, Rule, RuleOptions } from '../rule/rule.js';
import type { ProbeIssue } from './limits.js';
import { buildLiveDocument, type LiveDocument, type PendingDrift } from './live-inventory.js';
import { diffLocked, serverKey, type LockFile } from './lockfile.js';
import type { ProbeResult } from './probe.js';

export interface LiveScanOptions {
  /** The whole catalog; only rules that can read live data run (`meta.live`, or mode `live`). */
  rules: { rules: Rule[] };
  select?: string[];
  ignore?: string[];
  allRules?: boolean;
  /** Pinned surfaces to compare with (`--lock`). */
  lock?: LockFile;
  /** Fingerprints reported as suppressed. */
  baseline?: ReadonlySet<string>;
  baselineFile?: string;
  ruleOptions?: Record<string, RuleOptions>;
  severityOverrides?: ReadonlyMap<string, Severity>;
}

const ISSUE_KIND: Record<ProbeIssue['code'], ScanErrorKind> = {
  'sandbox-unavailable': 'target',
  'spawn-failed': 'target',
  'no-response': 'timeout',
  timeout: 'timeout',
  'output-limit': 'budget',
  'protocol-error': 'target',
  'server-exited': 'target',
  'out-of-memory': 'budget',
  'cpu-limit': 'budget',
  'process-limit': 'budget',
  'server-request-refused': 'target',
  'notification-flood': 'budget',
  truncated: 'budget',
  'limit-unavailable': 'config',
  'destination-not-allowed': 'target',
  'http-error': 'target',
  'connect-failed': 'target',
  'list-failed': 'target',
};

/** Rules that run on a live surface. */
export function liveRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => r.meta.live === true || r.meta.mode === 'live');
}

export function scanLive(probed: ProbeResult, options: LiveScanOptions): { result: ScanResult; document: LiveDocument } {
  const errors: ScanError[] = [];
  let drift: PendingDrift[] | undefined;
  if (options.lock) {
    if (probed.surface) drift = diffLocked(options.lock.servers[serverKey(probed.surface, probed.target)], probed.surface, probed.target);
    else errors.push({ kind: 'target', level: 'error', message: 'lock: the server surface could not be read, so it was not compared with the lock file' });
  }
  const document = buildLiveDocument({
    target: probed.target,
    transport: probed.transport,
    ...(probed.surface ? { surface: probed.surface } : {}),
    changes: probed.changes,
    relisted: probed.relisted,
    listChangedNotifications: probed.listChangedNotifications,
    ...(probed.posture ? { posture: probed.posture } : {}),
    ...(drift ? { drift, lockCompared: true } : {}),
    ...(languageGuess(probed) ? { language: languageGuess(probed)! } : {}),
  });
  const { doc, inventory, facts } = document;
  for (const issue of probed.issues) errors.push({ kind: ISSUE_KIND[issue.code], level: issue.level, path: doc.path, message: `${issue.code}: ${issue.message}` });

  const enabled = selectLiveRules(options, errors);
  const lines = splitLines(doc.text);
  const pending: PendingFinding[] = [];
  const linesOf = (p: string) => (p === doc.path ? lines : []);
  for (const rule of enabled) {
    const ruleOptions = options.ruleOptions?.[rule.meta.id] ?? rule.defaultOptions ?? {};
    try {
      const raws = [];
      if (rule.project) {
        const ctx: ProjectContext = { root: '.', inventory, files: [{ path: doc.path, language: 'json', bytes: Buffer.byteLength(doc.text) }], options: ruleOptions, lines: linesOf, flows: () => [], effects: () => [], live: facts };
        raws.push(...rule.project.detect(ctx));
      }
      if (rule.file && (!rule.file.requires || rule.file.requires.test(doc.text))) raws.push(...rule.file.detect(fileContext(doc.path, doc.text, lines, inventory, ruleOptions)).map((r) => ({ ...r, path: r.path ?? doc.path })));
      for (const raw of raws) {
        const location = spanToLocation(raw.path ?? doc.path, raw.span);
        pending.push({
          ruleId: rule.meta.id,
          location,
          snippet: redactSnippet(snippetOf(linesOf(location.path), location), raw.redact),
          ...(raw.data ? { data: raw.data } : {}),
          ...(raw.tool !== undefined ? { tool: raw.tool } : {}),
          ...(raw.trace ? { trace: raw.trace } : {}),
          ...(raw.related ? { related: raw.related } : {}),
          ...(raw.severity ? { severity: raw.severity } : {}),
          ...(raw.confidence ? { confidence: raw.confidence } : {}),
        });
      }
    } catch (e) {
      errors.push({ kind: 'rule', level: 'error', ruleId: rule.meta.id, message: `rule failed: ${(e as Error).message}` });
    }
  }
  const meta = new Map<string, RuleMeta>(enabled.map((r) => [r.meta.id, r.meta]));
  const { findings, suppressed } = finalizeFindings({
    pending,
    meta,
    severityOverrides: options.severityOverrides ?? new Map(),
    inline: new Map(),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.baselineFile ? { baselineFile: options.baselineFile } : {}),
  });
  errors.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const result: ScanResult = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'mcpvet', version: VERSION },
    target: { input: probed.target, kind: `live-${probed.transport}`, root: '.' },
    mode: 'fast',
    ruleIds: enabled.map((r) => r.meta.id).sort(),
    complete: !errors.some((e) => e.level === 'error'),
    findings,
    suppressed,
    errors,
    skipped: [],
    stats: {
      files: 1,
      bytes: Buffer.byteLength(doc.text),
      lines: lines.length,
      parsed: probed.surface ? 1 : 0,
      skipped: 0,
      rules: enabled.length,
      findings: findings.length,
      bySeverity,
      suppressed: { inline: 0, baseline: suppressed.length, config: 0 },
    },
    inventory,
    score: computeScore(findings),
    timing: { startedAt: new Date(Date.now() - probed.durationMs).toISOString(), durationMs: probed.durationMs, workers: 1 },
  };
  return { result, document };
}

function selectLiveRules(options: LiveScanOptions, errors: ScanError[]): Rule[] {
  const all = options.rules.rules;
  const live = new Set(liveRules(all));
  const resolve = (ref: string, where: string) => {
    const r = findRule(all, ref);
    if (!r) errors.push({ kind: 'config', level: 'warning', message: `unknown rule "${ref}" in ${where}` });
    else if (!live.has(r)) errors.push({ kind: 'config', level: 'warning', message: `rule ${r.meta.id} (${r.meta.slug}) reads source code and does not run on a live server` });
    return r;
  };
  const select = options.select?.length ? new Set(options.select.map((s) => resolve(s, '--rule')?.meta.id)) : undefined;
  const ignore = new Set((options.ignore ?? []).map((s) => findRule(all, s)?.meta.id));
  return [...live].filter((r) => {
    if (select) return select.has(r.meta.id);
    if (ignore.has(r.meta.id)) return false;
    return r.meta.status !== 'deprecated' && (r.meta.enabledByDefault !== false || options.allRules === true);
  });
}

/** File rules marked live see the document as a JSON file without a syntax tree: only their inventory checks apply. */
function fileContext(path: string, text: string, lines: readonly string[], inventory: Inventory, options: RuleOptions): FileContext {
  const server = inventory.servers[0];
  return {
    path,
    language: 'json',
    text,
    lines,
    ...(server
      ? { inventory: { path, language: server.language, sdkImports: [], servers: inventory.servers, orphans: [], auth: [], metadataRoutes: [], transports: [] } }
      : {}),
    options,
    matches: () => [],
    imports: () => new Map(),
    assignments: () => new Map(),
    calls: () => [],
  };
}

/** The protocol does not say what a server is written in; the command that starts it usually does. */
function languageGuess(p: ProbeResult): 'python' | 'typescript' | 'go' | undefined {
  if (p.transport !== 'stdio') return undefined;
  const exe = p.target.split(/\s+/)[0]!.split('/').pop()!;
  if (/^(python[\d.]*|uv|uvx|pipx|poetry)$/.test(exe)) return 'python';
  if (/^(node|npx|tsx|bun|bunx|deno|pnpm|yarn)$/.test(exe)) return 'typescript';
  return undefined;
}
