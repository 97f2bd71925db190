// Turns detector output into findings: metadata, messages, severity overrides, fingerprints, suppressions, order.
import { createHash } from 'node:crypto';
import type { Finding, Suppression, TraceStep } from '../model/finding.js';
import { compareLocations, type Location } from '../model/location.js';
import type { RuleMeta } from '../model/rule-meta.js';
import { severityRank, type Confidence, type Severity } from '../model/severity.js';
import { covers, type InlineSuppression } from './inline-suppressions.js';

export interface PendingFinding {
  ruleId: string;
  location: Location;
  snippet: string;
  data?: Record<string, string | number>;
  tool?: string;
  trace?: TraceStep[];
  related?: { location: Location; message: string }[];
  severity?: Severity;
  confidence?: Confidence;
}

export interface FinalizeInput {
  pending: readonly PendingFinding[];
  meta: ReadonlyMap<string, RuleMeta>;
  severityOverrides: ReadonlyMap<string, Severity>;
  inline: ReadonlyMap<string, readonly InlineSuppression[]>;
  baseline?: ReadonlySet<string>;
  baselineFile?: string;
}

export function finalizeFindings(input: FinalizeInput): { findings: Finding[]; suppressed: Finding[] } {
  const built: Finding[] = [];
  for (const p of input.pending) {
    const meta = input.meta.get(p.ruleId);
    if (!meta) continue;
    const f: Finding = {
      ruleId: meta.id,
      slug: meta.slug,
      title: meta.title,
      severity: input.severityOverrides.get(meta.id) ?? p.severity ?? meta.severity,
      confidence: p.confidence ?? meta.confidence,
      cwe: meta.cwe,
      aliases: meta.aliases,
      message: formatMessage(meta.message, p.data),
      location: p.location,
      snippet: p.snippet,
      fingerprint: '',
    };
    if (p.tool !== undefined) f.tool = p.tool;
    if (p.trace?.length) f.trace = p.trace;
    if (p.related?.length) f.related = p.related;
    built.push(f);
  }
  dropSuperseded(built, input.meta);
  built.sort(compareFindings);
  assignFingerprints(built);

  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of built) {
    const s = suppressionFor(f, input);
    if (s) suppressed.push({ ...f, suppression: s });
    else findings.push(f);
  }
  return { findings, suppressed };
}

function suppressionFor(f: Finding, input: FinalizeInput): Suppression | undefined {
  const refs = [f.ruleId, f.slug, ...f.aliases];
  const marker = input.inline.get(f.location.path)?.find((s) => covers(s, f.location.startLine, refs));
  if (marker) return { kind: 'inline', justification: marker.reason ?? marker.text };
  if (input.baseline?.has(f.fingerprint)) return { kind: 'baseline', justification: input.baselineFile };
  return undefined;
}

/** `{name}` placeholders from data; unknown placeholders are left visible rather than silently dropped. */
export function formatMessage(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (data && key in data ? String(data[key]) : all));
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareLocations(a.location, b.location) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/**
 * v1 fingerprint: rule + path + the finding's code with all whitespace removed + the occurrence index among
 * findings with the same three. Line numbers are not part of it, so inserting lines above keeps it stable.
 */
export function assignFingerprints(sorted: Finding[]): void {
  const seen = new Map<string, number>();
  for (const f of sorted) {
    const code = f.snippet.replace(/\s+/g, '');
    const key = `${f.ruleId}\0${f.location.path}\0${code}`;
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    const digest = createHash('sha256').update(`${key}\0${index}`).digest('hex').slice(0, 32);
    f.fingerprint = `v1:${digest}`;
  }
}

/** Removes fast findings that a deep rule reports on the same line with a trace (`meta.supersedes`). */
function dropSuperseded(findings: Finding[], meta: ReadonlyMap<string, RuleMeta>): void {
  const covered = new Set<string>();
  for (const f of findings) {
    for (const id of meta.get(f.ruleId)?.supersedes ?? []) covered.add(`${id}\0${f.location.path}\0${f.location.startLine}`);
  }
  if (!covered.size) return;
  for (let i = findings.length - 1; i >= 0; i--) {
    const f = findings[i]!;
    if (covered.has(`${f.ruleId}\0${f.location.path}\0${f.location.startLine}`)) findings.splice(i, 1);
  }
}
