// The MCP servers constructed in a Go file and resolution of a receiver expression (`s`, `h.srv`, a parameter) to one of them.
import type { Node } from 'web-tree-sitter';
import type { ServerDef } from '../../model/inventory.js';
import type { GoFile, SdkFamily } from './go-file.js';
import { SDK_MODULES } from './go-file.js';
import { functionName, literalFields, returnValues, sameNode, unwrap, unwrapWithType } from './go-syntax.js';

export interface ServerEntry {
  def: ServerDef;
  family: SdkFamily;
  node: Node;
  /** Full text of the binding (`s`, `h.srv`); undefined when the server is not bound to a name. */
  binding?: string;
  /** Last segment of a field binding (`srv` for `h.srv = …` or `App{srv: …}`). */
  field?: string;
  /** Function the construction happens in (undefined at package level). */
  scope?: Node;
  /** Struct fields the server is later stored in (`&holder{inner: s}`, `h.inner = s`). */
  aliases: Set<string>;
}

const MAX_DEPTH = 8;
/** A keyed element whose value is a plain name, possibly parenthesised (comments aside, which the caller allows for). */
const NAME_VALUE = /:\s*[(\s]*[\p{L}_][\p{L}\p{Nd}_]*[\s)]*$/u;
const SERVER_TYPE = /(^|[*.\s])(MCPServer|mcp\.Server)$/;

export class ServerIndex {
  readonly entries: ServerEntry[] = [];
  private readonly byNode = new Map<number, ServerEntry>();
  /** Identifier resolutions per (function, name): receivers repeat across many registrations. */
  private readonly memo = new Map<string, ServerEntry | undefined>();

  constructor(private readonly file: GoFile) {
    const usedIds = new Set<string>();
    for (const { site: c, sdk: s } of file.sdkCalls()) {
      if (!s || !((s.family === 'mcp-go' && s.pkg === 'server' && s.member === 'NewMCPServer') || (s.family === 'go-sdk' && s.pkg === 'mcp' && s.member === 'NewServer'))) continue;
      const binding = bindingOf(c.node);
      const def: ServerDef = {
        id: '',
        language: 'go',
        sdk: { package: SDK_MODULES[s.family], api: s.family },
        transports: [],
        auth: [],
        tools: [],
        prompts: [],
        resources: [],
        location: file.loc(c.node),
      };
      const variable = binding?.field ?? binding?.name;
      if (variable) def.variable = variable;
      let id = variable ? `${file.path}#${variable}` : `${file.path}:${def.location.startLine}`;
      if (usedIds.has(id)) id = `${file.path}:${def.location.startLine}:${def.location.startColumn}`;
      usedIds.add(id);
      def.id = id;
      if (s.family === 'mcp-go') this.readMcpGo(c.node, def);
      else this.readGoSdk(c.node, def);
      const entry: ServerEntry = { def, family: s.family, node: c.node, scope: this.file.scopeOf(c.node), aliases: new Set() };
      if (binding?.name) entry.binding = binding.name;
      if (binding?.field) entry.field = binding.field;
      this.entries.push(entry);
      this.byNode.set(c.node.id, entry);
    }
    if (this.entries.length) this.findFieldAliases();
  }

  /** Servers stored into struct fields after construction, so `h.inner.AddTool(…)` elsewhere resolves. */
  private findFieldAliases(): void {
    const f = this.file;
    const clean = f.isClean();
    const { nodes, types } = f.index.typed(['keyed_element', 'assignment_statement']);
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const type = types[i]!;
      // Only `Key: name` and `x.f = name` can store a server; in an error-free tree the text rules most others out.
      if (clean) {
        const text = f.textOf(n);
        if (type === 'keyed_element' ? !text.includes('/') && !NAME_VALUE.test(text) : !text.includes('.')) continue;
      }
      let field: string | undefined;
      let value: Node | undefined;
      if (type === 'keyed_element') {
        // Only a name can be a server variable, so the key is read after the value passes.
        value = n.namedChildren[1] ?? undefined;
        if (!value || unwrapWithType(value)[1] !== 'identifier') continue;
        const k = n.namedChildren[0] ? unwrapWithType(n.namedChildren[0]) : undefined;
        if (k?.[1] === 'identifier' || k?.[1] === 'field_identifier') field = k[0].text;
      } else {
        const left = n.childForFieldName('left')?.namedChildren ?? [];
        const right = n.childForFieldName('right')?.namedChildren ?? [];
        if (left.length === 1 && right.length === 1 && left[0]?.type === 'selector_expression') {
          field = left[0].childForFieldName('field')?.text;
          value = right[0] ?? undefined;
        }
      }
      if (!field || !value || unwrap(value).type !== 'identifier') continue;
      const entry = this.resolve(value);
      if (entry && entry.field !== field) entry.aliases.add(field);
    }
  }

  /** `server.NewMCPServer(name, version, server.WithInstructions(…), …)`. */
  private readMcpGo(call: Node, def: ServerDef): void {
    const f = this.file;
    const args = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    if (args[0]) def.name = f.text(args[0]);
    if (args[1]) def.version = f.text(args[1]);
    for (const opt of args.slice(2)) {
      const o = unwrap(opt);
      if (o.type === 'call_expression' && f.isSdkCall(o, 'mcp-go', 'server.WithInstructions')) {
        const a = o.childForFieldName('arguments')?.namedChildren[0];
        if (a) def.instructions = f.text(a);
      }
    }
  }

  /** `mcp.NewServer(&mcp.Implementation{Name, Version}, &mcp.ServerOptions{Instructions})`. */
  private readGoSdk(call: Node, def: ServerDef): void {
    const f = this.file;
    const [impl, opts] = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    const fi = impl ? literalFields(f.resolve(impl)) : new Map<string, Node>();
    const name = fi.get('Name');
    if (name) def.name = f.text(name);
    const version = fi.get('Version');
    if (version) def.version = f.text(version);
    const instr = opts ? literalFields(f.resolve(opts)).get('Instructions') : undefined;
    if (instr) def.instructions = f.text(instr);
  }

  entryForNode(node: Node): ServerEntry | undefined {
    return this.byNode.get(unwrap(node).id);
  }

  /**
   * The server a receiver expression denotes: a variable bound to a construction (nearest scope first), an
   * alias or factory result, a field, or a parameter every same-file caller passes the same server to.
   */
  resolve(expr: Node, depth = 0): ServerEntry | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const [e, type] = unwrapWithType(expr);
    const direct = this.byNode.get(e.id);
    if (direct) return direct;
    if (type === 'call_expression') {
      const call = this.file.callOf(e);
      const fn = call ? undefined : e.childForFieldName('function');
      if (call ? call.sdk : fn && this.file.sdk(fn)) return undefined;
      return this.single(this.file.returnedBy(e).map((r) => this.resolve(r, depth + 1)));
    }
    if (type === 'unary_expression') {
      const op = e.childForFieldName('operand');
      return op ? this.resolve(op, depth + 1) : undefined;
    }
    if (type === 'selector_expression') {
      const field = e.childForFieldName('field')?.text;
      const byText = this.entries.filter((x) => x.binding === e.text);
      if (byText.length === 1) return byText[0];
      const byField = this.entries.filter((x) => x.field === field || (field !== undefined && x.aliases.has(field)));
      return byField.length === 1 ? byField[0] : undefined;
    }
    if (type !== 'identifier') return undefined;
    const fn = this.file.scopeOf(e);
    const key = `${fn?.id ?? 0}:${e.text}`;
    if (this.memo.has(key)) return this.memo.get(key);
    this.memo.set(key, undefined); // cycle guard while resolving
    const found = this.resolveName(e, fn, depth);
    this.memo.set(key, found);
    return found;
  }

  /**
   * `resolve` for a plain name used at `at` (a receiver written `s.AddTool`): a name already resolved in its scope
   * is answered without the name's node, which is fetched only to resolve it the first time.
   */
  resolveAt(name: string, at: number, node: () => Node): ServerEntry | undefined {
    const key = `${this.file.scopeAt(at)?.id ?? 0}:${name}`;
    return this.memo.has(key) ? this.memo.get(key) : this.resolve(node());
  }

  private resolveName(e: Node, fn: Node | undefined, depth: number): ServerEntry | undefined {
    // A name bound in this scope (or an enclosing one) before the use.
    const name = e.text;
    for (let scope = fn; scope; scope = this.file.scopeOf(scope)) {
      const s = scope;
      const local = this.entries.filter((x) => x.binding === name && !x.field && sameNode(x.scope, s));
      if (local.length) return local[local.length - 1];
      if (this.file.params(s).some((p) => p.name === name)) return this.fromParameter(s, name, depth);
    }
    const value = this.file.valueOf(e);
    if (value) {
      const v = this.resolve(value, depth + 1);
      if (v) return v;
    }
    const pkg = this.entries.filter((x) => x.binding === e.text && !x.field && !x.scope);
    if (pkg.length === 1) return pkg[0];
    // `var s *server.MCPServer` at package level, assigned in init() or main() and used everywhere.
    const any = this.entries.filter((x) => x.binding === e.text && !x.field);
    return any.length === 1 && (!fn || this.file.isPackageVar(e.text)) ? any[0] : undefined;
  }

  /** `func register(s *server.MCPServer) { s.AddTool(…) }` called as `register(srv)` in this file. */
  private fromParameter(fn: Node, name: string, depth: number): ServerEntry | undefined {
    const fname = functionName(fn);
    if (!fname) return undefined;
    const idx = this.file.params(fn).findIndex((p) => p.name === name);
    const results = this.file.callsOf(fname).map((c) => (c.args[idx] ? this.resolve(c.args[idx]!, depth + 1) : undefined));
    return this.single(results);
  }

  private single(list: (ServerEntry | undefined)[]): ServerEntry | undefined {
    if (!list.length || list.some((x) => !x)) return undefined;
    return list.every((x) => x === list[0]) ? list[0] : undefined;
  }

  /** The server a `getServer` callback returns (go-sdk `NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return s }, …)`). */
  returnedServer(callback: Node): ServerEntry | undefined {
    const target = this.file.functionOf(callback);
    if (!target) return undefined;
    return this.single(this.file.ownReturns(target.fn).map((r) => {
      const v = returnValues(r)[0];
      return v ? this.resolve(v) : undefined;
    }));
  }
}

/** The name a construction is bound to: `s := …`, `var s = …`, `h.srv = …`, or a struct field `App{srv: …}`. */
function bindingOf(call: Node): { name?: string; field?: string } | undefined {
  let cur: Node = call;
  while (cur.parent?.type === 'parenthesized_expression') cur = cur.parent;
  const list = cur.parent;
  if (list?.type === 'literal_element') {
    const kv = list.parent;
    if (kv?.type === 'keyed_element' && kv.namedChildren[1]?.id === list.id) {
      const key = unwrap(kv.namedChildren[0]!);
      return key.type === 'identifier' || key.type === 'field_identifier' ? { field: key.text } : undefined;
    }
    return undefined;
  }
  const decl = list?.parent;
  if (list?.type !== 'expression_list' || !decl) return undefined;
  if (decl.type !== 'short_var_declaration' && decl.type !== 'assignment_statement' && decl.type !== 'var_spec') return undefined;
  const right = list.namedChildren.filter((c): c is Node => !!c);
  const left = (decl.type === 'var_spec' ? decl.childrenForFieldName('name') : decl.childForFieldName('left')?.namedChildren ?? []).filter((c): c is Node => !!c);
  const i = right.findIndex((r) => r.id === cur.id);
  const target = right.length === left.length ? left[i] : left[0];
  if (!target || target.text === '_') return undefined;
  if (target.type === 'identifier') return { name: target.text };
  if (target.type === 'selector_expression') return { name: target.text, field: target.childForFieldName('field')?.text };
  return undefined;
}

/** `receiverIsServer` for a plain name used at `at`, whose node is fetched only if its value must be read. */
export function receiverNameIsServer(file: GoFile, name: string, at: number, node: () => Node): boolean {
  return SERVER_TYPE.test(file.declaredTypeText(name, at, node) ?? '');
}

/** Orphan receivers are grouped by the name the merge step matches on: the variable, or a field's last segment. */
export function receiverName(recv: Node): string {
  const [r, type] = unwrapWithType(recv);
  if (type === 'selector_expression') return r.childForFieldName('field')?.text ?? r.text;
  return r.text;
}

/** A receiver declared as `*server.MCPServer` / `*mcp.Server` (parameter, variable or struct field). */
export function receiverIsServer(file: GoFile, recv: Node): boolean {
  const [r, type] = unwrapWithType(recv);
  if (type === 'identifier') return receiverNameIsServer(file, r.text, r.startIndex, () => r);
  if (type === 'selector_expression') {
    const field = r.childForFieldName('field')?.text;
    return file.fieldDecls().some((d) => d.childrenForFieldName('name').some((n) => n?.text === field) && SERVER_TYPE.test(d.childForFieldName('type')?.text ?? ''));
  }
  return false;
}

