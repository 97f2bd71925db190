// Follows JS/TS expressions to the values they stand for: constants, enum members, object keys, functions.
import type { Node } from 'web-tree-sitter';
import type { TextValue } from '../../model/inventory.js';
import { objectProperties } from '../../parse/call-sites.js';
import { staticString } from '../../parse/static-value.js';
import { decodeString } from '../../parse/string-literal.js';
import { ancestor, walk } from '../../parse/walk.js';
import { cleanDocstring, textValueOf } from '../text-value.js';
import type { TsContext } from './ts-context.js';

/** How far names are followed; enough for `const A = B; const B = {...}` chains without risking loops. */
const MAX_HOPS = 8;

/** Node types `unwrap` looks through. */
export const WRAPPERS: ReadonlySet<string> = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

export const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function', 'generator_function_declaration', 'method_definition']);

/** Strips parentheses and type-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`). */
export function unwrap(node: Node): Node {
  let cur = node;
  for (;;) {
    if (!WRAPPERS.has(cur.type)) return cur;
    const inner = cur.type === 'type_assertion' ? cur.namedChildren[cur.namedChildCount - 1] : cur.namedChildren[0];
    if (!inner) return cur;
    cur = inner;
  }
}

/** The single value assigned to an identifier in this file, or undefined when there is none or several. */
export function assignedValue(id: Node, ctx: TsContext): Node | undefined {
  if (id.type !== 'identifier' && id.type !== 'shorthand_property_identifier') return undefined;
  const bound = ctx.overrides.get(id.text);
  if (bound) return bound;
  const values = ctx.assignments.get(id.text);
  if (!values || values.length !== 1) return undefined;
  const v = values[0]!;
  if (v.id === id.id || (v.type === 'identifier' && v.text === id.text)) return undefined;
  return v;
}

/**
 * Follows identifiers (assigned once), enum members and `OBJ.key` reads of constant objects to the expression
 * they stand for. Returns the unwrapped node itself when nothing can be followed.
 */
export function resolveNode(node: Node, ctx: TsContext): Node {
  let cur = unwrap(node);
  for (let hops = 0; hops < MAX_HOPS; hops++) {
    let next: Node | undefined;
    if (cur.type === 'identifier' || cur.type === 'shorthand_property_identifier') next = assignedValue(cur, ctx);
    else if (cur.type === 'member_expression') next = memberValue(cur, ctx);
    else if (cur.type === 'subscript_expression') next = subscriptValue(cur, ctx);
    if (!next) return cur;
    cur = unwrap(next);
  }
  return cur;
}

function memberValue(node: Node, ctx: TsContext): Node | undefined {
  const obj = node.childForFieldName('object');
  const prop = node.childForFieldName('property');
  if (!obj || !prop || prop.type !== 'property_identifier') return undefined;
  return keyOf(obj, prop.text, ctx);
}

function subscriptValue(node: Node, ctx: TsContext): Node | undefined {
  const obj = node.childForFieldName('object');
  const index = node.childForFieldName('index');
  if (!obj || !index) return undefined;
  const key = decodeString(index, ctx.lang);
  return key?.complete ? keyOf(obj, key.value, ctx) : undefined;
}

/** `E.A` for a TS enum, or `OBJ.a` for a constant object literal. */
function keyOf(obj: Node, key: string, ctx: TsContext): Node | undefined {
  const o = unwrap(obj);
  if (o.type === 'identifier') {
    const member = ctx.enums().get(o.text)?.get(key);
    if (member) return member;
  }
  const target = o.type === 'identifier' ? resolveNode(o, ctx) : o.type === 'member_expression' ? resolveNode(o, ctx) : o;
  if (target.type !== 'object') return undefined;
  const v = objectProperties(target, ctx.lang).get(key);
  return v && v.type !== 'method_definition' ? v : undefined;
}

/** The object literal an expression stands for (following names), or undefined. */
export function objectOf(node: Node | null | undefined, ctx: TsContext): Node | undefined {
  if (!node) return undefined;
  const r = resolveNode(node, ctx);
  return r.type === 'object' ? r : undefined;
}

/** Properties of the object literal an expression stands for, following names. */
export function propsOf(node: Node | null | undefined, ctx: TsContext): Map<string, Node> {
  return objectProperties(objectOf(node, ctx), ctx.lang);
}

/** Elements of an array an expression stands for, with `...CONST` spreads and `Object.values(CONST)` expanded. */
export function arrayElements(node: Node | null | undefined, ctx: TsContext, depth = 0): Node[] | undefined {
  if (!node || depth > MAX_HOPS) return undefined;
  const r = resolveNode(node, ctx);
  if (r.type === 'call_expression') {
    const fn = r.childForFieldName('function')?.text;
    const arg = r.childForFieldName('arguments')?.namedChildren[0];
    if (fn === 'Object.values' && arg) {
      const obj = objectOf(arg, ctx);
      if (!obj) return undefined;
      return [...objectProperties(obj, ctx.lang).values()];
    }
    return undefined;
  }
  if (r.type !== 'array') return undefined;
  const out: Node[] = [];
  for (const el of r.namedChildren) {
    if (!el || el.type === 'comment') continue;
    if (el.type === 'spread_element') {
      const inner = el.namedChildren[0];
      const spread = inner ? arrayElements(inner, ctx, depth + 1) : undefined;
      if (spread) out.push(...spread);
      continue;
    }
    out.push(el);
  }
  return out;
}

/** True for a node that is a function (arrow, expression, declaration or method). */
export function isFunctionNode(node: Node | null | undefined): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

/**
 * The function an expression refers to: inline functions, names of function declarations or of constants holding
 * a function, `this.method` in the enclosing class, `OBJ.fn` members and `fn.bind(...)`.
 */
export function functionOf(node: Node | null | undefined, ctx: TsContext): Node | undefined {
  let cur: Node | undefined = node ? unwrap(node) : undefined;
  for (let hops = 0; cur && hops < MAX_HOPS; hops++) {
    if (isFunctionNode(cur)) return cur;
    if (cur.type === 'call_expression') {
      const fn = cur.childForFieldName('function');
      const target = fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'bind' ? fn.childForFieldName('object') : null;
      if (target) {
        cur = unwrap(target);
        continue;
      }
      return undefined;
    }
    if (cur.type === 'identifier') {
      const decl = ctx.functions().get(cur.text);
      if (decl && decl.type !== 'method_definition') return decl;
      const v = assignedValue(cur, ctx);
      if (!v) return undefined;
      cur = unwrap(v);
      continue;
    }
    if (cur.type === 'member_expression') {
      const obj = cur.childForFieldName('object');
      const prop = cur.childForFieldName('property');
      if (obj?.type === 'this' && prop) return classMethod(cur, prop.text);
      const v = memberValue(cur, ctx);
      if (v) {
        cur = unwrap(v);
        continue;
      }
      const objNode = obj ? objectOf(obj, ctx) : undefined;
      const m = objNode && prop ? objectProperties(objNode, ctx.lang).get(prop.text) : undefined;
      return m?.type === 'method_definition' ? m : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** `this.name` inside a class body: the method or the arrow-function field with that name. */
function classMethod(from: Node, name: string): Node | undefined {
  const cls = ancestor(from, ['class_body']);
  if (!cls) return undefined;
  for (const m of cls.namedChildren) {
    if (!m) continue;
    if (m.type === 'method_definition' && m.childForFieldName('name')?.text === name) return m;
    if ((m.type === 'public_field_definition' || m.type === 'field_definition') && m.childForFieldName('name')?.text === name) {
      const v = m.childForFieldName('value');
      if (v && isFunctionNode(v)) return v;
    }
  }
  return undefined;
}

/** A static string an expression resolves to (including enum members and constant object keys), or undefined. */
export function staticText(node: Node, ctx: TsContext, depth = 0): { value: string; complete: boolean; origin: TextValue['origin'] } | undefined {
  const s = staticString(node, ctx.lang, ctx.assignments);
  if (s || depth > MAX_HOPS) return s;
  const u = unwrap(node);
  // Parentheses are stripped here without limit, so `((("x")))` nested deeper than staticString follows still resolves.
  if (u.id !== node.id) {
    const inner = staticString(u, ctx.lang, ctx.assignments);
    if (inner) return inner;
  }
  if (u.type === 'member_expression' || u.type === 'subscript_expression' || u.type === 'identifier') {
    const r = resolveNode(u, ctx);
    if (r.id !== u.id) {
      const inner = staticText(r, ctx, depth + 1);
      if (inner) return { ...inner, origin: inner.origin === 'literal' ? 'constant' : inner.origin };
    }
  }
  if (u.type === 'call_expression') return callText(u, ctx, depth);
  return undefined;
}

/** `dedent\`…\``, `[…].join(sep)`, `"…".trim()`: common ways of writing long descriptions. */
function callText(call: Node, ctx: TsContext, depth: number): { value: string; complete: boolean; origin: TextValue['origin'] } | undefined {
  const fn = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!fn || !args) return undefined;
  if (args.type === 'template_string' && /^(dedent|outdent|stripIndent|stripIndents|String\.raw)$/.test(fn.text)) {
    const d = decodeString(args, ctx.lang);
    if (!d) return undefined;
    const value = fn.text === 'String.raw' ? args.text.slice(1, -1) : cleanDocstring(d.value);
    return { value, complete: d.complete, origin: d.complete ? 'literal' : 'template' };
  }
  if (fn.type !== 'member_expression') return undefined;
  const method = fn.childForFieldName('property')?.text;
  const obj = fn.childForFieldName('object');
  if (!obj) return undefined;
  if (method === 'join') {
    const els = arrayElements(obj, ctx);
    if (!els) return undefined;
    const sepNode = args.namedChildren[0];
    const sep = sepNode ? staticText(sepNode, ctx, depth + 1) : { value: ',', complete: true, origin: 'literal' as const };
    if (!sep) return undefined;
    const parts = els.map((e) => staticText(e, ctx, depth + 1));
    return {
      value: parts.map((p) => p?.value ?? '{…}').join(sep.value),
      complete: sep.complete && parts.every((p) => p?.complete),
      origin: 'concatenation',
    };
  }
  if (method === 'trim' || method === 'trimStart' || method === 'trimEnd') {
    const inner = staticText(obj, ctx, depth + 1);
    if (!inner) return undefined;
    const value = method === 'trim' ? inner.value.trim() : method === 'trimStart' ? inner.value.trimStart() : inner.value.trimEnd();
    return { ...inner, value };
  }
  return undefined;
}

/** A TextValue for any expression, resolving enum members, constant object keys and joined arrays too. */
export function textOf(node: Node, ctx: TsContext): TextValue {
  const cached = ctx.textCache.get(node.id);
  if (cached) return cached;
  let tv = textValueOf(node, ctx.lang, ctx.assignments, ctx.path);
  if (tv.origin === 'dynamic') {
    const s = staticText(node, ctx);
    if (s?.complete) tv = { value: s.value, origin: s.origin, location: tv.location };
    else if (s) tv = { ...tv, value: s.value };
  }
  ctx.textCache.set(node.id, tv);
  return tv;
}

/** True when the expression is text (a string, template, concatenation, or a name/call that yields text). */
export function isStringLike(node: Node, ctx: TsContext): boolean {
  const u = unwrap(node);
  if (u.type === 'string' || u.type === 'template_string') return true;
  if (staticText(u, ctx)) return true;
  if (u.type === 'binary_expression' && u.children.some((c) => c && !c.isNamed && c.text === '+')) return true;
  return false;
}

/** A numeric literal (or a name assigned one), for schema bounds. */
export function numberOf(node: Node | null | undefined, ctx: TsContext): number | undefined {
  if (!node) return undefined;
  const r = resolveNode(node, ctx);
  if (r.type === 'number') return parseNumber(r.text);
  if (r.type === 'unary_expression') {
    const op = r.childForFieldName('operator')?.text;
    const arg = r.childForFieldName('argument');
    const n = arg ? numberOf(arg, ctx) : undefined;
    if (n === undefined) return undefined;
    return op === '-' ? -n : op === '+' ? n : undefined;
  }
  return undefined;
}

function parseNumber(text: string): number | undefined {
  const t = text.replace(/_/g, '').replace(/n$/, '');
  const n = /^0[xob]/i.test(t) ? Number(t) : parseFloat(t);
  return Number.isFinite(n) ? n : undefined;
}

/** `true` / `false` literals (or names assigned one). */
export function boolOf(node: Node | null | undefined, ctx: TsContext): boolean | undefined {
  if (!node) return undefined;
  const r = resolveNode(node, ctx);
  if (r.type === 'true') return true;
  if (r.type === 'false') return false;
  return undefined;
}

/** `a.b?.c` → `a.b.c`: the text of a name chain with optional chaining and whitespace removed, for comparisons. */
export function chainText(node: Node): string {
  return unwrap(node).text.replace(/\s+/g, '').replace(/\?\./g, '.').replace(/!\./g, '.');
}

/** The plain text of a literal (string, number, boolean) for defaults and enums, or the source text otherwise. */
export function literalTextOf(node: Node, ctx: TsContext): TextValue {
  const r = unwrap(node);
  if (r.type === 'number' || r.type === 'true' || r.type === 'false' || r.type === 'null') return { value: r.text, origin: 'literal', location: ctx.loc(node) };
  if (r.type === 'unary_expression' && numberOf(r, ctx) !== undefined) return { value: r.text.replace(/\s+/g, ''), origin: 'literal', location: ctx.loc(node) };
  // Arrays and objects made only of literals (`[]`, `{}`, `["a", 1]`) are defaults written in place.
  if ((r.type === 'array' || r.type === 'object') && onlyLiterals(r)) return { value: r.text, origin: 'literal', location: ctx.loc(node) };
  return textOf(node, ctx);
}

const LITERAL_PARTS = new Set(['array', 'object', 'pair', 'property_identifier', 'string', 'string_fragment', 'escape_sequence', 'number', 'true', 'false', 'null', 'unary_expression', 'comment']);

function onlyLiterals(node: Node): boolean {
  let ok = true;
  let seen = 0;
  walk(node, (n) => {
    if (!ok) return false;
    if (++seen > 500) ok = false;
    else if (n.isNamed && !LITERAL_PARTS.has(n.type)) ok = false;
    return ok;
  });
  return ok;
}
