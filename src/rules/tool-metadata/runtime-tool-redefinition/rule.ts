// MV1010 (MCPSafe MCP-094): the server adds, removes, re-describes or re-enables tools after start-up — from a tool handler, a timer, an event callback or a goroutine.
import type { Node, Point } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { handlerScopes } from '../../../rule/tool-handlers.js';
import { callName, lastSegment } from '../handler-effects.js';

/** Registry methods on a server object, per language. */
const SERVER_METHODS: Record<'python' | 'js' | 'go', ReadonlySet<string>> = {
  python: new Set(['add_tool', 'remove_tool', 'tool']),
  js: new Set(['tool', 'registerTool', 'addTool', 'addTools', 'removeTool', 'removeTools']),
  go: new Set(['AddTool', 'AddTools', 'SetTools', 'DeleteTools', 'RemoveTools', 'AddSessionTool', 'AddSessionTools', 'DeleteSessionTools']),
};
/** Methods of the object a TypeScript registration returns (`RegisteredTool`) and of fastmcp's `FunctionTool`. */
const TOOL_OBJECT_METHODS = new Set(['update', 'remove', 'enable', 'disable']);
/** Calls whose function argument runs later: timers, event subscriptions, scheduled and background work. */
const DEFERRING: Record<'python' | 'js' | 'go', RegExp> = {
  js: /^(?:setTimeout|setInterval|setImmediate|on|once|addListener|prependListener|addEventListener|watch|subscribe|schedule)$/,
  python: /^(?:Timer|Thread|call_later|call_at|call_soon|call_soon_threadsafe|create_task|ensure_future|start_soon|run_in_executor|do|add_job|submit|schedule)$/,
  go: /^(?:AfterFunc)$/,
};
const GO_SDK_ADD_TOOL = /^github\.com\/modelcontextprotocol\/go-sdk\/mcp\.AddTool$/;

interface Runtime {
  start: Point;
  end: Point;
  /** When the code runs, for the message: `inside the handler of tool "x"`, `in a setInterval callback`. */
  when: string;
}

export default defineRule({
  meta: {
    id: 'MV1010',
    slug: 'runtime-tool-redefinition',
    title: 'Tools are redefined while the server is running',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-506', 'CWE-494'],
    owaspMcp: ['MCP03'],
    aliases: ['MCP-094'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} changes the server\'s tools {when}; a user who approved the tool list at start-up never sees the new definitions',
    docs: {
      summary:
        'Tools are registered, removed, re-described or toggled from code that runs after the server started: inside a tool, prompt or resource handler, a timer or event callback, a background task or goroutine, or (TypeScript) after `server.connect()`.',
      risk:
        'Users and clients decide whether to trust a server by looking at its tool list when they connect, and some pin those definitions. A server that swaps a tool\'s description or handler later — after the tenth call, after a timer fires, when a remote flag flips — performs a "rug pull": the approved tool becomes a different one, for example one whose description now tells the model to send files elsewhere. Clients that honour `notifications/tools/list_changed` silently re-read the list, and most never show the user what changed. Tool sets that must vary at run time are rare and deserve an explicit review.',
      detection:
        'Finds calls that change the tool registry — TypeScript `server.tool()`/`registerTool()` and fastmcp `addTool`/`removeTool`, and `update()`/`remove()`/`enable()`/`disable()` on the object a registration returned; Python `mcp.add_tool()`/`remove_tool()`, `mcp.tool()` used as a call, calls and assignments through the private `_tool_manager`, fastmcp `tool.enable()`/`disable()` on a decorated tool; Go mcp-go `AddTool`/`AddTools`/`SetTools`/`DeleteTools`/session-tool methods, go-sdk `server.AddTool`/`RemoveTools` and `mcp.AddTool(server, …)` — on a receiver that is an MCP server of the file (or `ctx.fastmcp`, `server.ServerFromContext(ctx)`). It fires only when the call runs after start-up: inside an MCP handler of the same file; inside a function passed (inline or by name) to `setTimeout`/`setInterval`/`setImmediate`, `.on`/`.once`/`addEventListener`, `watch`, `subscribe` or `schedule`; Python `threading.Timer`/`Thread`, `loop.call_later`/`call_at`/`call_soon`, `asyncio.create_task`/`ensure_future`, `start_soon`, `run_in_executor`, `schedule…do`, `add_job`, `submit`; Go `go` statements and `time.AfterFunc`; or, in TypeScript, later in the same function as `await server.connect(…)`. Registrations during start-up (module level, a `register(server)` helper, before `connect`) do not fire. Indirection through helper functions called from a handler is not followed.',
      fix:
        'Register the complete tool set once at start-up and ship changes as a new release with a new server version. If tools really must depend on run-time state, decide at start-up, keep descriptions and schemas static, and gate behaviour inside the handler instead of swapping definitions; review any remaining dynamic registration as a security-relevant feature and document it for users.',
      references: [
        { title: 'MCP specification 2025-11-25: Tools — list changed notification', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#list-changed-notification' },
        { title: 'Invariant Labs: MCP security notification — tool poisoning and rug pulls', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'CWE-506: Embedded Malicious Code', url: 'https://cwe.mitre.org/data/definitions/506.html' },
        { title: 'OWASP MCP Top 10: MCP03 Tool Poisoning', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /tool|Tool|update|enable|disable/,
    detect(ctx) {
      const inv = ctx.inventory;
      const lang = ctx.codeLanguage;
      if (!inv || !lang || !ctx.tree) return [];
      const fam = lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
      const servers = new Set<string>([...inv.servers.map((s) => s.variable), ...inv.orphans.map((o) => o.receiver)].filter((v): v is string => !!v));
      if (!servers.size) return [];
      const facts = fileFacts(ctx, fam);
      const runtimes = runtimeRanges(ctx, fam, servers, facts);
      if (!runtimes.length) return [];
      const toolObjects = fam === 'python' ? pythonToolObjects(ctx) : registeredToolVariables(ctx, servers);
      const out: RawFinding[] = [];
      const report = (node: Node, what: string) => {
        const r = innermost(runtimes, node.startPosition);
        if (r) out.push({ span: nodeSpan(node), data: { what, when: r.when } });
      };
      for (const call of ctx.calls()) {
        const what = mutation(call, fam, servers, toolObjects);
        if (what) report(call.node, what);
      }
      for (const n of facts.privateWrites) report(n, 'writing to the private tool registry');
      return out;
    },
  },
});

interface FileFacts {
  /** Named functions of the file by name (Python `def`, JS `function`, Go `func`). */
  functions: Map<string, Node>;
  goStatements: Node[];
  /** Python assignments / `del` statements that touch `_tool_manager`. */
  privateWrites: Node[];
}

/** One walk over the file for everything the rule needs besides the shared call list. */
function fileFacts(ctx: FileContext, fam: 'python' | 'js' | 'go'): FileFacts {
  const types = fam === 'python' ? ['function_definition', 'assignment', 'delete_statement'] : fam === 'go' ? ['function_declaration', 'go_statement'] : ['function_declaration'];
  const facts: FileFacts = { functions: new Map(), goStatements: [], privateWrites: [] };
  for (const n of descendantsOfType(ctx.tree!.rootNode, types)) {
    if (n.type === 'go_statement') facts.goStatements.push(n);
    else if (n.type === 'assignment' || n.type === 'delete_statement') {
      const target = n.type === 'assignment' ? n.childForFieldName('left') : n;
      if (target && /\b_tool_manager\b/.test(target.text)) facts.privateWrites.push(n);
    } else {
      const name = n.childForFieldName('name')?.text;
      if (name && !facts.functions.has(name)) facts.functions.set(name, n);
    }
  }
  return facts;
}

/** Byte ranges of code that runs after start-up. */
function runtimeRanges(ctx: FileContext, fam: 'python' | 'js' | 'go', servers: ReadonlySet<string>, facts: FileFacts): Runtime[] {
  const out: Runtime[] = [];
  for (const s of handlerScopes(ctx.inventory)) {
    const l = s.handler.location;
    out.push({ start: { row: l.startLine - 1, column: l.startColumn - 1 }, end: { row: l.endLine - 1, column: l.endColumn - 1 }, when: `inside the handler of ${s.kind} "${s.name}"` });
  }
  const addFunction = (fn: Node | undefined, when: string) => {
    if (fn) out.push({ start: fn.startPosition, end: fn.endPosition, when });
  };
  for (const call of ctx.calls()) {
    const method = lastSegment(callName(call));
    if (DEFERRING[fam].test(method)) {
      const full = callName(call);
      const label = /^[\w$.]{1,40}$/.test(full) ? full : method;
      for (const a of [...call.args, ...call.kwargs.values()]) addFunction(functionOf(a, fam, ctx, facts), `in a callback passed to ${label}()`);
    }
    // TypeScript: whatever follows `await server.connect(...)` in the same function runs on a live session.
    if (fam === 'js' && method === 'connect' && servers.has(callName(call).split('.')[0]!)) {
      const body = enclosingBody(call.node);
      if (body) out.push({ start: call.node.endPosition, end: body.endPosition, when: 'after server.connect()' });
    }
  }
  for (const g of facts.goStatements) {
    const call = g.namedChildren[0];
    const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : undefined;
    addFunction(fn?.type === 'func_literal' ? fn : fn ? functionOf(fn, fam, ctx, facts) : undefined, 'in a goroutine');
    if (call && fn?.type !== 'func_literal') out.push({ start: call.startPosition, end: call.endPosition, when: 'in a goroutine' });
  }
  return out;
}

/** The function a callback argument stands for: an inline function, or a named function of this file. */
function functionOf(arg: Node, fam: 'python' | 'js' | 'go', ctx: FileContext, facts: FileFacts): Node | undefined {
  switch (arg.type) {
    case 'arrow_function':
    case 'function_expression':
    case 'function':
    case 'lambda':
    case 'func_literal':
      return arg;
    case 'identifier': {
      const named = facts.functions.get(arg.text);
      if (named) return named;
      const values = ctx.assignments().get(arg.text);
      const v = values?.length === 1 ? values[0]! : undefined;
      return v && ['arrow_function', 'function_expression', 'function', 'lambda', 'func_literal'].includes(v.type) ? v : undefined;
    }
    case 'attribute':
    case 'member_expression':
    case 'selector_expression': {
      // `self.refresh`, `this.refresh`, `srv.refresh`: a method of that name in this file.
      const name = /(\w+)$/.exec(arg.text)?.[1];
      return name ? facts.functions.get(name) : undefined;
    }
    case 'call': {
      // `asyncio.create_task(refresh())`: the coroutine function being started.
      const fn = arg.childForFieldName('function');
      return fn && fam === 'python' ? functionOf(fn, fam, ctx, facts) : undefined;
    }
    default:
      return undefined;
  }
}

/** The statement block or program a call statement sits in (a short parent walk from one node). */
function enclosingBody(node: Node): Node | undefined {
  let cur = node.parent;
  while (cur && cur.type !== 'statement_block' && cur.type !== 'program') cur = cur.parent;
  return cur ?? undefined;
}

function before(a: Point, b: Point): boolean {
  return a.row < b.row || (a.row === b.row && a.column <= b.column);
}

/** The narrowest run-time range containing the point (a callback inside a handler names the callback). */
function innermost(runtimes: Runtime[], at: Point): Runtime | undefined {
  let best: Runtime | undefined;
  for (const r of runtimes) {
    if (!before(r.start, at) || !before(at, r.end) || (at.row === r.end.row && at.column === r.end.column)) continue;
    if (!best || before(best.start, r.start)) best = r;
  }
  return best;
}

/** A description of the registry change a call makes, or undefined. */
function mutation(call: CallSite, fam: 'python' | 'js' | 'go', servers: ReadonlySet<string>, toolObjects: ReadonlySet<string>): string | undefined {
  const name = callName(call);
  const method = lastSegment(name);
  const receiver = name.slice(0, Math.max(0, name.length - method.length - 1));
  if (fam === 'go' && GO_SDK_ADD_TOOL.test(name)) return 'mcp.AddTool()';
  if (!receiver) return undefined;
  const recvTail = lastSegment(receiver);
  const isServer =
    servers.has(receiver) ||
    servers.has(recvTail) ||
    (fam === 'python' && /(?:^|\.)fastmcp$/.test(receiver)) ||
    (fam === 'go' && /ServerFromContext\(/.test(receiver));
  if (isServer && SERVER_METHODS[fam].has(method)) return `${receiver}.${method}()`;
  if (fam === 'python' && /(?:^|\.)_tool_manager(?:\.|$)/.test(receiver)) return `${receiver}.${method}()`;
  if (fam === 'js' && /(?:^|\.)_registeredTools$/.test(receiver)) return `${receiver}.${method}()`;
  if (TOOL_OBJECT_METHODS.has(method) && toolObjects.has(receiver)) return `${receiver}.${method}()`;
  return undefined;
}

/** TypeScript variables holding what `server.tool()` / `server.registerTool()` returned (a `RegisteredTool`). */
function registeredToolVariables(ctx: FileContext, servers: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const [name, values] of ctx.assignments()) {
    if (values.length !== 1) continue;
    let v: Node | null = values[0]!;
    if (v.type === 'await_expression') v = v.namedChildren[0] ?? null;
    if (v?.type !== 'call_expression') continue;
    const fn = v.childForFieldName('function');
    const obj = fn?.type === 'member_expression' ? fn.childForFieldName('object')?.text : undefined;
    const prop = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
    if (obj && servers.has(obj) && (prop === 'tool' || prop === 'registerTool')) out.add(name);
  }
  return out;
}

/** Python (fastmcp): a decorated tool function is a tool object with `enable()` / `disable()`. */
function pythonToolObjects(ctx: FileContext): Set<string> {
  const out = new Set<string>();
  for (const g of [...(ctx.inventory?.servers ?? []), ...(ctx.inventory?.orphans ?? [])]) {
    for (const t of g.tools) if (t.handler?.name && t.api.startsWith('@')) out.add(t.handler.name);
  }
  return out;
}
