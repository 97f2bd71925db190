// How Python MCP servers are served: run()/app factories, low-level transports, uvicorn listeners and DNS-rebinding settings.
import type { Node } from 'web-tree-sitter';
import type { FileInventory, Transport } from '../../model/inventory.js';
import type { CallSite } from '../../parse/call-sites.js';
import { ancestor, descendantsOfType } from '../../parse/walk.js';
import { receiverText, type PythonFacts } from './python-facts.js';
import type { PyServer, ServerRegistry, Target } from './server-registry.js';

interface ServeMethod {
  /** Fixed kind, or the default when the transport comes from an argument. */
  kind: Transport['kind'];
  /** Where the transport name is passed: `transport=` only, or also the first positional argument. */
  transportArg?: 'keyword' | 'keyword-or-first';
  /** True when the call itself binds a socket (host/port apply); app factories are served by someone else. */
  binds: boolean;
}

const SERVE_METHODS: ReadonlyMap<string, ServeMethod> = new Map([
  ['run', { kind: 'stdio', transportArg: 'keyword-or-first', binds: true }],
  ['run_async', { kind: 'stdio', transportArg: 'keyword-or-first', binds: true }],
  ['run_stdio_async', { kind: 'stdio', binds: false }],
  ['run_sse_async', { kind: 'sse', binds: true }],
  ['run_streamable_http_async', { kind: 'streamable-http', binds: true }],
  ['run_http_async', { kind: 'streamable-http', transportArg: 'keyword', binds: true }],
  ['sse_app', { kind: 'sse', binds: false }],
  ['streamable_http_app', { kind: 'streamable-http', binds: false }],
  ['http_app', { kind: 'streamable-http', transportArg: 'keyword', binds: false }],
]);

const STDIO_SERVER = new Set(['mcp.server.stdio.stdio_server', 'mcp.server.stdio_server']);
const SSE_TRANSPORT = new Set(['mcp.server.sse.SseServerTransport']);
const SESSION_MANAGER = new Set(['mcp.server.streamable_http_manager.StreamableHTTPSessionManager']);
const UVICORN = new Set(['uvicorn.run', 'uvicorn.Config']);
/** Methods that attach a sub-application or route to an ASGI app (`app.mount("/mcp", mcp.streamable_http_app())`). */
const ATTACH_METHODS = new Set(['mount', 'add_route', 'include_router', 'add_api_route', 'add_websocket_route']);
const MAX_STEPS = 64;

export function pythonTransports(facts: PythonFacts, registry: ServerRegistry, inv: FileInventory): void {
  /** App-factory transports by call node id, which a uvicorn listener may serve. */
  const factories = new Map<number, Transport>();
  /** Low-level HTTP transports whose listener is set up separately. */
  const lowlevelHttp: Transport[] = [];
  const listeners: CallSite[] = [];
  const push = (target: Target | undefined, t: Transport) => (target ? (target.server?.def ?? target.orphan!).transports : inv.transports).push(t);

  for (const site of facts.calls) {
    const name = site.name ?? '';
    if (site.callee.type === 'attribute') {
      const method = site.callee.childForFieldName('attribute')?.text ?? '';
      const serve = SERVE_METHODS.get(method);
      const t = serve ? serveTransport(site, method, serve, facts, registry) : undefined;
      if (t) {
        push(t.target, t.transport);
        if (!serve!.binds && t.transport.kind !== 'stdio') factories.set(site.node.id, t.transport);
        continue;
      }
    }
    if (STDIO_SERVER.has(name)) {
      push(stdioTarget(site.node, facts, registry), { kind: 'stdio', api: 'stdio_server', dnsRebindingProtection: 'not-applicable', location: facts.loc(site.node) });
    } else if (SSE_TRANSPORT.has(name) || SESSION_MANAGER.has(name)) {
      const sse = SSE_TRANSPORT.has(name);
      const t: Transport = {
        kind: sse ? 'sse' : 'streamable-http',
        api: sse ? 'SseServerTransport' : 'StreamableHTTPSessionManager',
        dnsRebindingProtection: protection(site.kwargs.get('security_settings'), facts),
        location: facts.loc(site.node),
      };
      const app = sse ? undefined : site.kwargs.get('app') ?? site.args[0];
      push((app && registry.targetFor(app, 'run')) || soleServer(registry), t);
      lowlevelHttp.push(t);
    } else if (UVICORN.has(name)) listeners.push(site);
  }

  const untied: CallSite[] = [];
  for (const l of listeners) {
    const served = servedFactories(l.kwargs.get('app') ?? l.args[0], factories, facts);
    if (served.length) for (const t of served) applyListener(t, l, facts);
    else untied.push(l);
  }
  if (untied.length === 1 && lowlevelHttp.length) {
    for (const t of lowlevelHttp) applyListener(t, untied[0]!, facts);
    return;
  }
  const mcpFile = inv.sdkImports.length > 0 || registry.servers.length > 0 || registry.orphans.length > 0;
  if (!mcpFile) return;
  for (const l of untied) {
    const t: Transport = { kind: 'http', api: l.name!, location: facts.loc(l.node) };
    applyListener(t, l, facts);
    inv.transports.push(t);
  }
}

function serveTransport(site: CallSite, method: string, serve: ServeMethod, facts: PythonFacts, registry: ServerRegistry): { target: Target; transport: Transport } | undefined {
  const receiver = site.callee.childForFieldName('object');
  const target = registry.targetFor(receiver, 'run');
  if (!target || target.server?.flavor === 'lowlevel') return undefined;
  // A low-level `server.run(read, write, options)` on an imported object is not a transport choice.
  if (target.orphan && method === 'run' && site.args.length >= 2) return undefined;

  let kind = serve.kind;
  const tNode = serve.transportArg ? site.kwargs.get('transport') ?? (serve.transportArg === 'keyword-or-first' ? site.args[0] : undefined) : undefined;
  if (tNode && !facts.isNone(tNode)) kind = transportKind(facts.stringValue(tNode));
  const t: Transport = { kind, api: `mcp.${method}`, location: facts.loc(site.node) };
  if (kind === 'stdio') {
    t.dnsRebindingProtection = 'not-applicable';
    return { target, transport: t };
  }
  const settings: PyServer['settings'] = target.server?.settings ?? {};
  if (serve.binds) {
    const host = site.kwargs.get('host') ?? settings.host;
    const port = site.kwargs.get('port') ?? settings.port;
    // Without a host both SDKs bind 127.0.0.1, so `hostDefaultsToAll` stays unset.
    if (host && !facts.isNone(host)) t.host = hostText(host, facts);
    if (port && !facts.isNone(port)) t.port = portText(port, facts);
  }
  t.dnsRebindingProtection = protection(site.kwargs.get('transport_security') ?? settings.transportSecurity, facts);
  return { target, transport: t };
}

function transportKind(value: string | undefined): Transport['kind'] {
  switch (value) {
    case 'stdio':
      return 'stdio';
    case 'sse':
      return 'sse';
    case 'streamable-http':
    case 'streamable_http':
    case 'http':
      return 'streamable-http';
    default:
      return 'unknown';
  }
}

/** DNS-rebinding protection from a `TransportSecuritySettings(...)` expression (or its absence). */
function protection(node: Node | undefined, facts: PythonFacts): Transport['dnsRebindingProtection'] {
  if (!node) return 'default';
  const v = facts.resolve(node);
  if (!v || v.type !== 'call' || !/(?:^|\.)TransportSecuritySettings$/.test(v.childForFieldName('function')?.text ?? '')) return 'default';
  const flag = facts.arg(v, 'enable_dns_rebinding_protection');
  if (!flag) return 'enabled'; // the settings class turns protection on by default
  const b = facts.bool(flag);
  return b === undefined ? 'default' : b ? 'enabled' : 'disabled';
}

function hostText(node: Node, facts: PythonFacts): string {
  return facts.stringValue(node) ?? node.text;
}

function portText(node: Node, facts: PythonFacts): string {
  const n = facts.number(node);
  return n !== undefined ? String(n) : facts.stringValue(node) ?? node.text;
}

function applyListener(t: Transport, l: CallSite, facts: PythonFacts): void {
  const host = l.kwargs.get('host');
  const port = l.kwargs.get('port');
  // uvicorn binds 127.0.0.1 when no host is given.
  if (t.host === undefined && host && !facts.isNone(host)) t.host = hostText(host, facts);
  if (t.port === undefined && port && !facts.isNone(port)) t.port = portText(port, facts);
}

/** App-factory transports reachable from the app a listener serves (directly, through names, Mounts or `app.mount`). */
function servedFactories(app: Node | undefined, factories: ReadonlyMap<number, Transport>, facts: PythonFacts): Transport[] {
  if (!app || !factories.size) return [];
  const attached = new Map<string, Node[]>();
  for (const site of facts.calls) {
    const callee = site.callee;
    if (callee.type !== 'attribute' || !ATTACH_METHODS.has(callee.childForFieldName('attribute')?.text ?? '')) continue;
    const head = receiverText(callee.childForFieldName('object'))?.split('.')[0];
    if (head) attached.set(head, [...(attached.get(head) ?? []), ...site.args, ...site.kwargs.values()]);
  }
  const out = new Set<Transport>();
  const seen = new Set<number>();
  const seenNames = new Set<string>();
  const queue: Node[] = [app];
  for (let steps = 0; queue.length && steps < MAX_STEPS; steps++) {
    const n = queue.shift()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    for (const c of n.type === 'call' ? [n, ...descendantsOfType(n, 'call')] : descendantsOfType(n, 'call')) {
      const t = factories.get(c.id);
      if (t) out.add(t);
    }
    for (const id of n.type === 'identifier' ? [n] : descendantsOfType(n, 'identifier')) {
      if (seenNames.has(id.text)) continue;
      seenNames.add(id.text);
      const v = facts.singleValue(id);
      if (v) queue.push(v);
      queue.push(...(attached.get(id.text) ?? []));
    }
  }
  return [...out];
}

/** The server a `stdio_server()` block serves: the one whose `.run(…)` is awaited inside it, else the file's only one. */
function stdioTarget(call: Node, facts: PythonFacts, registry: ServerRegistry): Target | undefined {
  const block = ancestor(call, ['with_statement']);
  for (const c of block ? descendantsOfType(block, 'call') : []) {
    const callee = c.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'run') continue;
    const target = registry.targetFor(callee.childForFieldName('object'), 'run');
    if (target) return target;
  }
  return soleServer(registry);
}

function soleServer(registry: ServerRegistry): Target | undefined {
  return registry.servers.length === 1 ? { server: registry.servers[0]! } : undefined;
}
