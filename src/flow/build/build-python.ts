// The Python flow builder: a syntax tree → the flow IR of every function, lambda and the module's top-level code.
import type { Tree } from 'web-tree-sitter';
import type { Location } from '../../model/location.js';
import type { FileFlow, FlowExport, FlowExpr, FlowFunction, FlowParam, FlowRef, FlowStmt } from '../ir.js';
import { toJTree, type JTree } from '../jtree.js';
import { meaningful, PythonExprs, UNKNOWN, type PyFnCtx } from './python-expr.js';
import { isStaticMethod, PythonScopes, textOf } from './python-scope.js';

/** Subtrees the IR never needs: annotations, comments, string insides (read from text), decorators (read as text). */
const SKIP: ReadonlySet<string> = new Set(['comment', 'string_content', 'type', 'decorator', 'format_specifier', 'escape_sequence', 'type_parameter']);

/**
 * Statement containers nested deeper than this (including `elif`/`case` chains, which nest in `else`) are laid out
 * flat instead: the IR must stay shallow enough for structured cloning and for the solver's own recursion.
 */
const MAX_STMT_DEPTH = 48;

/** Calls after which the code that follows does not run. */
const EXIT_CALLS = new Set(['sys.exit', 'exit', 'quit', 'os._exit', 'os.abort', 'flask.abort']);

const EXPRESSION_TYPES = new Set([
  'identifier', 'string', 'concatenated_string', 'attribute', 'subscript', 'call', 'list', 'tuple', 'set', 'dictionary', 'list_comprehension',
  'set_comprehension', 'dictionary_comprehension', 'generator_expression', 'parenthesized_expression', 'binary_operator', 'unary_operator',
  'boolean_operator', 'not_operator', 'comparison_operator', 'conditional_expression', 'lambda', 'await', 'named_expression', 'expression_list',
]);

interface ClassFrame {
  /** Dotted class name (`Outer.Inner`), as the solver keys class fields and methods. */
  name: string;
}

interface Frame {
  items: number[];
  i: number;
  cls?: ClassFrame;
}

/** Statements of some block still to convert into `out`. Each nested body is a task of its own: no recursion. */
interface BlockTask {
  kind: 'block';
  frames: Frame[];
  out: FlowStmt[];
  ctx: PyFnCtx;
  inLoop: boolean;
  depth: number;
}

interface LambdaTask {
  kind: 'lambda';
  node: number;
  ctx: PyFnCtx;
}

type Task = BlockTask | LambdaTask;

export function buildPythonFlow(input: { path: string; tree: Tree; text: string }): FileFlow {
  const jt = toJTree(input.tree, input.text, SKIP);
  return new PythonFlowBuilder(jt, input.path).build();
}

class PythonFlowBuilder {
  private readonly scopes: PythonScopes;
  private readonly ex: PythonExprs;
  private readonly functions: { fn: FlowFunction; start: number }[] = [];
  /** Module-level `def`s and methods of module-level classes; the first definition of a name is the export. */
  private readonly exportable: { name: string; fnId: string; start: number }[] = [];
  private readonly tasks: Task[] = [];

  constructor(
    private readonly jt: JTree,
    private readonly path: string,
  ) {
    this.scopes = new PythonScopes(jt, path);
    this.ex = new PythonExprs(jt, path, this.scopes, { lambda: (node, ctx) => this.lambda(node, ctx) });
  }

  build(): FileFlow {
    const jt = this.jt;
    // The module spans the whole text (its node starts at the first token), so every seed location falls inside it.
    const [endLine, endColumn] = jt.lineCol(jt.text.length);
    const location: Location = { path: this.path, startLine: 1, startColumn: 1, endLine, endColumn };
    const moduleFn: FlowFunction = { id: `${this.path}#<module>`, name: '<module>', qualified: '<module>', params: [], location, stmts: [] };
    this.functions.push({ fn: moduleFn, start: -1 });
    const ctx: PyFnCtx = { fn: moduleFn, scope: 0 };
    this.tasks.push({ kind: 'block', frames: [{ items: this.ex.stmtKids(0), i: 0 }], out: moduleFn.stmts, ctx, inLoop: false, depth: 0 });
    while (this.tasks.length) {
      const task = this.tasks.pop()!;
      this.ex.ctx = task.ctx;
      if (task.kind === 'lambda') this.runLambda(task);
      else this.runBlock(task);
    }
    const functions = this.functions.sort((a, b) => a.start - b.start).map((f) => f.fn);
    const exports: FlowExport[] = [];
    const seen = new Set<string>();
    for (const e of this.exportable.sort((a, b) => a.start - b.start)) {
      if (seen.has(e.name)) continue;
      seen.add(e.name);
      exports.push({ name: e.name, fnId: e.fnId });
    }
    return { path: this.path, language: 'python', imports: this.scopes.imports, exports, functions };
  }

  private runLambda(task: LambdaTask): void {
    const fn = task.ctx.fn;
    this.ex.pre = fn.stmts;
    const body = this.jt.child(task.node, 'body');
    const value = this.ex.expr(body);
    fn.stmts.push({ kind: 'return', value, location: this.ex.loc(body >= 0 ? body : task.node) });
  }

  private runBlock(task: BlockTask): void {
    const frames = task.frames;
    while (frames.length) {
      const top = frames[frames.length - 1]!;
      if (top.i >= top.items.length) {
        frames.pop();
        continue;
      }
      const node = top.items[top.i++]!;
      this.ex.pre = task.out;
      this.statement(node, task, top.cls);
    }
  }

  /** A nested body converted later into its own array (order inside `out` is kept because `out` is its alone). */
  private spawn(parent: BlockTask, items: number[], out: FlowStmt[], opts: { inLoop?: boolean; depth?: number; cls?: ClassFrame } = {}): void {
    this.tasks.push({ kind: 'block', frames: [{ items, i: 0, cls: opts.cls }], out, ctx: parent.ctx, inLoop: opts.inLoop ?? parent.inLoop, depth: opts.depth ?? parent.depth + 1 });
  }

  /** Statements of a block node (or the node itself when it is a single statement). */
  private items(block: number): number[] {
    if (block < 0) return [];
    return this.jt.type(block) === 'block' ? this.ex.stmtKids(block) : [block];
  }

  private span(from: number, to: number): Location {
    const jt = this.jt;
    const [sl, sc] = jt.lineCol(jt.start(from));
    const [el, ec] = jt.lineCol(jt.end(to >= 0 ? to : from));
    return { path: this.path, startLine: sl, startColumn: sc, endLine: el, endColumn: ec };
  }

  // ---------------------------------------------------------------------------------------------- statements

  private statement(n: number, task: BlockTask, cls: ClassFrame | undefined): void {
    const jt = this.jt;
    const out = task.out;
    switch (jt.type(n)) {
      case 'expression_statement':
        for (const c of this.ex.kids(n)) this.expressionStatement(c, out, cls);
        return;
      case 'return_statement': {
        const v = this.ex.kids(n)[0];
        out.push({ kind: 'return', value: v === undefined ? { kind: 'lit' } : this.ex.expr(v), location: this.ex.loc(n) });
        return;
      }
      case 'raise_statement': {
        const v = this.ex.kids(n)[0];
        if (v !== undefined) this.exprStmt(v, out);
        return;
      }
      case 'if_statement':
        return this.ifStatement(n, task);
      case 'for_statement':
        return this.forStatement(n, task);
      case 'while_statement':
        return this.whileStatement(n, task);
      case 'try_statement':
        return this.tryStatement(n, task);
      case 'with_statement':
        return this.withStatement(n, task);
      case 'match_statement':
        return this.matchStatement(n, task);
      case 'function_definition':
        return this.functionDefinition(n, task, cls);
      case 'class_definition':
        return this.classDefinition(n, task, cls);
      case 'decorated_definition': {
        const def = jt.child(n, 'definition');
        if (def >= 0) this.statement(def, task, cls);
        return;
      }
      case 'assert_statement': {
        // `assert ok(p)`: the code after it runs only when the test held, like `if not ok(p): raise`.
        const [test, msg] = this.ex.kids(n);
        if (test === undefined) return;
        const then: FlowStmt[] = [];
        const stmt: FlowStmt = { kind: 'if', test: this.ex.pseudo('<not>', [this.ex.test(test)], test), then, else: [], thenExits: true, elseExits: false, location: this.ex.loc(n) };
        out.push(stmt);
        if (msg !== undefined) {
          this.ex.pre = then;
          this.exprStmt(msg, then);
        }
        return;
      }
      case 'print_statement': {
        const args = jt.childrenOf(n, 'argument').map((a) => this.ex.expr(a));
        out.push({ kind: 'expr', value: { kind: 'call', call: { callee: 'print', args, kwargs: {}, location: this.ex.loc(n) } }, location: this.ex.loc(n) });
        return;
      }
      case 'exec_statement': {
        const code = jt.child(n, 'code');
        const args = code >= 0 ? [this.ex.expr(code)] : [];
        out.push({ kind: 'expr', value: { kind: 'call', call: { callee: 'exec', args, kwargs: {}, location: this.ex.loc(n) } }, location: this.ex.loc(n) });
        return;
      }
      case 'import_statement':
      case 'import_from_statement':
      case 'future_import_statement':
      case 'pass_statement':
      case 'break_statement':
      case 'continue_statement':
      case 'global_statement':
      case 'nonlocal_statement':
      case 'delete_statement':
      case 'type_alias_statement':
      case 'comment':
        return;
      default:
        if (EXPRESSION_TYPES.has(jt.type(n))) this.expressionStatement(n, out, cls);
        // Error recovery and other wrappers: their children may still be statements or expressions.
        else task.frames.push({ items: this.ex.stmtKids(n), i: 0, cls });
    }
  }

  private expressionStatement(c: number, out: FlowStmt[], cls: ClassFrame | undefined): void {
    const t = this.jt.type(c);
    if (t === 'assignment') return this.assignment(c, out, cls);
    if (t === 'augmented_assignment') return this.augmented(c, out);
    if (t === 'yield') {
      const inner = this.ex.kids(c)[0];
      if (inner !== undefined) out.push({ kind: 'expr', value: this.ex.expr(inner), location: this.ex.loc(c) });
      return;
    }
    this.exprStmt(c, out);
  }

  private exprStmt(n: number, out: FlowStmt[]): void {
    const v = this.ex.expr(n);
    if (meaningful(v)) out.push({ kind: 'expr', value: v, location: this.ex.loc(n) });
  }

  private assignment(n: number, out: FlowStmt[], cls: ClassFrame | undefined): void {
    const jt = this.jt;
    // `a = b = value`: the right side nests; every left side gets the value.
    const targets: number[] = [];
    let cur = n;
    while (jt.type(cur) === 'assignment') {
      const left = jt.child(cur, 'left');
      if (left >= 0) targets.push(left);
      const right = jt.child(cur, 'right');
      if (right < 0) return;
      cur = right;
    }
    let value: FlowExpr;
    if (jt.type(cur) === 'yield') {
      const inner = this.ex.kids(cur)[0];
      if (inner !== undefined) out.push({ kind: 'expr', value: this.ex.expr(inner), location: this.ex.loc(cur) });
      value = UNKNOWN;
    } else value = this.ex.expr(cur);
    const location = this.ex.loc(n);
    for (const t of targets) this.assignTo(t, value, location, out, cls);
  }

  private assignTo(target: number, value: FlowExpr, location: Location, out: FlowStmt[], cls: ClassFrame | undefined): void {
    const jt = this.jt;
    if (this.ex.isPattern(target)) {
      const elems = this.ex.kids(target);
      // `a, b = x, y` assigns element-wise when that cannot mix up a swap (`a, b = b, a`).
      if (value.kind === 'collection' && !value.keys && value.items.length === elems.length && elems.every((e) => !this.ex.isPattern(e) && jt.type(e) !== 'list_splat_pattern')) {
        const refs = elems.map((e) => this.targetOf(e, cls));
        const names = new Set(refs.map((r) => (r ? rootName(r) : '')));
        if (refs.every((r) => r) && !value.items.some((i) => i.kind === 'ref' && names.has(rootName(i.ref)))) {
          refs.forEach((r, i) => out.push({ kind: 'assign', target: r!, value: value.items[i]!, location }));
          return;
        }
      }
      const refs = this.ex.patternLeaves(target).map((l) => this.targetOf(l, cls)).filter((r): r is FlowRef => r !== undefined);
      if (refs.length) out.push({ kind: 'destructure', targets: refs.map((r) => ({ target: r })), value, location });
      else if (meaningful(value)) out.push({ kind: 'expr', value, location });
      return;
    }
    const ref = this.targetOf(target, cls);
    if (ref) out.push({ kind: 'assign', target: ref, value, location });
    else if (meaningful(value)) out.push({ kind: 'expr', value, location });
  }

  /** A target; in a class body a plain name is a class attribute. */
  private targetOf(n: number, cls: ClassFrame | undefined): FlowRef | undefined {
    if (cls && this.jt.type(n) === 'identifier') return { kind: 'field', base: { kind: 'var', name: cls.name.slice(cls.name.lastIndexOf('.') + 1) }, name: this.jt.nodeText(n) };
    return this.ex.targetRef(n);
  }

  private augmented(n: number, out: FlowStmt[]): void {
    const jt = this.jt;
    const target = this.ex.targetRef(jt.child(n, 'left'));
    if (!target) return this.exprStmt(jt.child(n, 'right'), out);
    const v = this.ex.expr(jt.child(n, 'right'));
    const op = textOf(jt, jt.child(n, 'operator'));
    const self: FlowExpr = { kind: 'ref', ref: target };
    let value: FlowExpr;
    if (op === '+=' || op === '%=' || op === '/=') value = this.ex.concat([self, v]);
    else if (op === '|=') value = this.ex.choice([self, v]);
    else value = UNKNOWN;
    out.push({ kind: 'assign', target, value, location: this.ex.loc(n) });
  }

  // ----------------------------------------------------------------------------------------------- branches

  private ifStatement(n: number, task: BlockTask): void {
    const jt = this.jt;
    const branches: { node: number; cond: number; body: number }[] = [{ node: n, cond: jt.child(n, 'condition'), body: jt.child(n, 'consequence') }];
    let elseBody = -1;
    for (const alt of jt.childrenOf(n, 'alternative')) {
      if (jt.type(alt) === 'elif_clause') branches.push({ node: alt, cond: jt.child(alt, 'condition'), body: jt.child(alt, 'consequence') });
      else if (jt.type(alt) === 'else_clause') elseBody = jt.child(alt, 'body');
    }
    this.chain(
      task,
      branches.map((b) => ({ test: () => this.ex.test(b.cond), body: b.body, location: this.span(b.node, b.cond) })),
      elseBody,
    );
  }

  /**
   * An `if`/`elif`/`else` or `match` chain: each branch nests in the previous one's `else`. Beyond the depth limit the
   * remaining branches are siblings in the last `else` (their data flow kept, their exclusivity lost).
   */
  private chain(task: BlockTask, branches: { test: () => FlowExpr; body: number; location: Location; prelude?: FlowStmt[] }[], elseBody: number, elsePrelude: FlowStmt[] = []): void {
    const exits = branches.map((b) => this.blockExits(b.body, task.inLoop));
    const elseExits = elseBody >= 0 && this.blockExits(elseBody, task.inLoop);
    const restExits: boolean[] = new Array(branches.length).fill(false);
    let rest = elseExits;
    for (let k = branches.length - 1; k >= 0; k--) {
      restExits[k] = rest;
      rest = rest && exits[k]!;
    }
    if (task.depth >= MAX_STMT_DEPTH) {
      // Too deep to nest at all: tests as expressions, then every body in order.
      const items: number[] = [];
      for (const b of branches) {
        this.ex.pre = task.out;
        const test = b.test();
        if (meaningful(test)) task.out.push({ kind: 'expr', value: test, location: b.location });
        task.out.push(...(b.prelude ?? []));
        items.push(...this.items(b.body));
      }
      task.out.push(...elsePrelude);
      items.push(...this.items(elseBody));
      task.frames.push({ items, i: 0, cls: undefined });
      return;
    }
    let container = task.out;
    let depth = task.depth;
    let nesting = true;
    for (let k = 0; k < branches.length; k++) {
      const b = branches[k]!;
      this.ex.pre = container;
      const test = b.test();
      const stmt: FlowStmt & { kind: 'if' } = { kind: 'if', test, then: [...(b.prelude ?? [])], else: [], thenExits: exits[k]!, elseExits: nesting && restExits[k]!, location: b.location };
      container.push(stmt);
      this.spawn(task, this.items(b.body), stmt.then, { depth: depth + 1 });
      if (nesting && depth + 1 < MAX_STMT_DEPTH) {
        container = stmt.else;
        depth++;
      } else {
        nesting = false;
        stmt.elseExits = false;
      }
    }
    if (elseBody >= 0 || elsePrelude.length) {
      const body: FlowStmt[] = [...elsePrelude];
      if (container === task.out) task.out.push({ kind: 'block', body });
      else container.push(...body.splice(0));
      this.spawn(task, this.items(elseBody), container === task.out ? body : container, { depth: container === task.out ? depth + 1 : depth });
    }
  }

  /** Whether a block always leaves: its last statement returns, raises, exits, or (in a loop) continues or breaks. */
  private blockExits(block: number, inLoop: boolean): boolean {
    const jt = this.jt;
    if (block < 0) return false;
    const stack = [block];
    for (let steps = 0; stack.length; steps++) {
      if (steps > 4096) return false;
      const items = this.items(stack.pop()!);
      const last = items[items.length - 1];
      if (last === undefined) return false;
      switch (jt.type(last)) {
        case 'return_statement':
        case 'raise_statement':
          continue;
        case 'continue_statement':
        case 'break_statement':
          if (inLoop) continue;
          return false;
        case 'expression_statement':
          if (this.isExitCall(last)) continue;
          return false;
        case 'if_statement': {
          const alts = jt.childrenOf(last, 'alternative');
          if (!alts.some((a) => jt.type(a) === 'else_clause')) return false;
          stack.push(jt.child(last, 'consequence'));
          for (const a of alts) stack.push(jt.child(a, jt.type(a) === 'else_clause' ? 'body' : 'consequence'));
          continue;
        }
        case 'try_statement': {
          const elseClause = jt.children(last).find((c) => jt.type(c) === 'else_clause');
          stack.push(elseClause !== undefined ? jt.child(elseClause, 'body') : jt.child(last, 'body'));
          for (const c of jt.children(last)) {
            if (jt.type(c) === 'except_clause' || jt.type(c) === 'except_group_clause') {
              const b = this.ex.kids(c).find((k) => jt.type(k) === 'block');
              if (b === undefined) return false;
              stack.push(b);
            }
          }
          continue;
        }
        case 'with_statement':
          stack.push(jt.child(last, 'body'));
          continue;
        default:
          return false;
      }
    }
    return true;
  }

  private isExitCall(stmt: number): boolean {
    const jt = this.jt;
    const call = this.ex.kids(stmt)[0];
    if (call === undefined || jt.type(call) !== 'call') return false;
    const f = jt.child(call, 'function');
    if (f < 0) return false;
    const text = jt.nodeText(f);
    return EXIT_CALLS.has(this.scopes.canonicalOfDotted(text) ?? text);
  }

  private matchStatement(n: number, task: BlockTask): void {
    const jt = this.jt;
    const subject = this.ex.expr(jt.child(n, 'subject'));
    const body = jt.child(n, 'body');
    const cases = body >= 0 ? jt.childrenOf(body, 'alternative').filter((c) => jt.type(c) === 'case_clause') : [];
    const branches: { test: () => FlowExpr; body: number; location: Location; prelude?: FlowStmt[] }[] = [];
    let elseBody = -1;
    let elsePrelude: FlowStmt[] = [];
    for (const c of cases) {
      const patterns = this.ex.kids(c).filter((k) => jt.type(k) === 'case_pattern');
      const guard = jt.child(c, 'guard');
      const consequence = jt.child(c, 'consequence');
      const captures = this.captures(patterns, subject, c);
      const irrefutable = patterns.length === 1 && isIrrefutable(jt, patterns[0]!);
      if (irrefutable && guard < 0) {
        elseBody = consequence;
        elsePrelude = captures;
        break;
      }
      branches.push({
        test: () => {
          const tests: FlowExpr[] = [];
          if (!irrefutable) tests.push(patterns.length === 1 ? this.patternTest(patterns[0]!, subject) : UNKNOWN);
          if (guard >= 0) {
            const g = this.ex.kids(guard)[0];
            if (g !== undefined) tests.push(this.ex.test(g));
          }
          return tests.length === 1 ? tests[0]! : this.ex.pseudo('<and>', tests, c);
        },
        body: consequence,
        location: this.span(c, patterns[patterns.length - 1] ?? c),
        prelude: captures,
      });
    }
    this.chain(task, branches, elseBody, elsePrelude);
  }

  /** `case "a" | "b"` → `<or>`(`<eq>`(subject, "a"), …); structural patterns are tests the IR cannot state. */
  private patternTest(pattern: number, subject: FlowExpr): FlowExpr {
    const jt = this.jt;
    const inner = this.ex.kids(pattern)[0];
    if (inner === undefined) return UNKNOWN;
    const alternatives = jt.type(inner) === 'union_pattern' ? this.ex.kids(inner) : [inner];
    const tests: FlowExpr[] = [];
    for (const alt of alternatives) {
      const t = jt.type(alt);
      if (t === 'string' || t === 'concatenated_string' || t === 'integer' || t === 'float' || t === 'none' || t === 'true' || t === 'false') {
        tests.push(this.ex.pseudo('<eq>', [subject, this.ex.expr(alt)], alt));
      } else if (t === 'dotted_name' && this.ex.kids(alt).length > 1) {
        // `case Color.RED`: a constant by name.
        const names = this.ex.kids(alt).map((k) => jt.nodeText(k));
        let ref: FlowRef = { kind: 'var', name: names[0]! };
        for (const f of names.slice(1)) ref = { kind: 'field', base: ref, name: f };
        tests.push(this.ex.pseudo('<eq>', [subject, { kind: 'ref', ref }], alt));
      } else return UNKNOWN;
    }
    return tests.length === 1 ? tests[0]! : this.ex.pseudo('<or>', tests, inner);
  }

  /** Names a case pattern binds, each assigned from the subject (dict entries by their key). */
  private captures(patterns: number[], subject: FlowExpr, at: number): FlowStmt[] {
    const jt = this.jt;
    const targets: { target: FlowRef; key?: string }[] = [];
    const stack: { n: number; key?: string }[] = patterns.map((n) => ({ n })).reverse();
    while (stack.length) {
      const { n, key } = stack.pop()!;
      const t = jt.type(n);
      if (t === 'dotted_name') {
        const ks = this.ex.kids(n);
        if (ks.length === 1 && jt.nodeText(n) !== '_' && jt.type(jt.parent(n)) === 'case_pattern') targets.push({ target: this.ex.baseVar(jt.nodeText(n)), key });
        continue;
      }
      if (t === 'identifier') {
        // `case x as name`, `**rest`, `*rest`, keyword pattern values are identifiers or nested patterns.
        const p = jt.parent(n);
        const pt = jt.type(p);
        if (pt === 'as_pattern' || pt === 'splat_pattern' || (pt === 'keyword_pattern' && this.ex.kids(p)[1] === n)) targets.push({ target: this.ex.baseVar(jt.nodeText(n)), key });
        continue;
      }
      const ks = this.ex.kids(n);
      if (t === 'dict_pattern') {
        for (let i = ks.length - 1; i >= 0; i--) {
          const k = ks[i]!;
          if (jt.field(k) === 'key') continue;
          const keyNode = ks[i - 1];
          const keyText = jt.field(k) === 'value' && keyNode !== undefined && jt.type(keyNode) === 'string' ? jt.nodeText(keyNode).slice(1, -1) : undefined;
          stack.push({ n: k, key: keyText });
        }
        continue;
      }
      for (let i = ks.length - 1; i >= 0; i--) stack.push({ n: ks[i]!, key });
    }
    if (!targets.length) return [];
    return [{ kind: 'destructure', targets, value: subject, location: this.ex.loc(at) }];
  }

  // -------------------------------------------------------------------------------------------------- loops

  private forStatement(n: number, task: BlockTask): void {
    const jt = this.jt;
    const left = jt.child(n, 'left');
    const right = jt.child(n, 'right');
    const body = jt.child(n, 'body');
    const elseClause = jt.childrenOf(n, 'alternative')[0] ?? jt.children(n).find((c) => jt.type(c) === 'else_clause');
    const iterable = this.ex.expr(right);
    const location = this.span(n, right);
    const single = left >= 0 && !this.ex.isPattern(left) ? this.ex.targetRef(left) : undefined;
    const [line, col] = jt.lineCol(jt.start(n));
    const target: FlowRef = single ?? { kind: 'var', name: `<item>@${line}:${col}` };
    const prelude: FlowStmt[] = [];
    if (!single && left >= 0) {
      const refs = this.ex.patternLeaves(left).map((l) => this.ex.targetRef(l)).filter((r): r is FlowRef => r !== undefined);
      if (refs.length) prelude.push({ kind: 'destructure', targets: refs.map((r) => ({ target: r })), value: { kind: 'ref', ref: target }, location });
    }
    const elseItems = elseClause !== undefined ? this.items(jt.child(elseClause, 'body')) : [];
    if (task.depth >= MAX_STMT_DEPTH) {
      task.out.push({ kind: 'assign', target, value: iterable, location }, ...prelude);
      task.frames.push({ items: [...this.items(body), ...elseItems], i: 0 });
      return;
    }
    const loop: FlowStmt = { kind: 'loop', target, iterable, body: prelude, location };
    task.out.push(loop);
    this.spawn(task, this.items(body), loop.body, { inLoop: true });
    this.elseAfterLoop(task, elseItems);
  }

  private whileStatement(n: number, task: BlockTask): void {
    const jt = this.jt;
    const cond = jt.child(n, 'condition');
    const body = jt.child(n, 'body');
    const elseClause = jt.childrenOf(n, 'alternative')[0] ?? jt.children(n).find((c) => jt.type(c) === 'else_clause');
    const elseItems = elseClause !== undefined ? this.items(jt.child(elseClause, 'body')) : [];
    const location = this.span(n, cond);
    if (task.depth >= MAX_STMT_DEPTH) {
      const test = this.ex.test(cond);
      if (meaningful(test)) task.out.push({ kind: 'expr', value: test, location });
      task.frames.push({ items: [...this.items(body), ...elseItems], i: 0 });
      return;
    }
    // The test runs before every iteration; inside the body it is evaluated with it (the solver runs bodies twice).
    const loop: FlowStmt & { kind: 'loop' } = { kind: 'loop', body: [], location };
    task.out.push(loop);
    this.ex.pre = loop.body;
    const test = this.ex.test(cond);
    if (meaningful(test)) loop.body.push({ kind: 'expr', value: test, location });
    this.spawn(task, this.items(body), loop.body, { inLoop: true });
    this.elseAfterLoop(task, elseItems);
  }

  private elseAfterLoop(task: BlockTask, items: number[]): void {
    if (!items.length) return;
    const block: FlowStmt & { kind: 'block' } = { kind: 'block', body: [] };
    task.out.push(block);
    this.spawn(task, items, block.body);
  }

  // ------------------------------------------------------------------------------------------------- blocks

  private tryStatement(n: number, task: BlockTask): void {
    const jt = this.jt;
    const parts: { items: number[]; prelude: FlowStmt[] }[] = [{ items: this.items(jt.child(n, 'body')), prelude: [] }];
    for (const c of jt.children(n)) {
      const t = jt.type(c);
      if (t === 'except_clause' || t === 'except_group_clause') {
        const prelude: FlowStmt[] = [];
        const value = jt.child(c, 'value');
        const alias = value >= 0 && jt.type(value) === 'as_pattern' ? jt.child(value, 'alias') : -1;
        const name = alias >= 0 ? this.ex.kids(alias)[0] : undefined;
        const ref = name !== undefined ? this.ex.targetRef(name) : undefined;
        if (ref) prelude.push({ kind: 'assign', target: ref, value: UNKNOWN, location: this.ex.loc(c) });
        const block = this.ex.kids(c).find((k) => jt.type(k) === 'block');
        parts.push({ items: block !== undefined ? this.items(block) : [], prelude });
      } else if (t === 'else_clause') parts.push({ items: this.items(jt.child(c, 'body')), prelude: [] });
      else if (t === 'finally_clause') {
        const block = this.ex.kids(c).find((k) => jt.type(k) === 'block');
        parts.push({ items: block !== undefined ? this.items(block) : [], prelude: [] });
      }
    }
    if (task.depth + 1 >= MAX_STMT_DEPTH) {
      for (const p of parts) task.out.push(...p.prelude);
      task.frames.push({ items: parts.flatMap((p) => p.items), i: 0 });
      return;
    }
    const outer: FlowStmt & { kind: 'block' } = { kind: 'block', body: [] };
    task.out.push(outer);
    for (const p of parts) {
      const sub: FlowStmt & { kind: 'block' } = { kind: 'block', body: p.prelude };
      outer.body.push(sub);
      this.spawn(task, p.items, sub.body, { depth: task.depth + 2 });
    }
  }

  private withStatement(n: number, task: BlockTask): void {
    const jt = this.jt;
    const flat = task.depth >= MAX_STMT_DEPTH;
    const block: FlowStmt & { kind: 'block' } = { kind: 'block', body: [] };
    const out = flat ? task.out : block.body;
    if (!flat) task.out.push(block);
    for (const clause of jt.children(n)) {
      if (jt.type(clause) !== 'with_clause') continue;
      for (const item of this.ex.kids(clause)) {
        const value = jt.child(item, 'value');
        if (value < 0) continue;
        this.ex.pre = out;
        if (jt.type(value) === 'as_pattern') {
          // `with open(p) as f` is `f = open(p)` for the body.
          const src = this.ex.kids(value)[0];
          const alias = jt.child(value, 'alias');
          const v = src !== undefined ? this.ex.expr(src) : UNKNOWN;
          const target = alias >= 0 ? this.ex.kids(alias)[0] : undefined;
          if (target !== undefined) this.assignTo(target, v, this.ex.loc(item), out, undefined);
          else if (meaningful(v)) out.push({ kind: 'expr', value: v, location: this.ex.loc(item) });
        } else this.exprStmt(value, out);
      }
    }
    const body = this.items(jt.child(n, 'body'));
    if (flat) task.frames.push({ items: body, i: 0 });
    else this.spawn(task, body, block.body);
  }

  // ---------------------------------------------------------------------------------------------- functions

  private newFunction(node: number, name: string, qualified: string, params: FlowParam[], ctx: PyFnCtx, extra: { className?: string; id?: string } = {}): FlowFunction {
    const jt = this.jt;
    const id = extra.id ?? `${this.path}#${qualified}`;
    const fn: FlowFunction = { id, name, qualified, params, location: jt.location(this.path, node), stmts: [] };
    if (extra.className) fn.className = extra.className;
    fn.parent = ctx.fn.id;
    this.functions.push({ fn, start: jt.start(node) });
    return fn;
  }

  private functionDefinition(n: number, task: BlockTask, cls: ClassFrame | undefined): void {
    const jt = this.jt;
    const nameNode = jt.child(n, 'name');
    if (nameNode < 0) return;
    const name = jt.nodeText(nameNode);
    const ctx = task.ctx;
    const isMethod = cls !== undefined;
    const receiver = isMethod ? this.scopes.receiverName(n) : undefined;
    // Ids are fixed in document order by the scope pass: a redefinition (`@x.setter`, `def`s under `if`/`else`) gets
    // `@line:col` after the first.
    const ids = this.scopes.defIds.get(n);
    if (!ids) return;
    const { qualified, id } = ids;
    const params = this.params(jt.child(n, 'parameters'), isMethod && !isStaticMethod(jt, n) ? 1 : 0);
    const fn = this.newFunction(n, name, qualified, params, ctx, cls ? { className: cls.name, id } : { id });
    const inner: PyFnCtx = { fn, scope: n, parent: ctx, className: cls?.name ?? undefined };
    if (receiver) inner.selfName = receiver;
    if (!cls) task.out.push({ kind: 'assign', target: { kind: 'var', name }, value: { kind: 'func', fnId: fn.id }, location: this.ex.loc(n) });
    if (ctx.scope === 0) this.exportable.push({ name: qualified, fnId: fn.id, start: jt.start(n) });
    this.tasks.push({ kind: 'block', frames: [{ items: this.items(jt.child(n, 'body')), i: 0 }], out: fn.stmts, ctx: inner, inLoop: false, depth: 0 });
  }

  private classDefinition(n: number, task: BlockTask, cls: ClassFrame | undefined): void {
    const jt = this.jt;
    const nameNode = jt.child(n, 'name');
    if (nameNode < 0) return;
    const name = cls ? `${cls.name}.${jt.nodeText(nameNode)}` : jt.nodeText(nameNode);
    // The class body runs in place, in the enclosing scope; its `def`s are methods.
    task.frames.push({ items: this.items(jt.child(n, 'body')), i: 0, cls: { name } });
  }

  lambda(n: number, ctx: PyFnCtx): string {
    const jt = this.jt;
    const [l, c] = jt.lineCol(jt.start(n));
    const qualified = `<anon>@${l}:${c}`;
    const fn = this.newFunction(n, '<anon>', qualified, this.params(jt.child(n, 'parameters'), 0), ctx);
    const inner: PyFnCtx = { fn, scope: n, parent: ctx };
    this.tasks.push({ kind: 'lambda', node: n, ctx: inner });
    return fn.id;
  }

  private params(n: number, skip: number): FlowParam[] {
    const jt = this.jt;
    const out: FlowParam[] = [];
    if (n < 0) return out;
    let skipped = 0;
    for (const p of this.ex.kids(n)) {
      const t = jt.type(p);
      if (t === 'positional_separator' || t === 'keyword_separator') continue;
      let nameNode = -1;
      let rest = false;
      if (t === 'identifier') nameNode = p;
      else if (t === 'default_parameter' || t === 'typed_default_parameter') nameNode = jt.child(p, 'name');
      else if (t === 'typed_parameter') nameNode = this.ex.kids(p)[0] ?? -1;
      else if (t === 'list_splat_pattern' || t === 'dictionary_splat_pattern') nameNode = p;
      if (nameNode >= 0 && (jt.type(nameNode) === 'list_splat_pattern' || jt.type(nameNode) === 'dictionary_splat_pattern')) {
        rest = true;
        nameNode = this.ex.kids(nameNode)[0] ?? -1;
      }
      if (skipped < skip) {
        skipped++;
        continue;
      }
      const name = nameNode >= 0 && jt.type(nameNode) === 'identifier' ? jt.nodeText(nameNode) : `<param${out.length}>`;
      const param: FlowParam = { name, index: out.length };
      if (rest) param.rest = true;
      out.push(param);
    }
    return out;
  }
}

function rootName(r: FlowRef): string {
  let cur = r;
  while (cur.kind !== 'var') cur = cur.base;
  return cur.name;
}

/** `case x:` and `case _:` match anything. */
function isIrrefutable(jt: JTree, pattern: number): boolean {
  const kids = jt.namedChildren(pattern).filter((k) => jt.type(k) !== 'comment');
  if (kids.length === 0) return true;
  const only = kids[0]!;
  return kids.length === 1 && jt.type(only) === 'dotted_name' && jt.namedChildren(only).length === 1;
}
