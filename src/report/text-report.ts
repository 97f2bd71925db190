// Text reporter for terminals: findings with code frames, severity counts, and what was skipped and why.
import type { Finding } from '../model/finding.js';
import type { ScanResult } from '../model/scan-result.js';
import { SEVERITIES, type Severity } from '../model/severity.js';
import type { RenderOptions } from './render.js';
import { countsLine, findingGroups, serverLabel, sourceLine } from './server-groups.js';

const SEVERITY_COLOR: Record<Severity, string> = { critical: '\x1b[1;31m', high: '\x1b[31m', medium: '\x1b[33m', low: '\x1b[36m', info: '\x1b[2m' };
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';

export function renderText(result: ScanResult, options: Pick<RenderOptions, 'color'>): string {
  const c = (code: string, s: string) => (options.color ? `${code}${s}${RESET}` : s);
  const out: string[] = [];
  const inv = result.inventory;
  out.push(c(BOLD, `mcpvet ${result.tool.version} — ${sanitize(result.target.input)} (${result.mode} scan)`));
  const resolvedLine = describeResolution(result.target);
  if (resolvedLine) out.push(`resolved: ${sanitize(resolvedLine)}`);
  for (const note of result.target.resolved?.notes ?? []) out.push(c(DIM, `  ${sanitize(note)}`));
  // A scan of client configs reads configs, not server code: whether it found a server is not the question.
  if (result.servers) {
    // Files now count the servers' code too: the number of configs comes from the servers they configure.
    const configs = new Set(result.servers.map((s) => s.config)).size;
    out.push(`${configs} MCP client config file(s) with ${result.servers.length} server(s); ${result.stats.files} file(s) scanned in all`);
  } else if (result.target.kind === 'client-config') out.push(`${result.stats.files} MCP client config file(s)`);
  else if (!inv.isMcpServer) out.push('not an MCP server: no MCP SDK import, server construction or SDK dependency was found');
  else {
    const tools = inv.servers.reduce((n, s) => n + s.tools.length, 0);
    out.push(`${inv.servers.length} MCP server(s), ${tools} tool(s)`);
  }
  out.push('');
  if (result.servers) out.push(...serverSections(result, c));
  else for (const f of result.findings) out.push(...findingBlock(f, c), '');
  const counts = SEVERITIES.map((s) => `${result.stats.bySeverity[s]} ${s}`).join(', ');
  out.push(c(BOLD, `${result.findings.length} finding(s): ${counts}`));
  const sup = result.stats.suppressed;
  out.push(`suppressed: ${sup.inline} inline, ${sup.baseline} baseline, ${sup.config} config`);
  out.push(result.servers ? `overall score ${result.score.score}/100, grade ${result.score.grade} (over the findings of every server and config)` : `score ${result.score.score}/100, grade ${result.score.grade}`);
  out.push(`${result.stats.files} file(s), ${result.stats.lines} line(s), ${result.stats.rules} rule(s)`);
  if (result.skipped.length) {
    out.push('', `skipped ${result.skipped.length} path(s):`);
    for (const s of result.skipped) out.push(`  ${sanitize(s.path)}: ${s.reason} (${sanitize(s.detail)})`);
  }
  if (result.errors.length) {
    out.push('', `${result.errors.length} error(s)/warning(s):`);
    for (const e of result.errors) out.push(`  ${e.level} ${e.kind}${e.ruleId ? ` ${e.ruleId}` : ''}${e.path ? ` ${sanitize(e.path)}${e.line ? `:${e.line}` : ''}` : ''}: ${sanitize(e.message)}`);
  }
  if (!result.complete) out.push('', c(SEVERITY_COLOR.high, 'scan incomplete: see errors above'));
  return `${out.join('\n')}\n`;
}

/** A client-config scan with --resolve: a summary line per server, then each server's findings under its heading. */
function serverSections(result: ScanResult, c: (code: string, s: string) => string): string[] {
  const servers = result.servers ?? [];
  const out = [c(BOLD, `${servers.length} configured server(s), ${servers.filter((s) => s.status === 'scanned').length} scanned:`)];
  for (const s of servers) {
    const status = s.status === 'scanned' ? `grade ${s.score.grade} (${s.score.score}/100), ${countsLine(s.counts)}` : `not scanned: ${s.reason ?? 'unknown reason'}`;
    out.push(`  ${sanitize(serverLabel(s))} (${sanitize(s.config)}): ${sanitize(sourceLine(s))} — ${sanitize(status)}`);
  }
  out.push('');
  for (const g of findingGroups(result)) {
    const s = g.server;
    if (s) {
      const grade = `grade ${s.score.grade} (${s.score.score}/100)`;
      const what = s.status === 'scanned' ? `${sourceLine(s)}, ${grade}` : `${sourceLine(s)}, not scanned (${s.reason ?? 'unknown reason'}); config checks only: ${grade}`;
      out.push(c(BOLD, `== server ${sanitize(serverLabel(s))} in ${sanitize(s.config)}: ${sanitize(what)}`));
      if (s.status === 'scanned' && s.reason) out.push(c(DIM, `   ${sanitize(s.reason)}`));
    } else out.push(c(BOLD, '== config findings of no single server'));
    for (const f of g.findings) out.push(...findingBlock(f, c), '');
    if (g.sharedWith.length) out.push(c(DIM, `   same code as ${g.sharedWith.map(sanitize).join(', ')}: those findings are listed there`), '');
    if (!g.findings.length && !g.sharedWith.length) out.push(c(DIM, '   no findings'), '');
  }
  return out;
}

function findingBlock(f: Finding, c: (code: string, s: string) => string): string[] {
  const loc = `${sanitize(f.location.path)}:${f.location.startLine}:${f.location.startColumn}`;
  const lines = [
    `${c(SEVERITY_COLOR[f.severity], f.severity.toUpperCase())} ${f.ruleId} ${f.slug} ${c(DIM, loc)}`,
    `  ${sanitize(f.message)}${f.tool ? c(DIM, ` [tool ${sanitize(f.tool)}]`) : ''}`,
  ];
  const width = String(f.location.startLine + f.snippet.split('\n').length).length;
  f.snippet.split('\n').forEach((l, i) => lines.push(c(DIM, `  ${String(f.location.startLine + i).padStart(width)} | `) + sanitize(l)));
  for (const step of f.trace ?? []) lines.push(c(DIM, `    → ${sanitize(step.location.path)}:${step.location.startLine} ${sanitize(step.label)}`));
  return lines;
}

/** Scanned text is untrusted: control characters (ANSI escapes included) are shown escaped, never sent to the terminal. */
export function sanitize(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\u{e0000}-\u{e007f}]/gu, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/** One line saying what a package, repository or archive target resolved to; undefined for local targets. */
export function describeResolution(target: ScanResult['target']): string | undefined {
  const r = target.resolved;
  if (!r) return undefined;
  const parts: string[] = [];
  if (r.name) parts.push(r.version ? `${r.name}@${r.version}` : r.name);
  else if (r.version) parts.push(r.version);
  if (r.file) parts.push(r.file);
  if (r.url && !r.name) parts.push(r.url);
  if (r.ref && r.commit) parts.push(`${r.ref} = commit ${r.commit}`);
  else if (r.commit) parts.push(`commit ${r.commit}`);
  if (r.integrity) parts.push(r.integrity);
  else if (r.sha256) parts.push(`sha256 ${r.sha256}`);
  return parts.length ? `${target.kind} ${parts.join(', ')}` : undefined;
}
