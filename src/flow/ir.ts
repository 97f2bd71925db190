// The data-flow IR: a language-neutral view of each function's assignments, calls, returns and guards. Builders in
// src/flow/build produce it from syntax trees; the taint solver reads only this. Plain data, so workers can send it.
import type { Location } from '../model/location.js';

export type FlowLanguage = 'python' | 'typescript' | 'go';

/** Where a value is stored: a local or module variable, a field of another place, or an element of a container. */
export type FlowRef =
  | { kind: 'var'; name: string }
  | { kind: 'field'; base: FlowRef; name: string }
  | { kind: 'index'; base: FlowRef };

/** An expression, reduced to what matters for data flow. */
export type FlowExpr =
  /**
   * A value fully known before run time (a literal, or a constant expression). `value`: a string literal's value;
   * for other literals (`True`, `false`, `None`, `42`) their source text, so `shell=True` can be told from `shell=False`.
   */
  | { kind: 'lit'; value?: string }
  | { kind: 'ref'; ref: FlowRef }
  /**
   * String building: concatenation, f-strings, template literals, `%` formatting, `str.format`, `join`,
   * `fmt.Sprintf`. The result carries the taint of every part.
   */
  | { kind: 'concat'; parts: FlowExpr[] }
  | { kind: 'call'; call: FlowCall }
  /** List, tuple, set, dict, object or array literal, including spreads; `keys` names the object/dict entries. */
  | { kind: 'collection'; items: FlowExpr[]; keys?: (string | undefined)[] }
  /** A function value: lambda, arrow function, function expression, or a reference to a named function. */
  | { kind: 'func'; fnId: string }
  /** `a if c else b`, `c ? a : b`, `a || b`, `a ?? b`: any option may flow. */
  | { kind: 'choice'; options: FlowExpr[] }
  /** Something the builder does not model; carries no taint. */
  | { kind: 'unknown' };

export interface FlowCall {
  /**
   * Canonical callee: `module.member` resolved through imports (`subprocess.run`, `child_process.exec`,
   * `os/exec.Command`, `./util.resolvePath`), a local function name, `self.m`/`this.m` for methods of the
   * enclosing class, or `<receiver>.method` (`.startswith`) when the receiver is a value.
   */
  callee: string;
  /** The receiver of a method call on a value (`p.startswith(x)` → `p`), when it is not a module. */
  receiver?: FlowExpr;
  args: FlowExpr[];
  /** Keyword arguments (Python) and the properties of a trailing options object literal (JS). */
  kwargs: Record<string, FlowExpr>;
  location: Location;
  /** `new X(...)` in JS. */
  isNew?: boolean;
}

export type FlowStmt =
  | { kind: 'assign'; target: FlowRef; value: FlowExpr; location: Location }
  /**
   * Destructuring: `{ a, b: c } = value`, `[x, y] = value`, `a, b = value`, Go `x, err := f()`. Each target gets
   * the taint of the value (the named property's when `key` is given).
   */
  | { kind: 'destructure'; targets: { target: FlowRef; key?: string }[]; value: FlowExpr; location: Location }
  /** An expression evaluated for its effect: a call statement, `await f()`, a `yield`. */
  | { kind: 'expr'; value: FlowExpr; location: Location }
  | { kind: 'return'; value: FlowExpr; location: Location }
  /**
   * A branch. `thenExits`/`elseExits` say whether that branch always leaves the function (return, raise/throw,
   * or — inside a loop — continue/break): then the code after the `if` runs only when the test went the other way,
   * which is how validation guards are written. `elif`/`else if` chains nest in `else`. `switch`/`match` become
   * chains of `if`s over equality tests.
   */
  | { kind: 'if'; test: FlowExpr; then: FlowStmt[]; else: FlowStmt[]; thenExits: boolean; elseExits: boolean; location: Location }
  /** A loop; `target`/`iterable` for `for x in xs` style loops (absent for `while`). The body may run many times. */
  | { kind: 'loop'; target?: FlowRef; iterable?: FlowExpr; body: FlowStmt[]; location: Location }
  /** `try`/`with`/`defer` and other blocks whose statements all may run, in order. */
  | { kind: 'block'; body: FlowStmt[] };

/**
 * Tests use these pseudo-callees so that guards are data like any call: `<not>`(x), `<and>`(a, b), `<or>`(a, b),
 * `<eq>`(a, b) for `==`/`===`/`is`, `<ne>`(a, b), `<in>`(item, collection) for `in`/`includes`/`has`/`contains`,
 * `<not-in>`(item, collection). Comparisons like `<`, `>` are `<cmp>`(a, b).
 */
export const PSEUDO_CALLEES = ['<not>', '<and>', '<or>', '<eq>', '<ne>', '<in>', '<not-in>', '<cmp>'] as const;

export interface FlowParam {
  name: string;
  index: number;
  /** Names bound by destructuring this parameter (`({ path, mode }) =>`), with the property each comes from. */
  destructured?: { name: string; key: string }[];
  rest?: boolean;
}

export interface FlowFunction {
  /** `<path>#<qualified>`; anonymous functions use `<path>#<anon>@<line>:<column>`. */
  id: string;
  name: string;
  /** `Class.method`, `outer.inner`, `<module>` for top-level code. */
  qualified: string;
  className?: string;
  params: FlowParam[];
  location: Location;
  /** Statements in source order; nested blocks are flattened (conditions become guards). */
  stmts: FlowStmt[];
  /** Enclosing function for closures, whose variables this one may read. */
  parent?: string;
}

export interface FlowImport {
  /** Name bound in the file. */
  local: string;
  /** Module as written (`./util.js`, `.helpers`, `os/exec`, `github.com/acme/srv/internal/fs`). */
  module: string;
  /** `*` for the module object, `default` for a default import, else the member. */
  imported: string;
}

export interface FlowExport {
  /** Exported name (`default` for a default export). */
  name: string;
  /** The function it refers to, when it is a function. */
  fnId?: string;
  /** A re-export: `export { x as y } from './m'`, `export * from './m'` (`name` is `*`). */
  from?: { module: string; imported: string };
}

export interface FileFlow {
  path: string;
  language: FlowLanguage;
  imports: FlowImport[];
  exports: FlowExport[];
  /** Every function, the module's top-level code first as `<module>`. */
  functions: FlowFunction[];
  /** Go package clause, for resolving calls across files of one package. */
  goPackage?: string;
}
