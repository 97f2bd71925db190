// Shared facts for the token, password and policy rules: JWT library names, literal keys, numbers, durations, scopes.
import type { Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../../model/language.js';
import { calleeMemberOf, calleePartsOf, calleeTypeOf, type CallSite } from '../../parse/call-sites.js';
import { NodeIndex } from '../../parse/node-index.js';
import { decodeString } from '../../parse/string-literal.js';
import type { FileContext } from '../../rule/rule.js';

/** golang-jwt and its predecessors, which share the `jwt.Parse` / `jwt.NewWithClaims` API. */
export const GO_JWT_MODULE = /^github\.com\/(?:golang-jwt\/jwt|dgrijalva\/jwt-go|form3tech-oss\/jwt-go)(?:\/v\d+)?$/;
/** lestrrat-go/jwx's jwt package. */
export const GO_JWX_MODULE = /^github\.com\/lestrrat-go\/jwx(?:\/v\d+)?\/jwt$/;
/** The official Go SDK's auth package (`RequireBearerToken`). */
export const GO_SDK_AUTH_MODULE = /^github\.com\/modelcontextprotocol\/go-sdk\/auth$/;

/** PyJWT and python-jose decoders (the names `ctx.calls()` gives them). */
export const PY_JWT_DECODE = new Set(['jwt.decode', 'jwt.decode_complete', 'jwt.api_jwt.decode', 'jwt.api_jwt.decode_complete', 'jose.jwt.decode']);

const FUNCTION_TYPES: Record<'python' | 'js' | 'go', readonly string[]> = {
  python: ['function_definition', 'lambda'],
  js: ['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function'],
  go: ['function_declaration', 'method_declaration', 'func_literal'],
};

export function family(lang: CodeLanguage): 'python' | 'js' | 'go' {
  return lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
}

interface FunctionScopes {
  fns: readonly Node[];
  starts: number[];
  ends: number[];
  /** Index of the enclosing function of each function, -1 for top-level ones. */
  parent: number[];
  /** Index of the outermost function around each function (itself when top-level). */
  top: number[];
}

const scopeCache = new WeakMap<Tree, FunctionScopes>();

/**
 * The functions of a file as a nesting forest, built once per tree from the shared node index. Walking `Node.parent`
 * costs a descent from the root per step in tree-sitter, so ancestors are found here by position instead.
 */
function functionScopes(ctx: FileContext): FunctionScopes {
  const tree = ctx.tree!;
  let scopes = scopeCache.get(tree);
  if (scopes) return scopes;
  const fns = NodeIndex.of(tree, ctx.codeLanguage!).nodes(FUNCTION_TYPES[family(ctx.codeLanguage!)]);
  const starts = fns.map((f) => f.startIndex);
  const ends = fns.map((f) => f.endIndex);
  const parent: number[] = [];
  const top: number[] = [];
  const stack: number[] = [];
  for (let i = 0; i < fns.length; i++) {
    while (stack.length > 0 && !(starts[stack.at(-1)!]! <= starts[i]! && ends[i]! <= ends[stack.at(-1)!]!)) stack.pop();
    const p = stack.at(-1) ?? -1;
    parent.push(p);
    top.push(p === -1 ? i : top[p]!);
    stack.push(i);
  }
  scopes = { fns, starts, ends, parent, top };
  scopeCache.set(tree, scopes);
  return scopes;
}

/** Index of the innermost function that contains the node (the node itself excluded), or -1. */
function innermostIndex(node: Node, s: FunctionScopes): number {
  let lo = 0;
  let hi = s.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.starts[mid]! <= node.startIndex) lo = mid + 1;
    else hi = mid;
  }
  // The last function starting at or before the node; containers of the node are among its ancestors.
  for (let i = lo - 1; i >= 0; i = s.parent[i]!) {
    if (s.ends[i]! >= node.endIndex && s.fns[i]!.id !== node.id) return i;
  }
  return -1;
}

/** The nearest enclosing function (or lambda/closure) of a node; undefined at module level. */
export function enclosingFunction(node: Node, ctx: FileContext): Node | undefined {
  const s = functionScopes(ctx);
  const i = innermostIndex(node, s);
  return i >= 0 ? s.fns[i] : undefined;
}

/** The outermost enclosing function, so closures see the names their handler assigned. */
export function outermostFunction(node: Node, ctx: FileContext): Node | undefined {
  const s = functionScopes(ctx);
  const i = innermostIndex(node, s);
  return i >= 0 ? s.fns[s.top[i]!] : undefined;
}

export function within(node: Node, scope: Node | undefined): boolean {
  if (!scope) return true;
  return node.startIndex >= scope.startIndex && node.endIndex <= scope.endIndex;
}

/**
 * A name stands for its value when it is assigned exactly once in the function that uses it, or (when the function
 * does not assign it) exactly once at module level. Anything else is returned as is.
 */
export function resolveOnce(node: Node | undefined, ctx: FileContext): Node | undefined {
  let cur = node;
  for (let hops = 0; hops < 4 && cur && (cur.type === 'identifier' || cur.type === 'shorthand_property_identifier'); hops++) {
    const all = ctx.assignments().get(cur.text);
    if (!all) return cur;
    const fn = enclosingFunction(cur, ctx);
    let values = all.filter((v) => sameNode(enclosingFunction(v, ctx), fn));
    if (values.length === 0 && fn) values = all.filter((v) => enclosingFunction(v, ctx) === undefined);
    if (values.length !== 1 || values[0]!.id === cur.id || values[0]!.text === cur.text) return cur;
    cur = values[0];
  }
  return cur;
}

function sameNode(a: Node | undefined, b: Node | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.id === b.id);
}

/** Strips parentheses, `await`, `as`/`satisfies`/`!` and Go's `&` so the literal underneath is visible. */
export function unwrap(node: Node | undefined): Node | undefined {
  let cur = node;
  for (let i = 0; i < 8 && cur; i++) {
    if (['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'await_expression'].includes(cur.type)) cur = cur.namedChildren[0] ?? undefined;
    else if (cur.type === 'unary_expression' && cur.childForFieldName('operator')?.text === '&') cur = cur.childForFieldName('operand') ?? undefined;
    else return cur;
  }
  return cur;
}

export interface Entries {
  /** Key → value node; keys are decoded strings (or the identifier text for JS shorthand and Go field names). */
  map: Map<string, Node>;
  /** Key → the key node, for placing findings. */
  keys: Map<string, Node>;
  /** True when the literal spreads another value in (`**base`, `...base`), so absent keys may still be there. */
  spread: boolean;
}

/**
 * Entries of a dict/object/map/struct literal: Python `{...}` and `dict(k=v)`, JS object literals, Go composite
 * literals. Undefined when the node is not such a literal.
 */
export function literalEntries(node: Node | undefined, lang: CodeLanguage): Entries | undefined {
  const lit = unwrap(node);
  if (!lit) return undefined;
  const map = new Map<string, Node>();
  const keys = new Map<string, Node>();
  let spread = false;
  const put = (k: string | undefined, keyNode: Node, v: Node) => {
    if (k === undefined) return;
    map.set(k, v);
    keys.set(k, keyNode);
  };
  if (lit.type === 'dictionary') {
    for (const p of lit.namedChildren) {
      if (p?.type === 'pair') {
        const k = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        if (k && v) put(decodeString(k, lang)?.value, k, v);
      } else if (p?.type === 'dictionary_splat') spread = true;
    }
    return { map, keys, spread };
  }
  if (lit.type === 'call' && lit.childForFieldName('function')?.text === 'dict') {
    for (const a of lit.childForFieldName('arguments')?.namedChildren ?? []) {
      if (a?.type === 'keyword_argument') {
        const k = a.childForFieldName('name');
        const v = a.childForFieldName('value');
        if (k && v) put(k.text, k, v);
      } else if (a) spread = true;
    }
    return { map, keys, spread };
  }
  if (lit.type === 'object') {
    for (const p of lit.namedChildren) {
      if (!p) continue;
      if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        if (!k || !v) continue;
        put(k.type === 'property_identifier' ? k.text : decodeString(k, lang)?.value ?? (k.type === 'number' ? k.text : undefined), k, v);
      } else if (p.type === 'shorthand_property_identifier') put(p.text, p, p);
      else if (p.type === 'spread_element') spread = true;
      else if (p.type === 'method_definition') {
        const name = p.childForFieldName('name');
        if (name) put(name.text, name, p);
      }
    }
    return { map, keys, spread };
  }
  if (lit.type === 'composite_literal' || lit.type === 'literal_value') {
    // `literal_value` is the body alone, as in the elided element type of `[]T{{...}}`.
    const body = lit.type === 'literal_value' ? lit : lit.childForFieldName('body');
    for (const el of body?.namedChildren ?? []) {
      if (el?.type !== 'keyed_element') continue;
      const [k, v] = el.namedChildren;
      if (!k || !v) continue;
      const keyInner = k.type === 'literal_element' ? k.namedChildren[0] ?? k : k;
      const value = v.type === 'literal_element' ? v.namedChildren[0] ?? v : v;
      put(decodeString(keyInner, lang)?.value ?? (keyInner.type === 'identifier' || keyInner.type === 'field_identifier' ? keyInner.text : undefined), keyInner, value);
    }
    return { map, keys, spread };
  }
  return undefined;
}

/** Case-insensitive lookup in literal entries. */
export function entryCI(entries: Entries | undefined, key: string): Node | undefined {
  if (!entries) return undefined;
  const want = key.toLowerCase();
  for (const [k, v] of entries.map) if (k.toLowerCase() === want) return v;
  return undefined;
}

/** Elements of a list/tuple/set/array literal, a Go slice literal, or `jsii.Strings(...)`; undefined otherwise. */
export function listElements(node: Node | undefined): Node[] | undefined {
  const lit = unwrap(node);
  if (!lit) return undefined;
  if (['list', 'tuple', 'set', 'array'].includes(lit.type)) return lit.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  if (lit.type === 'composite_literal') {
    const body = lit.childForFieldName('body');
    return (body?.namedChildren ?? []).filter((n): n is Node => n !== null && n.type !== 'comment').map((n) => (n.type === 'literal_element' ? n.namedChildren[0] ?? n : n));
  }
  return undefined;
}

/** The literal string value of a node, resolving a name assigned once. */
export function literalString(node: Node | undefined, ctx: FileContext): string | undefined {
  const n = unwrap(resolveOnce(unwrap(node), ctx));
  if (!n) return undefined;
  const d = decodeString(n, ctx.codeLanguage!);
  return d?.complete ? d.value : undefined;
}

/** A numeric literal (or a name assigned one, or a product of such), e.g. `100_000`, `ROUNDS`, `60 * 60`. */
export function staticNumber(node: Node | undefined, ctx: FileContext, depth = 0): number | undefined {
  const n = unwrap(node);
  if (!n || depth > 6) return undefined;
  switch (n.type) {
    case 'integer':
    case 'float':
    case 'number':
    case 'int_literal':
    case 'float_literal': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) ? v : undefined;
    }
    case 'identifier': {
      const r = resolveOnce(n, ctx);
      return r && r.id !== n.id ? staticNumber(r, ctx, depth + 1) : undefined;
    }
    case 'binary_operator':
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      const l = staticNumber(n.childForFieldName('left') ?? undefined, ctx, depth + 1);
      const r = staticNumber(n.childForFieldName('right') ?? undefined, ctx, depth + 1);
      if (l === undefined || r === undefined) return undefined;
      if (op === '*') return l * r;
      if (op === '+') return l + r;
      if (op === '-') return l - r;
      return undefined;
    }
    default:
      return undefined;
  }
}

const UNIT_SECONDS: [RegExp, number][] = [
  [/^(?:s|sec|secs|second|seconds)$/, 1],
  [/^(?:m|min|mins|minute|minutes)$/, 60],
  [/^(?:h|hr|hrs|hour|hours)$/, 3600],
  [/^(?:d|day|days)$/, 86400],
  [/^(?:w|week|weeks)$/, 604800],
  [/^(?:y|yr|yrs|year|years)$/, 31557600],
];

/** Seconds in a `jose`/`ms`-style duration string such as `"7d"`, `"2 hours"`, `"30m"`; undefined when not one. */
export function durationStringSeconds(s: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*$/i.exec(s);
  if (!m) return /^\s*\d+\s*$/.test(s) ? Number(s) : undefined;
  const unit = UNIT_SECONDS.find(([re]) => re.test(m[2]!.toLowerCase()));
  return unit ? Number(m[1]) * unit[1] : undefined;
}

const GO_UNITS: Record<string, number> = { Nanosecond: 1e-9, Microsecond: 1e-6, Millisecond: 1e-3, Second: 1, Minute: 60, Hour: 3600 };

/**
 * Seconds in a duration expression: a number (seconds), a duration string, Go `24 * time.Hour`, Python
 * `timedelta(days=7)`. Undefined when it cannot be known.
 */
export function durationSeconds(node: Node | undefined, ctx: FileContext, depth = 0): number | undefined {
  const n = unwrap(resolveOnce(unwrap(node), ctx));
  if (!n || depth > 6) return undefined;
  const s = decodeString(n, ctx.codeLanguage!);
  if (s) return s.complete ? durationStringSeconds(s.value) : undefined;
  if (n.type === 'selector_expression' && n.childForFieldName('operand')?.text === 'time') return GO_UNITS[n.childForFieldName('field')?.text ?? ''];
  if (n.type === 'binary_expression' && n.childForFieldName('operator')?.text === '*' && ctx.codeLanguage === 'go') {
    const l = durationSeconds(n.childForFieldName('left') ?? undefined, ctx, depth + 1) ?? staticNumber(n.childForFieldName('left') ?? undefined, ctx);
    const r = durationSeconds(n.childForFieldName('right') ?? undefined, ctx, depth + 1) ?? staticNumber(n.childForFieldName('right') ?? undefined, ctx);
    return l !== undefined && r !== undefined ? l * r : undefined;
  }
  if (n.type === 'call' && /(?:^|\.)timedelta$/.test(n.childForFieldName('function')?.text ?? '')) {
    const factors: Record<string, number> = { weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, milliseconds: 0.001 };
    let total = 0;
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    for (const [i, a] of args.entries()) {
      if (!a) continue;
      const key = a.type === 'keyword_argument' ? a.childForFieldName('name')?.text : i === 0 ? 'days' : i === 1 ? 'seconds' : undefined;
      const v = staticNumber(a.type === 'keyword_argument' ? a.childForFieldName('value') ?? undefined : a, ctx);
      if (!key || v === undefined || !(key in factors)) return undefined;
      total += v * factors[key]!;
    }
    return total;
  }
  return staticNumber(n, ctx);
}

/** Human text for a number of seconds, for messages. */
export function describeSeconds(s: number): string {
  if (s >= 86400 && s % 86400 === 0) return `${s / 86400} day(s)`;
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600} hour(s)`;
  if (s >= 60 && s % 60 === 0) return `${s / 60} minute(s)`;
  return `${s} second(s)`;
}

/** The words of an identifier: `hashedPassword` → hashed, password; `USER_PWD` → user, pwd. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Every identifier-like name inside an expression (variables, attributes, properties, fields). */
export function namesIn(node: Node): string[] {
  const out: string[] = [];
  if (['identifier', 'property_identifier', 'field_identifier', 'shorthand_property_identifier'].includes(node.type)) out.push(node.text);
  for (const n of node.descendantsOfType(['identifier', 'property_identifier', 'field_identifier', 'shorthand_property_identifier'])) if (n) out.push(n.text);
  return out;
}

/** The last dotted segment of a callee (`a.b.update` → `update`). */
export function methodName(call: CallSite): string | undefined {
  // Read from what the call collector already knows: the callee node is not fetched for most calls.
  if (calleeTypeOf(call) === 'identifier') return calleePartsOf(call, 'typescript')?.[0];
  return calleeMemberOf(call);
}

/** The receiver of a method call (`a.b` of `a.b.update(x)`). */
export function receiverOf(call: CallSite): Node | undefined {
  const c = call.callee;
  if (c.type === 'attribute') return c.childForFieldName('object') ?? undefined;
  if (c.type === 'member_expression') return c.childForFieldName('object') ?? undefined;
  if (c.type === 'selector_expression') return c.childForFieldName('operand') ?? undefined;
  return undefined;
}

/** `module.Member` names of a Go call whose package matches `module` → `Member`, else undefined. */
export function goMember(name: string | undefined, module: RegExp): string | undefined {
  if (!name) return undefined;
  const dot = name.lastIndexOf('.');
  return dot > 0 && module.test(name.slice(0, dot)) ? name.slice(dot + 1) : undefined;
}

/** Local names a Go file binds to packages matching `module`. */
export function goLocals(ctx: FileContext, module: RegExp): Set<string> {
  return new Set([...ctx.imports().values()].filter((b) => module.test(b.module)).map((b) => b.local));
}

/** Text of the outermost function around a node (the whole file at module level), for "set later" checks. */
export function scopeText(node: Node, ctx: FileContext): string {
  return outermostFunction(node, ctx)?.text ?? ctx.text;
}

/** Escapes an identifier for use inside a RegExp (identifiers may hold `$`). */
export function reName(name: string): string {
  return name.replace(/[$]/g, '\\$');
}

/** True for a plain identifier usable as a variable name in a "set later" pattern. */
export function isPlainName(node: Node | undefined): node is Node {
  return node !== undefined && (node.type === 'identifier' || node.type === 'shorthand_property_identifier') && /^[A-Za-z_$][\w$]*$/.test(node.text);
}

/** Test code mints throw-away tokens, hashes and policies on purpose: `tests/`, `test_*.py`, `*_test.go`, `*.spec.ts`… */
const TEST_FILE = /(?:^|\/)(?:tests?|__tests__|__mocks__|testdata|spec|specs)\/|(?:^|\/)(?:test_[^/]*|[^/]*_test|conftest)\.py$|_test\.go$|\.(?:test|spec)\.[cm]?[jt]sx?$/i;

export function isTestPath(path: string): boolean {
  return TEST_FILE.test(path);
}
