// Wraps any MCP transport: server→client requests are refused with an error, never forwarded; floods are cut off.
import type { JSONRPCMessage, Transport, TransportSendOptions } from '@modelcontextprotocol/client';
import type { ProbeIssue, ProbeLimits } from './limits.js';
import { displayText } from './text-safety.js';

const REFUSED = -32601;

export class GuardTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: Transport['onmessage'];
  /** Methods of server→client requests that were refused, in order. */
  readonly refused: string[] = [];
  /** `notifications/tools/list_changed` seen. */
  toolsListChanged = 0;
  private messages = 0;
  private tripped = false;

  constructor(
    readonly inner: Transport,
    private readonly limits: ProbeLimits,
    private readonly report: (issue: ProbeIssue) => void,
  ) {
    inner.onclose = () => this.onclose?.();
    inner.onerror = (e) => this.onerror?.(e);
    inner.onmessage = (message, extra) => this.receive(message, extra);
    // The SDK tells stdio from HTTP by the presence of `stderr` and `pid` (the 2026 probe differs); mirror the inner one.
    if ('stderr' in inner && 'pid' in inner) {
      const stdio = inner as unknown as { stderr: unknown; pid: unknown };
      Object.defineProperty(this, 'stderr', { get: () => stdio.stderr });
      Object.defineProperty(this, 'pid', { get: () => stdio.pid });
    }
  }

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  set sessionId(v: string | undefined) {
    this.inner.sessionId = v;
  }

  get hasPerRequestStream(): boolean | undefined {
    return this.inner.hasPerRequestStream;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  start(): Promise<void> {
    return this.inner.start();
  }

  send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    return this.inner.send(message, options);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private receive(message: JSONRPCMessage, extra: Parameters<NonNullable<Transport['onmessage']>>[1]): void {
    if (this.tripped) return;
    if (++this.messages > this.limits.maxMessages) {
      this.tripped = true;
      this.report({ code: 'notification-flood', level: 'error', message: `the server sent more than ${this.limits.maxMessages} messages; it was stopped` });
      void this.inner.close();
      return;
    }
    const m = message as { id?: unknown; method?: unknown };
    if (typeof m.method === 'string' && m.id !== undefined && m.id !== null) {
      const method = displayText(m.method, 80);
      this.refused.push(method);
      this.report({ code: 'server-request-refused', level: 'warning', message: `the server sent a "${method}" request to the client; mcpvet refused it and forwarded nothing` });
      void this.inner
        .send({ jsonrpc: '2.0', id: m.id as string | number, error: { code: REFUSED, message: 'mcpvet does not answer server-to-client requests during a probe' } })
        .catch(() => undefined);
      return;
    }
    if (m.method === 'notifications/tools/list_changed') this.toolsListChanged++;
    this.onmessage?.(message, extra);
  }
}
