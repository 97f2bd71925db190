// Passive HTTP checks of a remote MCP endpoint: what it answers without credentials, with a foreign Origin or Host,
// its CORS preflight, OAuth discovery documents and session ids. No tool is ever called.
import { discoverAuthorizationServerMetadata, extractWWWAuthenticateParams } from '@modelcontextprotocol/client';
import type { HttpExchange, HttpPosture, ProtectedResourceMetadataFacts } from '../model/live-facts.js';
import type { Location } from '../model/location.js';
import { VERSION } from '../engine/version.js';
import type { ProbeLimits } from './limits.js';
import { displayText } from './text-safety.js';
import { guardedFetch, isLoopbackHost, type GuardOptions } from './url-guard.js';

export const FOREIGN_ORIGIN = 'https://mcpvet-rebinding.invalid';
export const FOREIGN_HOST = 'mcpvet-rebinding.invalid';
const KEPT_HEADERS = ['www-authenticate', 'access-control-allow-origin', 'access-control-allow-credentials', 'access-control-allow-methods', 'access-control-allow-headers', 'mcp-session-id', 'content-type', 'location'];
const CREDENTIAL_HEADER = /authorization|cookie|api[-_]?key|token|secret|session/i;
const PROTOCOL = '2025-11-25';

export interface PostureOptions {
  url: URL;
  /** The user's headers, credentials included (`--header`, `--bearer`). */
  headers: Record<string, string>;
  guard: GuardOptions;
  limits: ProbeLimits;
  /** Extra initialize requests made to compare session ids (besides the ones the other checks make). */
  sessionSamples?: number;
}

/** Placeholder until the surface document is rendered and every fact gets its line there. */
const NOWHERE: Location = { path: '', startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

function initializeBody(id: number): string {
  return JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: 'mcpvet', version: VERSION } } });
}

interface Sent {
  exchange: HttpExchange;
  /** JSON-RPC messages found in the body (JSON or SSE), when asked for. */
  messages: Record<string, unknown>[];
}

export async function checkHttpPosture(opts: PostureOptions): Promise<HttpPosture> {
  const fetch = guardedFetch(opts.guard);
  const url = opts.url;
  const anonymous: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers)) if (!CREDENTIAL_HEADER.test(k)) anonymous[k] = v;
  const credentialsSupplied = Object.keys(opts.headers).some((k) => CREDENTIAL_HEADER.test(k));
  const base = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

  const send = async (purpose: string, method: string, target: URL, headers: Record<string, string>, body?: string, wantId?: number): Promise<Sent & { response?: Response }> => {
    const exchange: HttpExchange = { purpose, method, url: target.href, headers: {}, location: NOWHERE };
    try {
      const res = await fetch(target, { method, headers, body, redirect: 'manual' });
      exchange.status = res.status;
      for (const h of KEPT_HEADERS) {
        const v = res.headers.get(h);
        if (v !== null) exchange.headers[h] = displayText(v, 500);
      }
      const messages = wantId !== undefined && res.ok ? await readMessages(res, wantId) : (await res.body?.cancel().catch(() => undefined), []);
      return { exchange, messages, response: res };
    } catch (e) {
      exchange.error = displayText((e as Error).message, 300);
      return { exchange, messages: [] };
    }
  };

  const loopback = isLoopbackHost(url.hostname);
  const unauth = await send('initialize without credentials', 'POST', url, { ...base, ...anonymous }, initializeBody(1), 1);
  const status = unauth.exchange.status;
  const authRequired = status === 401 || status === 403;
  const posture: HttpPosture = {
    url: url.href,
    scheme: url.protocol === 'https:' ? 'https' : 'http',
    loopback,
    credentialsSupplied,
    authRequired,
    unauthenticatedInitialize: unauth.exchange,
    location: NOWHERE,
  };
  const sessionIds: string[] = [];
  const noteSession = (x: HttpExchange) => {
    const id = x.headers['mcp-session-id'];
    if (id !== undefined && x.status !== undefined && x.status < 300) sessionIds.push(id);
  };
  noteSession(unauth.exchange);

  if (status !== undefined && status >= 200 && status < 300) {
    const session = unauth.exchange.headers['mcp-session-id'];
    const h = { ...base, ...anonymous, 'mcp-protocol-version': PROTOCOL, ...(session ? { 'mcp-session-id': session } : {}) };
    await send('initialized notification without credentials', 'POST', url, h, JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
    const list = await send('tools/list without credentials', 'POST', url, h, JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }), 2);
    const result = list.messages.find((m) => m.id === 2)?.result as { tools?: unknown } | undefined;
    posture.unauthenticatedToolsList = { ...list.exchange, ...(Array.isArray(result?.tools) ? { toolCount: result.tools.length } : {}) };
  }

  if (status === 401 && unauth.response) {
    const header = unauth.exchange.headers['www-authenticate'];
    let resourceMetadata: string | undefined;
    try {
      resourceMetadata = extractWWWAuthenticateParams(unauth.response).resourceMetadataUrl?.href;
    } catch {
      resourceMetadata = undefined;
    }
    posture.challenge = { ...(header !== undefined ? { header } : {}), ...(resourceMetadata ? { resourceMetadata } : {}), location: NOWHERE };
  }

  if (authRequired || credentialsSupplied) {
    posture.protectedResourceMetadata = await fetchProtectedResourceMetadata(fetch, url, posture.challenge?.resourceMetadata);
    const issuer = posture.protectedResourceMetadata.authorizationServers[0];
    if (issuer) {
      try {
        const meta = await discoverAuthorizationServerMetadata(issuer, { fetchFn: fetch as never });
        posture.authorizationServer = meta
          ? { issuer, reachable: true, codeChallengeMethods: Array.isArray(meta.code_challenge_methods_supported) ? meta.code_challenge_methods_supported.map(String) : [], location: NOWHERE }
          : { issuer, reachable: false, error: 'no metadata document at the RFC 8414 or OpenID Connect well-known paths', location: NOWHERE };
      } catch (e) {
        posture.authorizationServer = { issuer, reachable: false, error: displayText((e as Error).message, 300), location: NOWHERE };
      }
    }
  }

  // With the user's credentials, so that an auth check cannot hide a missing Origin or Host check.
  const full = { ...base, ...opts.headers };
  const origin = await send('initialize with a foreign Origin', 'POST', url, { ...full, origin: FOREIGN_ORIGIN }, initializeBody(3));
  posture.foreignOrigin = { ...origin.exchange, origin: FOREIGN_ORIGIN, accepted: ok(origin.exchange) };
  noteSession(origin.exchange);
  if (loopback) {
    const host = await send('initialize with a foreign Host', 'POST', url, { ...full, host: FOREIGN_HOST }, initializeBody(4));
    posture.foreignHost = { ...host.exchange, host: FOREIGN_HOST, accepted: ok(host.exchange) };
    noteSession(host.exchange);
  }
  const preflight = await send('CORS preflight from a foreign Origin', 'OPTIONS', url, {
    origin: FOREIGN_ORIGIN,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type, authorization, mcp-session-id',
  });
  posture.corsPreflight = { ...preflight.exchange, origin: FOREIGN_ORIGIN };

  for (let i = 0; i < (opts.sessionSamples ?? 2); i++) {
    const s = await send('initialize to sample a session id', 'POST', url, full, initializeBody(10 + i));
    noteSession(s.exchange);
  }
  if (sessionIds.length) {
    posture.sessions = { ids: sessionIds, location: NOWHERE };
    // Leave nothing behind: end every session this probe opened.
    for (const id of new Set(sessionIds)) await send('end a sampled session', 'DELETE', url, { ...opts.headers, 'mcp-session-id': id, 'mcp-protocol-version': PROTOCOL });
  }
  return posture;
}

function ok(x: HttpExchange): boolean {
  return x.status !== undefined && x.status >= 200 && x.status < 300;
}

/** RFC 9728: the URL from the challenge, then the path-suffixed well-known URL, then the root one. */
export function protectedResourceMetadataUrls(url: URL, fromChallenge?: string): string[] {
  const out: string[] = [];
  if (fromChallenge) out.push(fromChallenge);
  const pathPart = url.pathname.replace(/\/+$/, '');
  if (pathPart) out.push(`${url.origin}/.well-known/oauth-protected-resource${pathPart}`);
  out.push(`${url.origin}/.well-known/oauth-protected-resource`);
  return [...new Set(out)];
}

async function fetchProtectedResourceMetadata(fetch: ReturnType<typeof guardedFetch>, url: URL, fromChallenge?: string): Promise<ProtectedResourceMetadataFacts> {
  const facts: ProtectedResourceMetadataFacts = { tried: [], authorizationServers: [], location: NOWHERE };
  for (const candidate of protectedResourceMetadataUrls(url, fromChallenge)) {
    facts.tried.push(candidate);
    let doc: unknown;
    try {
      const res = await fetch(candidate, { headers: { accept: 'application/json', 'mcp-protocol-version': PROTOCOL } });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        continue;
      }
      doc = JSON.parse(await res.text());
    } catch (e) {
      facts.problem = `${candidate}: ${displayText((e as Error).message, 200)}`;
      continue;
    }
    if (!doc || typeof doc !== 'object') {
      facts.problem = `${candidate}: not a JSON object`;
      continue;
    }
    const d = doc as { resource?: unknown; authorization_servers?: unknown };
    facts.foundAt = candidate;
    delete facts.problem;
    if (typeof d.resource === 'string') facts.resource = d.resource;
    if (Array.isArray(d.authorization_servers)) facts.authorizationServers = d.authorization_servers.filter((s): s is string => typeof s === 'string');
    break;
  }
  return facts;
}

/** JSON-RPC messages of a JSON or SSE body, reading until the response with `id` arrives (bounded by the fetch caps). */
async function readMessages(res: Response, id: number): Promise<Record<string, unknown>[]> {
  const type = res.headers.get('content-type') ?? '';
  const out: Record<string, unknown>[] = [];
  const push = (text: string) => {
    try {
      const v = JSON.parse(text) as unknown;
      for (const m of Array.isArray(v) ? v : [v]) if (m && typeof m === 'object') out.push(m as Record<string, unknown>);
    } catch {
      /* not JSON: ignored */
    }
  };
  if (!type.includes('text/event-stream')) {
    push(await res.text());
    return out;
  }
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let data: string[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.indexOf('\n')) !== -1) {
        const line = buf.slice(0, nl).replace(/\r$/, '');
        buf = buf.slice(nl + 1);
        if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        else if (line === '' && data.length) {
          push(data.join('\n'));
          data = [];
          if (out.some((m) => m.id === id)) return out;
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  if (data.length) push(data.join('\n'));
  return out;
}
