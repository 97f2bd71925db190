// One live probe: start (sandboxed) or reach a server, connect with the official MCP client, collect its surface,
// list again to catch changes, and for HTTP run the passive posture checks. Every failure becomes a ProbeIssue.
import { Client, SUPPORTED_PROTOCOL_VERSIONS, type ClientOptions, type Transport } from '@modelcontextprotocol/client';
import type { HttpPosture } from '../model/live-facts.js';
import { VERSION } from '../engine/version.js';
import { collectSurface, compareTools, listAll, toTool, type LiveSurface, type LiveTool, type SurfaceChange } from './collect-surface.js';
import { guardFor, sseTransport, streamableTransport } from './connect-http.js';
import { CappedStdioTransport, type ExitInfo } from './connect-stdio.js';
import { GuardTransport } from './guard-transport.js';
import { checkHttpPosture } from './http-posture.js';
import { DEFAULT_PROBE_LIMITS, type ProbeIssue, type ProbeLimits } from './limits.js';
import { checkSandbox, DEFAULT_SANDBOX_LIMITS, prepareLaunch, type Launch, type SandboxLimits } from './sandbox.js';
import { displayText } from './text-safety.js';
import { checkUrl, DestinationNotAllowedError, type GuardOptions, type Resolver } from './url-guard.js';

export type ProbeTarget =
  | { kind: 'stdio'; command: string; args: string[]; cwd?: string; env?: string[] }
  | { kind: 'http'; url: string; headers?: Record<string, string> };

export interface ProbeOptions {
  /** Run a stdio server without bubblewrap (the user said so explicitly). */
  allowUnsandboxed?: boolean;
  /** Allow loopback and private destinations for HTTP targets. */
  allowLocal?: boolean;
  limits?: Partial<ProbeLimits>;
  sandboxLimits?: Partial<SandboxLimits>;
  /** `auto` (default): try the 2026 revision, fall back to initialize; `legacy`; or one protocol version to offer. */
  protocol?: string;
  resolver?: Resolver;
  trustedAddresses?: string[];
  /** HTTP only: run the passive posture checks (default true). */
  posture?: boolean;
  /** List tools a second time after a pause (default true). */
  relist?: boolean;
  /** The bubblewrap binary (tests point it elsewhere to see the fail-closed path). */
  bwrap?: string;
}

export interface ProbeResult {
  /** How the user named the server. */
  target: string;
  transport: 'stdio' | 'streamable-http' | 'sse';
  surface?: LiveSurface;
  changes: SurfaceChange[];
  /** Tools whose definition differed (or that appeared) when listed again: the metadata rules read these too. */
  relisted: LiveTool[];
  listChangedNotifications: number;
  refusedRequests: string[];
  posture?: HttpPosture;
  issues: ProbeIssue[];
  sandbox: { used: boolean; notes: string[] };
  /** The last bytes of the server's stderr, control characters removed. */
  stderr?: string;
  exit?: ExitInfo;
  durationMs: number;
}

export function describeTarget(t: ProbeTarget): string {
  return t.kind === 'http' ? t.url : [t.command, ...t.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

function makeClient(protocol: string | undefined, limits: ProbeLimits): Client {
  const opts: ClientOptions = { capabilities: {}, listMaxPages: limits.maxPages };
  if (!protocol || protocol === 'auto') opts.versionNegotiation = { mode: 'auto', probe: { timeoutMs: Math.min(3000, limits.connectTimeoutMs) } };
  else if (/^\d{4}-\d\d-\d\d$/.test(protocol) && protocol >= '2026') opts.versionNegotiation = { mode: { pin: protocol } };
  else if (protocol !== 'legacy') opts.supportedProtocolVersions = [protocol, ...SUPPORTED_PROTOCOL_VERSIONS.filter((v) => v !== protocol)];
  return new Client({ name: 'mcpvet', version: VERSION }, opts);
}

export async function probe(target: ProbeTarget, options: ProbeOptions = {}): Promise<ProbeResult> {
  const started = Date.now();
  const limits = { ...DEFAULT_PROBE_LIMITS, ...options.limits };
  const result: ProbeResult = {
    target: describeTarget(target),
    transport: target.kind === 'stdio' ? 'stdio' : 'streamable-http',
    changes: [],
    relisted: [],
    listChangedNotifications: 0,
    refusedRequests: [],
    issues: [],
    sandbox: { used: false, notes: [] },
    durationMs: 0,
  };
  const seen = new Set<string>();
  const report = (issue: ProbeIssue) => {
    const key = `${issue.code}\0${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    result.issues.push({ ...issue, message: displayText(issue.message, 500) });
  };
  try {
    if (target.kind === 'stdio') await probeStdio(target, options, limits, result, report);
    else await probeHttp(target, options, limits, result, report);
  } catch (e) {
    report({ code: 'protocol-error', level: 'error', message: `probe failed: ${(e as Error).message}` });
  }
  result.durationMs = Date.now() - started;
  return result;
}

async function probeStdio(target: Extract<ProbeTarget, { kind: 'stdio' }>, options: ProbeOptions, limits: ProbeLimits, result: ProbeResult, report: (i: ProbeIssue) => void): Promise<void> {
  const sandbox = !options.allowUnsandboxed;
  if (sandbox) {
    const check = await checkSandbox(options.bwrap);
    if (!check.available) {
      report({ code: 'sandbox-unavailable', level: 'error', message: `the server was not started: ${check.reason}. Pass --allow-unsandboxed to run it without a sandbox (it then runs with your user's rights)` });
      return;
    }
  }
  let launch: Launch;
  try {
    launch = prepareLaunch({ command: target.command, args: target.args, cwd: target.cwd ?? process.cwd(), passEnv: target.env ?? [], sandbox, limits: { ...DEFAULT_SANDBOX_LIMITS, ...options.sandboxLimits } });
  } catch (e) {
    report({ code: 'spawn-failed', level: 'error', message: (e as Error).message });
    return;
  }
  if (sandbox) launch = options.bwrap ? { ...launch, args: launch.args.map((a) => (a === 'bwrap' ? options.bwrap! : a)) } : launch;
  result.sandbox = { used: sandbox, notes: launch.notes };
  for (const note of launch.notes) report({ code: 'limit-unavailable', level: 'warning', message: note });
  const stdio = new CappedStdioTransport(launch, limits, report);
  const guard = new GuardTransport(stdio, limits, report);
  const timer = setTimeout(() => {
    report({ code: 'timeout', level: 'error', message: `the probe did not finish within ${limits.totalTimeoutMs} ms; the server was stopped` });
    stdio.fail({ code: 'timeout', level: 'error', message: `the probe did not finish within ${limits.totalTimeoutMs} ms; the server was stopped` });
  }, limits.totalTimeoutMs);
  try {
    await session(guard, options, limits, result, report, () => (stdio.exit && stdio.exitedOnItsOwn ? describeExit(stdio.exit, stdio.stderrRing.text()) : undefined));
  } finally {
    clearTimeout(timer);
    const exitedEarly = stdio.exit;
    await guard.close().catch(() => undefined);
    result.exit = stdio.exit;
    result.refusedRequests = guard.refused;
    result.listChangedNotifications = guard.toolsListChanged;
    const stderr = stdio.stderrRing.text().trim();
    if (stderr) result.stderr = stderr;
    const exit = stdio.exit;
    if (exit) {
      if (exit.oomKilled) report({ code: 'out-of-memory', level: 'error', message: 'the server ran out of its memory limit and was killed' });
      else if (exit.signal === 'SIGXCPU' || exit.code === 128 + 24) report({ code: 'cpu-limit', level: 'error', message: 'the server used up its CPU-time limit and was killed' });
      else if (exitedEarly && stdio.exitedOnItsOwn) report({ code: 'server-exited', level: 'error', message: describeExit(exit, stderr) });
      if (exit.forkRefused) report({ code: 'process-limit', level: 'warning', message: 'the server tried to start more processes than the sandbox allows; forks were refused' });
    }
  }
}

function describeExit(exit: ExitInfo, stderr: string): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const last = stderr.trim().split('\n').pop();
  return `the server ${how}${last ? ` (stderr: ${displayText(last, 200)})` : ''}`;
}

/** Connect, collect, list again. `exited` tells why a connection broke when the server process died. */
async function session(transport: Transport, options: ProbeOptions, limits: ProbeLimits, result: ProbeResult, report: (i: ProbeIssue) => void, exited: () => string | undefined): Promise<boolean> {
  const client = makeClient(options.protocol, limits);
  let errors = 0;
  client.onerror = (e) => {
    if (++errors <= 5) report({ code: 'protocol-error', level: 'warning', message: `client: ${e.message}` });
  };
  try {
    await client.connect(transport, { timeout: limits.connectTimeoutMs });
  } catch (e) {
    const why = exited();
    const msg = (e as Error).message;
    if (why) report({ code: 'server-exited', level: 'error', message: `${why} before the handshake completed` });
    else if (/timed? ?out|timeout/i.test(msg)) report({ code: 'no-response', level: 'error', message: `the server did not answer the handshake within ${limits.connectTimeoutMs} ms` });
    else report({ code: 'connect-failed', level: 'error', message: `the handshake failed: ${msg}` });
    await client.close().catch(() => undefined);
    return false;
  }
  try {
    const collect = { client, limits, report };
    result.surface = await collectSurface(collect);
    if (options.relist !== false && result.surface.capabilities.tools) {
      await new Promise((r) => setTimeout(r, limits.relistDelayMs));
      const again = (await listAll(collect, 'tools/list', [])).map((t) => toTool(t, limits, []));
      result.changes = compareTools(result.surface.tools, again);
      const changed = new Set(result.changes.filter((c) => c.change !== 'removed').map((c) => c.tool));
      result.relisted = again.filter((t) => changed.has(t.name));
    }
  } finally {
    await client.close().catch(() => undefined);
  }
  return true;
}

async function probeHttp(target: Extract<ProbeTarget, { kind: 'http' }>, options: ProbeOptions, limits: ProbeLimits, result: ProbeResult, report: (i: ProbeIssue) => void): Promise<void> {
  const guard: GuardOptions = { allowLocal: options.allowLocal === true, ...(options.resolver ? { resolver: options.resolver } : {}), ...(options.trustedAddresses ? { trustedAddresses: options.trustedAddresses } : {}) };
  let url: URL;
  try {
    url = (await checkUrl(target.url, guard)).url;
  } catch (e) {
    report({ code: e instanceof DestinationNotAllowedError ? 'destination-not-allowed' : 'connect-failed', level: 'error', message: (e as Error).message });
    return;
  }
  const headers = target.headers ?? {};
  // One byte budget for everything this probe reads over HTTP (posture checks and the MCP session alike).
  const connectOpts = { url, headers, guard: { ...guard, totalBudget: { remaining: limits.maxTotalBytes } }, limits };
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    report({ code: 'timeout', level: 'error', message: `the probe did not finish within ${limits.totalTimeoutMs} ms` });
    deadline.abort();
  }, limits.totalTimeoutMs);
  try {
    if (options.posture !== false) {
      result.posture = await Promise.race([
        checkHttpPosture({ url, headers, guard: guardFor(connectOpts), limits }),
        new Promise<undefined>((r) => deadline.signal.addEventListener('abort', () => r(undefined), { once: true })),
      ]);
    }
    if (deadline.signal.aborted) return;
    // The Streamable HTTP attempt's connect failure is only reported when the HTTP+SSE fallback fails too.
    let connectIssue: ProbeIssue | undefined;
    const quiet = (i: ProbeIssue) => {
      if (i.code === 'connect-failed' || i.code === 'no-response') connectIssue ??= i;
      else report(i);
    };
    let transport = new GuardTransport(streamableTransport(connectOpts), limits, report);
    let ok = await Promise.race([session(transport, options, limits, result, quiet, () => undefined), aborted(deadline.signal)]);
    if (!ok && !deadline.signal.aborted && !result.posture?.authRequired) {
      // Servers that predate Streamable HTTP speak HTTP+SSE on the same URL.
      await transport.close().catch(() => undefined);
      transport = new GuardTransport(sseTransport(connectOpts), limits, report);
      ok = await Promise.race([session(transport, options, limits, result, quiet, () => undefined), aborted(deadline.signal)]);
      if (ok) result.transport = 'sse';
    }
    if (!ok && !deadline.signal.aborted) {
      if (result.posture?.authRequired && !result.posture.credentialsSupplied) {
        report({ code: 'connect-failed', level: 'warning', message: 'the server requires authorization: its tools were not listed (pass --bearer or --header to list them)' });
      } else if (connectIssue) report(connectIssue);
    }
    result.refusedRequests = transport.refused;
    result.listChangedNotifications = transport.toolsListChanged;
    await transport.close().catch(() => undefined);
  } finally {
    clearTimeout(timer);
  }
}

function aborted(signal: AbortSignal): Promise<false> {
  return new Promise((r) => (signal.aborted ? r(false) : signal.addEventListener('abort', () => r(false), { once: true })));
}
