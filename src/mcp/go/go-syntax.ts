// Small Go syntax-tree helpers for the MCP extractor: composite literal fields, scopes, parameters, struct tags.
import type { Node } from 'web-tree-sitter';
import { decodeEscapes, decodeString } from '../../parse/string-literal.js';

export const FUNCTION_TYPES = new Set(['function_declaration', 'method_declaration', 'func_literal']);

/** Strips the wrappers that do not change a value: `literal_element`, parentheses. */
export function unwrap(n: Node): Node {
  return unwrapWithType(n)[0];
}

/** `unwrap` plus the type of the node it stops at, so callers need not ask the tree for it again. */
export function unwrapWithType(n: Node): [Node, string] {
  let cur = n;
  let type = cur.type;
  for (let i = 0; i < 64; i++) {
    if (type !== 'literal_element' && type !== 'parenthesized_expression') break;
    const inner = cur.namedChildren[0];
    if (!inner) break;
    cur = inner;
    type = cur.type;
  }
  return [cur, type];
}

/** The `{…}` body of a composite literal, `&T{…}` or an elided element literal. */
export function literalBody(n: Node | null | undefined): Node | undefined {
  if (!n) return undefined;
  let cur = unwrap(n);
  if (cur.type === 'unary_expression' && cur.childForFieldName('operator')?.text === '&') {
    const op = cur.childForFieldName('operand');
    if (!op) return undefined;
    cur = unwrap(op);
  }
  if (cur.type === 'composite_literal') return cur.childForFieldName('body') ?? undefined;
  if (cur.type === 'literal_value') return cur;
  return undefined;
}

/** The type written on a composite literal (`mcp.Tool` for `&mcp.Tool{…}`), if any. */
export function literalTypeText(n: Node): string | undefined {
  let cur = unwrap(n);
  if (cur.type === 'unary_expression') cur = unwrap(cur.childForFieldName('operand') ?? cur);
  return cur.type === 'composite_literal' ? cur.childForFieldName('type')?.text : undefined;
}

/** Keyed fields of a struct or map literal; string keys are decoded (`"type"` → `type`). */
export function literalFields(n: Node | null | undefined): Map<string, Node> {
  const out = new Map<string, Node>();
  const body = literalBody(n);
  for (const el of body?.namedChildren ?? []) {
    if (el?.type !== 'keyed_element') continue;
    const k = el.childForFieldName('key') ?? el.namedChildren[0];
    const v = el.childForFieldName('value') ?? el.namedChildren[1];
    if (!k || !v) continue;
    const key = unwrap(k);
    const name = decodeString(key, 'go')?.value ?? key.text;
    if (!out.has(name)) out.set(name, unwrap(v));
  }
  return out;
}

/** Keyed elements of a literal with their key nodes, in order (for map literals with string keys). */
export function keyedElements(n: Node | null | undefined): { key: Node; value: Node; element: Node }[] {
  const body = literalBody(n);
  const out: { key: Node; value: Node; element: Node }[] = [];
  for (const el of body?.namedChildren ?? []) {
    if (el?.type !== 'keyed_element') continue;
    const k = el.childForFieldName('key') ?? el.namedChildren[0];
    const v = el.childForFieldName('value') ?? el.namedChildren[1];
    if (k && v) out.push({ key: unwrap(k), value: unwrap(v), element: el });
  }
  return out;
}

/** Positional elements of a slice/array literal. */
export function literalElements(n: Node | null | undefined): Node[] {
  const body = literalBody(n);
  return (body?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'keyed_element' && c.type !== 'comment').map(unwrap);
}

export function sameNode(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

/** True when `inner` lies inside `outer` (or is it). */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

export interface GoParam {
  name?: string;
  type: Node;
  /** The type's source text, when known without the node. */
  typeText?: string;
  index: number;
  node: Node;
}

/** The source text of a parameter's type. */
export function paramTypeText(p: GoParam): string {
  return p.typeText ?? p.type.text;
}

/** Flattened parameters of a function (`a, b string` gives two entries). */
export function functionParams(fn: Node): GoParam[] {
  const list = fn.childForFieldName('parameters');
  const out: GoParam[] = [];
  for (const decl of list?.namedChildren ?? []) {
    if (!decl || (decl.type !== 'parameter_declaration' && decl.type !== 'variadic_parameter_declaration')) continue;
    const type = decl.childForFieldName('type');
    if (!type) continue;
    const names = decl.childrenForFieldName('name').filter((x): x is Node => !!x);
    if (!names.length) out.push({ type, index: out.length, node: decl });
    for (const nm of names) out.push({ name: nm.text, type, index: out.length, node: decl });
  }
  return out;
}

export function functionBody(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? undefined;
}

export function functionName(fn: Node): string | undefined {
  return fn.type === 'func_literal' ? undefined : fn.childForFieldName('name')?.text;
}

/** The expressions of a return statement. */
export function returnValues(ret: Node): Node[] {
  const list = ret.namedChildren.find((c) => c?.type === 'expression_list');
  if (list) return list.namedChildren.filter((c): c is Node => !!c);
  return ret.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** `*T`, `T`, `pkg.T` → the bare type name (`T`) when it names a type of this package. */
export function localTypeName(type: Node): string | undefined {
  let cur = type;
  while (cur.type === 'pointer_type' || cur.type === 'parenthesized_type') {
    const inner = cur.namedChildren[0];
    if (!inner) return undefined;
    cur = inner;
  }
  // Type arguments in `f[T]()` parse as expressions, so a bare identifier can name a type too.
  if (cur.type === 'type_identifier' || cur.type === 'identifier') return cur.text;
  if (cur.type === 'generic_type') return cur.childForFieldName('type')?.text;
  return undefined;
}

/**
 * Parses a Go struct tag the way `reflect.StructTag.Get` does: `key:"value"` pairs separated by spaces, values
 * being Go double-quoted strings.
 */
export function parseStructTag(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < tag.length) {
    while (i < tag.length && tag[i] === ' ') i++;
    let j = i;
    while (j < tag.length && tag[j]! > ' ' && tag[j] !== ':' && tag[j] !== '"') j++;
    if (j === i || tag[j] !== ':' || tag[j + 1] !== '"') break;
    const key = tag.slice(i, j);
    let k = j + 2;
    while (k < tag.length && tag[k] !== '"') k += tag[k] === '\\' ? 2 : 1;
    if (k >= tag.length) break;
    // Values are Go string literals (strconv.Unquote), so `\u200b` in a tag is a real zero-width space.
    if (!out.has(key)) out.set(key, decodeEscapes(tag.slice(j + 2, k), 'go'));
    i = k + 1;
  }
  return out;
}

/** Go's JSON Schema type for a Go type expression, as the SDKs' schema inference would give it. */
export function jsonTypeOfGo(type: Node, namedTypes: ReadonlyMap<string, Node>): string | undefined {
  let cur: Node = type;
  for (let hops = 0; hops < 16; hops++) {
    switch (cur.type) {
      case 'pointer_type':
      case 'parenthesized_type': {
        const inner = cur.namedChildren[0];
        if (!inner) return undefined;
        cur = inner;
        continue;
      }
      case 'slice_type':
      case 'array_type':
        return 'array';
      case 'map_type':
      case 'struct_type':
        return 'object';
      case 'qualified_type':
        return cur.text === 'time.Time' ? 'string' : cur.text === 'json.RawMessage' ? undefined : 'object';
      case 'interface_type':
        return undefined;
      case 'type_identifier': {
        const t = cur.text;
        if (t === 'string') return 'string';
        if (t === 'bool') return 'boolean';
        if (/^u?int(8|16|32|64)?$|^uintptr$|^byte$|^rune$/.test(t)) return 'integer';
        if (/^float(32|64)$/.test(t)) return 'number';
        if (t === 'any') return undefined;
        const spec = namedTypes.get(t);
        const underlying = spec?.childForFieldName('type');
        if (!underlying) return 'object';
        cur = underlying;
        continue;
      }
      default:
        return undefined;
    }
  }
  return undefined;
}
