// Markdown reporter for pull-request comments: counts, a findings table and collapsible details, compact and escaped.
import type { Finding } from '../model/finding.js';
import type { RuleMeta } from '../model/rule-meta.js';
import type { ScanResult, ServerReport } from '../model/scan-result.js';
import { SEVERITIES, severityRank } from '../model/severity.js';
import { escapeHtml } from './html-report.js';
import type { RenderOptions } from './render.js';
import { DOCS_BASE_URL, ruleDocUrl } from './rule-page.js';
import { countsLine, serverLabel, serversByFinding, sourceLine } from './server-groups.js';
import { describeResolution, sanitize } from './text-report.js';

export interface MarkdownOptions {
  /** Findings listed in the table and the details (default 100); the rest are counted in an "…and N more" line. */
  maxFindings?: number;
  /**
   * Stop adding `<details>` blocks once the comment reaches this many characters (default 60,000), leaving room
   * under GitHub's 65,536-character limit for comments.
   */
  maxChars?: number;
}

const DEFAULT_MAX_FINDINGS = 100;
const DEFAULT_MAX_CHARS = 60_000;

export function renderMarkdown(result: ScanResult, options: Pick<RenderOptions, 'rules'> & MarkdownOptions): string {
  const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const metas = new Map(options.rules.map((m) => [m.id, m]));
  const s = result.stats;
  const out: string[] = [];

  const headline = result.findings.length ? `${result.findings.length} finding(s)` : 'no findings';
  const scoreLabel = result.servers ? 'overall score' : 'score';
  out.push(`### mcpvet: ${headline} · ${scoreLabel} ${result.score.score}/100 (grade ${result.score.grade})`, '');
  out.push(`Scanned ${mdText(result.target.input)} (${result.mode} scan, ${s.files} file(s), ${s.rules} rule(s), mcpvet ${mdText(result.tool.version)}).`, '');
  const resolved = describeResolution(result.target);
  if (resolved) out.push(`Resolved to ${mdText(resolved)}.`, '');
  if (!result.inventory.isMcpServer && result.target.kind !== 'client-config') out.push('**Not an MCP server**: no MCP SDK import, server construction or SDK dependency was found.', '');
  if (!result.complete) out.push('**The scan is incomplete**: part of it failed, so findings may be missing. See the errors below.', '');

  const suppressed = s.suppressed.inline + s.suppressed.baseline + s.suppressed.config;
  const errors = result.errors.filter((e) => e.level === 'error').length;
  const warnings = result.errors.length - errors;
  out.push(`| ${[...SEVERITIES, 'suppressed', 'skipped', 'errors', 'warnings'].join(' | ')} |`);
  out.push(`| ${Array(SEVERITIES.length + 4).fill('---:').join(' | ')} |`);
  out.push(`| ${[...SEVERITIES.map((sev) => s.bySeverity[sev]), suppressed, result.skipped.length, errors, warnings].join(' | ')} |`, '');

  if (result.servers) out.push(...serverTable(result.servers));

  // Most severe first, so that the cap drops the least important findings; ties keep report (location) order.
  const ordered = result.findings.map((f, i) => [f, i] as const).sort((a, b) => severityRank(b[0].severity) - severityRank(a[0].severity) || a[1] - b[1]);
  const shown = ordered.slice(0, Math.max(0, maxFindings)).map(([f]) => f);
  if (shown.length) {
    const owners = result.servers ? serversByFinding(result) : undefined;
    if (owners) out.push('| server | severity | rule | location | message |', '| --- | --- | --- | --- | --- |');
    else out.push('| severity | rule | location | message |', '| --- | --- | --- | --- |');
    for (const f of shown) {
      const server = owners ? `| ${mdText((owners.get(f.fingerprint) ?? ['(config)']).join(', '))} ` : '';
      out.push(`${server}| **${f.severity}** | [${f.ruleId}](${docUrl(f, metas)}) ${mdText(f.slug)} | ${mdCode(`${f.location.path}:${f.location.startLine}`, true)} | ${mdText(f.message)} |`);
    }
    out.push('');
    const rest = result.findings.length - shown.length;
    if (rest > 0) out.push(`…and ${rest} more finding(s) not listed here; see the full report (\`mcpvet scan --format html\` or \`--format sarif\`).`, '');

    let size = out.join('\n').length;
    let omitted = 0;
    for (const f of shown) {
      const block = detailsBlock(f, metas);
      if (size + block.length > maxChars) {
        omitted++;
        continue;
      }
      out.push(block);
      size += block.length + 1;
    }
    if (omitted) out.push(`Details of ${omitted} finding(s) were left out to keep this comment short.`, '');
  }

  if (result.skipped.length || result.errors.length) {
    const reasons = countBy(result.skipped.map((k) => k.reason));
    const kinds = countBy(result.errors.map((e) => `${e.level} ${e.kind}`));
    const parts: string[] = [];
    if (result.skipped.length) parts.push(`${result.skipped.length} path(s) skipped (${reasons})`);
    if (result.errors.length) parts.push(`${result.errors.length} error(s)/warning(s) (${kinds})`);
    out.push(`${parts.join('; ')}.`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** One row per configured server: where it is configured, what it runs, whether it was scanned, its own grade. */
function serverTable(servers: readonly ServerReport[]): string[] {
  const out = ['| server | config | source | status | grade | findings |', '| --- | --- | --- | --- | ---: | --- |'];
  for (const s of servers) {
    const status = s.status === 'scanned' ? `scanned${s.reason ? ` (${s.reason})` : ''}` : `not scanned: ${s.reason ?? 'unknown reason'}`;
    out.push(`| ${mdText(serverLabel(s))} | ${mdCode(s.config, true)} | ${mdCode(sourceLine(s), true)} | ${mdText(status)} | ${s.score.grade} (${s.score.score}) | ${mdText(countsLine(s.counts))} |`);
  }
  out.push('', 'The overall score counts the findings of every server and config together, so it is never better than the worst server.', '');
  return out;
}

function detailsBlock(f: Finding, metas: ReadonlyMap<string, RuleMeta>): string {
  const out: string[] = [];
  const summary = `${f.severity} ${f.ruleId} ${f.slug} at ${f.location.path}:${f.location.startLine}`;
  out.push('<details>', `<summary>${htmlText(summary)}</summary>`, '');
  out.push(mdText(f.message, true), '');
  const facts = [`confidence ${f.confidence}`];
  if (f.tool !== undefined) facts.push(`tool ${mdCode(f.tool)}`);
  if (f.cwe.length) facts.push(f.cwe.join(', '));
  facts.push(`[rule documentation](${docUrl(f, metas)})`);
  out.push(facts.join(' · '), '');
  if (f.snippet) {
    const numbered = f.snippet.split('\n').map((l, i) => `${String(f.location.startLine + i).padStart(4)} | ${sanitize(l)}`).join('\n');
    const fence = '`'.repeat(Math.max(3, longestRun(numbered, '`') + 1));
    out.push(fence, numbered, fence, '');
  }
  if (f.trace?.length) {
    out.push('Data flow:', '');
    f.trace.forEach((step, i) => out.push(`${i + 1}. ${mdCode(`${step.location.path}:${step.location.startLine}`)} ${mdText(step.label)}`));
    out.push('');
  }
  if (f.related?.length) {
    out.push('Related:', '');
    for (const r of f.related) out.push(`- ${mdCode(`${r.location.path}:${r.location.startLine}`)} ${mdText(r.message)}`);
    out.push('');
  }
  out.push('</details>', '');
  return out.join('\n');
}

function docUrl(f: Finding, metas: ReadonlyMap<string, RuleMeta>): string {
  const meta = metas.get(f.ruleId);
  return meta ? ruleDocUrl(meta) : `${DOCS_BASE_URL}/${encodeURIComponent(f.slug)}.md`;
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `${n} ${k}`).join(', ');
}

/** Characters with inline meaning anywhere (emphasis, code, links, images, HTML, entities, tables, strikethrough). */
const MD_SPECIAL = /[\\`*_{}[\]()#!|~<>&]/g;
/** Characters that only mean something at the start of a line (lists, headings, block quotes, setext underlines). */
const MD_LINE_START = /^(?:[-+=]|\d+[.)])/;
/** Zero-width space: breaks `@user` mentions and `#123` references without changing what a reader sees. */
const ZWSP = '\u200b';

/**
 * Untrusted text as inline Markdown: one trimmed line (four leading spaces would start a code block), every
 * Markdown/HTML special character backslash-escaped (so no links, images, tags, table breaks or list markers), and `@`/`#` followed by a word character defused so a scanned file cannot
 * notify people or link issues from a PR comment.
 */
export function mdText(s: string, atLineStart = false): string {
  let escaped = oneLine(sanitize(s)).trim().replace(MD_SPECIAL, (ch) => `\\${ch}`);
  if (atLineStart) escaped = escaped.replace(MD_LINE_START, (lead: string) => lead.replace(/^(\d*)(.)$/, '$1\\$2'));
  return defuseMentions(escaped);
}

/**
 * Untrusted text as a code span: backticks cannot close it early. In a table cell `|` must be escaped even inside
 * a code span, because GFM splits the row before it parses inlines; elsewhere the backslash would show.
 */
export function mdCode(s: string, inTable = false): string {
  const flat = oneLine(sanitize(s));
  const text = inTable ? flat.replace(/\|/g, '\\|') : flat;
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Untrusted text inside raw HTML (the `<summary>` line), where Markdown is not parsed. */
function htmlText(s: string): string {
  return defuseMentions(escapeHtml(oneLine(s)));
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ');
}

function defuseMentions(s: string): string {
  return s.replace(/([@#])(?=\w)/g, `$1${ZWSP}`);
}

function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    run = c === ch ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}
