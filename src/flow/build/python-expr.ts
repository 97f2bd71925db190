// Python expressions → flow IR expressions: canonical callees through imports, string building, guards' pseudo-calls,
// comprehensions hoisted into loops. Recursion is bounded: expressions nested deeper than MAX_EXPR_DEPTH are unknown.
import type { Location } from '../../model/location.js';
import type { FlowCall, FlowExpr, FlowFunction, FlowRef, FlowStmt } from '../ir.js';
import type { JTree } from '../jtree.js';
import { joinName, textOf, type PyImportBinding, type PythonScopes } from './python-scope.js';
import { pyPlainString, pyStringPiece, pyStringShape } from './python-strings.js';

/** Syntax levels an expression may nest before the rest is `unknown`; keeps the IR shallow enough to clone. */
export const MAX_EXPR_DEPTH = 100;
/** Fields and indexes kept on a reference (`a.b.c…`); a longer chain reads its prefix, which holds the rest. */
const MAX_STEPS = 8;
/** Enclosing functions searched for a name; beyond this (hostile nesting) a name is a plain variable. */
const MAX_SCOPE_WALK = 64;

export const UNKNOWN: FlowExpr = { kind: 'unknown' };

/** The function whose body is being converted, with what its names mean. */
export interface PyFnCtx {
  fn: FlowFunction;
  /** JTree index of the `def`/`lambda` node; 0 for the module. */
  scope: number;
  parent?: PyFnCtx;
  /** The method receiver's name (`self`, `cls`, or whatever the first parameter is called), read as `self`. */
  selfName?: string;
  /** The class whose `self` fields this function reads (its own, or its enclosing method's). */
  className?: string;
}

type Step = { kind: 'field'; name: string } | { kind: 'index'; key: number };

/** What the converter asks of the statement builder: a lambda becomes a function of its own. */
export interface LambdaHost {
  lambda(node: number, ctx: PyFnCtx): string;
}

const COMPARISON: Record<string, string> = {
  '==': '<eq>',
  is: '<eq>',
  '!=': '<ne>',
  '<>': '<ne>',
  'is not': '<ne>',
  in: '<in>',
  'not in': '<not-in>',
};

const COLLECTION_TYPES = new Set(['list', 'tuple', 'set', 'expression_list', 'pattern_list']);
const COMPREHENSION_TYPES = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);
const LITERAL_TEXT_TYPES = new Set(['true', 'false', 'none']);
const NUMBER_TYPES = new Set(['integer', 'float', 'ellipsis']);
const PATTERN_CONTAINERS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list', 'parenthesized_expression', 'expression_list', 'as_pattern_target']);

export class PythonExprs {
  /** Where statements an expression implies (comprehension loops, `:=` assignments, nested `yield`s) go. */
  pre: FlowStmt[] = [];
  ctx!: PyFnCtx;
  private readonly renames: Map<string, string>[] = [];

  constructor(
    private readonly jt: JTree,
    private readonly path: string,
    private readonly scopes: PythonScopes,
    private readonly host: LambdaHost,
  ) {}

  loc(n: number): Location {
    return this.jt.location(this.path, n);
  }

  /** Named children without comments. */
  kids(n: number): number[] {
    const jt = this.jt;
    const out: number[] = [];
    for (const c of jt.children(n)) if (isNamedType(jt.type(c))) out.push(c);
    return out;
  }

  /** Children that may be statements: named ones and error-recovery nodes (which may hold whole statements). */
  stmtKids(n: number): number[] {
    const jt = this.jt;
    const out: number[] = [];
    for (const c of jt.children(n)) {
      const t = jt.type(c);
      if (t === 'ERROR' || isNamedType(t)) out.push(c);
    }
    return out;
  }

  /** A condition: `and`/`or`/`not` become guard pseudo-calls. */
  test(n: number): FlowExpr {
    return this.expr(n, 0, true);
  }

  expr(n: number, depth = 0, test = false): FlowExpr {
    if (n < 0) return UNKNOWN;
    if (depth > MAX_EXPR_DEPTH) return UNKNOWN;
    const jt = this.jt;
    const t = jt.type(n);
    const d = depth + 1;
    switch (t) {
      case 'identifier':
      case 'keyword_identifier':
        return this.nameRead(jt.nodeText(n), n);
      case 'string':
        return this.stringExpr(n, d);
      case 'concatenated_string':
        return this.concatenated(n, d);
      case 'integer':
      case 'float':
      case 'ellipsis':
        return { kind: 'lit' };
      case 'true':
      case 'false':
      case 'none':
        // Kept as text so that `shell=True` can be matched by sink conditions.
        return { kind: 'lit', value: jt.nodeText(n) };
      case 'attribute':
      case 'subscript':
        return this.chainRead(n, d);
      case 'call':
        return this.callExpr(n, d);
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return this.collection(this.kids(n), d);
      case 'dictionary':
        return this.dictionary(n, d);
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.comprehension(n, d);
      case 'parenthesized_expression': {
        const inner = this.kids(n)[0];
        return inner === undefined ? UNKNOWN : this.expr(inner, d, test);
      }
      case 'await':
      case 'list_splat':
      case 'dictionary_splat':
      case 'parenthesized_list_splat': {
        const inner = this.kids(n)[0];
        return inner === undefined ? UNKNOWN : this.expr(inner, d);
      }
      case 'binary_operator':
        return this.binary(n, d);
      case 'unary_operator': {
        const arg = jt.child(n, 'argument');
        return arg >= 0 && NUMBER_TYPES.has(jt.type(arg)) ? { kind: 'lit' } : UNKNOWN;
      }
      case 'boolean_operator':
        return this.boolean(n, d, test);
      case 'not_operator':
        return this.pseudo('<not>', [this.expr(jt.child(n, 'argument'), d, true)], n);
      case 'comparison_operator':
        return this.comparison(n, d);
      case 'conditional_expression': {
        const parts = this.kids(n);
        return this.choice([this.expr(parts[0] ?? -1, d), this.expr(parts[2] ?? -1, d)]);
      }
      case 'lambda':
        return { kind: 'func', fnId: this.host.lambda(n, this.ctx) };
      case 'named_expression': {
        const name = jt.child(n, 'name');
        const value = this.expr(jt.child(n, 'value'), d);
        if (name < 0) return value;
        const target: FlowRef = { kind: 'var', name: jt.nodeText(name) };
        this.pre.push({ kind: 'assign', target, value, location: this.loc(n) });
        return { kind: 'ref', ref: target };
      }
      case 'yield': {
        // A yield inside an expression still hands its value out; its own value comes from the caller (unknown).
        const inner = this.kids(n)[0];
        if (inner !== undefined) {
          const v = this.expr(inner, d);
          if (meaningful(v)) this.pre.push({ kind: 'expr', value: v, location: this.loc(n) });
        }
        return UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  // ------------------------------------------------------------------------------------------------ names

  private renamed(name: string): string | undefined {
    for (let i = this.renames.length - 1; i >= 0; i--) {
      const r = this.renames[i]!.get(name);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  /** Whether a function between here and the module binds the name itself (a parameter or local hides an import). */
  private shadowed(name: string): boolean {
    for (let c: PyFnCtx | undefined = this.ctx, i = 0; c && c.scope !== 0 && i < MAX_SCOPE_WALK; c = c.parent, i++) if (this.scopes.bindsLocally(c.scope, name)) return true;
    return false;
  }

  /** The import or module-level alias a name stands for here, if any. */
  private imported(name: string): PyImportBinding | undefined {
    if (this.renamed(name) !== undefined) return undefined;
    const b = this.scopes.importBindings.get(name);
    const alias = b ? undefined : this.scopes.aliases.get(name);
    if (!b && alias === undefined) return undefined;
    if (this.shadowed(name)) return undefined;
    return b ?? { canonical: alias!, isModule: false };
  }

  private isSelf(name: string): boolean {
    for (let c: PyFnCtx | undefined = this.ctx, i = 0; c && i < MAX_SCOPE_WALK; c = c.parent, i++) {
      if (c.selfName === name) return true;
      if (c.scope !== 0 && this.scopes.bindsLocally(c.scope, name)) return false;
    }
    return false;
  }

  /** The class of the value a plain variable holds, when every binding of it is one constructor call. */
  private typeOfVar(name: string): string | undefined {
    if (this.renamed(name) !== undefined) return undefined;
    for (let c: PyFnCtx | undefined = this.ctx, i = 0; c && i < MAX_SCOPE_WALK; c = c.parent, i++) {
      if (this.scopes.bindsLocally(c.scope, name)) return this.scopes.typeOf(c.scope, name);
    }
    return undefined;
  }

  private classOfSelf(): string | undefined {
    for (let c: PyFnCtx | undefined = this.ctx, i = 0; c && i < MAX_SCOPE_WALK; c = c.parent, i++) if (c.className) return c.className;
    return undefined;
  }

  private nameRead(name: string, n: number): FlowExpr {
    const r = this.renamed(name);
    if (r !== undefined) return { kind: 'ref', ref: { kind: 'var', name: r } };
    if (this.isSelf(name)) return { kind: 'ref', ref: { kind: 'var', name: 'self' } };
    const imp = this.imported(name);
    // A module object is a value like any other; an imported member (`environ`) is read like a module attribute.
    if (imp && !imp.isModule) return this.access(imp.canonical, [], n);
    // A `def` of this file passed as a value (a callback) is that function.
    for (let c: PyFnCtx | undefined = this.ctx, i = 0; c && i < MAX_SCOPE_WALK; c = c.parent, i++) {
      if (!this.scopes.bindsLocally(c.scope, name)) continue;
      const fnId = this.scopes.defNamed(c.scope, name);
      if (fnId) return { kind: 'func', fnId };
      break;
    }
    return { kind: 'ref', ref: { kind: 'var', name } };
  }

  /** The variable a name denotes when written or read as a base: comprehension renames and `self` applied. */
  baseVar(name: string): FlowRef {
    const r = this.renamed(name);
    if (r !== undefined) return { kind: 'var', name: r };
    return { kind: 'var', name: this.isSelf(name) ? 'self' : name };
  }

  /** A read of a module-qualified name as a zero-argument call (`os.environ`, `os.environ[]` with the key). */
  private access(callee: string, args: FlowExpr[], n: number): FlowExpr {
    return { kind: 'call', call: { callee, args, kwargs: {}, location: this.loc(n) } };
  }

  // ------------------------------------------------------------------------------------------------ chains

  /** `a.b[c].d` → base `a` and its steps, walked iteratively (chains can be very long). */
  private chainOf(n: number): { base: number; steps: Step[] } {
    const jt = this.jt;
    const steps: Step[] = [];
    let cur = n;
    for (;;) {
      const t = jt.type(cur);
      if (t === 'attribute') {
        const attr = jt.child(cur, 'attribute');
        const obj = jt.child(cur, 'object');
        if (attr < 0 || obj < 0) break;
        steps.push({ kind: 'field', name: jt.nodeText(attr) });
        cur = obj;
      } else if (t === 'subscript') {
        const value = jt.child(cur, 'value');
        if (value < 0) break;
        steps.push({ kind: 'index', key: jt.child(cur, 'subscript') });
        cur = value;
      } else break;
    }
    steps.reverse();
    return { base: cur, steps };
  }

  /** A string-literal subscript key, read as a field (`args["path"]` is the same datum as `args.path` to rules). */
  private literalKey(key: number): string | undefined {
    if (key < 0 || this.jt.type(key) !== 'string') return undefined;
    if (this.jt.children(key).some((c) => this.jt.type(c) === 'interpolation')) return undefined;
    return pyPlainString(this.jt.nodeText(key));
  }

  refWithSteps(base: FlowRef, steps: readonly Step[]): FlowRef {
    let ref = base;
    const n = Math.min(steps.length, MAX_STEPS);
    for (let i = 0; i < n; i++) {
      const s = steps[i]!;
      if (s.kind === 'field') ref = { kind: 'field', base: ref, name: s.name };
      else {
        const k = this.literalKey(s.key);
        ref = k !== undefined ? { kind: 'field', base: ref, name: k } : { kind: 'index', base: ref };
      }
    }
    return ref;
  }

  /** The value of a base with steps applied, when the base is a name (else undefined). */
  private chainValue(base: number, steps: Step[], n: number, d: number): FlowExpr | undefined {
    const jt = this.jt;
    const bt = jt.type(base);
    if (bt === 'call' && steps.length > 0 && this.isSuperCall(base)) return { kind: 'ref', ref: this.refWithSteps({ kind: 'var', name: 'self' }, steps) };
    if (bt !== 'identifier') return undefined;
    const name = jt.nodeText(base);
    const imp = this.imported(name);
    if (imp) {
      // `os.environ["K"]` → `os.environ[]`(K); `os.path.sep` → `os.path.sep`().
      let callee = imp.canonical;
      let i = 0;
      for (; i < steps.length && steps[i]!.kind === 'field'; i++) callee = joinName(callee, (steps[i] as { name: string }).name);
      if (i === steps.length) return i === 0 && imp.isModule ? { kind: 'ref', ref: { kind: 'var', name } } : this.access(callee, [], n);
      const key = (steps[i] as { key: number }).key;
      return this.access(`${callee}[]`, key >= 0 ? [this.expr(key, d)] : [], n);
    }
    return { kind: 'ref', ref: this.refWithSteps(this.baseVar(name), steps) };
  }

  private chainRead(n: number, d: number): FlowExpr {
    const { base, steps } = this.chainOf(n);
    if (steps.length === 1 && steps[0]!.kind === 'field' && this.jt.type(base) === 'identifier' && this.isSelf(this.jt.nodeText(base))) {
      // `self.handle` passed as a callback.
      const cls = this.classOfSelf();
      const fnId = cls ? this.scopes.methodNamed(cls, steps[0]!.name) : undefined;
      if (fnId) return { kind: 'func', fnId };
    }
    const v = this.chainValue(base, steps, n, d);
    if (v) return v;
    // A field or element of some other value (a call's result, a literal): the value itself.
    return this.expr(base, d);
  }

  /** A reference for an assignment target (`x`, `self.a[k]`, `obj.b`), or undefined when it has no variable base. */
  targetRef(n: number): FlowRef | undefined {
    const jt = this.jt;
    const t = jt.type(n);
    if (t === 'identifier' || t === 'keyword_identifier') return this.baseVar(jt.nodeText(n));
    if (t === 'parenthesized_expression' || t === 'list_splat_pattern' || t === 'list_splat') {
      const inner = this.kids(n)[0];
      return inner === undefined ? undefined : this.targetRef(inner);
    }
    if (t !== 'attribute' && t !== 'subscript') return undefined;
    const { base, steps } = this.chainOf(n);
    if (jt.type(base) === 'call' && this.isSuperCall(base)) return this.refWithSteps({ kind: 'var', name: 'self' }, steps);
    if (jt.type(base) !== 'identifier') return undefined;
    return this.refWithSteps(this.baseVar(jt.nodeText(base)), steps);
  }

  /** Leaves of a target pattern (`a, (b, *c)`), in order, without recursion. */
  patternLeaves(n: number): number[] {
    const out: number[] = [];
    const stack = [n];
    while (stack.length) {
      const cur = stack.pop()!;
      if (PATTERN_CONTAINERS.has(this.jt.type(cur))) {
        const ks = this.kids(cur);
        for (let i = ks.length - 1; i >= 0; i--) stack.push(ks[i]!);
      } else out.push(cur);
    }
    return out;
  }

  isPattern(n: number): boolean {
    const t = this.jt.type(n);
    return t !== 'parenthesized_expression' && PATTERN_CONTAINERS.has(t);
  }

  // ------------------------------------------------------------------------------------------------- calls

  private isSuperCall(n: number): boolean {
    const f = this.jt.child(n, 'function');
    return f >= 0 && this.jt.type(f) === 'identifier' && this.jt.nodeText(f) === 'super';
  }

  /** `__import__("m")` / `importlib.import_module("m")` with a literal: the module it returns. */
  private importedModule(n: number): string | undefined {
    const jt = this.jt;
    const f = jt.child(n, 'function');
    if (f < 0) return undefined;
    const ft = jt.nodeText(f);
    const canon = jt.type(f) === 'identifier' ? (this.imported(ft)?.canonical ?? ft) : this.scopes.canonicalOfDotted(ft);
    if (canon !== '__import__' && canon !== 'importlib.import_module') return undefined;
    const args = jt.child(n, 'arguments');
    const first = args >= 0 ? this.kids(args)[0] : undefined;
    if (first === undefined || jt.type(first) !== 'string' || jt.children(first).some((c) => jt.type(c) === 'interpolation')) return undefined;
    return pyPlainString(jt.nodeText(first));
  }

  private callExpr(n: number, d: number): FlowExpr {
    const call = this.call(n, d);
    const recv = call.receiver;
    // String building through methods: `"{} {}".format(a, b)`, `sep.join(parts)`.
    if (recv && call.callee === '.format') return { kind: 'concat', parts: [recv, ...call.args, ...Object.values(call.kwargs)] };
    if (recv && call.callee === '.join' && call.args.length === 1 && Object.keys(call.kwargs).length === 0) return { kind: 'concat', parts: [recv, call.args[0]!] };
    return { kind: 'call', call };
  }

  call(n: number, d: number): FlowCall {
    const jt = this.jt;
    let fnNode = jt.child(n, 'function');
    while (fnNode >= 0 && jt.type(fnNode) === 'parenthesized_expression') fnNode = this.kids(fnNode)[0] ?? -1;
    const { args, kwargs } = this.argumentsOf(jt.child(n, 'arguments'), d);
    const location = this.loc(n);
    const out: FlowCall = { callee: '', args, kwargs, location };
    if (fnNode < 0) {
      out.callee = '.__call__';
      return out;
    }
    const ft = jt.type(fnNode);
    if (ft === 'identifier' || ft === 'keyword_identifier') {
      out.callee = this.calleeOfName(jt.nodeText(fnNode));
      return out;
    }
    if (ft !== 'attribute') {
      // `handlers[name](x)`, `getattr(o, m)(x)`, `f(a)(b)`: calling a value.
      out.callee = '.__call__';
      out.receiver = this.expr(fnNode, d);
      return out;
    }
    const { base, steps } = this.chainOf(fnNode);
    const last = steps.pop() as { kind: 'field'; name: string };
    const m = last.name;
    const bt = jt.type(base);
    if (bt === 'identifier') {
      const name = jt.nodeText(base);
      const renamed = this.renamed(name);
      if (renamed === undefined) {
        if (this.isSelf(name)) {
          if (steps.length === 0) {
            out.callee = `self.${m}`;
            return out;
          }
          // `self.client.get(u)` with `self.client = httpx.AsyncClient()` somewhere in the class.
          const fieldType = steps[0]!.kind === 'field' ? this.fieldType(steps[0]!.name) : undefined;
          out.callee = (fieldType && typedCallee(fieldType, steps.slice(1), m)) ?? `.${m}`;
          out.receiver = { kind: 'ref', ref: this.refWithSteps({ kind: 'var', name: 'self' }, steps) };
          return this.localMethod(out);
        }
        const imp = this.imported(name);
        if (imp) {
          if (steps.every((s) => s.kind === 'field')) {
            let callee = imp.canonical;
            for (const s of steps) callee = joinName(callee, (s as { name: string }).name);
            out.callee = joinName(callee, m);
            return out;
          }
          out.callee = `.${m}`;
          out.receiver = this.chainValue(base, steps, fnNode, d);
          return out;
        }
        if (steps.length === 0 && this.scopes.classNames.has(name) && !this.shadowed(name)) {
          // A static or class method of a class of this file: resolvable like a function.
          out.callee = `${name}.${m}`;
          return out;
        }
        const type = this.typeOfVar(name);
        out.callee = (type && typedCallee(type, steps, m)) ?? `.${m}`;
      } else out.callee = `.${m}`;
      out.receiver = { kind: 'ref', ref: this.refWithSteps(this.baseVar(name), steps) };
      return this.localMethod(out);
    }
    if (bt === 'call') {
      if (steps.length === 0 && this.isSuperCall(base)) {
        out.callee = `self.${m}`;
        return out;
      }
      const mod = this.importedModule(base);
      if (mod !== undefined && steps.every((s) => s.kind === 'field')) {
        out.callee = [mod, ...steps.map((s) => (s as { name: string }).name), m].join('.');
        return out;
      }
    }
    const built = this.chainValue(base, steps, fnNode, d);
    const recv = built ?? this.expr(base, d);
    // A method of a freshly built object of a known class: `httpx.AsyncClient().get`, `pathlib.Path(p).read_text`.
    const ctor = !built && recv.kind === 'call' && !recv.call.receiver && (isClassName(recv.call.callee) || this.scopes.classNames.has(recv.call.callee)) ? recv.call.callee : undefined;
    out.callee = (ctor && typedCallee(ctor, steps, m)) ?? `.${m}`;
    out.receiver = recv;
    return this.localMethod(out);
  }

  /**
   * A method of one of this file's classes (`Store.save` from `store = Store(); store.save(x)`) is called like a
   * function, without a receiver, so that the solver resolves it; the object's own taint is not passed.
   */
  private localMethod(c: FlowCall): FlowCall {
    const dot = c.callee.indexOf('.');
    if (dot > 0 && c.callee.indexOf('.', dot + 1) < 0 && this.scopes.classNames.has(c.callee.slice(0, dot)) && c.receiver) {
      // `Store(root).save(p)`: the constructor call still runs, before.
      if (c.receiver.kind !== 'ref') this.pre.push({ kind: 'expr', value: c.receiver, location: c.location });
      delete c.receiver;
    }
    return c;
  }

  private fieldType(field: string): string | undefined {
    const cls = this.classOfSelf();
    return cls ? this.scopes.fieldTypeOf(cls, field) : undefined;
  }

  private calleeOfName(name: string): string {
    const r = this.renamed(name);
    if (r !== undefined) return r;
    const imp = this.imported(name);
    if (imp) return imp.canonical;
    return name;
  }

  private argumentsOf(argNode: number, d: number): { args: FlowExpr[]; kwargs: Record<string, FlowExpr> } {
    const jt = this.jt;
    const args: FlowExpr[] = [];
    const kwargs: Record<string, FlowExpr> = {};
    if (argNode < 0) return { args, kwargs };
    if (jt.type(argNode) === 'generator_expression') {
      args.push(this.expr(argNode, d));
      return { args, kwargs };
    }
    for (const c of this.kids(argNode)) {
      const t = jt.type(c);
      if (t === 'keyword_argument') {
        const name = jt.child(c, 'name');
        const value = this.expr(jt.child(c, 'value'), d);
        if (name >= 0) kwargs[jt.nodeText(name)] = value;
      } else if (t === 'dictionary_splat') {
        // `f(**opts)`: keyword arguments whose names are not known, kept under `**`.
        const v = this.expr(c, d);
        kwargs['**'] = kwargs['**'] ? this.choice([kwargs['**'], v]) : v;
      } else args.push(this.expr(c, d));
    }
    return { args, kwargs };
  }

  pseudo(callee: string, args: FlowExpr[], n: number): FlowExpr {
    return { kind: 'call', call: { callee, args, kwargs: {}, location: this.loc(n) } };
  }

  // ------------------------------------------------------------------------------------------ operators

  private comparison(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const operands: number[] = [];
    const ops: string[] = [];
    for (const c of jt.children(n)) {
      if (jt.field(c) === 'operators') ops.push(jt.nodeText(c).replace(/\s+/g, ' '));
      else if (jt.type(c) !== 'comment') operands.push(c);
    }
    const values = operands.map((o) => this.expr(o, d));
    const tests: FlowExpr[] = [];
    for (let i = 0; i < ops.length && i + 1 < values.length; i++) tests.push(this.pseudo(COMPARISON[ops[i]!] ?? '<cmp>', [values[i]!, values[i + 1]!], n));
    if (tests.length === 0) return UNKNOWN;
    return tests.length === 1 ? tests[0]! : this.pseudo('<and>', tests, n);
  }

  /** `a and b and c` is left-nested; the chain is flattened with a loop. */
  private boolean(n: number, d: number, test: boolean): FlowExpr {
    const jt = this.jt;
    const op = textOf(jt, jt.child(n, 'operator'));
    const rights: number[] = [];
    let cur = n;
    while (jt.type(cur) === 'boolean_operator' && textOf(jt, jt.child(cur, 'operator')) === op) {
      rights.push(jt.child(cur, 'right'));
      cur = jt.child(cur, 'left');
      if (cur < 0) break;
    }
    const parts = [cur, ...rights.reverse()].map((p) => this.expr(p, d, test));
    if (test) return this.pseudo(op === 'and' ? '<and>' : '<or>', parts, n);
    return this.choice(parts);
  }

  private binary(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const op = textOf(jt, jt.child(n, 'operator'));
    const rights: number[] = [];
    let cur = n;
    while (jt.type(cur) === 'binary_operator' && textOf(jt, jt.child(cur, 'operator')) === op) {
      rights.push(jt.child(cur, 'right'));
      cur = jt.child(cur, 'left');
      if (cur < 0) break;
    }
    const nodes = [cur, ...rights.reverse()];
    const parts = nodes.map((p) => this.expr(p, d));
    const allLit = parts.every((p) => p.kind === 'lit');
    switch (op) {
      case '+':
        if (!allLit) return this.concat(parts);
        return nodes.every((x) => isStringType(jt.type(x))) ? { kind: 'lit', value: parts.map(litValue).join('') } : { kind: 'lit' };
      case '%': {
        // `"fmt %s %s" % (a, b)`: the arguments are parts of the string.
        if (allLit && parts.length === 2 && !isStringType(jt.type(nodes[0]!))) return { kind: 'lit' };
        const spread: FlowExpr[] = [];
        parts.forEach((p, i) => (i > 0 && p.kind === 'collection' ? spread.push(...p.items) : spread.push(p)));
        return this.concat(spread);
      }
      case '/':
        // Path joining (`BASE / name`) as much as division: the parts flow on.
        return allLit ? { kind: 'lit' } : this.concat(parts);
      case '|':
        return allLit ? { kind: 'lit' } : this.choice(parts);
      default:
        return allLit ? { kind: 'lit' } : UNKNOWN;
    }
  }

  concat(parts: FlowExpr[]): FlowExpr {
    const flat: FlowExpr[] = [];
    for (const p of parts) {
      if (p.kind === 'concat') flat.push(...p.parts);
      else flat.push(p);
    }
    return { kind: 'concat', parts: flat };
  }

  choice(options: FlowExpr[]): FlowExpr {
    const kept = options.filter((o) => o.kind !== 'unknown');
    if (kept.length === 0) return UNKNOWN;
    if (kept.length === 1) return kept[0]!;
    return { kind: 'choice', options: kept };
  }

  // ---------------------------------------------------------------------------------------------- literals

  private stringExpr(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const text = jt.nodeText(n);
    const children = jt.children(n);
    if (!children.some((c) => jt.type(c) === 'interpolation')) {
      const v = pyPlainString(text);
      return v === undefined ? { kind: 'lit' } : { kind: 'lit', value: v };
    }
    const shape = pyStringShape(text);
    const raw = shape?.raw ?? false;
    const fstring = shape?.prefix.includes('f') ?? false;
    const parts: FlowExpr[] = [];
    for (const c of children) {
      const t = jt.type(c);
      if (t === 'string_content') {
        const piece = pyStringPiece(jt.nodeText(c), raw);
        parts.push({ kind: 'lit', value: fstring ? piece.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : piece });
      }
      else if (t === 'escape_interpolation') parts.push({ kind: 'lit', value: jt.nodeText(c).slice(1) });
      else if (t === 'interpolation') parts.push(this.expr(jt.child(c, 'expression'), d));
    }
    return this.concat(mergeLits(parts));
  }

  private concatenated(n: number, d: number): FlowExpr {
    const joined = this.concat(this.kids(n).map((c) => this.expr(c, d))) as { parts: FlowExpr[] };
    const parts = mergeLits(joined.parts);
    if (parts.every((p) => p.kind === 'lit')) return { kind: 'lit', value: parts.map(litValue).join('') };
    return { kind: 'concat', parts };
  }

  private collection(items: number[], d: number): FlowExpr {
    return { kind: 'collection', items: items.map((i) => this.expr(i, d)) };
  }

  private dictionary(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const items: FlowExpr[] = [];
    const keys: (string | undefined)[] = [];
    for (const c of this.kids(n)) {
      if (jt.type(c) === 'pair') {
        const keyNode = jt.child(c, 'key');
        const key = this.literalKey(keyNode);
        if (key === undefined && keyNode >= 0) {
          // A computed key carries data too (`{args.name: args.value}` for headers).
          const k = this.expr(keyNode, d);
          if (k.kind !== 'lit') {
            items.push(k);
            keys.push(undefined);
          }
        }
        items.push(this.expr(jt.child(c, 'value'), d));
        keys.push(key);
      } else {
        items.push(this.expr(c, d));
        keys.push(undefined);
      }
    }
    return { kind: 'collection', items, keys };
  }

  // ---------------------------------------------------------------------------------------- comprehensions

  /**
   * `[f(x) for x in xs if ok(x)]` becomes, before the statement that holds it, a loop over `xs` binding a renamed
   * `x` (comprehension variables do not leak), with the filter as a branch, adding `f(x)` to a temporary; the
   * comprehension's value is that temporary.
   */
  private comprehension(n: number, d: number): FlowExpr {
    const jt = this.jt;
    const [line, col] = jt.lineCol(jt.start(n));
    const tag = `@${line}:${col}`;
    const tmp: FlowRef = { kind: 'var', name: `<comp>${tag}` };
    const saved = this.pre;
    const names = new Map<string, string>();
    this.renames.push(names);
    let container = saved;
    try {
      for (const c of this.kids(n)) {
        const t = jt.type(c);
        if (t === 'for_in_clause') {
          this.pre = container;
          const iterable = this.expr(jt.child(c, 'right'), d);
          const left = jt.child(c, 'left');
          const leaves = left >= 0 ? this.patternLeaves(left) : [];
          for (const leaf of leaves) {
            if (jt.type(leaf) === 'identifier') names.set(jt.nodeText(leaf), `${jt.nodeText(leaf)}${tag}`);
          }
          const single = leaves.length === 1 && left >= 0 && !this.isPattern(left) ? this.targetRef(leaves[0]!) : undefined;
          const loopVar: FlowRef = single ?? { kind: 'var', name: `<item>${tag}` };
          const loop: FlowStmt = { kind: 'loop', target: loopVar, iterable, body: [], location: this.loc(c) };
          container.push(loop);
          container = loop.body;
          if (!single) {
            const targets = leaves.map((l) => this.targetRef(l)).filter((r): r is FlowRef => r !== undefined);
            if (targets.length) container.push({ kind: 'destructure', targets: targets.map((target) => ({ target })), value: { kind: 'ref', ref: loopVar }, location: this.loc(c) });
          }
        } else if (t === 'if_clause') {
          this.pre = container;
          const cond = this.kids(c)[0];
          const branch: FlowStmt = { kind: 'if', test: cond === undefined ? UNKNOWN : this.expr(cond, d, true), then: [], else: [], thenExits: false, elseExits: false, location: this.loc(c) };
          container.push(branch);
          container = branch.then;
        }
      }
      this.pre = container;
      const body = jt.child(n, 'body');
      let value: FlowExpr;
      if (body >= 0 && jt.type(body) === 'pair') value = { kind: 'collection', items: [this.expr(jt.child(body, 'key'), d), this.expr(jt.child(body, 'value'), d)] };
      else value = { kind: 'collection', items: [this.expr(body, d)] };
      container.push({ kind: 'assign', target: tmp, value, location: this.loc(n) });
    } finally {
      this.renames.pop();
      this.pre = saved;
    }
    return { kind: 'ref', ref: tmp };
  }
}

/** A named node type other than a comment (operators and other tokens are kept by JTree only for their field). */
function isNamedType(t: string): boolean {
  const c = t.charCodeAt(0);
  return ((c >= 97 && c <= 122) || (c === 95 && t.length > 1)) && t !== 'comment';
}

/** An expression worth an `expr` statement: it calls something or builds something from calls. */
export function meaningful(e: FlowExpr): boolean {
  return e.kind === 'call' || e.kind === 'concat' || e.kind === 'collection' || e.kind === 'choice';
}

function isStringType(t: string): boolean {
  return t === 'string' || t === 'concatenated_string';
}

/**
 * A method reached from a value of a known class through plain attributes: `openai.OpenAI` + `chat.completions` +
 * `create` → `openai.OpenAI.chat.completions.create`. Undefined when an index is in the way.
 */
function typedCallee(type: string, steps: readonly Step[], m: string): string | undefined {
  let out = type;
  for (const s of steps) {
    if (s.kind !== 'field') return undefined;
    out = `${out}.${s.name}`;
  }
  return `${out}.${m}`;
}

/** `pkg.mod.Class`: a module-qualified name whose last part is capitalised, i.e. a class being instantiated. */
function isClassName(callee: string): boolean {
  if (callee.startsWith('.') || callee.startsWith('<') || !callee.includes('.') || callee.endsWith('[]')) return false;
  return /^[A-Z]/.test(callee.slice(callee.lastIndexOf('.') + 1));
}

function litValue(e: FlowExpr): string {
  return e.kind === 'lit' ? e.value ?? '' : '';
}

function mergeLits(parts: FlowExpr[]): FlowExpr[] {
  const out: FlowExpr[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (p.kind === 'lit' && prev?.kind === 'lit' && p.value !== undefined && prev.value !== undefined) out[out.length - 1] = { kind: 'lit', value: prev.value + p.value };
    else out.push(p);
  }
  return out;
}
