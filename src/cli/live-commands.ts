// The live-probe side of the command line: `scan --live`, `probe` and `pin` translate flags into probe options.
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { atLeast, type Severity } from '../model/severity.js';
import { render, type Format } from '../report/render.js';
import { builtinRules } from '../rules/index.js';
import { readBaseline } from '../engine/baseline.js';
import type { ProbeOptions, ProbeResult, ProbeTarget } from '../probe/probe.js';

/** The MCP client SDK is loaded only when a server is probed, so that static scans start fast. */
async function probe(target: ProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  return (await import('../probe/probe.js')).probe(target, options);
}
import { scanLive } from '../probe/scan-live.js';
import { lockSurface, mergeLock, readLock, serverKey, writeLock, LockFileError, type LockFile } from '../probe/lockfile.js';
import { buildLiveDocument } from '../probe/live-inventory.js';
import { displayText } from '../probe/text-safety.js';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  setExit: (code: number) => void;
}

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;
/** Probe outcomes after which nothing was looked at: the command failed rather than scanned. */
const FATAL = new Set(['sandbox-unavailable', 'spawn-failed', 'destination-not-allowed']);

function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number of seconds');
  return n;
}

/** Options shared by `scan --live`, `probe` and `pin`. */
export function addLiveOptions(cmd: Command, withLiveFlag = true): Command {
  if (withLiveFlag) cmd.option('--live', 'the target is a running server: a command line (stdio) or an http(s) URL');
  return cmd
    .option('--lock <file>', 'live: compare with the surface pinned in this lock file (written by `mcpvet pin`)')
    .option('--header <header>', 'live HTTP: extra request header "Name: value" (repeatable)', collect)
    .option('--bearer <token>', 'live HTTP: send Authorization: Bearer <token>')
    .option('--bearer-env <name>', 'live HTTP: read the bearer token from this environment variable')
    .option('--env <name>', 'live stdio: pass this environment variable into the sandbox (repeatable)', collect)
    .option('--cwd <dir>', 'live stdio: the server\'s folder (bound read-only into the sandbox; default: current folder)')
    .option('--allow-local', 'live HTTP: allow loopback and private addresses (your own dev server)')
    .option('--allow-unsandboxed', 'live stdio: run the server without bubblewrap when no sandbox is available (it gets your user\'s rights)')
    .option('--timeout <seconds>', 'live: wall clock for the whole probe (default 30)', seconds)
    .option('--protocol <version>', 'live: auto (default: 2026 revision when offered, else initialize), legacy, or a protocol version to offer');
}

/** A command line or URL as typed: one quoted string is split the way a shell would (quotes, backslashes). */
export function liveTarget(words: readonly string[], o: Record<string, unknown>): ProbeTarget {
  const parts = words.length === 1 ? splitCommandLine(words[0]!) : [...words];
  if (!parts.length) throw new LiveUsageError('no server given: pass a command line or an http(s) URL');
  if (parts.length === 1 && /^https?:\/\//i.test(parts[0]!)) {
    const headers: Record<string, string> = {};
    for (const h of (o.header as string[] | undefined) ?? []) {
      const i = h.indexOf(':');
      if (i <= 0) throw new LiveUsageError(`--header "${displayText(h, 60)}": expected "Name: value"`);
      headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
    }
    const token = (o.bearer as string | undefined) ?? (o.bearerEnv ? process.env[o.bearerEnv as string] : undefined);
    if (o.bearerEnv && token === undefined) throw new LiveUsageError(`--bearer-env ${o.bearerEnv as string}: not set`);
    if (token) headers.authorization = `Bearer ${token}`;
    return { kind: 'http', url: parts[0]!, headers };
  }
  return { kind: 'stdio', command: parts[0]!, args: parts.slice(1), ...(o.cwd ? { cwd: o.cwd as string } : {}), env: (o.env as string[] | undefined) ?? [] };
}

export function splitCommandLine(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let has = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (quote) throw new LiveUsageError('unbalanced quote in the command line');
  if (has || cur) out.push(cur);
  return out;
}

export class LiveUsageError extends Error {}

function probeOptions(o: Record<string, unknown>): ProbeOptions {
  const opts: ProbeOptions = { allowLocal: o.allowLocal === true, allowUnsandboxed: o.allowUnsandboxed === true };
  if (o.protocol) opts.protocol = o.protocol as string;
  if (o.timeout) {
    const ms = Math.round((o.timeout as number) * 1000);
    opts.limits = { totalTimeoutMs: ms, connectTimeoutMs: Math.min(10_000, ms), requestTimeoutMs: Math.min(10_000, ms) };
  }
  return opts;
}

function reportIssues(io: Io, r: ProbeResult): void {
  for (const i of r.issues) if (i.level === 'error') io.stderr(`mcpvet: ${i.code}: ${i.message}\n`);
}

async function guarded(io: Io, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof LiveUsageError || e instanceof LockFileError) {
      io.stderr(`mcpvet: ${e.message}\n`);
      io.setExit(EXIT_ERROR);
      return;
    }
    throw e;
  }
}

/** `mcpvet scan --live <cmd|url>`: probe, run the live rules, report like any scan. */
export async function runLiveScan(words: string[], o: Record<string, unknown>, io: Io): Promise<void> {
  await guarded(io, async () => {
    const target = liveTarget(words, o);
    const lock = o.lock ? await readLock(o.lock as string) : undefined;
    const probed = await probe(target, probeOptions(o));
    reportIssues(io, probed);
    const { result } = scanLive(probed, {
      rules: builtinRules(),
      select: o.rule as string[] | undefined,
      ignore: o.skipRule as string[] | undefined,
      allRules: o.allRules === true,
      ...(lock ? { lock } : {}),
      ...(o.baseline ? { baseline: await readBaseline(o.baseline as string), baselineFile: o.baseline as string } : {}),
    });
    const format = o.format as Format;
    const ranIds = new Set(result.ruleIds);
    const ran = builtinRules().rules.filter((r) => ranIds.has(r.meta.id)).map((r) => r.meta);
    const report = render(format, result, { color: io.isTTY && !o.output && format === 'text', rules: ran });
    if (o.output) await writeFile(o.output as string, report);
    else io.stdout(report);
    if (probed.issues.some((i) => FATAL.has(i.code))) return io.setExit(EXIT_ERROR);
    const failOn = (o.failOn as Severity | 'none' | undefined) ?? 'high';
    io.setExit(failOn !== 'none' && result.findings.some((f) => atLeast(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK);
  });
}

export function registerLiveCommands(program: Command, io: Io): void {
  addLiveOptions(
    program
      .command('probe')
      .description('connect to a running MCP server (stdio command in a sandbox, or http(s) URL) and print what it exposes')
      .argument('<server...>', 'command line (after --) or URL')
      .addOption(new Option('-f, --format <format>', 'json: the probe document findings point into; text: a summary').choices(['json', 'text']).default('json'))
      .option('-o, --output <file>', 'write to a file instead of stdout'),
    false,
  ).action(async (words: string[], o: Record<string, unknown>) =>
    guarded(io, async () => {
      const probed = await probe(liveTarget(words, o), probeOptions(o));
      reportIssues(io, probed);
      const { doc } = buildLiveDocument({ target: probed.target, transport: probed.transport, ...(probed.surface ? { surface: probed.surface } : {}), changes: probed.changes, relisted: probed.relisted, listChangedNotifications: probed.listChangedNotifications, ...(probed.posture ? { posture: probed.posture } : {}) });
      const out = o.format === 'text' ? probeSummary(probed) : doc.text;
      if (o.output) await writeFile(o.output as string, out);
      else io.stdout(out);
      io.setExit(probed.surface || probed.posture ? EXIT_OK : EXIT_ERROR);
    }),
  );

  addLiveOptions(
    program
      .command('pin')
      .description('record a running server\'s tools, prompts, resources and instructions in a lock file (default mcpvet.lock)')
      .argument('<server...>', 'command line (after --) or URL'),
    false,
  ).action(async (words: string[], o: Record<string, unknown>) =>
    guarded(io, async () => {
      const file = (o.lock as string | undefined) ?? 'mcpvet.lock';
      const existing: LockFile | undefined = existsSync(file) ? await readLock(file) : undefined;
      const target = liveTarget(words, o);
      const probed = await probe(target, { ...probeOptions(o), posture: false, relist: false });
      reportIssues(io, probed);
      if (!probed.surface) {
        io.stderr('mcpvet: nothing pinned: the server\'s surface could not be read\n');
        return io.setExit(EXIT_ERROR);
      }
      const key = serverKey(probed.surface, probed.target);
      await writeLock(file, mergeLock(existing, key, lockSurface(probed.surface, probed.target)));
      const s = probed.surface;
      io.stdout(`pinned ${displayText(key, 80)}: ${s.tools.length} tools, ${s.prompts.length} prompts, ${s.resources.length + s.resourceTemplates.length} resources → ${file}\n`);
      io.setExit(EXIT_OK);
    }),
  );
}

function probeSummary(r: ProbeResult): string {
  const lines: string[] = [];
  const s = r.surface;
  lines.push(`server: ${s ? displayText(`${s.server.name ?? '(unnamed)'} ${s.server.version ?? ''}`) : '(not reached)'} via ${r.transport}${r.sandbox.used ? ', sandboxed' : ''}`);
  if (s) {
    lines.push(`protocol: ${s.protocolVersion ?? 'unknown'}${s.era ? ` (${s.era})` : ''}`);
    if (s.instructions) lines.push(`instructions: ${displayText(s.instructions, 200)}`);
    lines.push(`tools (${s.tools.length}):`);
    for (const t of s.tools) lines.push(`  ${displayText(t.name, 80)} — ${displayText(t.description ?? '', 160)}`);
    lines.push(`prompts: ${s.prompts.length}, resources: ${s.resources.length}, resource templates: ${s.resourceTemplates.length}`);
  }
  for (const c of r.changes) lines.push(`changed during the probe: tool ${displayText(c.tool, 80)} ${c.change}${c.fields.length ? ` (${c.fields.join(', ')})` : ''}`);
  for (const i of r.issues) lines.push(`${i.level}: ${i.code}: ${i.message}`);
  lines.push(`probe time: ${r.durationMs} ms`);
  return `${lines.join('\n')}\n`;
}
