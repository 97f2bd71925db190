// Builds the flow IR (src/flow/ir.ts) of a JavaScript, TypeScript or TSX file from its syntax tree.
import type { Tree } from 'web-tree-sitter';
import type { Location } from '../../model/location.js';
import type { FileFlow, FlowCall, FlowExport, FlowExpr, FlowFunction, FlowImport, FlowParam, FlowRef, FlowStmt } from '../ir.js';
import { toJTree, type JTree } from '../jtree.js';
import { canonicalImported, collectTsAliases, collectTsImports, keyText, memberChain, requiredModule, unwrapValue } from './ts-imports.js';
import { decodeEscapes, decodeStringLiteral } from './ts-strings.js';

export interface TypeScriptFlowInput {
  path: string;
  language: 'javascript' | 'typescript' | 'tsx';
  tree: Tree;
  text: string;
}

/**
 * Subtrees the builder never reads: types and type-only declarations, comments, decorators, and the insides of
 * string and regex literals (string values are decoded from the source text).
 */
const SKIP: ReadonlySet<string> = new Set([
  'comment', 'html_comment', 'hash_bang_line', 'string', 'regex', 'number', 'decorator',
  'type_annotation', 'type_arguments', 'type_parameters', 'type_predicate_annotation', 'asserts_annotation',
  'opting_type_annotation', 'omitting_type_annotation', 'adding_type_annotation',
  'interface_declaration', 'type_alias_declaration', 'enum_declaration', 'ambient_declaration', 'function_signature',
  'abstract_method_signature', 'method_signature', 'index_signature', 'property_signature', 'construct_signature',
  'object_type', 'union_type', 'intersection_type', 'generic_type', 'function_type', 'constructor_type', 'array_type',
  'tuple_type', 'literal_type', 'lookup_type', 'conditional_type', 'index_type_query', 'type_query', 'readonly_type',
  'template_literal_type', 'parenthesized_type', 'infer_type', 'nested_type_identifier', 'predefined_type',
  'type_identifier', 'jsx_text',
]);

/**
 * How deep statements and expressions may nest inside one function before the builder stops descending: deeper
 * expressions become `unknown` and deeper statements are left out. Conversion recurses, and this bound keeps the
 * stack small on hostile input (100k levels); real code nests far less. Nested functions start again at 0 (they are
 * converted from a queue, not by recursion), and flat chains (`a + b + …`, `a.b.c…`, `else if`) are read in loops.
 */
const MAX_DEPTH = 200;
/** `else if` and `switch` chains nest in the IR; past this many links the rest follow as sibling `if`s. */
const MAX_CHAIN = 200;
/** Longest `a && b && …` test kept as nested `<and>`/`<or>` calls; longer ones become `unknown`. */
const MAX_LOGICAL = 64;
/** Longest field/index path kept in a FlowRef (`a.b.c…`); the rest of a longer chain reads the same container. */
const MAX_REF_STEPS = 32;
/** Qualified names longer than this stop growing (deeply nested named functions): `name@line:col` instead. */
const MAX_QUALIFIED = 256;

const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function', 'function_declaration', 'generator_function_declaration']);
const CLASS_TYPES = new Set(['class', 'class_declaration', 'abstract_class_declaration']);
const LITERAL_TYPES = new Set(['number', 'true', 'false', 'null', 'undefined', 'regex']);

/** Globals whose members are called or read as APIs (`JSON.parse`, `process.env.X`, `Promise.all`). */
const GLOBAL_OBJECTS = new Set([
  'process', 'console', 'JSON', 'Object', 'Array', 'Promise', 'Buffer', 'Math', 'Date', 'Number', 'String', 'Boolean',
  'Reflect', 'Symbol', 'Intl', 'globalThis', 'global', 'window', 'document', 'navigator', 'location', 'URL',
  'URLSearchParams', 'Error', 'RegExp', 'Map', 'Set', 'BigInt', 'crypto', 'performance', 'Deno', 'Bun', 'localStorage',
  'sessionStorage', 'WebAssembly', 'Atomics', 'AbortSignal', 'Response', 'Headers',
]);
/** Global objects that only qualify the name after them: `globalThis.fetch` is `fetch`. */
const GLOBAL_PREFIXES = new Set(['globalThis', 'global', 'window']);
/** Environment maps: a read of a member is a call with the key as its argument (`process.env.K` → `process.env`("K")). */
const ENV_OBJECTS = new Set(['process.env', 'import.meta.env', 'Bun.env']);
/** Properties that hold a number: reads become `.length`-style calls so concept tables can say they carry no taint. */
const SIZE_PROPERTIES = new Set(['length', 'size', 'byteLength']);
const COMPARISONS: Record<string, string> = {
  '===': '<eq>', '==': '<eq>', '!==': '<ne>', '!=': '<ne>', '<': '<cmp>', '>': '<cmp>', '<=': '<cmp>', '>=': '<cmp>', instanceof: '<cmp>',
};
/** TS constructor parameters that also declare a field (`constructor(private q: string)`). */
const PARAMETER_PROPERTY = /^(?:public|private|protected|readonly|override)\b/;

interface Naming {
  name: string;
  /** The name within the enclosing function (`h`, `Class.m`, `api.read`); the enclosing function's name is prefixed. */
  local: string;
  className?: string;
  /** `module.exports = { … }`: the object's functions are named by their keys alone. */
  exportsObject?: boolean;
}

interface Task {
  kind: 'module' | 'function' | 'synthetic-constructor';
  node: number;
  id: string;
  name: string;
  qualified: string;
  className?: string;
  parent?: string;
  /** Import and global names bound locally here or in an enclosing function, which then mean the local value. */
  shadowed: Set<string>;
  ownShadowed: boolean;
  /** Instance field definitions a constructor initialises. */
  fieldInits?: number[];
  /** Package classes of local names bound by `new X()` (null when bindings disagree or are not constructions). */
  types?: Map<string, string | null>;
}

interface Flow {
  /** Inside a loop: `continue` leaves the current path. */
  loop: boolean;
  /** Inside a switch: `break` ends the case, not the path. */
  sw: boolean;
}

type Step = { field: string } | { index: number };

interface PatternTargets {
  targets: { target: FlowRef; key?: string }[];
  defaults: [FlowRef, number][];
}

const NO_FLOW: Flow = { loop: false, sw: false };

/** The flow IR of one JS/TS/TSX file. Deterministic; the result is plain data. */
export function buildTypeScriptFlow(input: TypeScriptFlowInput): FileFlow {
  const jt = toJTree(input.tree, input.text, SKIP);
  return new TsFlowBuilder(jt, input.path).build();
}

class TsFlowBuilder {
  private readonly importList: FlowImport[];
  private readonly imports: Map<string, FlowImport>;
  private readonly aliases: Map<string, string>;
  private readonly usedIds = new Set<string>();
  private readonly queue: Task[] = [];
  private readonly functions: FlowFunction[] = [];
  private readonly exports: FlowExport[] = [];
  /** Exports of local names, resolved to functions or imports once the module is read. */
  private readonly pendingExports: [FlowExport, string][] = [];
  /** Module-level names bound to functions, for exports. */
  private readonly topFns = new Map<string, string>();
  private readonly taskById = new Map<string, Task>();
  /** `Class.field` → package class of `this.field = new X()` / `field = new X()`, null when assignments disagree. */
  private readonly fieldTypes = new Map<string, string | null>();
  private task!: Task;
  /** Where statements produced while converting an expression go (inline assignments, yields): before the statement. */
  private pre: FlowStmt[] = [];

  constructor(
    private readonly jt: JTree,
    private readonly path: string,
  ) {
    this.importList = collectTsImports(jt);
    this.imports = new Map(this.importList.map((i) => [i.local, i]));
    this.aliases = collectTsAliases(jt, this.imports);
    this.collectFieldTypes();
  }

  build(): FileFlow {
    const id = `${this.path}#<module>`;
    this.usedIds.add(id);
    this.queue.push({ kind: 'module', node: 0, id, name: '<module>', qualified: '<module>', shadowed: new Set(), ownShadowed: true });
    for (let i = 0; i < this.queue.length; i++) this.run(this.queue[i]!);
    for (const [e, local] of this.pendingExports) {
      const fnId = this.topFns.get(local);
      const imp = this.imports.get(local);
      if (fnId) e.fnId = fnId;
      else if (imp) e.from = { module: imp.module, imported: imp.imported };
    }
    return { path: this.path, language: 'typescript', imports: this.importList, exports: this.exports, functions: this.functions };
  }

  // ------------------------------------------------------------------------------------------------ functions

  private run(t: Task): void {
    this.task = t;
    this.taskById.set(t.id, t);
    const jt = this.jt;
    const stmts: FlowStmt[] = [];
    this.pre = stmts;
    let params: FlowParam[] = [];
    if (t.kind === 'module') {
      if (jt.size > 0) this.stmtList(jt.children(0), stmts, 1, NO_FLOW);
    } else {
      if (t.kind === 'function') params = this.params(t.node, stmts);
      for (const f of t.fieldInits ?? []) this.fieldInit(f, stmts);
      const body = t.kind === 'function' ? jt.child(t.node, 'body') : -1;
      if (body >= 0) {
        if (jt.type(body) === 'statement_block') this.stmtList(jt.children(body), stmts, 1, NO_FLOW);
        else {
          this.pre = stmts;
          const value = this.expr(body, 1);
          stmts.push({ kind: 'return', value, location: this.loc(body) });
        }
      }
    }
    const fn: FlowFunction = { id: t.id, name: t.name, qualified: t.qualified, params, location: this.loc(t.node), stmts };
    if (t.className !== undefined) fn.className = t.className;
    if (t.parent !== undefined) fn.parent = t.parent;
    this.functions.push(fn);
  }

  /** Queues a function for conversion and returns its id. Anonymous functions are named by where they start. */
  private queueFn(node: number, naming: Naming | undefined, fieldInits?: number[], kind: Task['kind'] = 'function'): string {
    const jt = this.jt;
    const [line, col] = jt.lineCol(jt.start(node));
    let name: string;
    let qualified: string;
    if (naming && naming.local) {
      name = naming.name;
      const outer = this.task.kind === 'module' ? '' : this.task.qualified;
      qualified = outer.length > MAX_QUALIFIED ? `${naming.local}@${line}:${col}` : outer ? `${outer}.${naming.local}` : naming.local;
    } else {
      name = naming?.name || '<anon>';
      qualified = `<anon>@${line}:${col}`;
    }
    let id = `${this.path}#${qualified}`;
    if (this.usedIds.has(id)) id = `${this.path}#${qualified}@${line}:${col}`;
    for (let k = 2; this.usedIds.has(id); k++) id = `${this.path}#${qualified}@${line}:${col}#${k}`;
    this.usedIds.add(id);
    const task: Task = { kind, node, id, name, qualified, parent: this.task.id, shadowed: this.task.shadowed, ownShadowed: false };
    if (naming?.className !== undefined) task.className = naming.className;
    if (fieldInits?.length) task.fieldInits = fieldInits;
    this.queue.push(task);
    return id;
  }

  /** A function expression's own name (`function named() {}`), if any. */
  private ownName(fn: number): string | undefined {
    const n = this.jt.child(fn, 'name');
    return n >= 0 ? this.jt.nodeText(n) : undefined;
  }

  private params(fn: number, out: FlowStmt[]): FlowParam[] {
    const jt = this.jt;
    const single = jt.child(fn, 'parameter');
    const list = jt.child(fn, 'parameters');
    const nodes = single >= 0 ? [single] : list >= 0 ? jt.namedChildren(list) : [];
    const params: FlowParam[] = [];
    this.pre = out;
    for (const p of nodes) {
      const pt = jt.type(p);
      if (pt === 'comment') continue;
      let pat = p;
      let dflt = -1;
      let property = false;
      if (pt === 'required_parameter' || pt === 'optional_parameter') {
        pat = jt.child(p, 'pattern');
        dflt = jt.child(p, 'value');
        property = PARAMETER_PROPERTY.test(jt.nodeText(p));
      }
      if (pat >= 0 && jt.type(pat) === 'assignment_pattern') {
        dflt = jt.child(pat, 'right');
        pat = jt.child(pat, 'left');
      }
      if (pat < 0 || jt.type(pat) === 'this') continue;
      let rest = false;
      if (jt.type(pat) === 'rest_pattern') {
        rest = true;
        pat = jt.namedChildren(pat)[0] ?? -1;
        if (pat < 0) continue;
      }
      const index = params.length;
      const loc = this.loc(p);
      if (jt.type(pat) === 'identifier') {
        const name = jt.nodeText(pat);
        this.shadow(name);
        this.bindType(name, null);
        const param: FlowParam = { name, index };
        if (rest) param.rest = true;
        params.push(param);
        if (dflt >= 0) this.defaultValue({ kind: 'var', name }, dflt, out, loc);
        if (property) out.push({ kind: 'assign', target: { kind: 'field', base: { kind: 'var', name: 'self' }, name }, value: { kind: 'ref', ref: { kind: 'var', name } }, location: loc });
        continue;
      }
      // A destructured parameter: its names are listed with the property each comes from (nested patterns by their
      // outermost property). No destructure statement repeats this: it would hand every name the whole object.
      const name = `<arg${index}>`;
      const { targets, defaults } = this.patternTargets(pat, true);
      const param: FlowParam = { name, index };
      const destructured = targets.flatMap((t) => (t.target.kind === 'var' ? [{ name: t.target.name, key: t.key ?? '' }] : []));
      if (destructured.length) param.destructured = destructured;
      if (rest) param.rest = true;
      params.push(param);
      if (dflt >= 0) this.defaultValue({ kind: 'var', name }, dflt, out, loc);
      for (const [target, d] of defaults) this.defaultValue(target, d, out, loc);
    }
    return params;
  }

  /** `x = default`: the name holds either what was passed or the default. Literal defaults change nothing. */
  private defaultValue(target: FlowRef, dflt: number, out: FlowStmt[], location: Location): void {
    const saved = this.pre;
    this.pre = out;
    const value = this.expr(dflt, 1);
    this.pre = saved;
    if (value.kind === 'lit' || value.kind === 'unknown') return;
    out.push({ kind: 'assign', target, value: { kind: 'choice', options: [{ kind: 'ref', ref: target }, value] }, location });
  }

  private fieldInit(field: number, out: FlowStmt[]): void {
    const jt = this.jt;
    const prop = this.memberName(field);
    const value = jt.child(field, 'value');
    if (prop === undefined || value < 0) return;
    this.pre = out;
    const v = this.expr(value, 1);
    out.push({ kind: 'assign', target: { kind: 'field', base: { kind: 'var', name: 'self' }, name: prop }, value: v, location: this.loc(field) });
  }

  /** The name of a class member or object method (`m`, `#p`, `"quoted"`, `[computed]` as written). */
  private memberName(member: number): string | undefined {
    const jt = this.jt;
    let n = jt.child(member, 'name');
    if (n < 0) n = jt.child(member, 'property');
    if (n < 0) return undefined;
    return keyText(jt, n) ?? jt.nodeText(n);
  }

  /**
   * Records what a local binding holds for typing method calls (`new OpenAI()` → `openai`); any binding that is not
   * the same construction makes the name untyped, and hides a typed name of an enclosing function.
   */
  private bindType(name: string, type: string | null): void {
    const types = (this.task.types ??= new Map());
    const old = types.get(name);
    types.set(name, old === undefined || old === type ? type : null);
  }

  /** The package class of `new X(…)` when X is imported from a package (project classes keep `.method` names). */
  private ctorType(value: number): string | null {
    const jt = this.jt;
    const v = value >= 0 ? unwrapValue(jt, value) : -1;
    if (v < 0 || jt.type(v) !== 'new_expression') return null;
    const chain = memberChain(jt, jt.child(v, 'constructor'));
    if (!chain || jt.type(chain.base) !== 'identifier') return null;
    const head = jt.nodeText(chain.base);
    const imp = this.imports.get(head);
    if (!imp || imp.module.startsWith('.') || this.task?.shadowed.has(head)) return null;
    return canonicalImported([head, ...chain.parts], this.imports) ?? null;
  }

  /** The package class a local name holds here or in an enclosing function, if known. */
  private typeOfVar(name: string): string | undefined {
    let t: Task | undefined = this.task;
    for (let i = 0; t && i < 64; i++, t = t.parent ? this.taskById.get(t.parent) : undefined) {
      const v = t.types?.get(name);
      if (v !== undefined) return v ?? undefined;
    }
    return undefined;
  }

  /** The class whose `this` the current function sees (methods, and closures inside them). */
  private classOfThis(): string | undefined {
    let t: Task | undefined = this.task;
    for (let i = 0; t && i < 64; i++, t = t.parent ? this.taskById.get(t.parent) : undefined) if (t.className !== undefined) return t.className;
    return undefined;
  }

  /** Field types of every class, read before any method: methods may be converted before the constructor. */
  private collectFieldTypes(): void {
    const jt = this.jt;
    const note = (cls: string | undefined, field: string, value: number) => {
      if (cls === undefined) return;
      const key = `${cls}.${field}`;
      const type = this.ctorType(value);
      const old = this.fieldTypes.get(key);
      this.fieldTypes.set(key, old === undefined || old === type ? type : null);
    };
    for (let n = 0; n < jt.size; n++) {
      const t = jt.type(n);
      if (t === 'assignment_expression') {
        const left = jt.child(n, 'left');
        if (left < 0 || jt.type(left) !== 'member_expression') continue;
        const obj = jt.child(left, 'object');
        const prop = jt.child(left, 'property');
        if (obj < 0 || prop < 0 || jt.type(obj) !== 'this') continue;
        note(this.enclosingClassName(n), jt.nodeText(prop), jt.child(n, 'right'));
      } else if (t === 'field_definition' || t === 'public_field_definition') {
        const name = this.memberName(n);
        const body = jt.parent(n);
        const cls = body >= 0 ? jt.parent(body) : -1;
        const cname = cls >= 0 ? jt.child(cls, 'name') : -1;
        if (name !== undefined && cname >= 0) note(jt.nodeText(cname), name, jt.child(n, 'value'));
      }
    }
  }

  /** The name of the class declaration around a node, looking a bounded way up. */
  private enclosingClassName(n: number): string | undefined {
    const jt = this.jt;
    let cur = jt.parent(n);
    for (let i = 0; cur >= 0 && i < MAX_DEPTH; i++, cur = jt.parent(cur)) {
      if (!CLASS_TYPES.has(jt.type(cur))) continue;
      const name = jt.child(cur, 'name');
      return name >= 0 ? jt.nodeText(name) : undefined;
    }
    return undefined;
  }

  private shadow(name: string): void {
    if (!this.imports.has(name) && !GLOBAL_OBJECTS.has(name) && !this.aliases.has(name)) return;
    const t = this.task;
    if (!t.ownShadowed) {
      t.shadowed = new Set(t.shadowed);
      t.ownShadowed = true;
    }
    t.shadowed.add(name);
  }

  // ------------------------------------------------------------------------------------------------ classes

  /** Methods become functions with `className`; field initialisers run in the constructor (a synthetic one if needed). */
  private classDecl(n: number, d: number, hint: string | undefined): void {
    const jt = this.jt;
    const nameNode = jt.child(n, 'name');
    const [line, col] = jt.lineCol(jt.start(n));
    const cname = nameNode >= 0 ? jt.nodeText(nameNode) : hint || `<anon>@${line}:${col}`;
    const body = jt.child(n, 'body');
    if (body < 0) return;
    const fieldInits: number[] = [];
    let ctor = -1;
    for (const m of jt.namedChildren(body)) {
      const mt = jt.type(m);
      if (mt === 'method_definition') {
        const mname = this.memberName(m) ?? '<anon>';
        if (mname === 'constructor') ctor = m;
        else this.queueFn(m, { name: mname, local: `${cname}.${mname}`, className: cname });
      } else if (mt === 'field_definition' || mt === 'public_field_definition') {
        const fname = this.memberName(m);
        const value = jt.child(m, 'value');
        if (fname === undefined || value < 0) continue;
        const nameNode2 = jt.child(m, 'name') >= 0 ? jt.child(m, 'name') : jt.child(m, 'property');
        const isStatic = /\bstatic\b/.test(jt.text.slice(jt.start(m), jt.start(nameNode2)));
        const uv = unwrapValue(jt, value);
        if (uv >= 0 && FUNCTION_TYPES.has(jt.type(uv))) this.queueFn(uv, { name: fname, local: `${cname}.${fname}`, className: cname });
        else if (isStatic) {
          const v = this.expr(value, d + 1);
          this.pre.push({ kind: 'assign', target: { kind: 'field', base: { kind: 'var', name: cname }, name: fname }, value: v, location: this.loc(m) });
        } else fieldInits.push(m);
      } else if (mt === 'class_static_block') {
        const block = jt.child(m, 'body');
        if (block >= 0) {
          const out: FlowStmt[] = [];
          this.stmtList(jt.children(block), out, d + 1, NO_FLOW);
          this.pre.push({ kind: 'block', body: out });
        }
      }
    }
    const naming = { name: 'constructor', local: `${cname}.constructor`, className: cname };
    if (ctor >= 0) this.queueFn(ctor, naming, fieldInits);
    else if (fieldInits.length) this.queueFn(n, naming, fieldInits, 'synthetic-constructor');
  }

  // ------------------------------------------------------------------------------------------------ statements

  /** Converts statements in order; true when one of them always leaves the enclosing path. */
  private stmtList(nodes: number[], out: FlowStmt[], d: number, flow: Flow): boolean {
    let exits = false;
    for (const n of nodes) if (this.stmt(n, out, d, flow)) exits = true;
    return exits;
  }

  /** Converts one statement into `out`; true when it always returns, throws, or (in a loop) continues/breaks. */
  private stmt(n: number, out: FlowStmt[], d: number, flow: Flow): boolean {
    if (d > MAX_DEPTH) return false;
    const saved = this.pre;
    this.pre = out;
    try {
      return this.stmtInner(n, out, d, flow);
    } finally {
      this.pre = saved;
    }
  }

  private stmtInner(n: number, out: FlowStmt[], d: number, flow: Flow): boolean {
    const jt = this.jt;
    switch (jt.type(n)) {
      case 'expression_statement': {
        const e = jt.namedChildren(n).find((c) => jt.type(c) !== 'comment');
        return e === undefined ? false : this.exprStatement(e, n, out, d);
      }
      case 'lexical_declaration':
      case 'variable_declaration':
        for (const decl of jt.namedChildren(n)) if (jt.type(decl) === 'variable_declarator') this.declarator(decl, out, d);
        return false;
      case 'function_declaration':
      case 'generator_function_declaration': {
        const name = this.ownName(n);
        if (name === undefined) return false;
        this.shadow(name);
        const fnId = this.queueFn(n, { name, local: name });
        this.pushAssign(out, { kind: 'var', name }, { kind: 'func', fnId }, this.loc(n));
        return false;
      }
      case 'class_declaration':
      case 'abstract_class_declaration':
        this.classDecl(n, d, undefined);
        return false;
      case 'if_statement':
        return this.ifChain(n, out, d, flow);
      case 'for_in_statement':
        this.forIn(n, out, d);
        return false;
      case 'for_statement':
        this.forLoop(n, out, d);
        return false;
      case 'while_statement':
      case 'do_statement':
        this.whileLoop(n, out, d);
        return false;
      case 'try_statement':
        return this.tryStmt(n, out, d, flow);
      case 'switch_statement':
        this.switchStmt(n, out, d, flow);
        return false;
      case 'return_statement': {
        const v = jt.namedChildren(n).find((c) => jt.type(c) !== 'comment');
        const value: FlowExpr = v === undefined ? { kind: 'lit' } : this.expr(v, d + 1);
        out.push({ kind: 'return', value, location: this.loc(n) });
        return true;
      }
      case 'throw_statement': {
        const v = jt.namedChildren(n).find((c) => jt.type(c) !== 'comment');
        if (v !== undefined) {
          const value = this.expr(v, d + 1);
          if (informative(value)) out.push({ kind: 'expr', value, location: this.loc(n) });
        }
        return true;
      }
      case 'break_statement':
        return flow.loop && !flow.sw;
      case 'continue_statement':
        return flow.loop;
      case 'statement_block':
        return this.stmtList(jt.children(n), out, d + 1, flow);
      case 'labeled_statement': {
        const body = jt.child(n, 'body');
        return body >= 0 ? this.stmt(body, out, d + 1, flow) : false;
      }
      case 'with_statement': {
        const body = jt.child(n, 'body');
        const inner: FlowStmt[] = [];
        if (body >= 0) this.stmt(body, inner, d + 1, flow);
        out.push({ kind: 'block', body: inner });
        return false;
      }
      case 'export_statement':
        this.exportStmt(n, out, d, flow);
        return false;
      case 'ERROR':
        // What parsed inside a syntax error still counts: statements as statements, expressions for their calls.
        for (const c of jt.namedChildren(n)) {
          if (STATEMENT_TYPES.has(jt.type(c))) this.stmt(c, out, d + 1, flow);
          else if (!jt.isToken(c) && jt.type(c) !== 'comment') this.exprStatement(c, c, out, d + 1);
        }
        return false;
      default:
        return false;
    }
  }

  /** An expression used as a statement; true when it ends the process (`process.exit()`). */
  private exprStatement(e: number, stmtNode: number, out: FlowStmt[], d: number): boolean {
    const jt = this.jt;
    const saved = this.pre;
    this.pre = out;
    try {
      // Sequences nest to the right; read them in a loop.
      for (let cur = e; ; ) {
        while (cur >= 0 && jt.type(cur) === 'parenthesized_expression') cur = jt.namedChildren(cur).at(-1) ?? -1;
        if (cur < 0) return false;
        switch (jt.type(cur)) {
          case 'assignment_expression':
            this.assignment(cur, d);
            return false;
          case 'augmented_assignment_expression':
            this.augmented(cur, d);
            return false;
          case 'update_expression':
            return false;
          case 'sequence_expression': {
            const kids = jt.namedChildren(cur).filter((c) => jt.type(c) !== 'comment');
            for (let i = 0; i < kids.length - 1; i++) this.exprStatement(kids[i]!, kids[i]!, out, d + 1);
            cur = kids[kids.length - 1] ?? -1;
            continue;
          }
          case 'internal_module': {
            const body = jt.child(cur, 'body');
            if (body >= 0) this.stmtList(jt.children(body), out, d + 1, NO_FLOW);
            return false;
          }
          case 'yield_expression': {
            const arg = jt.namedChildren(cur).find((c) => jt.type(c) !== 'comment');
            if (arg !== undefined) {
              const value = this.expr(arg, d + 1);
              if (value.kind !== 'lit') out.push({ kind: 'expr', value, location: this.loc(stmtNode) });
            }
            return false;
          }
          default: {
            const value = this.expr(cur, d + 1);
            if (informative(value)) out.push({ kind: 'expr', value, location: this.loc(stmtNode) });
            return value.kind === 'call' && value.call.callee === 'process.exit';
          }
        }
      }
    } finally {
      this.pre = saved;
    }
  }

  private pushAssign(out: FlowStmt[], target: FlowRef, value: FlowExpr, location: Location): void {
    out.push({ kind: 'assign', target, value, location });
    if (this.task.kind === 'module' && target.kind === 'var' && value.kind === 'func') this.topFns.set(target.name, value.fnId);
  }

  /** True when `value` is the `require()` / `import()` that binds `local` as an import (already in `imports`). */
  private isImportBinding(value: number): boolean {
    if (value < 0) return false;
    const chain = memberChain(this.jt, value);
    return chain !== undefined && requiredModule(this.jt, chain.base) !== undefined;
  }

  private declarator(decl: number, out: FlowStmt[], d: number): void {
    const jt = this.jt;
    const name = jt.child(decl, 'name');
    const value = jt.child(decl, 'value');
    if (name < 0) return;
    if (this.isImportBinding(value)) return;
    if (jt.type(name) === 'identifier') {
      const local = jt.nodeText(name);
      // An alias has exactly one declarator (see collectTsAliases): this one, which must not hide it.
      if (!this.aliases.has(local)) this.shadow(local);
      if (value < 0) return;
      this.bindType(local, this.ctorType(value));
      const v = this.expr(value, d + 1, { name: local, local });
      this.pushAssign(out, { kind: 'var', name: local }, v, this.loc(decl));
      return;
    }
    if (value < 0) return;
    const v = this.expr(value, d + 1);
    this.destructure(name, v, out, this.loc(decl));
  }

  private destructure(pattern: number, value: FlowExpr, out: FlowStmt[], location: Location): void {
    const { targets, defaults } = this.patternTargets(pattern, false);
    out.push({ kind: 'destructure', targets, value, location });
    for (const [target, dflt] of defaults) this.defaultValue(target, dflt, out, location);
  }

  /**
   * The places a pattern binds, in source order, each with the top-level property it comes from (nested patterns take
   * their outermost key; array elements and rest elements take none, or their index / `...` in parameters, where a
   * key is required). Read with an explicit stack: patterns may nest deeply.
   */
  private patternTargets(pattern: number, forParam: boolean): PatternTargets {
    const jt = this.jt;
    const out: PatternTargets = { targets: [], defaults: [] };
    const stack: [number, string | undefined][] = [[pattern, undefined]];
    const add = (ref: FlowRef | undefined, key: string | undefined) => {
      if (!ref) return;
      if (ref.kind === 'var') {
        this.shadow(ref.name);
        this.bindType(ref.name, null);
      }
      out.targets.push(key === undefined ? { target: ref } : { target: ref, key });
    };
    while (stack.length) {
      const [n, key] = stack.pop()!;
      const kids: [number, string | undefined][] = [];
      switch (jt.type(n)) {
        case 'identifier':
        case 'shorthand_property_identifier_pattern':
          add({ kind: 'var', name: jt.nodeText(n) }, key ?? (jt.type(n) === 'identifier' ? undefined : jt.nodeText(n)));
          break;
        case 'object_pattern':
          for (const c of jt.namedChildren(n)) {
            const ct = jt.type(c);
            let own: string | undefined;
            if (ct === 'shorthand_property_identifier_pattern') own = jt.nodeText(c);
            else if (ct === 'pair_pattern') {
              const k = jt.child(c, 'key');
              own = k >= 0 ? keyText(jt, k) : undefined;
            } else if (ct === 'object_assignment_pattern') {
              const l = jt.child(c, 'left');
              own = l >= 0 && jt.type(l) === 'shorthand_property_identifier_pattern' ? jt.nodeText(l) : undefined;
            } else if (ct === 'rest_pattern') own = forParam ? '...' : undefined;
            else if (ct === 'comment') continue;
            kids.push([c, key ?? own]);
          }
          break;
        case 'array_pattern': {
          let i = 0;
          for (const c of jt.namedChildren(n)) {
            if (jt.type(c) === 'comment') continue;
            const own = forParam ? (jt.type(c) === 'rest_pattern' ? '...' : String(i)) : undefined;
            kids.push([c, key ?? own]);
            i++;
          }
          break;
        }
        case 'pair_pattern': {
          const v = jt.child(n, 'value');
          if (v >= 0) kids.push([v, key]);
          break;
        }
        case 'object_assignment_pattern':
        case 'assignment_pattern': {
          const left = jt.child(n, 'left');
          const right = jt.child(n, 'right');
          if (left < 0) break;
          kids.push([left, key]);
          const lt = jt.type(left);
          if (right >= 0 && (lt === 'identifier' || lt === 'shorthand_property_identifier_pattern')) out.defaults.push([{ kind: 'var', name: jt.nodeText(left) }, right]);
          break;
        }
        case 'rest_pattern': {
          const inner = jt.namedChildren(n)[0];
          if (inner !== undefined) kids.push([inner, key]);
          break;
        }
        case 'member_expression':
        case 'subscript_expression':
        case 'parenthesized_expression':
        case 'non_null_expression':
          add(this.lvalue(n, 1), key);
          break;
        default:
          break;
      }
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
    return out;
  }

  /** `a = b` (also inside expressions); returns what the expression evaluates to. Statements go to `this.pre`. */
  private assignment(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const out = this.pre;
    let left = jt.child(n, 'left');
    const right = jt.child(n, 'right');
    while (left >= 0 && (jt.type(left) === 'parenthesized_expression' || jt.type(left) === 'non_null_expression')) left = jt.namedChildren(left).at(-1) ?? -1;
    if (left < 0 || right < 0) return { kind: 'unknown' };
    const loc = this.loc(n);
    const lt = jt.type(left);
    if (lt === 'object_pattern' || lt === 'array_pattern') {
      const value = this.expr(right, d + 1);
      this.destructure(left, value, out, loc);
      return value;
    }
    if (lt === 'identifier') {
      const name = jt.nodeText(left);
      if (this.imports.has(name) && this.isImportBinding(right)) return { kind: 'unknown' };
      this.bindType(name, this.ctorType(right));
      const value = this.expr(right, d + 1, { name, local: name });
      this.pushAssign(out, { kind: 'var', name }, value, loc);
      return { kind: 'ref', ref: { kind: 'var', name } };
    }
    const cjs = this.commonJsExport(left);
    let naming: Naming | undefined;
    const uv = unwrapValue(jt, right);
    if (cjs !== undefined) {
      const own = uv >= 0 && FUNCTION_TYPES.has(jt.type(uv)) ? this.ownName(uv) : undefined;
      naming = own ? { name: own, local: own } : cjs === 'default' ? { name: 'default', local: 'default', exportsObject: true } : { name: cjs, local: cjs };
    } else naming = this.methodNaming(left);
    const value = this.expr(right, d + 1, naming);
    if (cjs !== undefined) this.recordCommonJsExport(cjs, value);
    const target = this.lvalue(left, d);
    if (target) {
      this.pushAssign(out, target, value, loc);
      return { kind: 'ref', ref: target };
    }
    if (informative(value)) out.push({ kind: 'expr', value, location: loc });
    return value;
  }

  /** `X.prototype.m = function` and `this.m = function` (in a method) name the function as a method of the class. */
  private methodNaming(left: number): Naming | undefined {
    const jt = this.jt;
    if (jt.type(left) !== 'member_expression') return undefined;
    const chain = memberChain(jt, left);
    if (!chain) return undefined;
    const { base, parts } = chain;
    if (jt.type(base) === 'identifier' && parts.length === 2 && parts[0] === 'prototype') {
      const cls = jt.nodeText(base);
      return { name: parts[1]!, local: `${cls}.${parts[1]}`, className: cls };
    }
    const cls = this.task.className;
    if (jt.type(base) === 'this' && parts.length === 1 && cls !== undefined) return { name: parts[0]!, local: `${cls}.${parts[0]}`, className: cls };
    return { name: parts[parts.length - 1]!, local: parts.join('.') };
  }

  /** `module.exports` → `default`; `exports.f` / `module.exports.f` → `f`; anything else undefined. */
  private commonJsExport(left: number): string | undefined {
    const chain = memberChain(this.jt, left);
    if (!chain || this.jt.type(chain.base) !== 'identifier') return undefined;
    const head = this.jt.nodeText(chain.base);
    if (this.task.shadowed.has(head)) return undefined;
    const p = chain.parts;
    if (head === 'module' && p[0] === 'exports') return p.length === 1 ? 'default' : p.length === 2 ? p[1] : undefined;
    if (head === 'exports' && p.length === 1) return p[0];
    return undefined;
  }

  private recordCommonJsExport(name: string, value: FlowExpr): void {
    if (name === 'default' && value.kind === 'collection' && value.keys) {
      value.items.forEach((item, i) => {
        const key = value.keys![i];
        if (key !== undefined) this.exportValue(key, item);
      });
      return;
    }
    this.exportValue(name, value);
  }

  private exportValue(name: string, value: FlowExpr): void {
    const e: FlowExport = { name };
    this.exports.push(e);
    if (value.kind === 'func') e.fnId = value.fnId;
    else if (value.kind === 'ref' && value.ref.kind === 'var') this.pendingExports.push([e, value.ref.name]);
  }

  private augmented(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const left = jt.child(n, 'left');
    const right = jt.child(n, 'right');
    const op = jt.child(n, 'operator');
    const target = left >= 0 ? this.lvalue(left, d) : undefined;
    const value = right >= 0 ? this.expr(right, d + 1) : { kind: 'unknown' as const };
    if (!target) return value;
    const current: FlowExpr = { kind: 'ref', ref: target };
    const o = op >= 0 ? jt.type(op) : '';
    // `+=` builds strings; `||=`, `&&=`, `??=` keep one of the two; the others are arithmetic and leave a number.
    const next: FlowExpr = o === '+=' ? { kind: 'concat', parts: [current, value] } : o === '||=' || o === '&&=' || o === '??=' ? { kind: 'choice', options: [current, value] } : { kind: 'unknown' };
    this.pushAssign(this.pre, target, next, this.loc(n));
    return current;
  }

  /** The place an assignment writes; undefined when it is not rooted at a variable or `this`. */
  private lvalue(n: number, d: number): FlowRef | undefined {
    const jt = this.jt;
    const { base, steps } = this.steps(n);
    if (base < 0) return undefined;
    let ref: FlowRef;
    const bt = jt.type(base);
    if (bt === 'identifier') ref = { kind: 'var', name: jt.nodeText(base) };
    else if (bt === 'this') ref = { kind: 'var', name: 'self' };
    else return undefined;
    for (const s of steps.slice(0, MAX_REF_STEPS)) {
      if ('field' in s) ref = { kind: 'field', base: ref, name: s.field };
      else {
        this.expr(s.index, d + 1);
        ref = { kind: 'index', base: ref };
      }
    }
    return ref;
  }

  private ifChain(n: number, out: FlowStmt[], d: number, flow: Flow): boolean {
    const jt = this.jt;
    interface Link { pre: FlowStmt[]; test: FlowExpr; then: FlowStmt[]; thenExits: boolean; node: number }
    const links: Link[] = [];
    // Links past MAX_CHAIN, as sibling ifs in the last else.
    const flat: FlowStmt[] = [];
    let finalElse: FlowStmt[] | undefined;
    let finalExits = false;
    for (let cur = n; ; ) {
      const link: Link = { pre: [], test: { kind: 'unknown' }, then: [], thenExits: false, node: cur };
      const cond = jt.child(cur, 'condition');
      this.pre = link.pre;
      if (cond >= 0) link.test = this.test(cond, d + 1);
      const cons = jt.child(cur, 'consequence');
      if (cons >= 0) link.thenExits = this.stmt(cons, link.then, d + 1, flow);
      if (links.length < MAX_CHAIN) links.push(link);
      else flat.push(...link.pre, { kind: 'if', test: link.test, then: link.then, else: [], thenExits: link.thenExits, elseExits: false, location: this.loc(cur) });
      const alt = jt.child(cur, 'alternative');
      const inner = alt >= 0 ? jt.namedChildren(alt).find((c) => jt.type(c) !== 'comment') : undefined;
      if (inner === undefined) break;
      if (jt.type(inner) === 'if_statement') {
        cur = inner;
        continue;
      }
      const elseOut: FlowStmt[] = [];
      finalExits = this.stmt(inner, elseOut, d + 1, flow);
      if (flat.length) flat.push({ kind: 'block', body: elseOut });
      else finalElse = elseOut;
      break;
    }
    this.pre = out;
    let elseList: FlowStmt[] = flat.length ? flat : finalElse ?? [];
    let elseExits = flat.length ? false : finalElse !== undefined && finalExits;
    for (let k = links.length - 1; k >= 0; k--) {
      const l = links[k]!;
      const stmt: FlowStmt = { kind: 'if', test: l.test, then: l.then, else: elseList, thenExits: l.thenExits, elseExits, location: this.loc(l.node) };
      elseExits = l.thenExits && elseExits;
      elseList = [...l.pre, stmt];
    }
    out.push(...elseList);
    return elseExits;
  }

  private forIn(n: number, out: FlowStmt[], d: number): void {
    const jt = this.jt;
    const left = jt.child(n, 'left');
    const right = jt.child(n, 'right');
    const body = jt.child(n, 'body');
    const iterable = right >= 0 ? this.expr(right, d + 1) : { kind: 'unknown' as const };
    const bodyOut: FlowStmt[] = [];
    let target: FlowRef | undefined;
    const l = left >= 0 ? unwrapValue(jt, left) : -1;
    if (l >= 0) {
      const lt = jt.type(l);
      if (lt === 'identifier') {
        target = { kind: 'var', name: jt.nodeText(l) };
        this.shadow(target.name);
        this.bindType(target.name, null);
      } else if (lt === 'object_pattern' || lt === 'array_pattern') {
        target = { kind: 'var', name: '<item>' };
        this.destructure(l, { kind: 'ref', ref: target }, bodyOut, this.loc(l));
      } else target = this.lvalue(l, d);
    }
    if (body >= 0) this.stmt(body, bodyOut, d + 1, { loop: true, sw: false });
    const loop: FlowStmt = { kind: 'loop', iterable, body: bodyOut, location: this.loc(n) };
    if (target) loop.target = target;
    out.push(loop);
  }

  private forLoop(n: number, out: FlowStmt[], d: number): void {
    const jt = this.jt;
    const init = jt.child(n, 'initializer');
    if (init >= 0) {
      if (jt.type(init) === 'lexical_declaration' || jt.type(init) === 'variable_declaration') this.stmt(init, out, d + 1, NO_FLOW);
      else if (!jt.isToken(init)) this.exprStatement(init, init, out, d + 1);
    }
    const bodyOut: FlowStmt[] = [];
    const cond = jt.childrenOf(n, 'condition').find((c) => !jt.isToken(c));
    if (cond !== undefined) this.loopCondition(cond, bodyOut, d);
    const body = jt.child(n, 'body');
    if (body >= 0) this.stmt(body, bodyOut, d + 1, { loop: true, sw: false });
    const incr = jt.child(n, 'increment');
    if (incr >= 0) this.exprStatement(incr, incr, bodyOut, d + 1);
    out.push({ kind: 'loop', body: bodyOut, location: this.loc(n) });
  }

  private whileLoop(n: number, out: FlowStmt[], d: number): void {
    const jt = this.jt;
    const bodyOut: FlowStmt[] = [];
    const cond = jt.child(n, 'condition');
    if (cond >= 0) this.loopCondition(cond, bodyOut, d);
    const body = jt.child(n, 'body');
    if (body >= 0) this.stmt(body, bodyOut, d + 1, { loop: true, sw: false });
    out.push({ kind: 'loop', body: bodyOut, location: this.loc(n) });
  }

  /** A loop condition runs on every iteration: its calls and inline assignments go at the start of the body. */
  private loopCondition(cond: number, bodyOut: FlowStmt[], d: number): void {
    const saved = this.pre;
    this.pre = bodyOut;
    const c = cond >= 0 && this.jt.type(cond) === 'expression_statement' ? this.jt.namedChildren(cond)[0] ?? -1 : cond;
    if (c >= 0) {
      const value = this.test(c, d + 1);
      if (informative(value)) bodyOut.push({ kind: 'expr', value, location: this.loc(c) });
    }
    this.pre = saved;
  }

  private tryStmt(n: number, out: FlowStmt[], d: number, flow: Flow): boolean {
    const jt = this.jt;
    const inner: FlowStmt[] = [];
    const body = jt.child(n, 'body');
    const bodyExits = body >= 0 && this.stmt(body, inner, d + 1, flow);
    const handler = jt.child(n, 'handler');
    let catchExits = true;
    if (handler >= 0) {
      const param = jt.child(handler, 'parameter');
      if (param >= 0) for (const t of this.patternTargets(param, false).targets) if (t.target.kind === 'var') this.shadow(t.target.name);
      const hb = jt.child(handler, 'body');
      catchExits = hb >= 0 && this.stmt(hb, inner, d + 1, flow);
    }
    const fin = jt.child(n, 'finalizer');
    const fb = fin >= 0 ? jt.child(fin, 'body') : -1;
    const finExits = fb >= 0 && this.stmt(fb, inner, d + 1, flow);
    out.push({ kind: 'block', body: inner });
    return finExits || (bodyExits && catchExits);
  }

  /** `switch` → a chain of ifs over `<eq>` tests; cases that fall through to the next share its body. */
  private switchStmt(n: number, out: FlowStmt[], d: number, flow: Flow): void {
    const jt = this.jt;
    const valueNode = jt.child(n, 'value');
    const disc = valueNode >= 0 ? this.expr(valueNode, d + 1) : { kind: 'unknown' as const };
    const body = jt.child(n, 'body');
    if (body < 0) return;
    const caseFlow: Flow = { loop: flow.loop, sw: true };
    interface Case { test: FlowExpr; then: FlowStmt[]; exits: boolean; node: number }
    const cases: Case[] = [];
    let pending: FlowExpr[] = [];
    let defaultPending = false;
    let dflt: { stmts: FlowStmt[]; exits: boolean } | undefined;
    for (const c of jt.namedChildren(body)) {
      const ct = jt.type(c);
      if (ct !== 'switch_case' && ct !== 'switch_default') continue;
      if (ct === 'switch_case') {
        const v = jt.child(c, 'value');
        pending.push(this.pseudo('<eq>', [disc, v >= 0 ? this.expr(v, d + 1) : { kind: 'unknown' }], c));
      } else defaultPending = true;
      const bodies = jt.childrenOf(c, 'body');
      if (!bodies.length) continue;
      const stmts: FlowStmt[] = [];
      const exits = this.stmtList(bodies, stmts, d + 1, caseFlow);
      if (defaultPending) dflt = { stmts, exits };
      if (pending.length) {
        const test = pending.length === 1 ? pending[0]! : pending.length > MAX_LOGICAL ? { kind: 'unknown' as const } : pending.slice(1).reduce((acc, t) => this.pseudo('<or>', [acc, t], c), pending[0]!);
        cases.push({ test, then: stmts, exits, node: c });
      }
      pending = [];
      defaultPending = false;
    }
    const flat: FlowStmt[] = [];
    for (const c of cases.splice(MAX_CHAIN)) flat.push({ kind: 'if', test: c.test, then: c.then, else: [], thenExits: c.exits, elseExits: false, location: this.loc(c.node) });
    if (flat.length && dflt) flat.push({ kind: 'block', body: dflt.stmts });
    let elseList = flat.length ? flat : dflt?.stmts ?? [];
    let elseExits = !flat.length && dflt !== undefined && dflt.exits;
    for (let k = cases.length - 1; k >= 0; k--) {
      const c = cases[k]!;
      const stmt: FlowStmt = { kind: 'if', test: c.test, then: c.then, else: elseList, thenExits: c.exits, elseExits, location: this.loc(c.node) };
      elseExits = c.exits && elseExits;
      elseList = [stmt];
    }
    out.push(...elseList);
  }

  private exportStmt(n: number, out: FlowStmt[], d: number, flow: Flow): void {
    const jt = this.jt;
    const decl = jt.child(n, 'declaration');
    const value = jt.child(n, 'value');
    const src = jt.child(n, 'source');
    const module = src >= 0 ? stripNode(decodeStringLiteral(jt.nodeText(src)) ?? '') : undefined;
    const headEnd = decl >= 0 ? jt.start(decl) : value >= 0 ? jt.start(value) : jt.end(n);
    const isDefault = /\bdefault\b/.test(jt.text.slice(jt.start(n), headEnd));
    if (decl >= 0) {
      const dt = jt.type(decl);
      this.stmt(decl, out, d + 1, flow);
      if (dt === 'function_declaration' || dt === 'generator_function_declaration') {
        const name = this.ownName(decl);
        if (name !== undefined) this.exports.push(withFn({ name: isDefault ? 'default' : name }, this.topFns.get(name)));
      } else if (CLASS_TYPES.has(dt)) {
        const name = this.ownName(decl);
        if (name !== undefined || isDefault) this.exports.push({ name: isDefault ? 'default' : name! });
      } else if (dt === 'lexical_declaration' || dt === 'variable_declaration') {
        for (const v of jt.namedChildren(decl)) {
          if (jt.type(v) !== 'variable_declarator') continue;
          const name = jt.child(v, 'name');
          if (name < 0) continue;
          const names = jt.type(name) === 'identifier' ? [jt.nodeText(name)] : this.patternTargets(name, false).targets.flatMap((t) => (t.target.kind === 'var' ? [t.target.name] : []));
          for (const local of names) {
            const e: FlowExport = { name: local };
            this.exports.push(e);
            this.pendingExports.push([e, local]);
          }
        }
      } else if (dt === 'enum_declaration' || dt === 'internal_module') {
        const name = this.ownName(decl);
        if (name !== undefined) this.exports.push({ name });
      }
      return;
    }
    if (value >= 0) {
      const uv = unwrapValue(jt, value);
      const ut = uv >= 0 ? jt.type(uv) : '';
      if (FUNCTION_TYPES.has(ut)) {
        const own = this.ownName(uv);
        const v = this.expr(value, d + 1, own ? { name: own, local: own } : { name: 'default', local: 'default' });
        this.exports.push(withFn({ name: 'default' }, v.kind === 'func' ? v.fnId : undefined));
      } else if (ut === 'identifier') {
        const e: FlowExport = { name: 'default' };
        this.exports.push(e);
        this.pendingExports.push([e, jt.nodeText(uv)]);
      } else if (CLASS_TYPES.has(ut)) {
        this.classDecl(uv, d, 'default');
        this.exports.push({ name: 'default' });
      } else {
        const v = this.expr(value, d + 1, { name: 'default', local: 'default' });
        if (informative(v)) out.push({ kind: 'expr', value: v, location: this.loc(n) });
        this.exports.push({ name: 'default' });
      }
      return;
    }
    if (/^export\s*=/.test(jt.nodeText(n))) {
      const target = jt.namedChildren(n).find((c) => jt.type(c) !== 'comment');
      if (target === undefined) return;
      const e: FlowExport = { name: 'default' };
      this.exports.push(e);
      if (jt.type(target) === 'identifier') this.pendingExports.push([e, jt.nodeText(target)]);
      else this.exprStatement(target, n, out, d + 1);
      return;
    }
    const clause = jt.namedChildren(n).find((c) => jt.type(c) === 'export_clause');
    const ns = jt.namedChildren(n).find((c) => jt.type(c) === 'namespace_export');
    if (clause !== undefined) {
      for (const s of jt.namedChildren(clause)) {
        if (jt.type(s) !== 'export_specifier' || /^type\s/.test(jt.nodeText(s))) continue;
        const nameNode = jt.child(s, 'name');
        const aliasNode = jt.child(s, 'alias');
        if (nameNode < 0) continue;
        const local = keyText(jt, nameNode) ?? jt.nodeText(nameNode);
        const name = aliasNode >= 0 ? keyText(jt, aliasNode) ?? jt.nodeText(aliasNode) : local;
        if (module !== undefined) this.exports.push({ name, from: { module, imported: local } });
        else {
          const e: FlowExport = { name };
          this.exports.push(e);
          this.pendingExports.push([e, local]);
        }
      }
    } else if (ns !== undefined && module !== undefined) {
      const id = jt.namedChildren(ns).find((c) => jt.type(c) === 'identifier' || jt.type(c) === 'string');
      if (id !== undefined) this.exports.push({ name: keyText(jt, id) ?? jt.nodeText(id), from: { module, imported: '*' } });
    } else if (module !== undefined) this.exports.push({ name: '*', from: { module, imported: '*' } });
  }

  // ------------------------------------------------------------------------------------------------ expressions

  /** A condition: `!`, `&&`, `||` become `<not>`, `<and>`, `<or>`; comparisons are pseudo-calls as everywhere. */
  private test(n: number, d: number): FlowExpr {
    if (d > MAX_DEPTH) return { kind: 'unknown' };
    const jt = this.jt;
    n = unwrapValue(jt, n);
    if (n < 0) return { kind: 'unknown' };
    const t = jt.type(n);
    if (t === 'unary_expression' && this.operator(n) === '!') {
      const arg = jt.child(n, 'argument');
      return this.pseudo('<not>', [arg >= 0 ? this.test(arg, d + 1) : { kind: 'unknown' }], n);
    }
    if (t === 'binary_expression') {
      const op = this.operator(n);
      if (op === '&&' || op === '||' || op === '??') {
        const operands = this.spine(n, op);
        if (operands.length > MAX_LOGICAL) return { kind: 'unknown' };
        const name = op === '&&' ? '<and>' : '<or>';
        let acc = this.test(operands[0]!, d + 1);
        for (let i = 1; i < operands.length; i++) acc = this.pseudo(name, [acc, this.test(operands[i]!, d + 1)], n);
        return acc;
      }
    }
    return this.expr(n, d);
  }

  /** Operands of a chain of one left-associative operator (`a + b + c` → a, b, c), read in a loop. */
  private spine(n: number, op: string): number[] {
    const jt = this.jt;
    const rights: number[] = [];
    let cur = n;
    while (jt.type(cur) === 'binary_expression' && this.operator(cur) === op) {
      const r = jt.child(cur, 'right');
      if (r >= 0) rights.push(r);
      const l = jt.child(cur, 'left');
      if (l < 0) break;
      cur = unwrapParens(jt, l);
    }
    rights.push(cur);
    return rights.reverse();
  }

  private operator(n: number): string {
    const op = this.jt.child(n, 'operator');
    return op >= 0 ? this.jt.type(op) : '';
  }

  private expr(n: number, d: number, naming?: Naming): FlowExpr {
    if (d > MAX_DEPTH || n < 0) return { kind: 'unknown' };
    const jt = this.jt;
    n = unwrapValue(jt, n);
    if (n < 0) return { kind: 'unknown' };
    const t = jt.type(n);
    switch (t) {
      case 'identifier':
        return this.identifier(jt.nodeText(n));
      case 'this':
      case 'super':
        return { kind: 'ref', ref: { kind: 'var', name: 'self' } };
      case 'string':
        return { kind: 'lit', value: decodeStringLiteral(jt.nodeText(n)) ?? '' };
      case 'template_string':
        return this.template(n, d);
      case 'member_expression':
      case 'subscript_expression':
        return this.memberRead(n, d);
      case 'call_expression':
        return this.call(n, d, false);
      case 'new_expression':
        return this.call(n, d, true);
      case 'binary_expression':
        return this.binary(n, d);
      case 'unary_expression':
        return this.unary(n, d);
      case 'update_expression':
        return { kind: 'unknown' };
      case 'ternary_expression': {
        const cond = jt.child(n, 'condition');
        // The test is read for its side effects only: a choice keeps both options.
        if (cond >= 0) this.test(cond, d + 1);
        return { kind: 'choice', options: [this.expr(jt.child(n, 'consequence'), d + 1, naming), this.expr(jt.child(n, 'alternative'), d + 1, naming)] };
      }
      case 'assignment_expression':
        return this.assignment(n, d);
      case 'augmented_assignment_expression':
        return this.augmented(n, d);
      case 'sequence_expression': {
        const kids = jt.namedChildren(n).filter((c) => jt.type(c) !== 'comment');
        for (let i = 0; i < kids.length - 1; i++) this.exprStatement(kids[i]!, kids[i]!, this.pre, d + 1);
        return this.expr(kids[kids.length - 1] ?? -1, d + 1);
      }
      case 'object':
        return this.object(n, d, naming);
      case 'array':
        return { kind: 'collection', items: jt.namedChildren(n).filter((c) => jt.type(c) !== 'comment').map((c) => this.expr(c, d + 1)) };
      case 'arrow_function':
      case 'function_expression':
      case 'function':
      case 'generator_function': {
        const own = this.ownName(n);
        return { kind: 'func', fnId: this.queueFn(n, naming ?? (own ? { name: own, local: own } : undefined)) };
      }
      case 'class':
        this.classDecl(n, d, naming?.local || naming?.name);
        return { kind: 'unknown' };
      case 'spread_element': {
        const inner = jt.namedChildren(n)[0];
        return inner === undefined ? { kind: 'unknown' } : this.expr(inner, d + 1);
      }
      case 'yield_expression': {
        const arg = jt.namedChildren(n).find((c) => jt.type(c) !== 'comment');
        if (arg !== undefined) {
          const value = this.expr(arg, d + 1);
          if (value.kind !== 'lit') this.pre.push({ kind: 'expr', value, location: this.loc(n) });
        }
        return { kind: 'unknown' };
      }
      case 'jsx_element':
      case 'jsx_self_closing_element':
      case 'jsx_fragment':
        return this.jsx(n, d);
      case 'jsx_expression': {
        const inner = jt.namedChildren(n).find((c) => jt.type(c) !== 'comment');
        return inner === undefined ? { kind: 'unknown' } : this.expr(inner, d + 1);
      }
      case 'meta_property':
        return jt.nodeText(n).replace(/\s+/g, '') === 'import.meta' ? this.accessCall('import.meta', [], n, d) : { kind: 'unknown' };
      case 'true':
      case 'false':
        // Kept as text so that sink conditions such as `{ shell: true }` can be matched.
        return { kind: 'lit', value: t };
      default:
        return LITERAL_TYPES.has(t) ? { kind: 'lit' } : { kind: 'unknown' };
    }
  }

  private identifier(name: string): FlowExpr {
    if (name === 'undefined' || name === 'NaN' || name === 'Infinity') return { kind: 'lit' };
    return { kind: 'ref', ref: { kind: 'var', name } };
  }

  private template(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const parts: FlowExpr[] = [];
    let pos = jt.start(n) + 1;
    for (const c of jt.children(n)) {
      if (jt.type(c) !== 'template_substitution') continue;
      if (jt.start(c) > pos) parts.push({ kind: 'lit', value: decodeEscapes(jt.text.slice(pos, jt.start(c))) });
      const inner = jt.namedChildren(c).find((x) => jt.type(x) !== 'comment');
      parts.push(inner === undefined ? { kind: 'unknown' } : this.expr(inner, d + 1));
      pos = jt.end(c);
    }
    const end = jt.end(n) - 1;
    const tail = end > pos ? decodeEscapes(jt.text.slice(pos, end)) : '';
    if (!parts.length) return { kind: 'lit', value: tail };
    if (tail) parts.push({ kind: 'lit', value: tail });
    return { kind: 'concat', parts };
  }

  /** Tagged template `tag\`a${x}b\``: the tag receives the literal chunks, then each substituted value. */
  private taggedArgs(n: number, d: number): FlowExpr[] {
    const parts = this.template(n, d);
    if (parts.kind !== 'concat') return [{ kind: 'collection', items: [parts] }];
    return [{ kind: 'collection', items: parts.parts.filter((p) => p.kind === 'lit') }, ...parts.parts.filter((p) => p.kind !== 'lit')];
  }

  private binary(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const op = this.operator(n);
    if (op === '+') {
      const parts: FlowExpr[] = [];
      for (const o of this.spine(n, '+')) {
        const p = this.expr(o, d + 1);
        if (p.kind === 'concat') parts.push(...p.parts);
        else parts.push(p);
      }
      if (parts.every((p) => p.kind === 'lit')) {
        const strings = parts as { kind: 'lit'; value?: string }[];
        return strings.every((p) => p.value !== undefined) ? { kind: 'lit', value: strings.map((p) => p.value).join('') } : { kind: 'lit' };
      }
      return { kind: 'concat', parts };
    }
    if (op === '&&' || op === '||' || op === '??') return { kind: 'choice', options: this.spine(n, op).map((o) => this.expr(o, d + 1)) };
    const left = this.expr(jt.child(n, 'left'), d + 1);
    const right = this.expr(jt.child(n, 'right'), d + 1);
    const cmp = COMPARISONS[op];
    // The checked value comes first, as guards read it: `'ls' === cmd` is `<eq>`(cmd, 'ls').
    if (cmp) return this.pseudo(cmp, left.kind === 'lit' && right.kind !== 'lit' ? [right, left] : [left, right], n);
    if (op === 'in') return this.pseudo('<in>', [left, right], n);
    // Arithmetic and bitwise operators make numbers.
    return left.kind === 'lit' && right.kind === 'lit' ? { kind: 'lit' } : { kind: 'unknown' };
  }

  private unary(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const op = this.operator(n);
    const arg = jt.child(n, 'argument');
    if (op === '!') return this.pseudo('<not>', [this.test(arg, d + 1)], n);
    const v = this.expr(arg, d + 1);
    if (op === 'typeof') return this.callExpr({ callee: 'typeof', args: [v], kwargs: {}, location: this.loc(n) });
    // `void main()` runs main for its effect.
    if (op === 'void' && informative(v)) this.pre.push({ kind: 'expr', value: v, location: this.loc(n) });
    if (op === 'void' || v.kind === 'lit') return { kind: 'lit' };
    return { kind: 'unknown' };
  }

  private object(n: number, d: number, naming: Naming | undefined): FlowExpr {
    const jt = this.jt;
    const items: FlowExpr[] = [];
    const keys: (string | undefined)[] = [];
    // Functions in an object bound to a name are named after it (`api.read`); in others they are anonymous.
    const member = (key: string | undefined): Naming | undefined => {
      if (key === undefined) return undefined;
      if (naming?.exportsObject) return { name: key, local: key };
      // Named after the object (`api.read`), not the key alone: a bare call `read()` must not resolve to it.
      return naming?.local ? { name: `${naming.local}.${key}`, local: `${naming.local}.${key}` } : undefined;
    };
    for (const c of jt.namedChildren(n)) {
      switch (jt.type(c)) {
        case 'pair': {
          const key = jt.child(c, 'key');
          const k = key >= 0 ? keyText(jt, key) : undefined;
          if (k === undefined && key >= 0) {
            const inner = jt.namedChildren(key)[0];
            if (inner !== undefined) this.expr(inner, d + 1);
          }
          items.push(this.expr(jt.child(c, 'value'), d + 1, member(k)));
          keys.push(k);
          break;
        }
        case 'shorthand_property_identifier':
          items.push(this.identifier(jt.nodeText(c)));
          keys.push(jt.nodeText(c));
          break;
        case 'spread_element':
          items.push(this.expr(c, d + 1));
          keys.push(undefined);
          break;
        case 'method_definition': {
          const k = this.memberName(c);
          items.push({ kind: 'func', fnId: this.queueFn(c, member(k)) });
          keys.push(k);
          break;
        }
        default:
          break;
      }
    }
    return { kind: 'collection', items, keys };
  }

  private jsx(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const items: FlowExpr[] = [];
    const stack = [n];
    while (stack.length) {
      const c = stack.pop()!;
      const t = jt.type(c);
      if (t === 'jsx_expression') items.push(this.expr(c, d + 1));
      else if (t === 'string') items.push({ kind: 'lit', value: decodeStringLiteral(jt.nodeText(c)) ?? '' });
      else if (t === 'jsx_element' || t === 'jsx_self_closing_element' || t === 'jsx_opening_element' || t === 'jsx_attribute' || t === 'jsx_fragment') {
        const kids = jt.namedChildren(c);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      }
    }
    return { kind: 'collection', items };
  }

  /** `a.b[c].d` as its base node and the steps from the base outwards; literal string subscripts are fields. */
  private steps(n: number): { base: number; steps: Step[] } {
    const jt = this.jt;
    const steps: Step[] = [];
    let cur = unwrapValue(jt, n);
    for (;;) {
      if (cur < 0) return { base: -1, steps };
      const t = jt.type(cur);
      if (t === 'member_expression') {
        const prop = jt.child(cur, 'property');
        steps.push({ field: prop >= 0 ? jt.nodeText(prop) : '' });
      } else if (t === 'subscript_expression') {
        const idx = jt.child(cur, 'index');
        const key = idx >= 0 && jt.type(idx) === 'string' ? decodeStringLiteral(jt.nodeText(idx)) : undefined;
        steps.push(key !== undefined ? { field: key } : { index: idx });
      } else break;
      cur = unwrapValue(jt, jt.child(cur, 'object'));
    }
    steps.reverse();
    return { base: cur, steps };
  }

  /** Import / global head name for a base identifier that is not shadowed (`fs`, `process`, `JSON`), else undefined. */
  private headName(name: string, withAliases: boolean): string | undefined {
    if (this.task.shadowed.has(name)) return undefined;
    if (this.imports.has(name)) return canonicalImported([name], this.imports);
    if (withAliases && this.aliases.has(name)) return this.aliases.get(name);
    return GLOBAL_OBJECTS.has(name) ? name : undefined;
  }

  private memberRead(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const { base, steps } = this.steps(n);
    if (base < 0) return { kind: 'unknown' };
    const bt = jt.type(base);
    let cur: FlowExpr;
    if (bt === 'identifier') {
      const name = jt.nodeText(base);
      const head = this.headName(name, false);
      if (head !== undefined) return this.accessCall(head, steps, n, d);
      cur = this.identifier(name);
    } else if (bt === 'this' || bt === 'super') cur = { kind: 'ref', ref: { kind: 'var', name: 'self' } };
    else if (bt === 'meta_property' && jt.nodeText(base).replace(/\s+/g, '') === 'import.meta') return this.accessCall('import.meta', steps, n, d);
    else {
      const m = requiredModule(jt, base);
      if (m !== undefined) return this.accessCall(m, steps, n, d);
      cur = this.expr(base, d + 1);
    }
    return this.applySteps(cur, steps, 0, n, d);
  }

  /**
   * A read of a module member or a well-known global (`path.sep`, `process.argv`): a call without arguments named
   * after it, so concept tables can name it. Environment maps take the key as the argument (`process.env`("K")); a
   * computed subscript ends the name with `[]` and takes the key.
   */
  private accessCall(head: string, steps: Step[], n: number, d: number): FlowExpr {
    let q = head;
    let i = 0;
    if (GLOBAL_PREFIXES.has(q) && steps.length && 'field' in steps[0]!) {
      q = steps[0].field;
      i = 1;
    }
    for (; i < steps.length && !ENV_OBJECTS.has(q); i++) {
      const s = steps[i]!;
      if (!('field' in s)) break;
      q += `.${s.field}`;
    }
    let args: FlowExpr[] = [];
    if (i < steps.length) {
      const s = steps[i++]!;
      if ('field' in s) args = [{ kind: 'lit', value: s.field }];
      else {
        args = [this.expr(s.index, d + 1)];
        if (!ENV_OBJECTS.has(q)) q += '[]';
      }
    }
    const value = this.callExpr({ callee: q, args, kwargs: {}, location: this.loc(n) });
    return this.applySteps(value, steps, i, n, d);
  }

  private applySteps(cur: FlowExpr, steps: Step[], from: number, n: number, d: number): FlowExpr {
    let kept = 0;
    for (let i = from; i < steps.length; i++) {
      const s = steps[i]!;
      if ('field' in s && SIZE_PROPERTIES.has(s.field)) return this.callExpr({ callee: `.${s.field}`, receiver: cur, args: [], kwargs: {}, location: this.loc(n) });
      if (!('field' in s)) this.expr(s.index, d + 1);
      // The IR has no property reads of computed values, and very long paths are cut: the container stands for its parts.
      if (cur.kind !== 'ref' || ++kept > MAX_REF_STEPS) continue;
      cur = { kind: 'ref', ref: 'field' in s ? { kind: 'field', base: cur.ref, name: s.field } : { kind: 'index', base: cur.ref } };
    }
    return cur;
  }

  private call(n: number, d: number, isNew: boolean): FlowExpr {
    const jt = this.jt;
    const fnNode = jt.child(n, isNew ? 'constructor' : 'function');
    const argsNode = jt.child(n, 'arguments');
    const { callee, receiver } = this.callee(fnNode, d);
    let args: FlowExpr[] = [];
    const kwargs: Record<string, FlowExpr> = {};
    if (argsNode >= 0 && jt.type(argsNode) === 'template_string') args = this.taggedArgs(argsNode, d);
    else if (argsNode >= 0) {
      const nodes = jt.namedChildren(argsNode).filter((c) => jt.type(c) !== 'comment');
      args = nodes.map((c) => this.expr(c, d + 1));
      const last = args[args.length - 1];
      // A trailing object literal is an options bag: its properties are also keyword arguments.
      if (last?.kind === 'collection' && last.keys && jt.type(unwrapValue(jt, nodes[nodes.length - 1]!)) === 'object') {
        last.items.forEach((item, i) => {
          const k = last.keys![i];
          if (k !== undefined) kwargs[k] = item;
        });
      }
    }
    const call: FlowCall = { callee, args, kwargs, location: this.loc(n) };
    if (receiver) call.receiver = receiver;
    if (isNew) call.isNew = true;
    return this.callExpr(call);
  }

  /** Rewrites calls whose meaning the IR has a form for: membership tests and string building. */
  private callExpr(call: FlowCall): FlowExpr {
    const { callee, receiver, args } = call;
    if (receiver && !call.isNew) {
      if ((callee === '.includes' || callee === '.has') && args.length === 1) return { kind: 'call', call: { callee: '<in>', args: [args[0]!, receiver], kwargs: {}, location: call.location } };
      if (callee === '.concat' || (callee === '.join' && args.length <= 1)) return { kind: 'concat', parts: [receiver, ...args] };
    }
    if (callee === 'util.format' || callee === 'String.raw' || callee === 'util.formatWithOptions') return { kind: 'concat', parts: args };
    return { kind: 'call', call };
  }

  private pseudo(callee: string, args: FlowExpr[], n: number): FlowExpr {
    return { kind: 'call', call: { callee, args, kwargs: {}, location: this.loc(n) } };
  }

  /** The canonical callee of a call (see FlowCall.callee) and, for methods of values, the receiver. */
  private callee(fnNode: number, d: number): { callee: string; receiver?: FlowExpr } {
    const jt = this.jt;
    let f = unwrapValue(jt, fnNode);
    // `(0, obj.fn)(x)` calls obj.fn.
    while (f >= 0 && jt.type(f) === 'sequence_expression') f = unwrapValue(jt, jt.namedChildren(f).at(-1) ?? -1);
    if (f < 0) return { callee: '()' };
    const t = jt.type(f);
    if (t === 'identifier') {
      const name = jt.nodeText(f);
      if (name === 'require' || this.task.shadowed.has(name)) return { callee: name };
      const imp = this.imports.get(name);
      // Calling a project module's default export (ESM default import, or a CommonJS `require`d module object).
      if (imp && imp.module.startsWith('.') && (imp.imported === 'default' || imp.imported === '*')) return { callee: `${imp.module}.default` };
      return { callee: canonicalImported([name], this.imports) ?? this.aliases.get(name) ?? name };
    }
    if (t === 'import') return { callee: 'import' };
    if (t === 'super') return { callee: 'super' };
    if (t === 'member_expression' || t === 'subscript_expression') {
      const { base, steps } = this.steps(f);
      const last = steps[steps.length - 1];
      const bt = base >= 0 ? jt.type(base) : '';
      let head: string | undefined;
      if (bt === 'identifier') head = this.headName(jt.nodeText(base), true);
      else if (base >= 0) head = requiredModule(jt, base);
      if (head !== undefined) return { callee: qualifiedCallee(head, steps) };
      if ((bt === 'this' || bt === 'super') && steps.length === 1 && last && 'field' in last) return { callee: `${bt === 'this' ? 'self' : 'super'}.${last.field}` };
      const receiver = this.expr(jt.child(f, 'object'), d + 1);
      const typed = this.typedCallee(base, steps);
      if (typed !== undefined) return { callee: typed, receiver };
      return { callee: last && 'field' in last ? `.${last.field}` : '[]', receiver };
    }
    if (t === 'call_expression') {
      const m = requiredModule(jt, f);
      if (m !== undefined) return { callee: m };
      // `promisify(fn)(x)` calls fn.
      const inner = this.staticName(jt.child(f, 'function'));
      const args = jt.child(f, 'arguments');
      const first = args >= 0 ? jt.namedChildren(args)[0] : undefined;
      if ((inner === 'util.promisify' || inner === 'promisify') && first !== undefined) return this.callee(first, d + 1);
    }
    if (FUNCTION_TYPES.has(t)) {
      // An immediately invoked function: named so that the call resolves to it like a call of a nested function.
      const [line, col] = jt.lineCol(jt.start(f));
      const name = `iife@${line}:${col}`;
      this.queueFn(f, { name, local: '' });
      return { callee: name };
    }
    return { callee: '()', receiver: this.expr(f, d + 1) };
  }

  /**
   * `client.chat.completions.create` on a value built by `new OpenAI()` (a local, or a `this.` field): the class
   * then names the call (`openai.chat.completions.create`). Only namespaced API paths (two names or more after the
   * instance) are named this way; a single method (`db.query`) keeps the `.query` form that concept tables name.
   */
  private typedCallee(base: number, steps: Step[]): string | undefined {
    const jt = this.jt;
    if (base < 0 || steps.length < 2 || !steps.every((s) => 'field' in s)) return undefined;
    const names = (steps as { field: string }[]).map((s) => s.field);
    const bt = jt.type(base);
    if (bt === 'identifier') {
      const type = this.typeOfVar(jt.nodeText(base));
      return type === undefined ? undefined : `${type}.${names.join('.')}`;
    }
    if (bt === 'this' && names.length >= 3) {
      const cls = this.classOfThis();
      const type = cls === undefined ? undefined : this.fieldTypes.get(`${cls}.${names[0]}`);
      return type ? `${type}.${names.slice(1).join('.')}` : undefined;
    }
    return undefined;
  }

  /** The canonical name of a plain name or property chain, read without converting anything. */
  private staticName(n: number): string | undefined {
    const chain = n >= 0 ? memberChain(this.jt, n) : undefined;
    if (!chain || this.jt.type(chain.base) !== 'identifier') return undefined;
    const head = this.headName(this.jt.nodeText(chain.base), true) ?? this.jt.nodeText(chain.base);
    return [head, ...chain.parts].join('.');
  }

  private loc(n: number): Location {
    return this.jt.location(this.path, n);
  }
}

/** Statement node types, for reading what parsed inside a syntax error. */
const STATEMENT_TYPES = new Set([
  'expression_statement', 'lexical_declaration', 'variable_declaration', 'function_declaration', 'generator_function_declaration',
  'class_declaration', 'abstract_class_declaration', 'if_statement', 'for_in_statement', 'for_statement', 'while_statement',
  'do_statement', 'try_statement', 'switch_statement', 'return_statement', 'throw_statement', 'statement_block',
  'labeled_statement', 'export_statement', 'ERROR',
]);

/** Expressions worth a statement of their own: anything that may contain a call. */
function informative(v: FlowExpr): boolean {
  return v.kind === 'call' || v.kind === 'concat' || v.kind === 'collection' || v.kind === 'choice';
}

function withFn(e: FlowExport, fnId: string | undefined): FlowExport {
  if (fnId !== undefined) e.fnId = fnId;
  return e;
}

function stripNode(m: string): string {
  return m.startsWith('node:') ? m.slice(5) : m;
}

function unwrapParens(jt: JTree, n: number): number {
  while (n >= 0 && jt.type(n) === 'parenthesized_expression') n = jt.namedChildren(n).at(-1) ?? -1;
  return n;
}

/** `head` plus the property names of the steps; a computed step ends the name with `[]`. */
function qualifiedCallee(head: string, steps: Step[]): string {
  let q = head;
  let i = 0;
  if (GLOBAL_PREFIXES.has(q) && steps.length && 'field' in steps[0]!) {
    q = steps[0].field;
    i = 1;
  }
  for (; i < steps.length; i++) {
    const s = steps[i]!;
    if (!('field' in s)) return `${q}[]`;
    q += `.${s.field}`;
  }
  return q;
}
