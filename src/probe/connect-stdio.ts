// A stdio transport for the official MCP client that caps what an untrusted server can send and kills its whole tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { JSONRPCMessage, Transport } from '@modelcontextprotocol/client';
import { jsonDepthExceeds } from './json-depth.js';
import type { ProbeIssue, ProbeLimits } from './limits.js';
import { RingBuffer } from './ring-buffer.js';
import { cgroupEvents, destroyCgroups, type Launch } from './sandbox.js';

/** How the server process ended, as far as the probe can tell. */
export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
  oomKilled: boolean;
  forkRefused: boolean;
}

const MAX_INVALID_LINES = 100;

export class CappedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly stderrRing: RingBuffer;
  /** The SDK reads `stderr` and `pid` to recognise a stdio-shaped transport (the 2026 probe runs in place then). */
  readonly stderr = new PassThrough();
  private child?: ChildProcess;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private totalBytes = 0;
  private invalidLines = 0;
  private closed = false;
  private exitPromise?: Promise<ExitInfo>;
  exit?: ExitInfo;
  /** The server exited before anyone asked it to (a crash, a limit, or its own decision). */
  exitedOnItsOwn = false;

  constructor(
    private readonly launch: Launch,
    private readonly limits: ProbeLimits,
    private readonly report: (issue: ProbeIssue) => void,
  ) {
    this.stderrRing = new RingBuffer(limits.stderrBytes);
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  async start(): Promise<void> {
    if (this.child) throw new Error('already started');
    const child = spawn(this.launch.command, this.launch.args, { cwd: this.launch.cwd, env: this.launch.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.child = child;
    this.exitPromise = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, signal) => {
        if (!this.closed) this.exitedOnItsOwn = true;
        const ev = cgroupEvents(this.launch.cgroups);
        this.exit = { code, signal, ...ev };
        resolve(this.exit);
        // Lines already in the pipe still count; a grandchild holding the pipe open must not keep us waiting.
        const out = child.stdout!;
        if (out.readableEnded) this.finish();
        else {
          const t = setTimeout(() => this.finish(), 200);
          out.once('end', () => {
            clearTimeout(t);
            this.finish();
          });
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (e) => {
        this.report({ code: 'spawn-failed', level: 'error', message: `could not start the server: ${e.message}` });
        reject(e);
      });
    });
    child.stdout!.on('data', (chunk: Buffer) => this.onStdout(chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderrRing.push(chunk);
    });
    child.stdin!.on('error', () => {
      /* the server closed its stdin; the exit handler reports it */
    });
  }

  private onStdout(chunk: Buffer): void {
    if (this.closed) return;
    this.totalBytes += chunk.length;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      this.fail({ code: 'output-limit', level: 'error', message: `the server wrote more than ${this.limits.maxTotalBytes} bytes to stdout; it was stopped` });
      return;
    }
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      const part = chunk.subarray(start, nl);
      start = nl + 1;
      if (this.pendingBytes + part.length > this.limits.maxMessageBytes) return this.tooLong();
      const line = this.pending.length ? Buffer.concat([...this.pending, part]) : part;
      this.pending = [];
      this.pendingBytes = 0;
      this.onLine(line.toString('utf8'));
      if (this.closed) return;
    }
    const rest = chunk.subarray(start);
    if (rest.length) {
      this.pending.push(rest);
      this.pendingBytes += rest.length;
      if (this.pendingBytes > this.limits.maxMessageBytes) this.tooLong();
    }
  }

  private tooLong(): void {
    this.fail({ code: 'output-limit', level: 'error', message: `one message from the server exceeded ${this.limits.maxMessageBytes} bytes; it was stopped` });
  }

  private onLine(raw: string): void {
    const line = raw.trim();
    if (!line) return;
    if (jsonDepthExceeds(line, this.limits.maxJsonDepth)) {
      this.fail({ code: 'protocol-error', level: 'error', message: `the server sent JSON nested deeper than ${this.limits.maxJsonDepth} levels; it was stopped` });
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      msg = undefined;
    }
    if (!msg || typeof msg !== 'object' || Array.isArray(msg) || (msg as { jsonrpc?: unknown }).jsonrpc !== '2.0') {
      this.invalidLines++;
      if (this.invalidLines === 1) this.report({ code: 'protocol-error', level: 'warning', message: 'the server wrote a line to stdout that is not a JSON-RPC message (stdout must carry only MCP messages)' });
      if (this.invalidLines > MAX_INVALID_LINES) this.fail({ code: 'protocol-error', level: 'error', message: `the server wrote more than ${MAX_INVALID_LINES} lines that are not JSON-RPC; it was stopped` });
      return;
    }
    this.onmessage?.(msg as JSONRPCMessage);
  }

  /** Records the issue and ends the server: the pending requests then fail with a closed connection. */
  fail(issue: ProbeIssue): void {
    if (this.closed) return;
    this.report(issue);
    void this.close();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin;
    if (!stdin || this.closed || stdin.destroyed) throw new Error('the server is not running');
    await new Promise<void>((resolve, reject) => {
      stdin.write(`${JSON.stringify(message)}\n`, (e) => (e ? reject(e) : resolve()));
    });
  }

  /** Kills the process group and the sandbox's cgroups; waits for the exit (bounded). */
  async close(): Promise<void> {
    if (this.closed) {
      // Already closing (the SDK closes on a failed handshake): still wait for the exit, so the result can say how it ended.
      if (this.exitPromise) await Promise.race([this.exitPromise, new Promise((r) => setTimeout(r, 2000))]);
      return;
    }
    this.closed = true;
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    if (this.exitPromise) await Promise.race([this.exitPromise, new Promise((r) => setTimeout(r, 2000))]);
    await destroyCgroups(this.launch.cgroups);
    this.finish();
  }

  /** Resolves when the server has exited (immediately when it already has). */
  exited(): Promise<ExitInfo> | undefined {
    return this.exitPromise;
  }

  private finished = false;
  private finish(): void {
    if (this.finished) return;
    if (!this.closed) {
      // The server exited by itself: close our side so pending requests fail at once.
      this.closed = true;
      void destroyCgroups(this.launch.cgroups);
    }
    this.finished = true;
    this.child?.stdin?.destroy();
    this.stderr.end();
    this.onclose?.();
  }
}
