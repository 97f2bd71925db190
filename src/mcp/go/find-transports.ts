// How Go MCP servers are served: stdio, mcp-go Streamable HTTP / SSE servers, go-sdk HTTP handlers, and the listeners that bind them.
import type { Node } from 'web-tree-sitter';
import type { Transport } from '../../model/inventory.js';
import { staticString } from '../../parse/static-value.js';
import type { GoFile } from './go-file.js';
import { literalFields, unwrap } from './go-syntax.js';
import { receiverIsServer, receiverName, type ServerEntry, type ServerIndex } from './server-index.js';

export interface McpTransport {
  transport: Transport;
  /** The constructor or serve call, for linking listeners and middleware to it. */
  node: Node;
  entry?: ServerEntry;
  /** The server variable when it is not constructed in this file (for orphans). */
  receiver?: string;
}

export interface Transports {
  mcp: McpTransport[];
  /** Listeners that serve no MCP transport found in this file. */
  listeners: Transport[];
  /** The MCP transports a handler expression serves (through variables, muxes, routers, middleware). */
  served(expr: Node): McpTransport[];
}

interface Address {
  host?: string;
  hostDefaultsToAll?: boolean;
  port?: string;
}

const MAX_DEPTH = 12;
/** Receiver methods that start a listener: framework `Run`/`Start`/`Listen` and `http.Server.ListenAndServe[TLS]`. */
const LISTEN_METHODS = new Set(['Run', 'Start', 'Listen', 'ListenAndServe', 'ListenAndServeTLS']);

export function findTransports(file: GoFile, index: ServerIndex): Transports {
  const mcp: McpTransport[] = [];
  const byNode = new Map<number, McpTransport>();
  const add = (t: McpTransport) => {
    mcp.push(t);
    byNode.set(t.node.id, t);
  };

  for (const info of file.callsNamed(['Run', 'Connect'], file.sdkCalls())) {
    const { site: c, sdk: s, fnType, field } = info;
    const n = c.node;
    if (s?.family === 'mcp-go' && s.pkg === 'server') {
      if (!['ServeStdio', 'NewStdioServer', 'NewStreamableHTTPServer', 'NewSSEServer'].includes(s.member)) continue;
      const loc = file.loc(n);
      const entry = info.args[0] ? index.resolve(info.args[0]) : undefined;
      const receiver = !entry && info.args[0] && /^(identifier|selector_expression)$/.test(unwrap(info.args[0]).type) ? receiverName(info.args[0]) : undefined;
      if (s.member === 'ServeStdio' || s.member === 'NewStdioServer') {
        add({ node: n, entry, receiver, transport: { kind: 'stdio', api: `server.${s.member}`, dnsRebindingProtection: 'not-applicable', location: loc } });
      } else if (s.member === 'NewStreamableHTTPServer' || s.member === 'NewSSEServer') {
        const sse = s.member === 'NewSSEServer';
        const t: Transport = { kind: sse ? 'sse' : 'streamable-http', api: `server.${s.member}`, dnsRebindingProtection: mcpGoProtection(file, info.args.slice(1), sse), location: loc };
        Object.assign(t, httpServerOption(file, info.args.slice(1)));
        add({ node: n, entry, receiver, transport: t });
      }
    } else if (s?.family === 'go-sdk' && s.pkg === 'mcp' && (s.member === 'NewStreamableHTTPHandler' || s.member === 'NewSSEHandler')) {
      const loc = file.loc(n);
      const sse = s.member === 'NewSSEHandler';
      const entry = info.args[0] ? index.returnedServer(info.args[0]) : undefined;
      const t: Transport = { kind: sse ? 'sse' : 'streamable-http', api: `mcp.${s.member}`, dnsRebindingProtection: goSdkProtection(file, info.args[1]), location: loc };
      add({ node: n, entry, transport: t });
    } else if (!s && fnType === 'selector_expression') {
      // go-sdk `server.Run(ctx, transport)` / `server.Connect(ctx, transport, opts)`.
      const method = field;
      if (method !== 'Run' && method !== 'Connect') continue;
      const loc = file.loc(n);
      const operand = info.fn.childForFieldName('operand')!;
      const entry = index.resolve(operand);
      const typed = !entry && file.sdkImports().some((x) => x.api === 'go-sdk') && receiverIsServer(file, operand);
      if ((entry?.family !== 'go-sdk' && !typed) || !info.args[1]) continue;
      const kind = goSdkTransportKind(file, info.args[1]);
      if (kind === 'in-memory' || (kind === 'unknown' && method === 'Connect')) continue;
      const api = kind === 'stdio' ? 'mcp.StdioTransport' : `Server.${method}`;
      add({ node: n, entry, ...(typed ? { receiver: receiverName(operand) } : {}), transport: { kind, api, ...(kind === 'stdio' ? { dnsRebindingProtection: 'not-applicable' as const } : {}), location: loc } });
    }
  }

  // mcp-go `httpServer.Start(addr)` on a Streamable HTTP / SSE server.
  for (const info of file.callsNamed(['Start'])) {
    if (info.fnType !== 'selector_expression' || info.field !== 'Start' || !info.args[0]) continue;
    const t = byNode.get(producer(file, info.operand!).id);
    if (t && (t.transport.kind === 'streamable-http' || t.transport.kind === 'sse') && t.transport.api.startsWith('server.')) setAddress(t.transport, addressOf(file, info.args[0]));
  }

  const listeners: Transport[] = [];
  const reach = new Reach(file, byNode);
  for (const l of findListeners(file)) {
    const served = l.handler ? reach.transportsOf(l.handler) : [];
    if (served.length) {
      for (const t of served) if (t.transport.host === undefined && t.transport.port === undefined && !t.transport.hostDefaultsToAll) setAddress(t.transport, l.address);
    } else {
      const t: Transport = { kind: 'http', api: l.api, location: file.loc(l.node) };
      setAddress(t, l.address);
      listeners.push(t);
    }
  }
  return { mcp, listeners, served: (expr) => reach.transportsOf(expr) };
}

/** The expression that produced a value: through names and same-file functions returning it (`hs := h.http()`). */
function producer(file: GoFile, expr: Node): Node {
  let cur = file.resolve(expr);
  for (let hops = 0; hops < 6 && cur.type === 'call_expression'; hops++) {
    const fn = cur.childForFieldName('function');
    if (!fn || file.sdk(fn)) break;
    const returned = file.returnedBy(cur);
    if (returned.length !== 1) break;
    cur = file.resolve(returned[0]!);
  }
  return cur;
}

function setAddress(t: Transport, a: Address): void {
  if (a.host !== undefined) t.host = a.host;
  if (a.hostDefaultsToAll) t.hostDefaultsToAll = true;
  if (a.port !== undefined) t.port = a.port;
}

/** mcp-go: `WithDisableLocalhostProtection(true)` turns Host validation off; an origin allow-list turns checking on. */
function mcpGoProtection(file: GoFile, opts: Node[], sse: boolean): Transport['dnsRebindingProtection'] {
  let out: Transport['dnsRebindingProtection'] = 'default';
  for (const o of opts) {
    const s = unwrap(o).type === 'call_expression' ? file.sdk(unwrap(o).childForFieldName('function')!) : undefined;
    if (!s || s.family !== 'mcp-go') continue;
    const arg = unwrap(o).childForFieldName('arguments')?.namedChildren[0] ?? undefined;
    if (s.member === (sse ? 'WithSSEDisableLocalhostProtection' : 'WithDisableLocalhostProtection')) {
      const b = file.bool(arg);
      if (b !== undefined) out = b ? 'disabled' : 'enabled';
    } else if (s.member === 'WithOriginAllowlist' && out === 'default') out = 'enabled';
  }
  return out;
}

/** go-sdk: `&mcp.StreamableHTTPOptions{DisableLocalhostProtection: true}`; unset means the SDK default applies. */
function goSdkProtection(file: GoFile, opts: Node | undefined): Transport['dnsRebindingProtection'] {
  if (!opts) return 'default';
  const f = literalFields(file.resolve(opts));
  const b = file.bool(f.get('DisableLocalhostProtection'));
  return b === undefined ? 'default' : b ? 'disabled' : 'enabled';
}

/** `server.WithHTTPServer(&http.Server{Addr: …})` / `server.WithStreamableHTTPServer(srv)` give the bind address. */
function httpServerOption(file: GoFile, opts: Node[]): Address {
  for (const o of opts) {
    const u = unwrap(o);
    const s = u.type === 'call_expression' ? file.sdk(u.childForFieldName('function')!) : undefined;
    if (s?.member !== 'WithHTTPServer' && s?.member !== 'WithStreamableHTTPServer') continue;
    const arg = u.childForFieldName('arguments')?.namedChildren[0];
    const addr = arg ? literalFields(file.resolve(arg)).get('Addr') : undefined;
    if (addr) return addressOf(file, addr);
  }
  return {};
}

function goSdkTransportKind(file: GoFile, expr: Node, depth = 0): Transport['kind'] | 'in-memory' {
  const e = file.resolve(expr);
  const text = e.text;
  if (/\bStdioTransport\b|\bNewStdioTransport\b/.test(text)) return 'stdio';
  if (/InMemory/.test(text)) return 'in-memory';
  if (depth < 4 && e.type === 'call_expression') {
    for (const r of file.returnedBy(e)) {
      const k = goSdkTransportKind(file, r, depth + 1);
      if (k !== 'unknown') return k;
    }
  }
  return 'unknown';
}

interface Listener {
  node: Node;
  api: string;
  address: Address;
  handler?: Node;
}

/** net/http listeners (`http.ListenAndServe`, `http.Server{Addr}`, `net.Listen`) and gin/echo/fiber `Run`/`Start`/`Listen`. */
function findListeners(file: GoFile): Listener[] {
  const out: Listener[] = [];
  const serverLits = new Set<number>();
  // An http.Server handed to mcp-go (`server.WithHTTPServer(&http.Server{Addr: …})`) is the MCP transport's own listener.
  const sdkOwned = new Set<number>();
  for (const info of file.sdkCalls()) {
    const s = info.sdk;
    if (s?.family !== 'mcp-go' || (s.member !== 'WithHTTPServer' && s.member !== 'WithStreamableHTTPServer') || !info.args[0]) continue;
    const v = file.resolve(info.args[0]);
    sdkOwned.add((v.type === 'unary_expression' ? unwrap(v.childForFieldName('operand') ?? v) : v).id);
  }
  for (const info of file.callsInModules((m) => m === 'net/http' || m === 'net', file.callsNamed([...LISTEN_METHODS]))) {
    const { site: c, q, fnType, field } = info;
    const name = q ? `${q.module}.${q.member}` : undefined;
    if (name === 'net/http.ListenAndServe' || name === 'net/http.ListenAndServeTLS') {
      const handler = info.args[name.endsWith('TLS') ? 3 : 1];
      out.push({ node: c.node, api: `http.${q!.member}`, address: info.args[0] ? addressOf(file, info.args[0]) : {}, handler });
    } else if (name === 'net.Listen' && info.args[1]) {
      out.push({ node: c.node, api: 'net.Listen', address: addressOf(file, info.args[1]), handler: servedOnListener(file, c.node) });
    } else if (!q && fnType === 'selector_expression') {
      const method = field ?? '';
      // Only these methods can start a listener; resolving every other receiver would be wasted work.
      if (!LISTEN_METHODS.has(method)) continue;
      const callee = info.fn;
      const recv = file.resolve(callee.childForFieldName('operand')!);
      if (recv.type === 'call_expression') {
        const rq = file.qualified(unwrap(recv.childForFieldName('function')!));
        const framework = rq ? frameworkOf(rq.module, rq.member) : undefined;
        if (framework && framework.listen === method) {
          const addr = info.args[0] ? addressOf(file, info.args[0]) : framework.defaultAddress;
          out.push({ node: c.node, api: `${framework.name}.${method}`, address: addr, handler: callee.childForFieldName('operand')! });
        }
      }
      const lit = recv.type === 'unary_expression' ? unwrap(recv.childForFieldName('operand') ?? recv) : recv;
      if ((method === 'ListenAndServe' || method === 'ListenAndServeTLS') && lit.type === 'composite_literal' && isHttpServer(file, lit)) serverLits.add(lit.id);
    }
  }
  // An `http.Server{…}` literal needs a net/http import and the word `Server` in the source.
  const httpServers = [...file.imports.values()].some((b) => b.module === 'net/http' && b.imported === '*') && /\bServer\b/.test(file.src);
  for (const lit of httpServers ? file.index.nodes('composite_literal') : []) {
    if (!lit || !isHttpServer(file, lit) || sdkOwned.has(lit.id)) continue;
    const f = literalFields(lit);
    const addr = f.get('Addr');
    if (!addr && !serverLits.has(lit.id)) continue;
    out.push({ node: lit, api: 'http.Server', address: addr ? addressOf(file, addr) : { hostDefaultsToAll: true }, handler: f.get('Handler') });
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function isHttpServer(file: GoFile, lit: Node): boolean {
  const t = lit.childForFieldName('type');
  const q = t ? file.qualified(t) : undefined;
  return q?.module === 'net/http' && q.member === 'Server';
}

/** `http.Serve(l, h)` or `srv.Serve(l)` for a listener `l := net.Listen(…)`: the handler it serves. */
function servedOnListener(file: GoFile, listen: Node): Node | undefined {
  for (const info of file.callsInModules((m) => m === 'net/http', file.callsNamed(['Serve', 'ServeTLS']))) {
    const { q, fnType, field } = info;
    const isServe = q ? q.module === 'net/http' && q.member === 'Serve' : fnType === 'selector_expression' && /^ServeTLS$|^Serve$/.test(field ?? '');
    if (!isServe || !info.args[0] || file.resolve(info.args[0]).id !== listen.id) continue;
    if (q) return info.args[1];
    const srv = file.resolve(info.fn.childForFieldName('operand')!);
    return literalFields(srv).get('Handler') ?? srv;
  }
  return undefined;
}

/** Router constructors whose method starts a listener; `Run()` without an address binds every interface on 8080 in gin. */
function frameworkOf(module: string, member: string): { name: string; listen: string; defaultAddress: Address } | undefined {
  if (/^github\.com\/gin-gonic\/gin$/.test(module) && (member === 'Default' || member === 'New')) return { name: 'gin', listen: 'Run', defaultAddress: { hostDefaultsToAll: true, port: '8080' } };
  if (/^github\.com\/labstack\/echo(\/v\d+)?$/.test(module) && member === 'New') return { name: 'echo', listen: 'Start', defaultAddress: {} };
  if (/^github\.com\/gofiber\/fiber(\/v\d+)?$/.test(module) && member === 'New') return { name: 'fiber', listen: 'Listen', defaultAddress: {} };
  return undefined;
}

/**
 * A Go listen address: `":8080"` binds every interface, `"127.0.0.1:8080"` gives host and port. Follows
 * constants, `*flag.String(…, default, …)`, `fmt.Sprintf(":%d", p)` and `net.JoinHostPort(h, p)`.
 */
export function addressOf(file: GoFile, expr: Node, depth = 0): Address {
  if (depth > MAX_DEPTH) return {};
  let e = unwrap(expr);
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '*') e = unwrap(e.childForFieldName('operand') ?? e);
  const v = e.type === 'identifier' ? file.valueOf(e) : undefined;
  if (v && v.type === 'call_expression') return addressOf(file, v, depth + 1);
  if (e.type === 'call_expression') {
    const q = file.qualified(unwrap(e.childForFieldName('function')!));
    const args = (e.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    if (q?.module === 'flag' && /^(String|StringVar)$/.test(q.member)) {
      const def = args[q.member === 'String' ? 1 : 2];
      return def ? addressOf(file, def, depth + 1) : {};
    }
    if (q?.module === 'fmt' && q.member === 'Sprintf' && args[0]) {
      const f = file.str(args[0]);
      if (f === undefined) return {};
      let i = 1;
      let complete = true;
      const text = f.replace(/%%|%[-+# 0-9.*]*[a-zA-Z]/g, (verb) => {
        if (verb === '%%') return '%';
        const v = args[i] ? scalarOf(file, args[i]!) : undefined;
        i++;
        if (v === undefined) complete = false;
        return v ?? '{…}';
      });
      return parseAddress(text, complete);
    }
    if (q?.module === 'net' && q.member === 'JoinHostPort') {
      const host = args[0] ? file.str(args[0]) : undefined;
      const port = args[1] ? file.str(args[1]) : undefined;
      const out: Address = {};
      if (host !== undefined) {
        if (host === '') out.hostDefaultsToAll = true;
        else out.host = host;
      }
      if (port !== undefined) out.port = port;
      return out;
    }
    return {};
  }
  const s = staticString(e, 'go', file.assignments);
  return s ? parseAddress(s.value, s.complete) : {};
}

/** A string or number known before run time, including a flag's default (`*flag.Int("port", 8080, …)`). */
function scalarOf(file: GoFile, expr: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let e = unwrap(expr);
  if (e.type === 'unary_expression' && e.childForFieldName('operator')?.text === '*') e = unwrap(e.childForFieldName('operand') ?? e);
  const v = e.type === 'identifier' ? file.valueOf(e) : undefined;
  if (v?.type === 'call_expression') e = v;
  if (e.type === 'call_expression') {
    const q = file.qualified(unwrap(e.childForFieldName('function')!));
    const args = (e.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    if (q?.module === 'flag' && /^(String|Int|Uint|Int64)$/.test(q.member) && args[1]) return scalarOf(file, args[1], depth + 1);
    return undefined;
  }
  const n = file.num(e);
  return n !== undefined ? String(n) : file.str(e);
}

function parseAddress(value: string, complete: boolean): Address {
  const i = value.lastIndexOf(':');
  if (i < 0) return {};
  const rawHost = value.slice(0, i);
  const port = value.slice(i + 1);
  const out: Address = {};
  if (rawHost === '') out.hostDefaultsToAll = true;
  else if (complete || !rawHost.includes('{…}')) out.host = rawHost.replace(/^\[(.*)\]$/, '$1');
  if (port && (complete || !port.includes('{…}'))) out.port = port;
  return out;
}

/** Finds which MCP transports a handler expression serves, through variables, muxes, routers and middleware. */
class Reach {
  /** Argument lists of method calls by receiver text, built on first use (most files have no listener to follow). */
  private methodCallList?: Map<string, Node[][]>;

  constructor(
    private readonly file: GoFile,
    private readonly transports: Map<number, McpTransport>,
  ) {}

  private get methodCalls(): Map<string, Node[][]> {
    if (this.methodCallList) return this.methodCallList;
    const out = new Map<string, Node[][]>();
    for (const info of this.file.callInfos()) {
      if (info.fnType !== 'selector_expression' || info.q) continue;
      const recv = info.operandText ?? info.operand?.text;
      if (!recv) continue;
      const list = out.get(recv);
      if (list) list.push(info.args);
      else out.set(recv, [info.args]);
    }
    return (this.methodCallList = out);
  }

  transportsOf(expr: Node): McpTransport[] {
    const out = new Set<McpTransport>();
    this.walk(expr, 0, new Set(), out);
    return [...out];
  }

  private walk(expr: Node, depth: number, visited: Set<number>, out: Set<McpTransport>): void {
    if (depth > MAX_DEPTH) return;
    const e = unwrap(expr);
    if (visited.has(e.id)) return;
    visited.add(e.id);
    const t = this.transports.get(e.id);
    if (t) {
      out.add(t);
      return;
    }
    const f = this.file;
    switch (e.type) {
      case 'nil':
        // The default mux: whatever `http.Handle` / `http.HandleFunc` registered on it.
        for (const info of f.callsInModules((m) => m === 'net/http')) {
          const q = info.q;
          if (q?.module === 'net/http' && (q.member === 'Handle' || q.member === 'HandleFunc')) for (const a of info.args) this.walk(a, depth + 1, visited, out);
        }
        return;
      case 'identifier': {
        const v = f.valueOf(e);
        if (v) this.walk(v, depth + 1, visited, out);
        for (const args of this.methodCalls.get(e.text) ?? []) for (const a of args) this.walk(a, depth + 1, visited, out);
        return;
      }
      case 'selector_expression': {
        const op = e.childForFieldName('operand');
        if (op && !f.qualified(e)) this.walk(op, depth + 1, visited, out);
        for (const args of this.methodCalls.get(e.text) ?? []) for (const a of args) this.walk(a, depth + 1, visited, out);
        return;
      }
      case 'call_expression': {
        const fn = e.childForFieldName('function');
        for (const a of e.childForFieldName('arguments')?.namedChildren ?? []) if (a) this.walk(a, depth + 1, visited, out);
        if (fn && (unwrap(fn).type === 'call_expression' || (unwrap(fn).type === 'selector_expression' && !f.qualified(fn)))) this.walk(fn, depth + 1, visited, out);
        for (const r of f.returnedBy(e)) this.walk(r, depth + 1, visited, out);
        return;
      }
      case 'unary_expression': {
        const op = e.childForFieldName('operand');
        if (op) this.walk(op, depth + 1, visited, out);
        return;
      }
      case 'composite_literal': {
        const h = literalFields(e).get('Handler');
        if (h) this.walk(h, depth + 1, visited, out);
        return;
      }
      case 'func_literal':
        // An inline http.HandlerFunc that delegates with `h.ServeHTTP(w, r)`.
        for (const sel of e.descendantsOfType('selector_expression')) {
          if (sel?.childForFieldName('field')?.text === 'ServeHTTP' && sel.childForFieldName('operand')) this.walk(sel.childForFieldName('operand')!, depth + 1, visited, out);
        }
        return;
    }
  }
}
