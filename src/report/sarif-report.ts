// SARIF 2.1.0 reporter: one run for GitHub code scanning and other SARIF viewers, built as a pure function of the result.
import type * as Sarif from 'sarif';
import type { Finding } from '../model/finding.js';
import type { Location } from '../model/location.js';
import type { RuleMeta } from '../model/rule-meta.js';
import type { ScanResult } from '../model/scan-result.js';
import { serversByFinding } from './server-groups.js';
import { severityRank, type Severity } from '../model/severity.js';
import type { RenderOptions } from './render.js';
import { DOCS_BASE_URL, ruleDocUrl } from './rule-page.js';
import { sanitize } from './text-report.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/mcpvet/mcpvet';
/** `partialFingerprints` key under which our own fingerprint travels; the version follows the fingerprint format. */
export const FINGERPRINT_KEY = 'mcpvet/v1';
/** Every path is relative to the scanned root, which SARIF consumers resolve (GitHub: the checkout). */
export const SRCROOT = '%SRCROOT%';

/**
 * The one table from severity to GitHub's numeric `security-severity` (a string holding 0.0–10.0). GitHub
 * buckets it as critical > 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9, so each value sits inside its bucket.
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '0.0' };

/** SARIF has three result levels; critical and high both block, low and info are advisory. */
export const SARIF_LEVEL: Readonly<Record<Severity, Sarif.Result.level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/**
 * GitHub code scanning limits (docs.github.com, "SARIF results exceed limit"): a run with more than 25,000 results,
 * a result with more than 10,000 thread flow locations or 1,000 locations, or a rule with more than 20 tags is
 * rejected outright (only 5,000 results, 1,000 flow steps, 100 locations and 10 tags are displayed). The upload
 * itself must stay under 10 MB gzipped. We truncate to the hard limits and say so in a notification.
 */
export const GITHUB_LIMITS = { resultsPerRun: 25_000, threadFlowLocationsPerResult: 10_000, locationsPerResult: 1_000, tagsPerRule: 20 } as const;

export interface SarifOptions {
  /** Results beyond this many are dropped, least severe first (default: GitHub's hard limit). */
  maxResults?: number;
}

export function renderSarif(result: ScanResult, options: Pick<RenderOptions, 'rules'> & SarifOptions): string {
  return `${JSON.stringify(buildSarif(result, options), null, 2)}\n`;
}

export function buildSarif(result: ScanResult, options: Pick<RenderOptions, 'rules'> & SarifOptions): Sarif.Log {
  const maxResults = options.maxResults ?? GITHUB_LIMITS.resultsPerRun;
  const all = [...result.findings, ...result.suppressed];
  const rules = ruleDescriptors(result, options.rules, all);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const kept = keepMostSevere(all, maxResults);
  const owners = result.servers ? serversByFinding(result) : undefined;
  const results = kept.map((f) => toResult(f, ruleIndex.get(f.ruleId)!, owners?.get(f.fingerprint)));

  const notifications: Sarif.Notification[] = [];
  if (kept.length < all.length) {
    notifications.push({
      level: 'warning',
      message: { text: `${all.length - kept.length} of ${all.length} results were left out to stay within ${maxResults} results per run (GitHub code scanning's limit); the most severe were kept` },
      properties: { kind: 'truncated' },
    });
  }
  for (const e of result.errors) {
    const n: Sarif.Notification = { level: e.level, message: { text: sanitize(`${e.kind}: ${e.message}`) }, properties: { kind: e.kind } };
    if (e.path) n.locations = [{ physicalLocation: physical(e.path, e.line ? { startLine: e.line } : undefined) }];
    if (e.ruleId) {
      const index = ruleIndex.get(e.ruleId);
      n.associatedRule = index === undefined ? { id: e.ruleId } : { id: e.ruleId, index };
    }
    notifications.push(n);
  }
  for (const s of result.skipped) {
    notifications.push({
      level: 'note',
      message: { text: sanitize(`skipped ${s.path}: ${s.reason} (${s.detail})`) },
      locations: [{ physicalLocation: physical(s.path) }],
      properties: { kind: 'skipped', reason: s.reason },
    });
  }

  const invocation: Sarif.Invocation = { executionSuccessful: result.complete, toolExecutionNotifications: notifications };
  if (result.timing) {
    const start = Date.parse(result.timing.startedAt);
    if (Number.isFinite(start)) {
      invocation.startTimeUtc = new Date(start).toISOString();
      invocation.endTimeUtc = new Date(start + Math.max(0, Math.round(result.timing.durationMs))).toISOString();
    }
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mcpvet',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [invocation],
        columnKind: 'utf16CodeUnits',
        results,
        properties: {
          score: result.score.score,
          grade: result.score.grade,
          mode: result.mode,
          ...(result.servers ? { servers: result.servers.map((s) => ({ name: s.name, config: s.config, ...(s.project !== undefined ? { project: s.project } : {}), status: s.status, score: s.score.score, grade: s.score.grade })) } : {}),
        },
      },
    ],
  };
}

/** One descriptor per rule that ran (plus any rule a finding names), sorted by id so indexes are stable. */
function ruleDescriptors(result: ScanResult, metas: readonly RuleMeta[], findings: readonly Finding[]): Sarif.ReportingDescriptor[] {
  const byId = new Map(metas.map((m) => [m.id, m]));
  const ids = new Set(result.ruleIds);
  for (const f of findings) ids.add(f.ruleId);
  return [...ids].sort().map((id) => {
    const meta = byId.get(id);
    return meta ? describeRule(meta) : describeUnknownRule(id, findings.find((f) => f.ruleId === id));
  });
}

function describeRule(meta: RuleMeta): Sarif.ReportingDescriptor {
  const d = meta.docs;
  const refsText = d.references.map((r) => `- ${r.title}: ${r.url}`).join('\n');
  const refsMd = d.references.map((r) => `- [${r.title}](${r.url})`).join('\n');
  return {
    id: meta.id,
    name: meta.slug,
    shortDescription: { text: meta.title },
    fullDescription: { text: d.summary },
    help: {
      text: `${d.summary}\n\nWhy it matters for MCP:\n${d.risk}\n\nHow mcpvet detects it:\n${d.detection}\n\nHow to fix it:\n${d.fix}\n\nReferences:\n${refsText}`,
      markdown: `${d.summary}\n\n## Why it matters for MCP\n\n${d.risk}\n\n## How mcpvet detects it\n\n${d.detection}\n\n## How to fix it\n\n${d.fix}\n\n## References\n\n${refsMd}`,
    },
    helpUri: ruleDocUrl(meta),
    defaultConfiguration: { level: SARIF_LEVEL[meta.severity] },
    properties: {
      tags: ruleTags(meta.cwe, meta.owaspMcp, meta.aliases),
      'security-severity': SECURITY_SEVERITY[meta.severity],
      precision: meta.confidence,
      category: meta.category,
    },
  };
}

/** The reporter was not given this rule's metadata (a library caller's choice): describe it from a finding. */
function describeUnknownRule(id: string, sample: Finding | undefined): Sarif.ReportingDescriptor {
  const title = sample?.title ?? id;
  const severity = sample?.severity ?? 'medium';
  const d: Sarif.ReportingDescriptor = {
    id,
    name: sample?.slug ?? id,
    shortDescription: { text: title },
    fullDescription: { text: title },
    help: { text: `${title}. See the rule's documentation page for details.` },
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
    properties: { tags: ruleTags(sample?.cwe ?? [], [], sample?.aliases ?? []), 'security-severity': SECURITY_SEVERITY[severity] },
  };
  if (sample) d.helpUri = `${DOCS_BASE_URL}/${encodeURIComponent(sample.slug)}.md`;
  return d;
}

/** Most useful first, because GitHub shows only the first ten: `security` (which enables security-severity), CWEs, OWASP MCP ids, aliases. */
function ruleTags(cwe: readonly string[], owasp: readonly string[], aliases: readonly string[]): string[] {
  const tags = ['security', ...cwe.map(cweTag), ...owasp.map((o) => `owasp-mcp/${o.toLowerCase()}`), ...aliases];
  return [...new Set(tags)].slice(0, GITHUB_LIMITS.tagsPerRule);
}

/** `CWE-78` → `external/cwe/cwe-078`, the form GitHub and CodeQL use. */
export function cweTag(cwe: string): string {
  const n = /^CWE-(\d+)$/i.exec(cwe)?.[1];
  return n ? `external/cwe/cwe-${n.padStart(3, '0')}` : `external/cwe/${cwe.toLowerCase()}`;
}

/** Keeps the `max` most severe findings, in their original (location) order. */
function keepMostSevere(findings: readonly Finding[], max: number): Finding[] {
  if (findings.length <= max) return [...findings];
  const order = findings.map((f, i) => i).sort((a, b) => severityRank(findings[b]!.severity) - severityRank(findings[a]!.severity) || a - b);
  const keep = new Set(order.slice(0, Math.max(0, max)));
  return findings.filter((_, i) => keep.has(i));
}

/** `servers`: the configured servers the finding belongs to, in a client-config scan with --resolve. */
function toResult(f: Finding, ruleIndex: number, servers?: readonly string[]): Sarif.Result {
  const r: Sarif.Result = {
    ruleId: f.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[f.severity],
    message: { text: sarifText(f.message) },
    locations: [{ physicalLocation: physical(f.location.path, region(f.location)) }],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
  };
  if (f.trace?.length) {
    const steps = f.trace.slice(0, GITHUB_LIMITS.threadFlowLocationsPerResult);
    r.codeFlows = [
      {
        threadFlows: [
          {
            locations: steps.map((s, i) => ({
              location: { physicalLocation: physical(s.location.path, region(s.location)), message: { text: sarifText(s.label) } },
              executionOrder: i + 1,
            })),
          },
        ],
      },
    ];
  }
  if (f.related?.length) {
    r.relatedLocations = f.related.slice(0, GITHUB_LIMITS.locationsPerResult).map((rel, i) => ({
      id: i + 1,
      physicalLocation: physical(rel.location.path, region(rel.location)),
      message: { text: sarifText(rel.message) },
    }));
  }
  if (f.suppression) {
    const s: Sarif.Suppression = { kind: f.suppression.kind === 'inline' ? 'inSource' : 'external' };
    if (f.suppression.justification !== undefined) s.justification = sanitize(f.suppression.justification);
    r.suppressions = [s];
  }
  const props: Sarif.PropertyBag = { severity: f.severity, confidence: f.confidence, 'security-severity': SECURITY_SEVERITY[f.severity], aliases: f.aliases };
  if (f.tool !== undefined) props.tool = f.tool;
  if (servers?.length) props.server = servers.join(', ');
  r.properties = props;
  return r;
}

function physical(path: string, reg?: Sarif.Region): Sarif.PhysicalLocation {
  const p: Sarif.PhysicalLocation = { artifactLocation: { uri: pathToUri(path), uriBaseId: SRCROOT } };
  if (reg) p.region = reg;
  return p;
}

/** Our locations are already 1-based with an exclusive end column, exactly SARIF's convention; only clamp nonsense. */
function region(loc: Location): Sarif.Region {
  const startLine = Math.max(1, loc.startLine);
  const startColumn = Math.max(1, loc.startColumn);
  const endLine = Math.max(startLine, loc.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, loc.endColumn) : Math.max(1, loc.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/**
 * Scanned text inside a SARIF message. Viewers turn `[text](target)` in plain-text messages into links (SARIF
 * 2.1.0 §3.11.6), so a hostile tool name or description could plant one; such brackets are escaped as the spec
 * says. Other brackets (`list[str]`) are left alone because not every viewer removes the backslashes.
 */
export function sarifText(s: string): string {
  return sanitize(s).replace(/\[([^[\]]*)\]\(/g, '\\[$1\\](');
}

/** A relative path as a URI reference: every segment percent-encoded, so `#`, `?`, `%`, spaces and `:` stay path characters. */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
