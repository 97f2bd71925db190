// Transports for a remote server: Streamable HTTP first, the older HTTP+SSE transport when that is refused; both
// through the guarded fetch, so every connection is SSRF-checked, time-boxed and byte-capped.
import { SSEClientTransport, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import type { ProbeLimits } from './limits.js';
import { guardedFetch, type GuardOptions } from './url-guard.js';

export interface HttpConnectOptions {
  url: URL;
  /** Extra request headers (`--header`, `--bearer`). */
  headers: Record<string, string>;
  guard: GuardOptions;
  limits: ProbeLimits;
}

export function guardFor(opts: HttpConnectOptions): GuardOptions {
  return {
    totalBudget: { remaining: opts.limits.maxTotalBytes },
    ...opts.guard,
    connectTimeoutMs: opts.limits.connectTimeoutMs,
    headersTimeoutMs: opts.limits.requestTimeoutMs,
    bodyIdleTimeoutMs: opts.limits.requestTimeoutMs,
    maxBodyBytes: opts.limits.maxMessageBytes,
    maxJsonDepth: opts.limits.maxJsonDepth,
  };
}

export function streamableTransport(opts: HttpConnectOptions): Transport {
  return new StreamableHTTPClientTransport(opts.url, {
    fetch: guardedFetch(guardFor(opts)),
    requestInit: { headers: opts.headers },
    reconnectionOptions: { maxReconnectionDelay: 1000, initialReconnectionDelay: 1000, reconnectionDelayGrowFactor: 1, maxRetries: 0 },
  });
}

export function sseTransport(opts: HttpConnectOptions): Transport {
  const fetch = guardedFetch(guardFor(opts));
  return new SSEClientTransport(opts.url, { fetch, requestInit: { headers: opts.headers }, eventSourceInit: { fetch: (u, init) => fetch(u, { ...init, headers: { ...(init?.headers as Record<string, string>), ...opts.headers } }) } });
}
