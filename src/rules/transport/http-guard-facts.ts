// Where MCP HTTP endpoints of a project listen (loopback or reachable from elsewhere) and whether anything authenticates callers.
import type { Inventory, ServerDef, ToolDef, Transport } from '../../model/inventory.js';
import type { ProjectContext } from '../../rule/rule.js';
import { isLoopbackHost, isWildcardHost, networkTransports, wildcardDefault } from './transports-of.js';

export type Reach = 'loopback' | 'exposed';

export interface ServedEndpoint {
  /** The MCP transport (or, when none was seen in the file, the listener) the finding is placed on. */
  transport: Transport;
  server?: ServerDef;
  reach: Reach;
  /** The address in words, e.g. `127.0.0.1:3000`, `every interface (0.0.0.0)`. */
  address: string;
  /** The listener the address was read from, when it is not the transport itself. */
  listener?: Transport;
}

/** Python serve calls that bind a socket themselves; without a host both Python SDKs bind 127.0.0.1. */
const PY_BINDING_SERVE = new Set(['mcp.run', 'mcp.run_async', 'mcp.run_sse_async', 'mcp.run_streamable_http_async', 'mcp.run_http_async']);
/** Python app factories; uvicorn serves them on 127.0.0.1 unless told otherwise. */
const PY_APP_FACTORY = new Set(['mcp.sse_app', 'mcp.streamable_http_app', 'mcp.http_app']);
const MCP_HTTP_KINDS = new Set<Transport['kind']>(['streamable-http', 'sse']);
const UVICORN_CALL = /\buvicorn\.(?:run|Config)\s*\(/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6 = /^\[?[0-9a-f]*:[0-9a-f:.]*\]?$/i;
const HOSTNAME = /^[a-z0-9][a-z0-9.-]*$/;
const LOOPBACK_DEFAULT = /["'`](?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1|\[::1\])["'`]/;

/**
 * Every MCP HTTP/SSE endpoint whose reach can be told from the code: the transport's own host, the SDK's default
 * host, or the HTTP listeners of the same file. Files that only show a listener (the transport lives elsewhere)
 * contribute the listener. Endpoints whose host is computed at run time are left out.
 */
export function servedEndpoints(ctx: ProjectContext): ServedEndpoint[] {
  const all = networkTransports(ctx.inventory);
  const listeners = new Map<string, Transport[]>();
  for (const p of all) if (p.transport.kind === 'http') listeners.set(p.transport.location.path, [...(listeners.get(p.transport.location.path) ?? []), p.transport]);
  const withMcpTransport = new Set<string>();
  const out: ServedEndpoint[] = [];
  for (const { transport, server } of all) {
    if (!MCP_HTTP_KINDS.has(transport.kind)) continue;
    withMcpTransport.add(transport.location.path);
    const r = reachOf(transport, server, listeners.get(transport.location.path) ?? [], ctx);
    if (r) out.push({ transport, server, ...r });
  }
  for (const [path, ls] of listeners) {
    if (withMcpTransport.has(path)) continue;
    for (const l of ls) {
      const r = hostReach(l, ctx);
      if (r) out.push({ transport: l, server: ctx.inventory.servers.find((s) => s.location.path === path), ...r });
    }
  }
  return out;
}

function reachOf(t: Transport, server: ServerDef | undefined, listeners: readonly Transport[], ctx: ProjectContext): Pick<ServedEndpoint, 'reach' | 'address' | 'listener'> | undefined {
  const own = hostReach(t, ctx);
  // A host computed at run time is unknown, not the SDK default.
  if (own || t.host !== undefined) return own;
  const python = (server?.language ?? languageOf(t.location.path)) === 'python';
  if (python && PY_BINDING_SERVE.has(t.api)) return { reach: 'loopback', address: withPort('127.0.0.1 (the SDK default)', t.port) };
  if (python && PY_APP_FACTORY.has(t.api) && (t.port !== undefined || ctx.lines(t.location.path).some((l) => UVICORN_CALL.test(l)))) {
    return { reach: 'loopback', address: withPort('127.0.0.1 (the uvicorn default)', t.port) };
  }
  const judged = listeners.map((l) => ({ l, r: hostReach(l, ctx) }));
  const exposed = judged.find((j) => j.r?.reach === 'exposed');
  if (exposed) return { ...exposed.r!, listener: exposed.l };
  if (judged.length > 0 && judged.every((j) => j.r?.reach === 'loopback')) return { ...judged[0]!.r!, listener: judged[0]!.l };
  return undefined;
}

/** Reach from the host written on (or defaulted by) this transport or listener alone. */
function hostReach(t: Transport, ctx: ProjectContext): Pick<ServedEndpoint, 'reach' | 'address'> | undefined {
  const host = t.host;
  if (host === undefined) {
    if (t.hostDefaultsToAll === true) return { reach: 'exposed', address: withPort('every interface (no host given, and that is the default)', t.port) };
    if (t.hostDefaultsToAll === false) return { reach: 'loopback', address: withPort('localhost (the default host)', t.port) };
    return undefined;
  }
  const h = host.trim();
  if (isLoopbackHost(h)) return { reach: 'loopback', address: withPort(h, t.port) };
  if (isWildcardHost(h)) return { reach: 'exposed', address: withPort(`every interface (${h || 'empty host'})`, t.port) };
  if (wildcardDefault(h)) return { reach: 'exposed', address: withPort(`every interface unless HOST is set (${h})`, t.port) };
  if (LOOPBACK_DEFAULT.test(h)) return { reach: 'loopback', address: withPort(`${h} (loopback by default)`, t.port) };
  if (isLiteralHost(h, ctx.lines(t.location.path))) return { reach: 'exposed', address: withPort(h, t.port) };
  return undefined;
}

/** A host name or address the code spells out as a string (not a variable name that happens to look like one). */
function isLiteralHost(host: string, lines: readonly string[]): boolean {
  if (!IPV4.test(host) && !IPV6.test(host) && !HOSTNAME.test(host)) return false;
  const quoted = ['"', "'", '`'].flatMap((q) => [`${q}${host}${q}`, `${q}${host}:`]);
  return lines.some((l) => quoted.some((q) => l.includes(q)));
}

function withPort(address: string, port: string | undefined): string {
  return port && /^\d+$/.test(port) ? `${address}, port ${port}` : address;
}

function languageOf(path: string): 'python' | 'typescript' | 'go' {
  return path.endsWith('.py') ? 'python' : path.endsWith('.go') ? 'go' : 'typescript';
}

/**
 * Code patterns that check a caller's credentials in an HTTP handler, beyond what the inventory records: reading
 * the `Authorization` or an API-key header of a request, framework auth helpers, client-certificate TLS. Only reads
 * count: a client setting `Authorization` on its own outgoing request is not a check.
 */
const AUTH_CHECKS: readonly { re: RegExp; what: string }[] = [
  { re: /\bheaders?\s*\.\s*get\s*\(\s*["'`](?:authorization|proxy-authorization|x-api-key|api-key|x-auth-token|x-access-token)["'`]/i, what: 'reads the Authorization/API-key header' },
  { re: /\bheaders\s*\[\s*["'`](?:authorization|x-api-key|api-key|x-auth-token|x-access-token)["'`]\s*\](?!\s*=[^=])/i, what: 'reads the Authorization/API-key header' },
  { re: /\bheaders\s*\.\s*authorization\b(?!\s*=[^=])/i, what: 'reads the Authorization header' },
  { re: /\.\s*(?:header|get)\s*\(\s*["'`](?:authorization|x-api-key|api-key)["'`]\s*\)/i, what: 'reads the Authorization/API-key header' },
  { re: /\b(?:APIKeyHeader|APIKeyQuery|APIKeyCookie|HTTPBasic|HTTPBearer|HTTPDigest|AuthenticationMiddleware)\b/, what: 'uses a framework authentication helper' },
  { re: /\bHeader\s*\([^)\n]{0,80}alias\s*=\s*["'](?:authorization|x-api-key)["']/i, what: 'declares an Authorization/API-key header parameter' },
  { re: /\b(?:authorization|x_api_key|api_key)\s*:\s*[\w[\]| ]{1,40}=\s*(?:Header|Security)\s*\(/i, what: 'declares an Authorization/API-key header parameter' },
  { re: /\.\s*BasicAuth\s*\(\s*\)/, what: 'checks HTTP basic credentials' },
  { re: /\b(?:basicAuth|bearerAuth|expressjwt|passport\s*\.\s*authenticate)\s*\(/, what: 'uses an authentication middleware' },
  { re: /\b(?:startsWith|startswith|HasPrefix|TrimPrefix|CutPrefix|removeprefix)\s*\([^)\n]{0,60}["'`]Bearer ["'`]/, what: 'parses a bearer token' },
  { re: /\bCERT_REQUIRED\b|\bRequireAndVerifyClientCert\b|\brequestCert\s*:\s*true\b/, what: 'requires client certificates' },
];

const CODE_FILE = /\.(?:py|[cm]?[jt]sx?|go)$/;

export interface AuthEvidence {
  path: string;
  what: string;
}

/** The first sign that the project authenticates HTTP callers: inventory auth set-up, then hand-written checks. */
export function authEvidence(ctx: ProjectContext): AuthEvidence | undefined {
  const inv = ctx.inventory;
  const setup = inv.servers.flatMap((s) => s.auth)[0] ?? inv.files.flatMap((f) => f.auth)[0];
  if (setup) return { path: setup.location.path, what: setup.api };
  for (const f of ctx.files) {
    if (!CODE_FILE.test(f.path)) continue;
    const what = authCheckIn(ctx.lines(f.path));
    if (what) return { path: f.path, what };
  }
  return undefined;
}

/** What the first hand-written credential check in these source lines does, if there is one. */
export function authCheckIn(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    if (line.length > 4000) continue;
    const hit = AUTH_CHECKS.find((c) => c.re.test(line));
    if (hit) return hit.what;
  }
  return undefined;
}

/** Tools, prompts and resources the endpoint's server exposes (the whole project's when no server is known). */
export function exposedTools(inv: Inventory, server: ServerDef | undefined): { tools: ToolDef[]; capabilities: number } {
  const servers = server ? [server] : inv.servers;
  const tools = servers.flatMap((s) => s.tools);
  return { tools, capabilities: tools.length + servers.reduce((n, s) => n + s.prompts.length + s.resources.length, 0) };
}

/** One endpoint per server (or per file when no server is known), the first in source order. */
export function onePerServer(endpoints: readonly ServedEndpoint[]): ServedEndpoint[] {
  const seen = new Set<string>();
  const out: ServedEndpoint[] = [];
  const sorted = [...endpoints].sort(
    (a, b) => (a.transport.location.path < b.transport.location.path ? -1 : a.transport.location.path > b.transport.location.path ? 1 : a.transport.location.startLine - b.transport.location.startLine),
  );
  for (const e of sorted) {
    const key = e.server?.id ?? `file:${e.transport.location.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}
