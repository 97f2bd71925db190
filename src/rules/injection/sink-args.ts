// Shared facts for the sink rules MV2004–MV2008 and MV2501–MV2504: built strings, fixed values, guards, handlers.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../model/language.js';
import type { SchemaProperty, ToolDef } from '../../model/inventory.js';
import type { Confidence } from '../../model/severity.js';
import { calleeName } from '../../parse/imports.js';
import { staticString } from '../../parse/static-value.js';
import { decodeString } from '../../parse/string-literal.js';
import { handlerScopes, enclosingHandler, type HandlerScope } from '../../rule/tool-handlers.js';
import type { FileContext } from '../../rule/rule.js';

export type Family = 'python' | 'js' | 'go';

export function familyOf(lang: CodeLanguage): Family {
  return lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
}

/** Test code: findings there are lowered or skipped, since tests build strings and paths on purpose. */
const TEST_PATH =
  /(?:^|\/)(?:tests?|__tests__|__mocks__|testdata|e2e)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path.replace(/\\/g, '/'));
}

/** How far up the tree we look for an enclosing function; deeper nesting is treated as module level. */
const MAX_UP = 400;

const FUNCTION_TYPES: Record<Family, ReadonlySet<string>> = {
  python: new Set(['function_definition', 'lambda']),
  js: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function']),
  go: new Set(['function_declaration', 'method_declaration', 'func_literal']),
};

/** The innermost function around a node, or undefined at module level. */
export function enclosingFunction(node: Node, lang: CodeLanguage): Node | undefined {
  const types = FUNCTION_TYPES[familyOf(lang)];
  let cur = node.parent;
  for (let i = 0; cur && i < MAX_UP; i++, cur = cur.parent) if (types.has(cur.type)) return cur;
  return undefined;
}

/**
 * The text a guard must appear in: the enclosing function (or the whole file for module-level code) up to the
 * node, since a check written after the use protects nothing.
 */
function scopeText(node: Node, ctx: FileContext): string {
  const fn = enclosingFunction(node, ctx.codeLanguage!);
  const start = fn?.startIndex ?? 0;
  const text = fn?.text ?? ctx.text;
  return text.slice(0, Math.max(0, node.startIndex - start));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches of `re` in `text` that are not the header of a `for x in …` loop. */
function matchesOutsideForHeader(text: string, re: RegExp): boolean {
  for (const m of text.matchAll(re)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (!/\bfor\s*\(?\s*(?:const|let|var)?\s*$/.test(text.slice(lineStart, m.index))) return true;
  }
  return false;
}

/** Text of a value a guard would name: `ref`, `args.ref`, `req.params.ref`. */
function guardName(node: Node): string | undefined {
  const t = node.text;
  return t.length <= 80 && /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*){0,3}$/.test(t) ? t : undefined;
}

/**
 * True when the function around `node` rejects a leading dash in `value` before use: `x.startswith("-")`,
 * `x.startsWith("-")`, `strings.HasPrefix(x, "-")`, `x[0] == "-"`, `x.charAt(0) === "-"`, `/^-/.test(x)`.
 */
export function hasLeadingDashGuard(value: Node, node: Node, ctx: FileContext): boolean {
  const name = guardName(value);
  if (!name) return false;
  const n = escapeRe(name);
  const q = `[rbuRBU]?["'\`]`;
  const re = new RegExp(
    [
      `(?<![\\w.$])${n}\\s*\\.\\s*(?:startswith|startsWith|lstrip)\\s*\\(\\s*\\(?\\s*${q}-`,
      `HasPrefix\\(\\s*${n}\\s*,\\s*["\`]-`,
      `(?<![\\w.$])${n}\\s*\\[\\s*0?\\s*:?\\s*1?\\s*\\]\\s*[!=]==?\\s*(?:${q}|')-`,
      `(?<![\\w.$])${n}\\s*\\.\\s*charAt\\(\\s*0\\s*\\)\\s*[!=]==?\\s*["'\`]-`,
      `/\\^-[^/\\n]{0,40}/[a-z]{0,4}\\.test\\(\\s*${n}\\s*\\)`,
    ].join('|'),
  );
  return re.test(scopeText(node, ctx));
}

/**
 * True when the function around `node` checks `value` against a fixed collection before use:
 * `x in ALLOWED` / `x not in ALLOWED`, `ALLOWED.includes(x)`, `ALLOWED.has(x)`, `_, ok := allowed[x]`,
 * `slices.Contains(allowed, x)`, `switch x {`.
 */
export function hasAllowListGuard(value: Node, node: Node, ctx: FileContext): boolean {
  const name = guardName(value);
  if (!name) return false;
  const n = escapeRe(name);
  const text = scopeText(node, ctx);
  const fam = familyOf(ctx.codeLanguage!);
  if (fam === 'python') return matchesOutsideForHeader(text, new RegExp(`(?<![\\w.])${n}\\s+(?:not\\s+)?in\\s+[\\w({\\[]`, 'g'));
  if (fam === 'js') {
    if (new RegExp(`\\.(?:includes|has|hasOwnProperty)\\(\\s*${n}\\s*\\)|Object\\.hasOwn\\(\\s*[\\w$.]+\\s*,\\s*${n}\\s*\\)`).test(text)) return true;
    return matchesOutsideForHeader(text, new RegExp(`(?<![\\w.$])${n}\\s+in\\s+[\\w$]`, 'g'));
  }
  return new RegExp(`,\\s*ok\\s*:?=\\s*\\w+\\[\\s*${n}\\s*\\]|slices\\.Contains\\(\\s*\\w+\\s*,\\s*${n}\\s*\\)|switch\\s+${n}\\s*\\{`).test(text);
}

/** Follows a name assigned exactly once in the file to the expression assigned (a few hops). */
export function resolveOnce(node: Node, ctx: FileContext): Node {
  let cur = node;
  for (let hops = 0; hops < 4 && cur.type === 'identifier'; hops++) {
    const values = ctx.assignments().get(cur.text);
    if (!values?.length) break;
    const v = values.length === 1 ? values[0]! : onlyLocalAssignment(values, cur, ctx);
    if (!v) break;
    if (v.id === cur.id || (v.type === 'identifier' && v.text === cur.text)) {
      const first = goFirstResult(v);
      if (!first) break;
      cur = first;
      continue;
    }
    cur = v;
  }
  return cur;
}

/** A name assigned several times in the file but exactly once before `use` in the function that uses it. */
function onlyLocalAssignment(values: readonly Node[], use: Node, ctx: FileContext): Node | undefined {
  const fn = enclosingFunction(use, ctx.codeLanguage!);
  if (!fn) return undefined;
  const local = values.filter((v) => v.startIndex >= fn.startIndex && v.endIndex <= fn.endIndex);
  return local.length === 1 && local[0]!.startIndex < use.startIndex && enclosingFunction(local[0]!, ctx.codeLanguage!)?.id === fn.id ? local[0] : undefined;
}

/** Go `b, err := os.ReadFile(p)`: the first name on the left holds the call's first result. */
function goFirstResult(name: Node): Node | undefined {
  const left = name.parent;
  const decl = left?.parent;
  if (left?.type !== 'expression_list' || (decl?.type !== 'short_var_declaration' && decl?.type !== 'assignment_statement')) return undefined;
  if (left.namedChildren[0]?.id !== name.id) return undefined;
  const right = decl.childForFieldName('right')?.namedChildren ?? [];
  return right.length === 1 && right[0]!.type === 'call_expression' ? right[0]! : undefined;
}

/** The canonical callee name of a call node (Python `call`, JS/Go `call_expression`). */
export function callName(call: Node, ctx: FileContext): string | undefined {
  if (call.type !== 'call' && call.type !== 'call_expression') return undefined;
  const fn = call.childForFieldName('function');
  return fn ? calleeName(fn, ctx.imports(), ctx.codeLanguage!) : undefined;
}

/** Positional arguments of a call node, keyword arguments and comments left out. */
export function callArgs(call: Node): Node[] {
  const list = call.childForFieldName('arguments');
  if (!list || (list.type !== 'argument_list' && list.type !== 'arguments')) return [];
  return list.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment' && a.type !== 'keyword_argument');
}

/** A Python keyword argument of a call node. */
export function callKwarg(call: Node, name: string): Node | undefined {
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

const NUMBER_TYPES = new Set(['integer', 'float', 'number', 'int_literal', 'float_literal', 'true', 'false', 'none', 'null', 'undefined', 'nil']);
/** Calls whose result cannot carry text an attacker chose (numbers, lengths, quoting helpers). */
const NUMERIC_CALLS = new Set(['int', 'float', 'len', 'bool', 'Number', 'parseInt', 'parseFloat', 'Math.floor', 'Math.round', 'Math.trunc', 'strconv.Itoa', 'strconv.FormatInt', 'strconv.FormatFloat', 'len']);

/**
 * True when a value spliced into a string cannot carry attacker-chosen text: a fixed string or number, a name
 * assigned once to one, a numeric conversion, or a lookup in a dict/object/map literal of fixed values
 * (`TABLES[name]`, `ALLOWED.get(name)`), which acts as an allow-list.
 */
export function isFixedValue(node: Node, ctx: FileContext): boolean {
  const lang = ctx.codeLanguage!;
  let cur: Node = node;
  if (cur.type === 'parenthesized_expression' || cur.type === 'interpolation' || cur.type === 'template_substitution') cur = cur.namedChildren[0] ?? cur;
  if (NUMBER_TYPES.has(cur.type)) return true;
  if (staticString(cur, lang, ctx.assignments())?.complete) return true;
  if (cur.type === 'identifier' && everyAssignmentFixed(cur, ctx)) return true;
  const resolved = resolveOnce(cur, ctx);
  if (NUMBER_TYPES.has(resolved.type)) return true;
  if (resolved.type === 'call' || resolved.type === 'call_expression') {
    const name = callName(resolved, ctx);
    if (name && NUMERIC_CALLS.has(name)) return true;
    // `ALLOWED.get(name)` / `ALLOWED.get(name, "id")` on a literal mapping.
    const fn = resolved.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get') {
      const obj = fn.childForFieldName('object');
      if (obj && isFixedMapping(obj, ctx)) return true;
    }
    return false;
  }
  if (resolved.type === 'subscript' || resolved.type === 'subscript_expression' || resolved.type === 'index_expression') {
    const obj = resolved.childForFieldName('value') ?? resolved.childForFieldName('object') ?? resolved.childForFieldName('operand');
    return Boolean(obj && isFixedMapping(obj, ctx));
  }
  return false;
}

/**
 * The values a name may hold where it is used: its assignments inside the same function (before the use), or
 * every assignment in the file for module-level names. Undefined when there are none or the name is a parameter.
 */
export function localAssignments(name: Node, ctx: FileContext): Node[] | undefined {
  const values = ctx.assignments().get(name.text);
  if (!values?.length) return undefined;
  const fn = enclosingFunction(name, ctx.codeLanguage!);
  if (!fn) return [...values];
  const local = values.filter((v) => v.startIndex >= fn.startIndex && v.endIndex <= fn.endIndex && v.startIndex < name.startIndex);
  if (local.length) return local;
  // Not assigned in the function: a module-level constant, if that is all the file assigns.
  const global = values.filter((v) => !enclosingFunction(v, ctx.codeLanguage!));
  return global.length && global.length === values.length ? global : undefined;
}

/** `b = None` / `b = "-r"` / `b = "-a"` on different branches: every value the name can hold is fixed. */
function everyAssignmentFixed(name: Node, ctx: FileContext): boolean {
  const values = localAssignments(name, ctx);
  if (!values || values.length < 2) return false;
  // A parameter reassigned on some paths still carries the caller's value on the others.
  const params = enclosingFunction(name, ctx.codeLanguage!)?.childForFieldName('parameters')?.text ?? '';
  if (new RegExp(`(?<![\\w$])${escapeRe(name.text)}(?![\\w$])`).test(params)) return false;
  const lang = ctx.codeLanguage!;
  return values.every((v) => v.id !== name.id && (NUMBER_TYPES.has(v.type) || (v.type !== 'identifier' && staticString(v, lang, ctx.assignments())?.complete === true)));
}

/** A name assigned once to a dict/object/map/set literal whose values are all fixed strings or numbers. */
function isFixedMapping(node: Node, ctx: FileContext): boolean {
  const v = resolveOnce(node, ctx);
  if (v.id === node.id && node.type === 'identifier') return false;
  const lit = v.type === 'call' && v.childForFieldName('function')?.text === 'frozenset' ? callArgs(v)[0] : v;
  if (!lit) return false;
  const lang = ctx.codeLanguage!;
  const fixed = (n: Node | null | undefined) => Boolean(n && (NUMBER_TYPES.has(n.type) || staticString(n, lang, ctx.assignments())?.complete));
  switch (lit.type) {
    case 'dictionary':
      return lit.namedChildren.every((p) => p?.type === 'comment' || (p?.type === 'pair' && fixed(p.childForFieldName('value'))));
    case 'set':
    case 'list':
    case 'tuple':
    case 'array':
      return lit.namedChildren.every((p) => p?.type === 'comment' || fixed(p));
    case 'object':
      return lit.namedChildren.every((p) => p?.type === 'comment' || (p?.type === 'pair' && fixed(p.childForFieldName('value'))));
    case 'composite_literal': {
      const body = lit.childForFieldName('body');
      return Boolean(body) && body!.namedChildren.every((el) => el?.type === 'comment' || (el?.type === 'keyed_element' && fixed(el.namedChildren[1]?.namedChildren[0] ?? el.namedChildren[1])));
    }
    default:
      return false;
  }
}

/** A string assembled at run time, with its fixed text (`{…}` for holes) and the expressions spliced in. */
export interface BuiltString {
  how: 'f-string' | 'template literal' | '%-formatting' | 'str.format' | 'concatenation' | 'fmt.Sprintf';
  text: string;
  holes: Node[];
}

const PY_FORMAT_VERB = /%(?:\([^)]{0,40}\))?[-+# 0]{0,5}(?:\d{1,4}|\*)?(?:\.(?:\d{1,4}|\*))?[a-zA-Z%]/g;
const GO_FORMAT_VERB = /%[-+# 0]{0,5}(?:\[\d{1,2}\])?(?:\d{1,4}|\*)?(?:\.(?:\d{1,4}|\*))?[a-zA-Z%]/g;
/** Format verbs that can only print numbers or booleans. */
const NUMERIC_VERB = /[dfeEgGxXobtciu]$/;

/**
 * Describes `node` when it builds a string at run time from fixed text and spliced values: Python f-strings,
 * `%` and `.format`, JS template literals, `+` concatenation in all three languages and Go `fmt.Sprintf`.
 * Holes bound to numeric format verbs (`%d`) are left out. Undefined for anything else.
 */
export function builtString(node: Node, ctx: FileContext, depth = 0): BuiltString | undefined {
  const lang = ctx.codeLanguage!;
  const fam = familyOf(lang);
  if (depth > 8) return undefined;
  if (node.type === 'parenthesized_expression') return node.namedChildren[0] ? builtString(node.namedChildren[0], ctx, depth + 1) : undefined;
  const lit = decodeString(node, lang);
  if (lit) {
    if (lit.complete) return undefined;
    const holes: Node[] = [];
    for (const part of node.type === 'concatenated_string' ? node.namedChildren : [node]) {
      for (const c of part?.namedChildren ?? []) {
        if (c?.type === 'interpolation') holes.push(c.childForFieldName('expression') ?? c.namedChildren[0] ?? c);
        else if (c?.type === 'template_substitution') holes.push(c.namedChildren[0] ?? c);
      }
    }
    return { how: fam === 'python' ? 'f-string' : 'template literal', text: lit.value, holes };
  }
  if (node.type === 'binary_operator' || node.type === 'binary_expression') {
    const op = node.childForFieldName('operator')?.text;
    if (op === '%' && fam === 'python') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const fmt = left ? staticString(left, lang, ctx.assignments()) : undefined;
      if (!fmt?.complete || !right) return undefined;
      const values = right.type === 'tuple' ? right.namedChildren.filter((n): n is Node => n !== null) : [right];
      return { how: '%-formatting', text: fmt.value, holes: holesByVerb(fmt.value, values, PY_FORMAT_VERB, right.type === 'tuple') };
    }
    if (op === '+') return concatenation(node, ctx, depth);
    return undefined;
  }
  if (node.type === 'call' && fam === 'python') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return undefined;
    const obj = fn.childForFieldName('object');
    const fmt = obj ? staticString(obj, lang, ctx.assignments()) : undefined;
    if (!fmt?.complete) return undefined;
    const holes: Node[] = [];
    for (const a of node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      holes.push(a.type === 'keyword_argument' ? a.childForFieldName('value') ?? a : a);
    }
    return { how: 'str.format', text: fmt.value, holes };
  }
  if (node.type === 'call_expression' && fam === 'go' && callName(node, ctx) === 'fmt.Sprintf') {
    const [first, ...rest] = callArgs(node);
    const fmt = first ? staticString(first, lang, ctx.assignments()) : undefined;
    if (!fmt?.complete) return undefined;
    return { how: 'fmt.Sprintf', text: fmt.value, holes: holesByVerb(fmt.value, rest, GO_FORMAT_VERB, true) };
  }
  return undefined;
}

/** Values of a format call minus those printed with numeric verbs. */
function holesByVerb(fmt: string, values: Node[], verbRe: RegExp, positional: boolean): Node[] {
  if (!positional) return values;
  const verbs = [...fmt.matchAll(verbRe)].map((m) => m[0]).filter((v) => !v.endsWith('%'));
  if (verbs.length !== values.length) return values;
  return values.filter((_, i) => !NUMERIC_VERB.test(verbs[i]!));
}

/** `a + b + c` flattened without recursion; undefined unless some piece is a string literal. */
function concatenation(node: Node, ctx: FileContext, depth: number): BuiltString | undefined {
  const lang = ctx.codeLanguage!;
  const pieces: Node[] = [];
  const stack: Node[] = [node];
  while (stack.length && pieces.length < 200) {
    const n = stack.pop()!;
    const op = n.type === 'binary_operator' || n.type === 'binary_expression' ? n.childForFieldName('operator')?.text : undefined;
    if (op === '+') {
      const r = n.childForFieldName('right');
      const l = n.childForFieldName('left');
      if (r) stack.push(r);
      if (l) stack.push(l);
    } else if (n.type === 'parenthesized_expression' && n.namedChildren[0]) stack.push(n.namedChildren[0]);
    else pieces.push(n);
  }
  let text = '';
  let sawString = false;
  const holes: Node[] = [];
  for (const p of pieces) {
    const s = staticString(p, lang, ctx.assignments());
    if (s?.complete) {
      text += s.value;
      sawString = true;
      continue;
    }
    const inner = builtString(p, ctx, depth + 1);
    if (inner) {
      text += inner.text;
      holes.push(...inner.holes);
      sawString = true;
      continue;
    }
    if (decodeString(p, lang)) sawString = true;
    text += '{…}';
    holes.push(p);
  }
  return sawString && holes.length ? { how: 'concatenation', text, holes } : undefined;
}

/** The fixed beginning of a string expression (`"refs/" + x` → `refs/`), or undefined when nothing is fixed. */
export function fixedPrefix(node: Node, ctx: FileContext): string | undefined {
  const s = staticString(node, ctx.codeLanguage!, ctx.assignments());
  if (s) {
    const cut = s.complete ? s.value : s.value.slice(0, s.value.indexOf('{…}') < 0 ? s.value.length : s.value.indexOf('{…}'));
    return cut || undefined;
  }
  const b = builtString(node, ctx);
  if (!b) return undefined;
  const idx = b.text.indexOf('{…}');
  const cut = idx < 0 ? b.text : b.text.slice(0, idx);
  return cut || undefined;
}

/** Where a finding sits relative to the MCP handlers of its file. */
export interface HandlerSite {
  scope: HandlerScope;
  /** Tool name, when the handler is a tool's. */
  tool?: string;
  def?: ToolDef;
}

/** Handler scopes of a file, computed on first use; answers "which handler is this in" and "is this parameter constrained". */
export class Handlers {
  private scopes?: HandlerScope[];
  private defs?: Map<string, ToolDef>;

  constructor(private readonly ctx: FileContext) {}

  at(node: Node): HandlerSite | undefined {
    this.scopes ??= handlerScopes(this.ctx.inventory);
    if (!this.scopes.length) return undefined;
    const scope = enclosingHandler(this.scopes, node);
    if (!scope) return undefined;
    if (scope.kind !== 'tool') return { scope };
    if (!this.defs) {
      this.defs = new Map();
      const inv = this.ctx.inventory;
      for (const g of inv ? [...inv.servers, ...inv.orphans] : []) for (const t of g.tools) if (t.handler) this.defs.set(locKey(t.handler.location), t);
    }
    return { scope, tool: scope.name, def: this.defs.get(locKey(scope.handler.location)) };
  }

  /** The schema property a handler-local value stands for (`ref`, `args.ref`), when the value is one. */
  param(value: Node, site: HandlerSite | undefined): SchemaProperty | undefined {
    if (!site?.def) return undefined;
    const text = value.text;
    const h = site.scope.handler;
    let paramName = h.bindings.find((b) => b.local === text)?.param;
    if (!paramName && h.argsObject && text.startsWith(`${h.argsObject}.`)) paramName = text.slice(h.argsObject.length + 1);
    return paramName ? site.def.params.find((p) => p.name === paramName) : undefined;
  }

  /** True when the value is a tool parameter restricted to an enum by its schema. */
  isEnumParam(value: Node, site: HandlerSite | undefined): boolean {
    return Boolean(this.param(value, site)?.enum?.length);
  }
}

function locKey(l: { path: string; startLine: number; startColumn: number }): string {
  return `${l.path}:${l.startLine}:${l.startColumn}`;
}

/** Confidence for a finding: raised inside a handler, lowered in test code. */
export function siteConfidence(base: Confidence, inHandler: boolean, path: string, raised: Confidence = 'high'): Confidence {
  if (isTestPath(path)) return 'low';
  return inHandler ? raised : base;
}
