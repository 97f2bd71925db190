// The caps and time-outs of a live probe: every one of them ends as a recorded issue, never a hung scan.

export interface ProbeLimits {
  /** Start-up plus `initialize` (or `server/discover`). */
  connectTimeoutMs: number;
  /** Each list request (one page). */
  requestTimeoutMs: number;
  /** Wall clock for the whole probe; the server is killed when it runs out. */
  totalTimeoutMs: number;
  /** One JSON-RPC message (one stdout line, one HTTP body). */
  maxMessageBytes: number;
  /** Everything the server writes to stdout, or all HTTP bodies together. */
  maxTotalBytes: number;
  /** Nesting of arrays and objects in one message. */
  maxJsonDepth: number;
  /** Messages the server may send in all (notification floods). */
  maxMessages: number;
  /** Pages followed per list method. */
  maxPages: number;
  /** Items kept per list method. */
  maxItems: number;
  /** Characters kept of one text field (description, instructions). */
  maxTextChars: number;
  /** Bytes of stderr kept (the last ones). */
  stderrBytes: number;
  /** Pause before the second listing that catches tools changing within one probe. */
  relistDelayMs: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxMessageBytes: 4 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxJsonDepth: 64,
  maxMessages: 10_000,
  maxPages: 20,
  maxItems: 1_000,
  maxTextChars: 100_000,
  stderrBytes: 64 * 1024,
  relistDelayMs: 300,
};

/** A limit or failure the probe ran into; `code` is stable, `message` is for people. */
export interface ProbeIssue {
  code:
    | 'sandbox-unavailable'
    | 'spawn-failed'
    | 'no-response'
    | 'timeout'
    | 'output-limit'
    | 'protocol-error'
    | 'server-exited'
    | 'out-of-memory'
    | 'cpu-limit'
    | 'process-limit'
    | 'server-request-refused'
    | 'notification-flood'
    | 'truncated'
    | 'limit-unavailable'
    | 'destination-not-allowed'
    | 'http-error'
    | 'connect-failed'
    | 'list-failed';
  level: 'error' | 'warning';
  message: string;
}
