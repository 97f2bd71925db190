// Server constructions of one file and where each registration belongs: a server built here, or an orphan receiver.
import type { Node } from 'web-tree-sitter';
import type { FileInventory, PromptDef, ResourceDef, ServerDef, ToolDef, Transport } from '../../model/inventory.js';
import { chainText, propsOf, textOf, unwrap } from './resolve-node.js';
import type { CallSite } from '../../parse/call-sites.js';
import { calleeSymbol, serverApi } from './sdk-symbols.js';
import { nearestFunction } from './registration-parts.js';
import type { TsContext } from './ts-context.js';

type ServerKind = 'mcpserver' | 'lowlevel' | 'fastmcp';

export interface ServerSite {
  def: ServerDef;
  kind: ServerKind;
  node: Node;
  /** Innermost function around the construction; used to tell same-named servers in different functions apart. */
  scope?: Node;
}

type Orphan = FileInventory['orphans'][number];

/** Resolves a `new X(...)` to the kind of MCP server it builds, or undefined. */
function serverKindOf(call: CallSite, ctx: TsContext): { kind: ServerKind; package: string; symbol: string } | undefined {
  const sym = calleeSymbol(call, ctx);
  if (!sym?.package) return undefined;
  if (sym.package === 'fastmcp') return sym.name === 'FastMCP' ? { kind: 'fastmcp', package: sym.package, symbol: sym.name } : undefined;
  if (sym.name === 'McpServer') return { kind: 'mcpserver', package: sym.package, symbol: sym.name };
  if (sym.name === 'Server' && (/\/server(\/index(\.js)?)?$/.test(sym.module) || sym.module === '@modelcontextprotocol/server')) {
    return { kind: 'lowlevel', package: sym.package, symbol: sym.name };
  }
  return undefined;
}

/** The name a constructed value is bound to: `const s = new X()`, `this.s = new X()`, a class field `s = new X()`. */
export function boundName(expr: Node): string | undefined {
  let cur = expr;
  while (cur.parent && ['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'await_expression'].includes(cur.parent.type)) cur = cur.parent;
  const p = cur.parent;
  if (!p) return undefined;
  if (p.type === 'variable_declarator' && p.childForFieldName('value')?.id === cur.id) {
    const name = p.childForFieldName('name');
    return name?.type === 'identifier' ? name.text : undefined;
  }
  if (p.type === 'assignment_expression' && p.childForFieldName('right')?.id === cur.id) {
    const left = p.childForFieldName('left');
    return left && (left.type === 'identifier' || left.type === 'member_expression') ? chainText(left) : undefined;
  }
  if ((p.type === 'public_field_definition' || p.type === 'field_definition') && p.childForFieldName('value')?.id === cur.id) {
    const name = p.childForFieldName('name');
    return name ? `this.${name.text}` : undefined;
  }
  return undefined;
}

export class ServerIndex {
  readonly sites: ServerSite[] = [];
  private readonly orphans = new Map<string, Orphan>();

  constructor(ctx: TsContext) {
    const idCount = new Map<string, number>();
    for (const call of ctx.calls) {
      if (!call.isNew) continue;
      const k = serverKindOf(call, ctx);
      if (!k) continue;
      const variable = boundName(call.node);
      const line = call.node.startPosition.row + 1;
      let id = variable ? `${ctx.path}#${variable}` : `${ctx.path}:${line}`;
      const n = idCount.get(id) ?? 0;
      idCount.set(id, n + 1);
      if (n > 0) id = `${id}:${line}`;
      const def: ServerDef = {
        id,
        language: 'typescript',
        sdk: { package: k.package, api: serverApi(k.package, k.symbol) },
        transports: [],
        auth: [],
        tools: [],
        prompts: [],
        resources: [],
        location: ctx.loc(call.node),
      };
      if (variable) def.variable = variable;
      const info = propsOf(call.args[0], ctx);
      const name = info.get('name');
      const version = info.get('version');
      if (name) def.name = textOf(name, ctx);
      if (version) def.version = textOf(version, ctx);
      const options = k.kind === 'fastmcp' ? info : propsOf(call.args[1], ctx);
      const instructions = options.get('instructions');
      if (instructions) def.instructions = textOf(instructions, ctx);
      this.sites.push({ def, kind: k.kind, node: call.node, scope: nearestFunction(call.node) });
    }
  }

  /**
   * The server a receiver expression refers to at `at`: same variable name (preferring a construction in an
   * enclosing function, then the latest one before `at`); `mcp.server` means the low-level server of `mcp`.
   */
  serverFor(receiver: Node, at: Node): ServerSite | undefined {
    const text = chainText(receiver);
    let candidates = this.sites.filter((s) => s.def.variable === text);
    if (!candidates.length && text.endsWith('.server')) {
      const base = text.slice(0, -'.server'.length);
      candidates = this.sites.filter((s) => s.def.variable === base && s.kind === 'mcpserver');
    }
    if (candidates.length <= 1) return candidates[0];
    const enclosing = candidates.filter((s) => s.scope && s.scope.startIndex <= at.startIndex && at.endIndex <= s.scope.endIndex);
    if (enclosing.length) return enclosing.sort((a, b) => b.scope!.startIndex - a.scope!.startIndex)[0];
    const before = candidates.filter((s) => s.node.startIndex <= at.startIndex);
    return before.length ? before[before.length - 1] : candidates[0];
  }

  addTool(receiver: Node, at: Node, tool: ToolDef): void {
    const s = this.serverFor(receiver, at);
    if (s) s.def.tools.push(tool);
    else this.orphan(receiver).tools.push(tool);
  }

  addPrompt(receiver: Node, at: Node, prompt: PromptDef): void {
    const s = this.serverFor(receiver, at);
    if (s) s.def.prompts.push(prompt);
    else this.orphan(receiver).prompts.push(prompt);
  }

  addResource(receiver: Node, at: Node, resource: ResourceDef): void {
    const s = this.serverFor(receiver, at);
    if (s) s.def.resources.push(resource);
    else this.orphan(receiver).resources.push(resource);
  }

  addTransport(receiver: Node, at: Node, transport: Transport): void {
    const s = this.serverFor(receiver, at);
    if (s) s.def.transports.push(transport);
    else this.orphan(receiver).transports.push(transport);
  }

  private orphan(receiver: Node): Orphan {
    const key = chainText(unwrap(receiver));
    let o = this.orphans.get(key);
    if (!o) {
      o = { receiver: key, tools: [], prompts: [], resources: [], transports: [] };
      this.orphans.set(key, o);
    }
    return o;
  }

  orphanList(): Orphan[] {
    return [...this.orphans.values()];
  }
}
