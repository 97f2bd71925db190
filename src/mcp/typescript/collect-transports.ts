// Transports and listeners: SDK transport objects, `server.connect`, FastMCP `start`, and HTTP listeners with host/port.
import type { Node } from 'web-tree-sitter';
import type { FileInventory, Transport } from '../../model/inventory.js';
import { calleeMemberOf, calleeTypeOf, type CallSite } from '../../parse/call-sites.js';
import { assignedValue, boolOf, chainText, isFunctionNode, isStringLike, numberOf, propsOf, resolveNode, staticText, textOf, unwrap } from './resolve-node.js';
import { calleeSdkSymbol, importedSymbol, sdkPackageOf, sdkSymbol } from './sdk-symbols.js';
import { boundName, type ServerIndex } from './server-index.js';
import { nearestFunction } from './registration-parts.js';
import type { TsContext } from './ts-context.js';

const SDK_TRANSPORTS: Record<string, { kind: Transport['kind']; optionsArg: number }> = {
  StdioServerTransport: { kind: 'stdio', optionsArg: -1 },
  StreamableHTTPServerTransport: { kind: 'streamable-http', optionsArg: 0 },
  NodeStreamableHTTPServerTransport: { kind: 'streamable-http', optionsArg: 0 },
  WebStandardStreamableHTTPServerTransport: { kind: 'streamable-http', optionsArg: 0 },
  SSEServerTransport: { kind: 'sse', optionsArg: 2 },
};

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const HOST_VALIDATORS = new Set(['hostHeaderValidation', 'localhostHostValidation']);

interface TransportSite {
  call: CallSite;
  transport: Transport;
  variable?: string;
  /** Servers (ids or receiver names) this transport was connected to. */
  connectedTo: Set<string>;
}

/** What is known about an HTTP app or server object that `.listen` is called on. */
interface AppInfo {
  framework: 'node' | 'fastify';
  protection?: Transport['dnsRebindingProtection'];
}

export function collectTransports(ctx: TsContext, index: ServerIndex, inv: FileInventory, isMcpFile: boolean): void {
  const sites: TransportSite[] = [];
  for (const call of ctx.calls) {
    if (!call.isNew) continue;
    const sym = calleeSdkSymbol(call, ctx);
    const spec = sym ? SDK_TRANSPORTS[sym] : undefined;
    if (!sym || !spec) continue;
    const transport: Transport = { kind: spec.kind, api: sym, location: ctx.loc(call.node) };
    transport.dnsRebindingProtection = spec.kind === 'stdio' ? 'not-applicable' : protectionOption(call.args[spec.optionsArg], ctx);
    sites.push({ call, transport, variable: boundName(call.node), connectedTo: new Set() });
  }

  for (const call of ctx.calls) {
    if (call.isNew || calleeTypeOf(call) !== 'member_expression') continue;
    const method = calleeMemberOf(call);
    if (method !== 'connect' && method !== 'start') continue;
    const receiver = call.callee.childForFieldName('object');
    if (!receiver) continue;
    if (method === 'connect' && call.args.length === 1) {
      const site = transportArg(call.args[0]!, call.node, sites);
      // The same transport connected on several code paths is still one transport of that server.
      const key = site ? `${index.serverFor(receiver, call.node)?.def.id ?? chainText(receiver)}` : '';
      if (!site || site.connectedTo.has(key)) continue;
      site.connectedTo.add(key);
      index.addTransport(receiver, call.node, site.transport);
    } else if (method === 'start' && call.args.length <= 1) {
      const server = index.serverFor(receiver, call.node);
      const opts = call.args[0];
      const isFast = server?.kind === 'fastmcp' || (!server && [...ctx.imports.values()].some((b) => sdkPackageOf(b.module) === 'fastmcp') && propsOf(opts, ctx).has('transportType'));
      if (!isFast) continue;
      index.addTransport(receiver, call.node, fastmcpStart(call, ctx));
    }
  }
  for (const s of sites) if (!s.connectedTo.size) inv.transports.push(s.transport);

  if (isMcpFile) inv.transports.push(...listeners(ctx));
}

/** `enableDnsRebindingProtection` in a transport's options: enabled, explicitly disabled, or left to the default. */
function protectionOption(node: Node | undefined, ctx: TsContext): Transport['dnsRebindingProtection'] {
  const v = node ? propsOf(node, ctx).get('enableDnsRebindingProtection') : undefined;
  const b = boolOf(v, ctx);
  return b === true ? 'enabled' : b === false ? 'disabled' : 'default';
}

/** The transport site an argument of `connect(...)` refers to: inline `new X()` or a variable bound to one. */
function transportArg(arg: Node, at: Node, sites: TransportSite[]): TransportSite | undefined {
  const u = unwrap(arg.type === 'await_expression' ? arg.namedChildren[0] ?? arg : arg);
  const inline = sites.find((s) => s.call.node.id === u.id);
  if (inline) return inline;
  if (u.type !== 'identifier' && u.type !== 'member_expression') return undefined;
  const name = chainText(u);
  const named = sites.filter((s) => s.variable === name);
  if (named.length <= 1) return named[0];
  const scope = nearestFunction(at);
  return named.find((s) => scope && nearestFunction(s.call.node)?.id === scope.id) ?? named.filter((s) => s.call.node.startIndex <= at.startIndex).pop() ?? named[0];
}

/** FastMCP `server.start({ transportType, httpStream: { port, host } })`; stdio when nothing is passed. */
function fastmcpStart(call: CallSite, ctx: TsContext): Transport {
  const opts = propsOf(call.args[0], ctx);
  const typeNode = opts.get('transportType');
  const type = typeNode ? staticText(typeNode, ctx) : { value: 'stdio', complete: true };
  const kind: Transport['kind'] = !type?.complete ? 'unknown' : type.value === 'stdio' ? 'stdio' : type.value === 'httpStream' ? 'streamable-http' : type.value === 'sse' ? 'sse' : 'unknown';
  const t: Transport = { kind, api: 'server.start', location: ctx.loc(call.node) };
  if (kind === 'stdio') {
    t.dnsRebindingProtection = 'not-applicable';
    return t;
  }
  const http = propsOf(opts.get('httpStream') ?? opts.get('sse'), ctx);
  const host = http.get('host');
  const port = http.get('port');
  if (host) t.host = hostText(host, ctx);
  // FastMCP binds to `localhost` (or FASTMCP_HOST / --host) when no host is passed.
  else t.hostDefaultsToAll = false;
  if (port) t.port = portText(port, ctx);
  t.dnsRebindingProtection = 'default';
  return t;
}

function hostText(node: Node, ctx: TsContext): string {
  const tv = textOf(node, ctx);
  return tv.origin === 'dynamic' ? unwrap(node).text : tv.value;
}

function portText(node: Node, ctx: TsContext): string {
  const n = numberOf(node, ctx);
  if (n !== undefined) return String(n);
  const s = staticText(node, ctx);
  return s?.complete ? s.value : unwrap(node).text;
}

/** HTTP listeners: `app.listen`, `http.createServer(...).listen`, Fastify, `serve()` (Hono), `Bun.serve`, `Deno.serve`. */
function listeners(ctx: TsContext): Transport[] {
  const out: Transport[] = [];
  const protectedApps = new Set<string>();
  for (const call of ctx.calls) {
    if (call.isNew || calleeTypeOf(call) !== 'member_expression' || calleeMemberOf(call) !== 'use') continue;
    const app = call.callee.childForFieldName('object');
    if (app && call.args.some((a) => isHostValidator(a, ctx))) protectedApps.add(chainText(app));
  }
  const listened = new Set<number>();
  for (const call of ctx.calls) {
    if (call.isNew) continue;
    const name = call.name ?? '';
    if (calleeTypeOf(call) === 'member_expression' && calleeMemberOf(call) === 'listen') {
      const receiver = call.callee.childForFieldName('object');
      if (!receiver) continue;
      const app = appInfo(receiver, ctx, protectedApps, listened);
      out.push(listenCall(call, receiver, app, ctx));
      continue;
    }
    if (/^@hono\/node-server\.serve$/.test(name) || name === 'Bun.serve' || name === 'Deno.serve') {
      const opts = propsOf(call.args[0], ctx);
      const t: Transport = { kind: 'http', api: name.startsWith('@hono') ? 'serve' : name, location: ctx.loc(call.node) };
      const host = opts.get('hostname');
      const port = opts.get('port');
      if (host) t.host = hostText(host, ctx);
      else t.hostDefaultsToAll = true;
      if (port) t.port = portText(port, ctx);
      out.push(t);
    }
  }
  for (const call of ctx.calls) {
    if (call.isNew || calleeSdkSymbol(call, ctx) !== 'createMcpExpressApp' || listened.has(call.node.id)) continue;
    const t: Transport = { kind: 'http', api: 'createMcpExpressApp', location: ctx.loc(call.node), dnsRebindingProtection: expressAppProtection(call, ctx) };
    const host = propsOf(call.args[0], ctx).get('host');
    if (host) t.host = hostText(host, ctx);
    else t.hostDefaultsToAll = false;
    out.push(t);
  }
  return out;
}

/** `hostHeaderValidation([...])` / `localhostHostValidation()` from an MCP SDK package. */
function isHostValidator(arg: Node, ctx: TsContext): boolean {
  const u = unwrap(arg);
  const fn = u.type === 'call_expression' ? u.childForFieldName('function') : undefined;
  return !!fn && HOST_VALIDATORS.has(sdkSymbol(fn, ctx) ?? '');
}

/** Host validation `createMcpExpressApp` sets up: on for localhost hosts (the default) or explicit `allowedHosts`. */
function expressAppProtection(call: CallSite, ctx: TsContext): Transport['dnsRebindingProtection'] {
  const opts = propsOf(call.args[0], ctx);
  if (opts.has('allowedHosts')) return 'enabled';
  const host = opts.get('host');
  if (!host) return 'enabled';
  const s = staticText(host, ctx);
  return s?.complete && LOCAL_HOSTS.has(s.value) ? 'enabled' : 'default';
}

function appInfo(receiver: Node, ctx: TsContext, protectedApps: ReadonlySet<string>, listened: Set<number>, depth = 0): AppInfo {
  const info: AppInfo = { framework: 'node' };
  const u = unwrap(receiver);
  if (protectedApps.has(chainText(u))) info.protection = 'enabled';
  const value = u.type === 'identifier' ? assignedValue(u, ctx) : u;
  const v = value ? unwrap(value.type === 'await_expression' ? value.namedChildren[0] ?? value : value) : undefined;
  if (!v || depth > 3) return info;
  if (v.type === 'call_expression') {
    const fn = v.childForFieldName('function');
    const sym = fn ? importedSymbol(fn, ctx) : undefined;
    if (sym?.package && sym.name === 'createMcpExpressApp') {
      listened.add(v.id);
      const site = ctx.calls.find((c) => c.node.id === v.id);
      if (site) info.protection ??= expressAppProtection(site, ctx);
      return info;
    }
    if (sym && /^fastify(\/|$)/.test(sym.module)) info.framework = 'fastify';
    if (sym && /^(http|https|http2)$/.test(sym.module) && /^create(Secure)?Server$/.test(sym.name)) {
      const app = v.childForFieldName('arguments')?.namedChildren.find((a) => a && !isFunctionNode(a) && unwrap(a).type === 'identifier');
      if (app) {
        const inner = appInfo(app, ctx, protectedApps, listened, depth + 1);
        info.protection ??= inner.protection;
      }
    }
  }
  return info;
}

function listenCall(call: CallSite, receiver: Node, app: AppInfo, ctx: TsContext): Transport {
  const r = unwrap(receiver);
  const base = r.type === 'identifier' || r.type === 'member_expression' ? chainText(r) : r.type === 'call_expression' ? `${chainText(r.childForFieldName('function') ?? r)}()` : 'server';
  const t: Transport = { kind: 'http', api: `${base}.listen`, location: ctx.loc(call.node) };
  const [a0, a1] = call.args;
  let host: Node | undefined;
  let port: Node | undefined;
  const opts = a0 ? resolveNode(a0, ctx) : undefined;
  if (opts?.type === 'object') {
    const p = propsOf(opts, ctx);
    host = p.get('host');
    port = p.get('port');
  } else {
    if (a0 && !isFunctionNode(unwrap(a0))) port = a0;
    if (a1 && !isFunctionNode(unwrap(a1)) && (isStringLike(a1, ctx) || ['identifier', 'member_expression', 'binary_expression', 'ternary_expression'].includes(unwrap(a1).type)) && numberOf(a1, ctx) === undefined) host = a1;
  }
  if (host) t.host = hostText(host, ctx);
  // Node's `listen(port)` binds every interface; Fastify's `listen({ port })` binds localhost.
  else t.hostDefaultsToAll = app.framework !== 'fastify';
  if (port) t.port = portText(port, ctx);
  if (app.protection) t.dnsRebindingProtection = app.protection;
  return t;
}
