// The Go flow builder: a Go syntax tree → the flow IR (functions, statements, canonical callees) for the taint solver.
import type { Tree } from 'web-tree-sitter';
import type { Location } from '../../model/location.js';
import { decodeEscapes } from '../../parse/string-literal.js';
import type { FileFlow, FlowCall, FlowExport, FlowExpr, FlowFunction, FlowImport, FlowParam, FlowRef, FlowStmt } from '../ir.js';
import { toJTree, type JTree } from '../jtree.js';
import { GO_CLEAN_VERBS, splitGoFormat } from './go-format.js';
import { goImportAliases, goImportName } from './go-package-name.js';
import { collectGoTypes, constructedType, type GoFileTypes } from './go-types.js';

/**
 * Subtrees the IR never needs: comments, string internals (literals are decoded from their text), and type syntax
 * (parameter types, type arguments), whose text is all the builder reads. Struct declarations are kept: their field
 * types name the receivers of method calls.
 */
const SKIP: ReadonlySet<string> = new Set([
  'comment',
  'interpreted_string_literal',
  'raw_string_literal',
  'rune_literal',
  'type_identifier',
  'qualified_type',
  'pointer_type',
  'slice_type',
  'array_type',
  'implicit_length_array_type',
  'map_type',
  'channel_type',
  'function_type',
  'interface_type',
  'generic_type',
  'type_arguments',
  'type_parameter_list',
  'parenthesized_type',
  'negated_type',
  'type_constraint',
  'type_elem',
]);

/** Node types that are types, where an expression may stand (`make([]T, n)`, `new(T)`, conversions). */
const TYPE_NODES: ReadonlySet<string> = new Set([
  'type_identifier',
  'qualified_type',
  'pointer_type',
  'slice_type',
  'array_type',
  'implicit_length_array_type',
  'map_type',
  'channel_type',
  'function_type',
  'struct_type',
  'interface_type',
  'generic_type',
  'parenthesized_type',
]);

/** Predeclared types: `string(b)`, `int64(n)` are conversions, which keep their operand's data. */
const BUILTIN_TYPES: ReadonlySet<string> = new Set([
  'string', 'byte', 'rune', 'bool', 'any', 'error', 'uintptr',
  'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64',
  'float32', 'float64', 'complex64', 'complex128',
]);

/** Calls after which the statements that follow never run. */
const EXIT_CALLEES: ReadonlySet<string> = new Set([
  'panic', 'os.Exit', 'runtime.Goexit',
  'log.Fatal', 'log.Fatalf', 'log.Fatalln', 'log.Panic', 'log.Panicf', 'log.Panicln',
]);

/** Methods that do not return, on any receiver (`t.Fatal`, `logger.Fatalf`), typed or not. */
const EXIT_METHOD = /^(?:.*\.[A-Z]\w*)?\.(?:Fatal|Fatalf|Fatalln|FailNow|SkipNow|Skip|Skipf)$/;

function isExitCall(callee: string): boolean {
  return EXIT_CALLEES.has(callee) || EXIT_METHOD.test(callee);
}

/** Methods that store their arguments in the receiver (`b.WriteString(x)`, `q.Set(k, v)`): the receiver takes their data. */
const WRITER_METHODS: ReadonlySet<string> = new Set(['Write', 'WriteString', 'WriteByte', 'WriteRune', 'Add', 'Set', 'Store', 'Append', 'Push', 'PushBack', 'PushFront']);

/** Literal node types whose value is not a string. */
const PLAIN_LITERALS: ReadonlySet<string> = new Set(['int_literal', 'float_literal', 'imaginary_literal', 'rune_literal', 'true', 'false', 'nil', 'iota']);

/**
 * Nesting bounds: the converters recurse over expressions and nested statements, so hostile inputs (100k nested
 * blocks or parentheses) are cut off — deeper expressions become `unknown`, deeper statements are dropped. Long
 * chains that nest in the tree but not in meaning (`a + b + …`, `a && b && …`, `x.f.g…`, `((x))`) are walked in
 * loops and do not count towards the bound. Function literals are queued, so each function starts at depth 0.
 */
const MAX_EXPR_DEPTH = 200;
const MAX_STMT_DEPTH = 300;
/** Enclosing functions searched for a name's declaration (closures are rarely nested more than a few deep). */
const MAX_SCOPE_WALK = 64;

const UNKNOWN: FlowExpr = { kind: 'unknown' };

/** How a statement leaves the statement list it is in: a `break` leaves only the innermost switch, select or loop. */
const Exit = { None: 0, Break: 1, Continue: 2, Return: 3 } as const;
type Exit = (typeof Exit)[keyof typeof Exit];

interface Scope {
  /** Names declared in this function (parameters, `:=`, `var`), which shadow imports and package functions. */
  locals: Set<string>;
  /** Static types of locals, canonical (`database/sql.DB`, `Store` for the package's own types). */
  types: Map<string, string>;
  /** The method receiver's name, read and written as `self`, and its type. */
  self?: string;
  selfType?: string;
  parent?: Scope;
}

interface Ctx {
  fn: FlowFunction;
  scope: Scope;
  namedResults: string[];
  /** `v, ok := m[k]` bindings, so that a later `if !ok` reads as `<not>(<in>(k, m))`. */
  okIn: Map<string, { item: FlowExpr; coll: FlowExpr }>;
}

interface Pending {
  fn: FlowFunction;
  node: number;
  scope: Scope;
  namedResults: string[];
}

export function buildGoFlow(input: { path: string; tree: Tree; text: string }): FileFlow {
  return new GoFlowBuilder(input.path, toJTree(input.tree, input.text, SKIP)).build();
}

class GoFlowBuilder {
  /** Import local name → module path, including guessed alternative names of unaliased imports. */
  private readonly imports = new Map<string, string>();
  private readonly flowImports: FlowImport[] = [];
  private readonly exports: FlowExport[] = [];
  /** Package-level functions of this file (not methods) → id, so that a bare reference becomes a `func` value. */
  private readonly topFuncs = new Map<string, string>();
  private readonly functions: FlowFunction[] = [];
  private readonly ids = new Set<string>();
  private readonly queue: Pending[] = [];
  /** Zero-argument calls standing for reads of package-qualified names (`os.Args`), so subscripts can extend them. */
  private readonly accessCalls = new WeakSet<FlowCall>();
  private goPackage?: string;
  private types: GoFileTypes = { kinds: new Map(), fields: new Map(), results: new Map() };
  /** Static types of package-level variables of this file. */
  private readonly moduleTypes = new Map<string, string>();

  constructor(
    private readonly path: string,
    private readonly t: JTree,
  ) {}

  build(): FileFlow {
    const t = this.t;
    const module: FlowFunction = {
      id: `${this.path}#<module>`,
      name: '<module>',
      qualified: '<module>',
      params: [],
      location: this.loc(0),
      stmts: [],
    };
    this.ids.add(module.id);
    this.functions.push(module);
    // Top-level nodes in order; ERROR nodes of a broken file are opened in place so what parsed inside still counts.
    const top: number[] = [];
    const work = t.size > 0 ? t.children(0).reverse() : [];
    while (work.length) {
      const n = work.pop()!;
      const type = t.type(n);
      if (type === 'ERROR') {
        const kids = t.children(n);
        for (let i = kids.length - 1; i >= 0; i--) work.push(kids[i]!);
      } else top.push(n);
    }
    for (const n of top) {
      const type = t.type(n);
      if (type === 'package_clause') {
        const id = t.namedChildren(n)[0];
        if (id !== undefined) this.goPackage = t.nodeText(id);
      } else if (type === 'import_declaration') this.importDeclaration(n);
    }
    this.types = collectGoTypes(t, top);
    // Functions are registered before any body is read, so references to later functions resolve.
    for (const n of top) {
      const type = t.type(n);
      if (type === 'function_declaration' || type === 'method_declaration') this.declare(n);
    }
    // Package-level variables: their types are visible to every function, but they are no locals.
    const moduleScope: Scope = { locals: new Set(), types: this.moduleTypes };
    const ctx: Ctx = { fn: module, scope: moduleScope, namedResults: [], okIn: new Map() };
    for (const n of top) {
      const type = t.type(n);
      if (type === 'function_declaration' || type === 'method_declaration' || type === 'package_clause' || type === 'import_declaration') continue;
      this.stmt(n, ctx, 0, module.stmts);
    }
    // Function bodies, closures included: each literal met in a body is queued, so nesting never deepens the stack.
    for (let i = 0; i < this.queue.length; i++) {
      const p = this.queue[i]!;
      const body = t.child(p.node, 'body');
      if (body < 0) continue;
      const c: Ctx = { fn: p.fn, scope: p.scope, namedResults: p.namedResults, okIn: new Map() };
      p.fn.stmts = this.block(body, c, 0).stmts;
    }
    const flow: FileFlow = { path: this.path, language: 'go', imports: this.flowImports, exports: this.exports, functions: this.functions };
    if (this.goPackage !== undefined) flow.goPackage = this.goPackage;
    return flow;
  }

  // ---------------------------------------------------------------- declarations

  private importDeclaration(n: number): void {
    const t = this.t;
    const specs: number[] = [];
    for (const c of t.children(n)) {
      if (t.type(c) === 'import_spec') specs.push(c);
      else if (t.type(c) === 'import_spec_list') for (const s of t.children(c)) if (t.type(s) === 'import_spec') specs.push(s);
    }
    for (const s of specs) {
      const pathNode = t.child(s, 'path');
      if (pathNode < 0) continue;
      const module = this.stringValue(pathNode) ?? '';
      if (!module) continue;
      const nameNode = t.child(s, 'name');
      const alias = nameNode >= 0 ? t.nodeText(nameNode) : undefined;
      if (alias === '_') continue;
      if (alias === '.') {
        // A dot import binds its members unqualified; they stay bare names (callees cannot tell them from locals).
        this.flowImports.push({ local: '.', module, imported: '*' });
        continue;
      }
      const local = alias ?? goImportName(module);
      this.flowImports.push({ local, module, imported: '*' });
      if (!this.imports.has(local)) this.imports.set(local, module);
      if (alias === undefined) for (const a of goImportAliases(module)) if (!this.imports.has(a)) this.imports.set(a, module);
    }
  }

  /** Registers a top-level function or method and queues its body. */
  private declare(n: number): void {
    const t = this.t;
    const isMethod = t.type(n) === 'method_declaration';
    const nameNode = t.child(n, 'name');
    const name = nameNode >= 0 ? t.nodeText(nameNode) : '<anon>';
    let className: string | undefined;
    let self: string | undefined;
    if (isMethod) {
      const recv = t.child(n, 'receiver');
      const decl = recv >= 0 ? t.namedChildren(recv).find((c) => t.type(c) === 'parameter_declaration') : undefined;
      if (decl !== undefined) {
        const typeNode = t.child(decl, 'type');
        if (typeNode >= 0) className = receiverTypeName(t.nodeText(typeNode));
        const rn = t.child(decl, 'name');
        if (rn >= 0 && t.nodeText(rn) !== '_') self = t.nodeText(rn);
      }
    }
    const qualified = className ? `${className}.${name}` : name;
    const fn = this.newFunction(n, name, qualified, className);
    if (!isMethod && nameNode >= 0 && !this.topFuncs.has(name)) this.topFuncs.set(name, fn.id);
    if (name !== 'init' && name !== '_' && nameNode >= 0) this.exports.push({ name: qualified, fnId: fn.id });
    const scope: Scope = { locals: new Set(fn.params.map((p) => p.name)), types: this.paramTypes(t.child(n, 'parameters')), ...(self ? { self } : {}), ...(self && className ? { selfType: className } : {}) };
    this.enqueue(n, fn, scope);
  }

  private newFunction(n: number, name: string, qualified: string, className?: string, parent?: string): FlowFunction {
    const location = this.loc(n);
    let id = `${this.path}#${qualified}`;
    // Go allows several `init` functions, and a broken file may repeat a name: ids stay unique by position.
    if (this.ids.has(id)) id = `${id}@${location.startLine}:${location.startColumn}`;
    this.ids.add(id);
    const fn: FlowFunction = {
      id,
      name,
      qualified,
      ...(className ? { className } : {}),
      params: this.params(this.t.child(n, 'parameters')),
      location,
      stmts: [],
      ...(parent ? { parent } : {}),
    };
    this.functions.push(fn);
    return fn;
  }

  private enqueue(n: number, fn: FlowFunction, scope: Scope): void {
    const namedResults: string[] = [];
    const result = this.t.child(n, 'result');
    if (result >= 0 && this.t.type(result) === 'parameter_list') {
      for (const p of this.t.children(result)) for (const nm of this.t.childrenOf(p, 'name')) namedResults.push(this.t.nodeText(nm));
      for (const [name, type] of this.paramTypes(result)) scope.types.set(name, type);
    }
    for (const r of namedResults) scope.locals.add(r);
    this.queue.push({ fn, node: n, scope, namedResults });
  }

  /** Canonical types of the named parameters of a list. */
  private paramTypes(list: number): Map<string, string> {
    const t = this.t;
    const out = new Map<string, string>();
    if (list < 0) return out;
    for (const p of t.children(list)) {
      const typeNode = t.child(p, 'type');
      const type = typeNode >= 0 && t.type(p) === 'parameter_declaration' ? this.canonType(t.nodeText(typeNode)) : undefined;
      if (type) for (const nm of t.childrenOf(p, 'name')) out.set(t.nodeText(nm), type);
    }
    return out;
  }

  private params(list: number): FlowParam[] {
    const t = this.t;
    const out: FlowParam[] = [];
    if (list < 0) return out;
    for (const p of t.children(list)) {
      const type = t.type(p);
      if (type !== 'parameter_declaration' && type !== 'variadic_parameter_declaration') continue;
      const rest = type === 'variadic_parameter_declaration';
      const names = t.childrenOf(p, 'name');
      if (!names.length) out.push({ name: '_', index: out.length, ...(rest ? { rest } : {}) });
      for (const nm of names) out.push({ name: t.nodeText(nm), index: out.length, ...(rest ? { rest } : {}) });
    }
    return out;
  }

  /**
   * A function literal: its own FlowFunction (queued), and a `func` value where it appears. A literal bound straight
   * to a name (`fn := func…`, `var handler = func…`) is named after it (`outer.fn`, `handler`), so that calls by that
   * name resolve to it like calls of a nested or package-level function; other literals are `<anon>@line:col`.
   */
  private funcLiteral(n: number, ctx: Ctx, boundTo?: string): FlowExpr {
    const loc = this.loc(n);
    const atModule = ctx.fn.qualified === '<module>';
    const name = boundTo ?? '<anon>';
    const qualified = boundTo ? (atModule ? boundTo : `${ctx.fn.qualified}.${boundTo}`) : `<anon>@${loc.startLine}:${loc.startColumn}`;
    const fn = this.newFunction(n, name, qualified, undefined, ctx.fn.id);
    if (boundTo && atModule) {
      if (!this.topFuncs.has(boundTo)) this.topFuncs.set(boundTo, fn.id);
      this.exports.push({ name: boundTo, fnId: fn.id });
    }
    this.enqueue(n, fn, { locals: new Set(fn.params.map((p) => p.name)), types: this.paramTypes(this.t.child(n, 'parameters')), parent: ctx.scope });
    return { kind: 'func', fnId: fn.id };
  }

  /** `x := func…`: the name a function literal is bound to, when the value is the literal itself. */
  private literalBinding(left: number, right: number): string | undefined {
    const t = this.t;
    let r = right;
    while (r >= 0 && t.type(r) === 'parenthesized_expression') r = t.namedChildren(r)[0] ?? -1;
    if (r < 0 || t.type(r) !== 'func_literal' || t.type(left) !== 'identifier') return undefined;
    const name = t.nodeText(left);
    return name === '_' ? undefined : name;
  }

  // ---------------------------------------------------------------- statements

  /** The statements of a block, case clause or statement list (ERROR nodes opened in place). */
  private statementsOf(n: number, skipFields?: ReadonlySet<string>): number[] {
    const t = this.t;
    const out: number[] = [];
    const work = t.children(n).reverse();
    while (work.length) {
      const c = work.pop()!;
      if (skipFields?.has(t.field(c))) continue;
      const type = t.type(c);
      if (type === 'statement_list' || type === 'ERROR') {
        const kids = t.children(c);
        for (let i = kids.length - 1; i >= 0; i--) work.push(kids[i]!);
      } else if (!t.isToken(c)) out.push(c);
    }
    return out;
  }

  private block(n: number, ctx: Ctx, depth: number, skipFields?: ReadonlySet<string>): { stmts: FlowStmt[]; exit: Exit } {
    const stmts: FlowStmt[] = [];
    let exit: Exit = Exit.None;
    for (const s of this.statementsOf(n, skipFields)) {
      const e = this.stmt(s, ctx, depth, stmts);
      // Statements after an unconditional exit are unreachable; the first exit decides how the list is left.
      if (exit === Exit.None) exit = e;
    }
    return { stmts, exit };
  }

  /** Converts one statement into `out`; returns how it leaves the enclosing list. */
  private stmt(n: number, ctx: Ctx, depth: number, out: FlowStmt[]): Exit {
    if (depth > MAX_STMT_DEPTH) return Exit.None;
    const t = this.t;
    const d = depth + 1;
    switch (t.type(n)) {
      case 'expression_statement': {
        const inner = t.namedChildren(n)[0];
        if (inner === undefined) return Exit.None;
        const value = this.expr(inner, ctx, 0);
        const outs = this.outParams(inner, ctx);
        if (outs.length) this.pushStore(out, [], outs, value, n);
        else out.push({ kind: 'expr', value, location: this.loc(n) });
        return value.kind === 'call' && isExitCall(value.call.callee) ? Exit.Return : Exit.None;
      }
      case 'short_var_declaration':
      case 'assignment_statement': {
        const left = this.listItems(t.child(n, 'left'));
        const right = this.listItems(t.child(n, 'right'));
        const opNode = t.child(n, 'operator');
        const op = opNode >= 0 ? t.type(opNode) : ':=';
        if (t.type(n) === 'short_var_declaration') this.declareNames(left, ctx);
        if (op === '=' || op === ':=') this.assign(left, right, n, ctx, out);
        else this.compoundAssign(left, right, op, n, ctx, out);
        return Exit.None;
      }
      case 'var_declaration':
      case 'const_declaration': {
        const specs: number[] = [];
        for (const c of t.children(n)) {
          const ct = t.type(c);
          if (ct === 'var_spec' || ct === 'const_spec') specs.push(c);
          else if (ct === 'var_spec_list' || ct === 'const_spec_list') for (const s of t.children(c)) specs.push(s);
        }
        for (const s of specs) {
          const names = t.childrenOf(s, 'name');
          this.declareNames(names, ctx);
          const declared = t.child(s, 'type');
          const type = declared >= 0 ? this.canonType(t.nodeText(declared)) : undefined;
          if (type) for (const nm of names) ctx.scope.types.set(t.nodeText(nm), type);
          const value = t.child(s, 'value');
          if (value >= 0) this.assign(names, this.listItems(value), s, ctx, out);
          else {
            // A zero value (or a repeated `iota` constant): a constant.
            for (const nm of names) {
              const target = this.target(nm, ctx);
              if (target) out.push({ kind: 'assign', target, value: { kind: 'lit' }, location: this.loc(s) });
            }
          }
        }
        return Exit.None;
      }
      case 'return_statement': {
        const list = t.namedChildren(n)[0];
        const items = list === undefined ? [] : t.type(list) === 'expression_list' ? t.namedChildren(list) : [list];
        let value: FlowExpr;
        if (items.length === 1) value = this.expr(items[0]!, ctx, 0);
        else if (items.length > 1) value = { kind: 'collection', items: items.map((i) => this.expr(i, ctx, 0)) };
        // A bare return hands back the named results.
        else if (ctx.namedResults.length) value = { kind: 'collection', items: ctx.namedResults.map((r) => ({ kind: 'ref', ref: { kind: 'var', name: r } })) };
        else value = { kind: 'lit' };
        out.push({ kind: 'return', value, location: this.loc(n) });
        return Exit.Return;
      }
      case 'if_statement':
        return this.ifStatement(n, ctx, d, out);
      case 'for_statement':
        this.forStatement(n, ctx, d, out);
        return Exit.None;
      case 'expression_switch_statement':
      case 'type_switch_statement':
      case 'select_statement':
        return this.switchStatement(n, ctx, d, out);
      case 'defer_statement':
      case 'go_statement': {
        const inner = t.namedChildren(n)[0];
        if (inner !== undefined) out.push({ kind: 'block', body: [{ kind: 'expr', value: this.expr(inner, ctx, 0), location: this.loc(n) }] });
        return Exit.None;
      }
      case 'block': {
        const b = this.block(n, ctx, d);
        out.push({ kind: 'block', body: b.stmts });
        return b.exit;
      }
      case 'labeled_statement': {
        const inner = t.namedChildren(n).find((c) => t.type(c) !== 'label_name');
        return inner === undefined ? Exit.None : this.stmt(inner, ctx, d, out);
      }
      case 'send_statement': {
        const ch = t.child(n, 'channel');
        const v = t.child(n, 'value');
        if (v < 0) return Exit.None;
        const value = this.expr(v, ctx, 0);
        const target = ch >= 0 ? this.target(ch, ctx) : undefined;
        // A channel is a container: what is sent can be received.
        if (target) out.push({ kind: 'assign', target: { kind: 'index', base: target }, value, location: this.loc(n) });
        else out.push({ kind: 'expr', value, location: this.loc(n) });
        return Exit.None;
      }
      case 'receive_statement': {
        // `v := <-ch` / `v, ok = <-ch` in a select case.
        const left = this.listItems(t.child(n, 'left'));
        const right = t.child(n, 'right');
        if (right < 0) return Exit.None;
        this.declareNames(left, ctx);
        if (left.length) this.assign(left, [right], n, ctx, out);
        else out.push({ kind: 'expr', value: this.expr(right, ctx, 0), location: this.loc(n) });
        return Exit.None;
      }
      case 'break_statement':
        return t.namedChildren(n).length ? Exit.Continue : Exit.Break;
      case 'continue_statement':
        return Exit.Continue;
      case 'goto_statement':
        return Exit.Return;
      case 'inc_statement':
      case 'dec_statement':
      case 'fallthrough_statement':
      case 'empty_statement':
      case 'type_declaration':
      case 'comment':
      case 'package_clause':
      case 'import_declaration':
        return Exit.None;
      case 'function_declaration':
      case 'method_declaration':
        // Only inside ERROR nodes of a broken file.
        this.declare(n);
        return Exit.None;
      case 'ERROR': {
        let exit: Exit = Exit.None;
        for (const c of t.namedChildren(n)) {
          const e = this.stmt(c, ctx, d, out);
          if (exit === Exit.None) exit = e;
        }
        return exit;
      }
      default: {
        // An expression standing alone (only in broken files): keep its calls.
        if (this.isExpressionNode(n)) out.push({ kind: 'expr', value: this.expr(n, ctx, 0), location: this.loc(n) });
        return Exit.None;
      }
    }
  }

  private isExpressionNode(n: number): boolean {
    const type = this.t.type(n);
    return type.endsWith('_expression') || type === 'identifier' || type === 'func_literal' || type === 'composite_literal';
  }

  private ifStatement(n: number, ctx: Ctx, depth: number, out: FlowStmt[]): Exit {
    const t = this.t;
    const init = t.child(n, 'initializer');
    if (init >= 0) this.stmt(init, ctx, depth, out);
    const cond = t.child(n, 'condition');
    const test = cond >= 0 ? this.test(cond, ctx, 0) : UNKNOWN;
    const cons = t.child(n, 'consequence');
    const then = cons >= 0 ? this.block(cons, ctx, depth) : { stmts: [], exit: Exit.None };
    const alt = t.child(n, 'alternative');
    let elseStmts: FlowStmt[] = [];
    let elseExit: Exit = Exit.None;
    if (alt >= 0) {
      if (t.type(alt) === 'block') {
        const b = this.block(alt, ctx, depth);
        elseStmts = b.stmts;
        elseExit = b.exit;
      } else elseExit = this.stmt(alt, ctx, depth, elseStmts);
    }
    out.push({ kind: 'if', test, then: then.stmts, else: elseStmts, thenExits: then.exit !== Exit.None, elseExits: elseExit !== Exit.None, location: this.loc(n) });
    return alt >= 0 ? (Math.min(then.exit, elseExit) as Exit) : Exit.None;
  }

  private forStatement(n: number, ctx: Ctx, depth: number, out: FlowStmt[]): void {
    const t = this.t;
    const bodyNode = t.child(n, 'body');
    const location = this.loc(n);
    const bodyOf = () => (bodyNode >= 0 ? this.block(bodyNode, ctx, depth).stmts : []);
    const range = t.namedChildren(n).find((c) => t.type(c) === 'range_clause');
    if (range !== undefined) {
      const left = this.listItems(t.child(range, 'left'));
      const right = t.child(range, 'right');
      const iterable = right >= 0 ? this.expr(right, ctx, 0) : UNKNOWN;
      if (t.nodeText(range).includes(':=')) this.declareNames(left, ctx);
      const key = left[0] !== undefined ? this.target(left[0], ctx) : undefined;
      const value = left[1] !== undefined ? this.target(left[1], ctx) : undefined;
      const body = bodyOf();
      // One loop target: the element; a map's key is as tainted as the map, so it takes the element's data too.
      const target = value ?? key;
      if (key && value) body.unshift({ kind: 'assign', target: key, value: { kind: 'ref', ref: value }, location });
      out.push({ kind: 'loop', ...(target ? { target } : {}), iterable, body, location });
      return;
    }
    const clause = t.namedChildren(n).find((c) => t.type(c) === 'for_clause');
    let cond = -1;
    let update = -1;
    if (clause !== undefined) {
      const init = t.child(clause, 'initializer');
      if (init >= 0) this.stmt(init, ctx, depth, out);
      cond = t.child(clause, 'condition');
      update = t.child(clause, 'update');
    } else cond = t.namedChildren(n).find((c) => c !== bodyNode) ?? -1;
    // A condition that calls something (`for sc.Scan()`) runs on every iteration: its calls go first in the body.
    const test = cond >= 0 ? this.test(cond, ctx, 0) : undefined;
    const body = bodyOf();
    if (test && hasRealCall(test)) body.unshift({ kind: 'expr', value: test, location: this.loc(cond) });
    if (update >= 0) this.stmt(update, ctx, depth, body);
    out.push({ kind: 'loop', body, location });
  }

  /** `switch`, type switches and `select` as chains of `if`s (equality tests for value switches). */
  private switchStatement(n: number, ctx: Ctx, depth: number, out: FlowStmt[]): Exit {
    const t = this.t;
    const type = t.type(n);
    const init = t.child(n, 'initializer');
    if (init >= 0) this.stmt(init, ctx, depth, out);
    let subject: FlowExpr | undefined;
    const valueNode = type === 'select_statement' ? -1 : t.child(n, 'value');
    if (valueNode >= 0) {
      subject = this.expr(valueNode, ctx, 0);
      const loc = this.loc(n);
      if (type === 'type_switch_statement') {
        const alias = this.listItems(t.child(n, 'alias'));
        this.declareNames(alias, ctx);
        const target = alias[0] !== undefined ? this.target(alias[0], ctx) : undefined;
        if (target) out.push({ kind: 'assign', target, value: subject, location: loc });
        subject = undefined;
      } else if (subject.kind !== 'ref' && subject.kind !== 'lit') {
        // Evaluated once: a temporary (not a Go identifier) keeps its calls out of every case test.
        const tmp: FlowRef = { kind: 'var', name: `$switch@${loc.startLine}:${loc.startColumn}` };
        out.push({ kind: 'assign', target: tmp, value: subject, location: loc });
        subject = { kind: 'ref', ref: tmp };
      }
    }
    const cases: { test: FlowExpr; body: FlowStmt[]; exit: Exit; location: Location }[] = [];
    let dflt: { body: FlowStmt[]; exit: Exit } | undefined;
    const skip = new Set(['value', 'type', 'communication']);
    for (const c of t.children(n)) {
      const ct = t.type(c);
      if (ct !== 'expression_case' && ct !== 'type_case' && ct !== 'communication_case' && ct !== 'default_case') continue;
      const body: FlowStmt[] = [];
      if (ct === 'communication_case') {
        const comm = t.child(c, 'communication');
        if (comm >= 0) this.stmt(comm, ctx, depth, body);
      }
      const b = this.block(c, ctx, depth, skip);
      body.push(...b.stmts);
      // A `break` leaves the switch, not the statements after it.
      const exit = b.exit === Exit.Break ? Exit.None : b.exit;
      if (ct === 'default_case') {
        dflt = { body, exit };
        continue;
      }
      let test: FlowExpr = UNKNOWN;
      if (ct === 'expression_case') {
        const values = this.listItems(t.child(c, 'value'));
        const tests = values.map((v) => (subject ? this.pseudo('<eq>', [subject, this.expr(v, ctx, 0)], v) : this.test(v, ctx, 0)));
        test = tests.length === 1 ? tests[0]! : tests.length ? this.pseudo('<or>', tests, c) : UNKNOWN;
      }
      cases.push({ test, body, exit, location: this.loc(c) });
    }
    let elseStmts = dflt?.body ?? [];
    let elseExit: Exit = dflt?.exit ?? Exit.None;
    for (let i = cases.length - 1; i >= 0; i--) {
      const c = cases[i]!;
      const node: FlowStmt = { kind: 'if', test: c.test, then: c.body, else: elseStmts, thenExits: c.exit !== Exit.None, elseExits: elseExit !== Exit.None, location: c.location };
      elseStmts = [node];
      elseExit = Math.min(c.exit, elseExit) as Exit;
    }
    if (cases.length) out.push(...elseStmts);
    else if (dflt) out.push({ kind: 'block', body: dflt.body });
    if (dflt) return elseExit;
    // A select without default waits for one of its cases, so it exits when they all do.
    if (type === 'select_statement' && cases.length) return cases.reduce<Exit>((m, c) => Math.min(m, c.exit) as Exit, Exit.Return);
    return Exit.None;
  }

  // ---------------------------------------------------------------- assignments

  private listItems(n: number): number[] {
    if (n < 0) return [];
    return this.t.type(n) === 'expression_list' ? this.t.namedChildren(n) : [n];
  }

  private declareNames(nodes: number[], ctx: Ctx): void {
    for (const n of nodes) if (this.t.type(n) === 'identifier') ctx.scope.locals.add(this.t.nodeText(n));
  }

  private assign(left: number[], right: number[], stmtNode: number, ctx: Ctx, out: FlowStmt[]): void {
    const t = this.t;
    const location = this.loc(stmtNode);
    this.noteTypes(left, right, ctx);
    if (right.length === 1 && left.length !== 1) {
      // `x, err := f()`, `v, ok := m[k]`, `v, ok := x.(T)`: every target may hold the value's data.
      const value = this.expr(right[0]!, ctx, 0);
      const targets = left.map((l) => this.target(l, ctx)).filter((r): r is FlowRef => !!r);
      const outs = this.outParams(right[0]!, ctx);
      this.noteCommaOk(left, right[0]!, ctx);
      if (outs.length) return this.pushStore(out, targets, outs, value, stmtNode);
      // By Go convention a trailing `err` is the error, not the data: it holds no taint (an `err` that shared the
      // data would carry it past the `if err != nil { return "", err }` of every checked helper).
      const last = left[left.length - 1]!;
      const flag = t.type(last) === 'identifier' && t.nodeText(last) === 'err' ? targets.pop() : undefined;
      if (targets.length) out.push({ kind: 'destructure', targets: targets.map((target) => ({ target })), value, location });
      else out.push({ kind: 'expr', value, location });
      if (flag) out.push({ kind: 'assign', target: flag, value: { kind: 'lit' }, location });
      return;
    }
    if (left.length === right.length) {
      if (left.length === 1) {
        const bound = this.literalBinding(left[0]!, right[0]!);
        const value = bound !== undefined ? this.funcLiteral(this.unwrapParens(right[0]!), ctx, bound) : this.expr(right[0]!, ctx, 0);
        const target = this.target(left[0]!, ctx);
        const outs = this.outParams(right[0]!, ctx);
        // `err := dec.Decode(&v)`: the call still runs (and fills `v`), but the error holds no taint (see above).
        if (target && t.type(left[0]!) === 'identifier' && t.nodeText(left[0]!) === 'err') {
          if (outs.length) this.pushStore(out, [], outs, value, stmtNode);
          else out.push({ kind: 'expr', value, location });
          out.push({ kind: 'assign', target, value: { kind: 'lit' }, location });
          return;
        }
        if (outs.length) return this.pushStore(out, target ? [target] : [], outs, value, stmtNode);
        if (target) out.push({ kind: 'assign', target, value, location });
        else out.push({ kind: 'expr', value, location });
        return;
      }
      const values = right.map((r) => this.expr(r, ctx, 0));
      const targets = left.map((l) => this.target(l, ctx));
      // `a, b = b, a`: sequential assignments would read a value already overwritten, so all take all.
      const leftNames = new Set(left.filter((l) => t.type(l) === 'identifier').map((l) => t.nodeText(l)));
      const crossed = right.some((r) => mentionsAny(t, r, leftNames));
      if (crossed) {
        const live = targets.filter((r): r is FlowRef => !!r);
        if (live.length) out.push({ kind: 'destructure', targets: live.map((target) => ({ target })), value: { kind: 'collection', items: values }, location });
        return;
      }
      targets.forEach((target, i) => {
        if (target) out.push({ kind: 'assign', target, value: values[i]!, location });
        else out.push({ kind: 'expr', value: values[i]!, location });
      });
      return;
    }
    for (const r of right) out.push({ kind: 'expr', value: this.expr(r, ctx, 0), location });
  }

  /** `x += y` builds strings; other operators compute numbers, whose calls are kept as expression statements. */
  private compoundAssign(left: number[], right: number[], op: string, stmtNode: number, ctx: Ctx, out: FlowStmt[]): void {
    const location = this.loc(stmtNode);
    const value = right[0] !== undefined ? this.expr(right[0], ctx, 0) : UNKNOWN;
    const target = left[0] !== undefined ? this.target(left[0], ctx) : undefined;
    if (op === '+=' && target) out.push({ kind: 'assign', target, value: concatOf([{ kind: 'ref', ref: target }, value]), location });
    else if (hasRealCall(value)) out.push({ kind: 'expr', value, location });
  }

  /**
   * Go passes results through pointers (`json.Unmarshal(b, &v)`, `rows.Scan(&a)`, `req.BindArguments(&args)`) and
   * builds strings in receivers (`sb.WriteString(x)`, `q.Set(k, v)`). The IR has no out-parameters, so these
   * places are stored to: each gets its old data plus the call's (`v = choice(call, v)`), never losing taint.
   */
  private outParams(valueNode: number, ctx: Ctx): FlowRef[] {
    const t = this.t;
    let n = valueNode;
    while (t.type(n) === 'parenthesized_expression') n = t.namedChildren(n)[0] ?? -1;
    if (n < 0 || t.type(n) !== 'call_expression') return [];
    const out: FlowRef[] = [];
    const args = t.child(n, 'arguments');
    if (args >= 0) {
      for (const a of t.namedChildren(args)) {
        if (t.type(a) !== 'unary_expression') continue;
        const op = t.child(a, 'operator');
        const operand = t.child(a, 'operand');
        if (op < 0 || t.type(op) !== '&' || operand < 0) continue;
        const ot = t.type(operand);
        if (ot !== 'identifier' && ot !== 'selector_expression' && ot !== 'index_expression') continue;
        const r = this.target(operand, ctx, false);
        if (r) out.push(r);
      }
    }
    const fn = t.child(n, 'function');
    if (fn >= 0 && t.type(fn) === 'selector_expression') {
      const field = t.child(fn, 'field');
      const operand = t.child(fn, 'operand');
      if (field >= 0 && operand >= 0 && WRITER_METHODS.has(t.nodeText(field))) {
        const ot = t.type(operand);
        const isPackage = ot === 'identifier' && this.moduleOf(t.nodeText(operand), ctx) !== undefined;
        if (!isPackage && (ot === 'identifier' || ot === 'selector_expression' || ot === 'index_expression')) {
          const r = this.target(operand, ctx, false);
          if (r) out.push(r);
        }
      }
    }
    return out;
  }

  /** Assigns a call's value to the statement's own targets and to its out-parameters, which keep their old data. */
  private pushStore(out: FlowStmt[], targets: FlowRef[], outs: FlowRef[], value: FlowExpr, stmtNode: number): void {
    const location = this.loc(stmtNode);
    const seen = new Set<string>();
    const fresh = (r: FlowRef) => {
      const k = JSON.stringify(r);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    };
    const kept = outs.filter(fresh);
    const unique = [...targets.filter(fresh), ...kept];
    const merged: FlowExpr = { kind: 'choice', options: [value, ...kept.map((r): FlowExpr => ({ kind: 'ref', ref: r }))] };
    if (unique.length === 1) out.push({ kind: 'assign', target: unique[0]!, value: merged, location });
    else out.push({ kind: 'destructure', targets: unique.map((target) => ({ target })), value: merged, location });
  }

  /** Remembers `v, ok := m[k]` so that tests of `ok` read as membership of `k` in `m`. */
  private noteCommaOk(left: number[], right: number, ctx: Ctx): void {
    const t = this.t;
    for (const l of left) if (t.type(l) === 'identifier') ctx.okIn.delete(t.nodeText(l));
    if (left.length !== 2 || t.type(left[1]!) !== 'identifier') return;
    let r = right;
    while (t.type(r) === 'parenthesized_expression') r = t.namedChildren(r)[0] ?? -1;
    if (r < 0 || t.type(r) !== 'index_expression') return;
    const operand = t.child(r, 'operand');
    const index = t.child(r, 'index');
    // Plain names and literals only (converted a second time here, so nothing that defines functions or calls).
    const plain = (x: number) => x >= 0 && /^(?:identifier|selector_expression|interpreted_string_literal|raw_string_literal|int_literal)$/.test(t.type(x));
    if (!plain(operand) || !plain(index)) return;
    const coll = this.expr(operand, ctx, 1);
    const item = this.expr(index, ctx, 1);
    // Only plain values: a call repeated in a test would be a second call.
    if ((coll.kind === 'ref' || coll.kind === 'lit') && (item.kind === 'ref' || item.kind === 'lit')) ctx.okIn.set(t.nodeText(left[1]!), { item, coll });
  }

  /** The place an assignment writes; undefined for `_` and for targets that are not places. */
  private target(n: number, ctx: Ctx, forget = true): FlowRef | undefined {
    const t = this.t;
    const fields: ({ kind: 'field'; name: string } | { kind: 'index' })[] = [];
    let cur = n;
    for (let guard = 0; guard < 100_000; guard++) {
      const type = t.type(cur);
      if (type === 'parenthesized_expression') cur = t.namedChildren(cur)[0] ?? -1;
      else if (type === 'unary_expression') cur = t.child(cur, 'operand');
      else if (type === 'selector_expression') {
        const f = t.child(cur, 'field');
        fields.push({ kind: 'field', name: f >= 0 ? t.nodeText(f) : '' });
        cur = t.child(cur, 'operand');
      } else if (type === 'index_expression') {
        const key = this.constantKey(cur);
        fields.push(key === undefined ? { kind: 'index' } : { kind: 'field', name: key });
        cur = t.child(cur, 'operand');
      } else break;
      if (cur < 0) return undefined;
    }
    if (cur < 0 || t.type(cur) !== 'identifier') return undefined;
    const name = t.nodeText(cur);
    if (name === '_') return undefined;
    if (forget && !fields.length) ctx.okIn.delete(name);
    let ref: FlowRef = { kind: 'var', name: this.resolve(name, ctx.scope) === 'self' ? 'self' : name };
    for (let i = fields.length - 1; i >= 0; i--) {
      const f = fields[i]!;
      ref = f.kind === 'field' ? { kind: 'field', base: ref, name: f.name } : { kind: 'index', base: ref };
    }
    return ref;
  }

  // ---------------------------------------------------------------- expressions

  private expr(n: number, ctx: Ctx, depth: number): FlowExpr {
    if (n < 0 || depth > MAX_EXPR_DEPTH) return UNKNOWN;
    const t = this.t;
    while (t.type(n) === 'parenthesized_expression' || t.type(n) === 'literal_element') {
      const inner = t.namedChildren(n)[0];
      if (inner === undefined) return UNKNOWN;
      n = inner;
    }
    const d = depth + 1;
    const type = t.type(n);
    switch (type) {
      case 'identifier':
        return this.identifier(t.nodeText(n), ctx);
      case 'interpreted_string_literal':
      case 'raw_string_literal': {
        const value = this.stringValue(n);
        return value === undefined ? { kind: 'lit' } : { kind: 'lit', value };
      }
      case 'selector_expression':
        return this.selector(n, ctx, d);
      case 'index_expression':
        return this.index(n, ctx, d);
      case 'slice_expression':
      case 'type_assertion_expression':
        return this.expr(t.child(n, 'operand'), ctx, d);
      case 'type_conversion_expression':
        return this.conversion(n, ctx, d);
      case 'call_expression':
        return this.call(n, ctx, d);
      case 'binary_expression':
        return this.binary(n, ctx, d, false);
      case 'unary_expression':
        return this.unary(n, ctx, d, false);
      case 'composite_literal': {
        const body = t.child(n, 'body');
        return body >= 0 ? this.collection(body, ctx, d) : { kind: 'collection', items: [] };
      }
      case 'literal_value':
        return this.collection(n, ctx, d);
      case 'func_literal':
        return this.funcLiteral(n, ctx);
      default:
        if (PLAIN_LITERALS.has(type) || TYPE_NODES.has(type)) return { kind: 'lit' };
        return UNKNOWN;
    }
  }

  private identifier(name: string, ctx: Ctx): FlowExpr {
    const r = this.resolve(name, ctx.scope);
    if (r === 'self') return { kind: 'ref', ref: { kind: 'var', name: 'self' } };
    if (r === 'none') {
      const fnId = this.topFuncs.get(name);
      if (fnId) return { kind: 'func', fnId };
    }
    return { kind: 'ref', ref: { kind: 'var', name } };
  }

  /**
   * Where a name is bound: the method receiver, a local of this or an enclosing function, or neither. Only the
   * innermost MAX_SCOPE_WALK functions are asked, so hostile nesting of literals stays linear.
   */
  private resolve(name: string, scope: Scope): 'self' | 'local' | 'none' {
    let hops = 0;
    for (let s: Scope | undefined = scope; s && hops < MAX_SCOPE_WALK; s = s.parent, hops++) {
      if (s.self === name) return 'self';
      if (s.locals.has(name)) return 'local';
    }
    return 'none';
  }

  /** The module of an import name, unless a local variable shadows it. */
  private moduleOf(name: string, ctx: Ctx): string | undefined {
    const m = this.imports.get(name);
    return m !== undefined && this.resolve(name, ctx.scope) === 'none' ? m : undefined;
  }

  /** `a.b.c`: the chain's fields (outermost last) and the node it starts from, walked without recursion. */
  private chain(n: number): { head: number; fields: string[] } {
    const t = this.t;
    const fields: string[] = [];
    let cur = n;
    while (cur >= 0) {
      const type = t.type(cur);
      if (type === 'selector_expression') {
        const f = t.child(cur, 'field');
        fields.push(f >= 0 ? t.nodeText(f) : '');
        cur = t.child(cur, 'operand');
      } else if (type === 'parenthesized_expression') cur = t.namedChildren(cur)[0] ?? -1;
      else break;
    }
    return { head: cur, fields: fields.reverse() };
  }

  private selector(n: number, ctx: Ctx, depth: number): FlowExpr {
    const t = this.t;
    const { head, fields } = this.chain(n);
    if (head < 0) return UNKNOWN;
    if (t.type(head) === 'identifier') {
      const name = t.nodeText(head);
      const module = this.moduleOf(name, ctx);
      if (module !== undefined) return this.access(`${module}.${fields.join('.')}`, [], n);
      const base: FlowRef = { kind: 'var', name: this.resolve(name, ctx.scope) === 'self' ? 'self' : name };
      return { kind: 'ref', ref: withFields(base, fields) };
    }
    const base = this.expr(head, ctx, depth);
    if (base.kind === 'ref') return { kind: 'ref', ref: withFields(base.ref, fields) };
    // A field of a computed value (`f().Body`) carries that value's data.
    return base;
  }

  /** A read of a package-qualified name, as a zero-argument call named after it (`os.Args`, `os.Args[]`). */
  private access(callee: string, args: FlowExpr[], n: number): FlowExpr {
    const call: FlowCall = { callee, args, kwargs: {}, location: this.loc(n) };
    this.accessCalls.add(call);
    return { kind: 'call', call };
  }

  private index(n: number, ctx: Ctx, depth: number, converted?: FlowExpr): FlowExpr {
    const t = this.t;
    const base = converted ?? this.expr(t.child(n, 'operand'), ctx, depth);
    if (base.kind === 'ref') {
      const k = this.constantKey(n);
      return { kind: 'ref', ref: k === undefined ? { kind: 'index', base: base.ref } : { kind: 'field', base: base.ref, name: k } };
    }
    const key = this.expr(t.child(n, 'index'), ctx, depth);
    if (base.kind === 'call' && this.accessCalls.has(base.call) && !base.call.args.length) {
      return this.access(`${base.call.callee}[]`, [key], n);
    }
    // An element of a computed value (`req.GetArguments()["p"]`): a `[]` call on it, at the subscript's position.
    return { kind: 'call', call: { callee: '[]', receiver: base, args: [key], kwargs: {}, location: this.loc(n) } };
  }

  /**
   * A subscript by a string literal (`args["path"]`) is a named entry, read and written as a field: each key keeps
   * its own data, and `args["path"]` is the place seeds call `args.path`.
   */
  private constantKey(n: number): string | undefined {
    const index = this.t.child(n, 'index');
    if (index < 0) return undefined;
    const type = this.t.type(index);
    if (type !== 'interpreted_string_literal' && type !== 'raw_string_literal') return undefined;
    const key = this.stringValue(index);
    return key ? key : undefined;
  }

  /** `T(x)`, `[]byte(s)`, and generic instantiations that parse like conversions (`F[int](x)`). */
  private conversion(n: number, ctx: Ctx, depth: number): FlowExpr {
    const t = this.t;
    const typeNode = t.child(n, 'type');
    const operand = t.child(n, 'operand');
    if (typeNode >= 0 && t.type(typeNode) === 'generic_type') {
      const text = t.nodeText(typeNode);
      const bracket = text.indexOf('[');
      const parts = (bracket >= 0 ? text.slice(0, bracket) : text).split('.').map((s) => s.trim());
      const args = operand >= 0 ? [this.expr(operand, ctx, depth)] : [];
      const location = this.loc(n);
      const typeArgs = bracket >= 0 ? text.slice(bracket + 1, text.lastIndexOf(']')) : '';
      if (parts.length === 1 && parts[0]) {
        const fnName = parts[0];
        if (BUILTIN_TYPES.has(fnName)) return args[0] ?? UNKNOWN;
        // `F[T](x)` instantiates a generic function; `m[k](x)` calls an element of a map or slice of functions.
        const local = this.resolve(fnName, ctx.scope) !== 'none';
        if (!local && (this.topFuncs.has(fnName) || looksLikeTypes(typeArgs))) return { kind: 'call', call: { callee: fnName, args, kwargs: {}, location } };
        const fnValue: FlowExpr = { kind: 'ref', ref: { kind: 'index', base: { kind: 'var', name: this.resolve(fnName, ctx.scope) === 'self' ? 'self' : fnName } } };
        return { kind: 'call', call: { callee: 'func', args: [fnValue, ...args], kwargs: {}, location } };
      }
      const module = this.moduleOf(parts[0]!, ctx);
      if (module !== undefined) return { kind: 'call', call: { callee: `${module}.${parts.slice(1).join('.')}`, args, kwargs: {}, location } };
      // `s.handlers[name](x)` parses as a generic type: a call of an element of a value.
      const base: FlowRef = { kind: 'var', name: this.resolve(parts[0]!, ctx.scope) === 'self' ? 'self' : parts[0]! };
      const fnValue: FlowExpr = { kind: 'ref', ref: { kind: 'index', base: withFields(base, parts.slice(1)) } };
      return { kind: 'call', call: { callee: 'func', args: [fnValue, ...args], kwargs: {}, location } };
    }
    return this.expr(operand, ctx, depth);
  }

  private argumentNodes(n: number): { nodes: number[]; spread: boolean } {
    const t = this.t;
    const args = t.child(n, 'arguments');
    if (args < 0) return { nodes: [], spread: false };
    let spread = false;
    const nodes: number[] = [];
    for (const a of t.namedChildren(args)) {
      if (t.type(a) === 'variadic_argument') {
        spread = true;
        const inner = t.namedChildren(a)[0];
        if (inner !== undefined) nodes.push(inner);
      } else if (t.type(a) !== 'comment') nodes.push(a);
    }
    return { nodes, spread };
  }

  private call(n: number, ctx: Ctx, depth: number): FlowExpr {
    const t = this.t;
    let fnNode = t.child(n, 'function');
    while (fnNode >= 0 && t.type(fnNode) === 'parenthesized_expression') fnNode = t.namedChildren(fnNode)[0] ?? -1;
    const { nodes: argNodes, spread } = this.argumentNodes(n);
    const location = this.loc(n);
    const argsOf = () => argNodes.map((a) => this.expr(a, ctx, depth));
    if (fnNode < 0) return { kind: 'call', call: { callee: 'func', args: argsOf(), kwargs: {}, location } };
    // Generic instantiation `F[T](x)` / `pkg.F[T](x)`: the function is the indexed operand.
    while (t.type(fnNode) === 'index_expression' && this.isTypeIndex(fnNode, ctx)) fnNode = t.child(fnNode, 'operand');
    const fnType = t.type(fnNode);
    // Conversions: `(*T)(x)`, `([]byte)(s)`, `string(b)`.
    if (TYPE_NODES.has(fnType) || (fnType === 'unary_expression' && t.type(t.child(fnNode, 'operator')) === '*')) {
      return argNodes[0] !== undefined ? this.expr(argNodes[0], ctx, depth) : { kind: 'lit' };
    }
    let callee: string;
    let receiver: FlowExpr | undefined;
    if (fnType === 'identifier') {
      const name = t.nodeText(fnNode);
      const r = this.resolve(name, ctx.scope);
      if (r === 'none' && BUILTIN_TYPES.has(name) && argNodes.length === 1) return this.expr(argNodes[0]!, ctx, depth);
      callee = r === 'self' ? 'self' : name;
    } else if (fnType === 'selector_expression') {
      const { head, fields } = this.chain(fnNode);
      const headName = head >= 0 && t.type(head) === 'identifier' ? t.nodeText(head) : undefined;
      const module = headName !== undefined ? this.moduleOf(headName, ctx) : undefined;
      if (module !== undefined) {
        callee = `${module}.${fields.join('.')}`;
        const special = this.stringBuilding(callee, argNodes, spread, ctx, depth, n);
        if (special) return special;
      } else if (headName !== undefined && fields.length === 1 && this.resolve(headName, ctx.scope) === 'self') {
        callee = `self.${fields[0]}`;
      } else {
        const method = fields[fields.length - 1] ?? '';
        const type = head >= 0 ? this.receiverType(head, fields.slice(0, -1), ctx) : undefined;
        // An interface of the package says nothing about the implementation: such calls stay untyped.
        callee = type && this.types.kinds.get(type) !== 'interface' ? `${type}.${method}` : `.${method}`;
        receiver = this.expr(t.child(fnNode, 'operand'), ctx, depth);
        // A method of one of the package's own types is called like a function, so the solver resolves it (its
        // receiver's data reaches it through the type's fields, which the solver shares across methods).
        if (type && this.isOwnConcreteType(type) && receiver.kind === 'ref') receiver = undefined;
      }
    } else {
      // A call of a function value that has no name: an immediately called literal (`go func() {…}()`), a map
      // element (`handlers[name](x)`), a call result. `func` (a keyword, never a Go name) with the function value as
      // first argument, so a solver that runs function arguments as callbacks runs the literal's body.
      const fnValue = fnType === 'func_literal' ? this.funcLiteral(fnNode, ctx) : this.expr(fnNode, ctx, depth);
      return { kind: 'call', call: { callee: 'func', args: [fnValue, ...argsOf()], kwargs: {}, location } };
    }
    const args = argsOf();
    const call: FlowCall = { callee, ...(receiver ? { receiver } : {}), args, kwargs: this.kwargs(argNodes, args), location };
    return { kind: 'call', call };
  }

  /** `F[string]` in a call position is an instantiation when the index is a type. */
  private isTypeIndex(n: number, ctx: Ctx): boolean {
    const t = this.t;
    const index = t.child(n, 'index');
    if (index < 0) return false;
    const it = t.type(index);
    if (TYPE_NODES.has(it)) return true;
    const operand = t.child(n, 'operand');
    if (it === 'identifier' && BUILTIN_TYPES.has(t.nodeText(index))) return true;
    // A package function or an imported one is never a map.
    if (operand >= 0 && t.type(operand) === 'identifier') return this.resolve(t.nodeText(operand), ctx.scope) === 'none' && this.topFuncs.has(t.nodeText(operand));
    if (operand >= 0 && t.type(operand) === 'selector_expression') {
      const { head, fields } = this.chain(operand);
      return fields.length === 1 && head >= 0 && t.type(head) === 'identifier' && this.moduleOf(t.nodeText(head), ctx) !== undefined;
    }
    return false;
  }

  /**
   * A trailing struct literal of options (`&mcp.CreateMessageParams{SystemPrompt: s}`) also lends its fields as
   * keyword arguments, as JS options objects do; fields of an embedded struct (`CreateMessageParams: …{…}`) are
   * promoted as Go promotes them. The expressions are shared with the positional argument, not converted twice.
   */
  private kwargs(argNodes: number[], args: FlowExpr[]): Record<string, FlowExpr> {
    const out: Record<string, FlowExpr> = {};
    const last = argNodes.length - 1;
    if (last < 0) return out;
    const t = this.t;
    let node = argNodes[last]!;
    if (t.type(node) === 'unary_expression') node = t.child(node, 'operand');
    const value = args[last]!;
    if (node < 0 || t.type(node) !== 'composite_literal' || value.kind !== 'collection' || !value.keys) return out;
    const body = t.child(node, 'body');
    const elements = body >= 0 ? t.namedChildren(body) : [];
    value.items.forEach((item, i) => {
      const key = value.keys![i];
      if (key === undefined || !/^[A-Za-z_]\w*$/.test(key)) return;
      if (!(key in out)) out[key] = item;
      // An embedded struct's fields are fields of the outer one.
      const el = elements[i];
      const inner = el !== undefined && t.type(el) === 'keyed_element' ? this.unwrapElement(t.child(el, 'value')) : -1;
      if (inner >= 0 && t.type(inner) === 'composite_literal' && item.kind === 'collection' && item.keys) {
        const typeNode = t.child(inner, 'type');
        const typeText = typeNode >= 0 ? t.nodeText(typeNode) : '';
        if (typeText === key || typeText.endsWith(`.${key}`)) {
          item.items.forEach((sub, j) => {
            const k = item.keys![j];
            if (k !== undefined && /^[A-Za-z_]\w*$/.test(k) && !(k in out)) out[k] = sub;
          });
        }
      }
    });
    return out;
  }

  private unwrapParens(n: number): number {
    while (n >= 0 && this.t.type(n) === 'parenthesized_expression') n = this.t.namedChildren(n)[0] ?? -1;
    return n;
  }

  private unwrapElement(n: number): number {
    const t = this.t;
    while (n >= 0 && (t.type(n) === 'literal_element' || t.type(n) === 'unary_expression')) {
      n = t.type(n) === 'unary_expression' ? t.child(n, 'operand') : t.namedChildren(n)[0] ?? -1;
    }
    return n;
  }

  /** `fmt.Sprintf`, `fmt.Sprint(ln)`, `strings.Join` build strings; `slices.Contains` tests membership. */
  private stringBuilding(callee: string, argNodes: number[], spread: boolean, ctx: Ctx, depth: number, n: number): FlowExpr | undefined {
    switch (callee) {
      case 'fmt.Sprintf':
        return this.sprintf(argNodes, spread, ctx, depth);
      case 'fmt.Sprint':
      case 'fmt.Sprintln':
        return concatOf(argNodes.map((a) => this.expr(a, ctx, depth)));
      case 'strings.Join':
        return concatOf(argNodes.map((a) => this.expr(a, ctx, depth)));
      case 'slices.Contains':
      case 'golang.org/x/exp/slices.Contains':
        if (argNodes.length !== 2) return undefined;
        return this.pseudo('<in>', [this.expr(argNodes[1]!, ctx, depth), this.expr(argNodes[0]!, ctx, depth)], n);
      default:
        return undefined;
    }
  }

  /**
   * A literal format is split into its text and the arguments its verbs print, in output order; numeric verbs
   * (`%d`, `%x`…) print no characters of their argument and count as constants.
   */
  private sprintf(argNodes: number[], spread: boolean, ctx: Ctx, depth: number): FlowExpr {
    const format = argNodes[0] !== undefined ? this.expr(argNodes[0], ctx, depth) : UNKNOWN;
    const rest = argNodes.slice(1).map((a) => this.expr(a, ctx, depth));
    if (format.kind !== 'lit' || format.value === undefined || spread) return concatOf([format, ...rest]);
    const parts: FlowExpr[] = [];
    const used = new Set<number>();
    for (const piece of splitGoFormat(format.value)) {
      if ('text' in piece) parts.push({ kind: 'lit', value: piece.text });
      else {
        const arg = rest[piece.arg];
        if (!arg) continue;
        used.add(piece.arg);
        parts.push(GO_CLEAN_VERBS.has(piece.verb) ? { kind: 'lit' } : arg);
      }
    }
    // Arguments no verb names are still printed (`%!(EXTRA …)`).
    rest.forEach((a, i) => {
      if (!used.has(i)) parts.push(a);
    });
    return concatOf(parts);
  }

  private collection(n: number, ctx: Ctx, depth: number): FlowExpr {
    const t = this.t;
    const items: FlowExpr[] = [];
    const keys: (string | undefined)[] = [];
    let keyed = false;
    for (const el of t.namedChildren(n)) {
      const type = t.type(el);
      if (type === 'keyed_element') {
        keyed = true;
        const k = this.unwrapElement(t.child(el, 'key'));
        let key: string | undefined;
        if (k >= 0) {
          const kt = t.type(k);
          if (kt === 'identifier' || kt === 'field_identifier') key = t.nodeText(k);
          else if (kt === 'interpreted_string_literal' || kt === 'raw_string_literal') key = this.stringValue(k);
        }
        keys.push(key);
        items.push(this.expr(t.child(el, 'value'), ctx, depth));
      } else if (type === 'literal_element' || type === 'literal_value') {
        keys.push(undefined);
        items.push(this.expr(el, ctx, depth));
      }
    }
    return keyed ? { kind: 'collection', items, keys } : { kind: 'collection', items };
  }

  private binary(n: number, ctx: Ctx, depth: number, inTest: boolean): FlowExpr {
    const t = this.t;
    const op = this.operator(n);
    if (op === '+' || op === '&&' || op === '||') {
      // Walk the left spine of the same operator: `a + b + c` nests to the left as deep as it is long.
      const rights: number[] = [];
      let cur = n;
      while (t.type(cur) === 'binary_expression' && this.operator(cur) === op) {
        rights.push(t.child(cur, 'right'));
        cur = t.child(cur, 'left');
        while (cur >= 0 && t.type(cur) === 'parenthesized_expression' && op !== '+') cur = t.namedChildren(cur)[0] ?? -1;
        if (cur < 0) break;
      }
      const operands = [cur, ...rights.reverse()];
      if (op === '+') return concatOf(operands.map((o) => this.expr(o, ctx, depth)));
      const conv = (o: number) => (inTest ? this.test(o, ctx, depth) : this.expr(o, ctx, depth));
      return this.pseudo(op === '&&' ? '<and>' : '<or>', operands.map(conv), n);
    }
    const left = () => this.expr(t.child(n, 'left'), ctx, depth);
    const right = () => this.expr(t.child(n, 'right'), ctx, depth);
    switch (op) {
      case '==':
        return this.pseudo('<eq>', [left(), right()], n);
      case '!=':
        return this.pseudo('<ne>', [left(), right()], n);
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.pseudo('<cmp>', [left(), right()], n);
      default: {
        // Arithmetic and bit operations yield numbers, which carry no text.
        const l = left();
        const r = right();
        return l.kind === 'lit' && r.kind === 'lit' ? { kind: 'lit' } : UNKNOWN;
      }
    }
  }

  private unary(n: number, ctx: Ctx, depth: number, inTest: boolean): FlowExpr {
    const t = this.t;
    const op = this.operator(n);
    const operand = t.child(n, 'operand');
    if (op === '!') return this.pseudo('<not>', [inTest ? this.test(operand, ctx, depth) : this.expr(operand, ctx, depth)], n);
    if (op === '<-') {
      // A receive reads what was sent: sends are stored as elements of the channel.
      const ch = this.expr(operand, ctx, depth);
      return ch.kind === 'ref' ? { kind: 'ref', ref: { kind: 'index', base: ch.ref } } : ch;
    }
    // `&x`, `*p`, `<-ch`, `-n`: the operand's data.
    return this.expr(operand, ctx, depth);
  }

  private operator(n: number): string {
    const op = this.t.child(n, 'operator');
    return op >= 0 ? this.t.type(op) : '';
  }

  /**
   * A condition. Besides the usual conversion, membership idioms become `<in>`: `if !allowed[x]` (a map of
   * booleans) and `if _, ok := m[k]; !ok` (the comma-ok test).
   */
  private test(n: number, ctx: Ctx, depth: number): FlowExpr {
    if (n < 0 || depth > MAX_EXPR_DEPTH) return UNKNOWN;
    const t = this.t;
    while (t.type(n) === 'parenthesized_expression') {
      const inner = t.namedChildren(n)[0];
      if (inner === undefined) return UNKNOWN;
      n = inner;
    }
    const d = depth + 1;
    switch (t.type(n)) {
      case 'identifier': {
        const ok = ctx.okIn.get(t.nodeText(n));
        if (ok) return this.pseudo('<in>', [ok.item, ok.coll], n);
        return this.expr(n, ctx, d);
      }
      case 'index_expression': {
        const coll = this.expr(t.child(n, 'operand'), ctx, d);
        if (coll.kind === 'ref') return this.pseudo('<in>', [this.expr(t.child(n, 'index'), ctx, d), coll], n);
        return this.index(n, ctx, d, coll);
      }
      case 'unary_expression':
        return this.unary(n, ctx, d, true);
      case 'binary_expression':
        return this.binary(n, ctx, d, true);
      default:
        return this.expr(n, ctx, d);
    }
  }

  private pseudo(callee: string, args: FlowExpr[], n: number): FlowExpr {
    return { kind: 'call', call: { callee, args, kwargs: {}, location: this.loc(n) } };
  }

  // ---------------------------------------------------------------- static types

  /** `*sql.DB` → `database/sql.DB`; `Store` (the package's own type) → `Store`; slices, maps, funcs → undefined. */
  private canonType(text: string): string | undefined {
    let s = text.trim().replace(/^[*&(\s]+/, '').replace(/[)\s]+$/, '');
    if (!s || /^(?:\[|map\[|chan\b|<-|func\b|struct\b|interface\b)/.test(s)) return undefined;
    const bracket = s.indexOf('[');
    if (bracket >= 0) s = s.slice(0, bracket);
    const parts = s.split('.');
    if (parts.length === 2) {
      const module = this.imports.get(parts[0]!);
      return module !== undefined && /^[A-Za-z_]\w*$/.test(parts[1]!) ? `${module}.${parts[1]}` : undefined;
    }
    return parts.length === 1 && /^[A-Za-z_]\w*$/.test(s) && !BUILTIN_TYPES.has(s) ? s : undefined;
  }

  private typeOf(name: string, scope: Scope): string | undefined {
    let hops = 0;
    for (let s: Scope | undefined = scope; s && hops < MAX_SCOPE_WALK; s = s.parent, hops++) {
      if (s.self === name) return s.selfType;
      const type = s.types.get(name);
      if (type) return type;
      if (s.locals.has(name)) return undefined;
    }
    return this.moduleTypes.get(name);
  }

  /** Records the static types of assigned names when the values show them (`x := &T{}`, `db, err := sql.Open(…)`). */
  private noteTypes(left: number[], right: number[], ctx: Ctx): void {
    const t = this.t;
    const pairs: [number, number][] = left.length === right.length ? left.map((l, i) => [l, right[i]!]) : right.length === 1 && left[0] !== undefined ? [[left[0], right[0]!]] : [];
    for (const [l, r] of pairs) {
      if (t.type(l) !== 'identifier') continue;
      const type = this.typeOfExpr(r, ctx);
      if (type) ctx.scope.types.set(t.nodeText(l), type);
    }
  }

  /** The static type of an expression, when a literal, a conversion, a constructor or a typed name shows it. */
  private typeOfExpr(n: number, ctx: Ctx): string | undefined {
    const t = this.t;
    while (n >= 0 && (t.type(n) === 'parenthesized_expression' || (t.type(n) === 'unary_expression' && '&*'.includes(this.operator(n))))) {
      n = t.type(n) === 'unary_expression' ? t.child(n, 'operand') : t.namedChildren(n)[0] ?? -1;
    }
    if (n < 0) return undefined;
    switch (t.type(n)) {
      case 'identifier':
        return this.typeOf(t.nodeText(n), ctx.scope);
      case 'composite_literal':
      case 'type_conversion_expression': {
        const type = t.child(n, 'type');
        return type >= 0 ? this.canonType(t.nodeText(type)) : undefined;
      }
      case 'selector_expression': {
        const { head, fields } = this.chain(n);
        const module = head >= 0 && t.type(head) === 'identifier' ? this.moduleOf(t.nodeText(head), ctx) : undefined;
        return module !== undefined ? constructedType(`${module}.${fields.join('.')}`) : undefined;
      }
      case 'call_expression': {
        let fn = t.child(n, 'function');
        while (fn >= 0 && t.type(fn) === 'index_expression') fn = t.child(fn, 'operand');
        if (fn < 0) return undefined;
        if (t.type(fn) === 'identifier') {
          const name = t.nodeText(fn);
          if (this.resolve(name, ctx.scope) !== 'none') return undefined;
          if (this.types.kinds.has(name)) return name;
          const result = this.types.results.get(name);
          if (result) return this.canonType(result);
          const m = /^New([A-Z]\w*)$/.exec(name);
          return m && this.types.kinds.has(m[1]!) ? m[1] : undefined;
        }
        if (t.type(fn) !== 'selector_expression') return undefined;
        const { head, fields } = this.chain(fn);
        const module = head >= 0 && t.type(head) === 'identifier' ? this.moduleOf(t.nodeText(head), ctx) : undefined;
        return module !== undefined ? constructedType(`${module}.${fields.join('.')}`) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The type of the value a method is called on: `x` (a typed name) or `s.db` (a field of a declared struct). */
  private receiverType(head: number, fields: string[], ctx: Ctx): string | undefined {
    const t = this.t;
    let type = t.type(head) === 'identifier' ? this.typeOf(t.nodeText(head), ctx.scope) : this.typeOfExpr(head, ctx);
    for (const f of fields) {
      if (!type) return undefined;
      const fieldType = this.types.fields.get(`${type}.${f}`);
      type = fieldType !== undefined ? this.canonType(fieldType) : undefined;
    }
    return type;
  }

  /** A type declared by this package (not imported) that is not known to be an interface. */
  private isOwnConcreteType(type: string): boolean {
    return !type.includes('.') && this.types.kinds.get(type) !== 'interface';
  }

  // ---------------------------------------------------------------- helpers

  private stringValue(n: number): string | undefined {
    const raw = this.t.nodeText(n);
    const type = this.t.type(n);
    if (raw.length < 2) return undefined;
    if (type === 'raw_string_literal') return raw.slice(1, raw.endsWith('`') ? -1 : undefined).replace(/\r/g, '');
    if (type === 'interpreted_string_literal') return decodeEscapes(raw.slice(1, raw.endsWith('"') ? -1 : undefined), 'go');
    return undefined;
  }

  private loc(n: number): Location {
    return this.t.location(this.path, n);
  }
}

/** Type arguments rather than an index: predeclared or exported type names, or type syntax. */
function looksLikeTypes(text: string): boolean {
  return text.split(',').every((part) => {
    const p = part.trim();
    return BUILTIN_TYPES.has(p) || /^[*[\]]|^map\[|^chan\b|^func\(/.test(p) || /^(?:[a-z_]\w*\.)?[A-Z]\w*$/.test(p);
  });
}

/** The type a receiver is declared with, without pointer, parentheses or type parameters: `*Server[T]` → `Server`. */
function receiverTypeName(text: string): string | undefined {
  const m = /^[\s(*]*([A-Za-z_]\w*)/.exec(text);
  return m ? m[1] : undefined;
}

function withFields(base: FlowRef, fields: string[]): FlowRef {
  let ref = base;
  for (const f of fields) ref = { kind: 'field', base: ref, name: f };
  return ref;
}

/** A `concat` with nested concats spliced in; all-literal strings fold into one literal. */
function concatOf(parts: FlowExpr[]): FlowExpr {
  const flat: FlowExpr[] = [];
  for (const p of parts) {
    if (p.kind === 'concat') flat.push(...p.parts);
    else flat.push(p);
  }
  if (flat.every((p) => p.kind === 'lit')) {
    if (flat.every((p) => p.kind === 'lit' && p.value !== undefined)) return { kind: 'lit', value: flat.map((p) => (p as { value: string }).value).join('') };
    return { kind: 'lit' };
  }
  return { kind: 'concat', parts: flat };
}

/** True when an expression contains a call that is not a test pseudo-callee (checked with an explicit stack). */
function hasRealCall(e: FlowExpr): boolean {
  const stack: FlowExpr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    switch (x.kind) {
      case 'call':
        if (!x.call.callee.startsWith('<')) return true;
        stack.push(...x.call.args);
        if (x.call.receiver) stack.push(x.call.receiver);
        break;
      case 'concat':
        stack.push(...x.parts);
        break;
      case 'collection':
        stack.push(...x.items);
        break;
      case 'choice':
        stack.push(...x.options);
        break;
      default:
        break;
    }
  }
  return false;
}

/** True when any identifier under n (iteratively) is one of the names. */
function mentionsAny(t: JTree, n: number, names: ReadonlySet<string>): boolean {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    if (t.type(x) === 'identifier' && names.has(t.nodeText(x))) return true;
    for (const c of t.children(x)) stack.push(c);
  }
  return false;
}
