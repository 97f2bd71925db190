// Pieces shared by every registration style: names, annotations, URI templates and literal prompt text.
import type { Node } from 'web-tree-sitter';
import type { TextValue, ToolAnnotations } from '../../model/inventory.js';
import { descendantsOfType } from '../../parse/walk.js';
import { decodeString } from '../../parse/string-literal.js';
import { FUNCTION_TYPES, boolOf, isStringLike, objectOf, propsOf, resolveNode, textOf, unwrap } from './resolve-node.js';
import type { TsContext } from './ts-context.js';

export const ANNOTATION_KEYS = new Set(['title', 'readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']);

/** A registration name: resolved text, or the source text with `resolved: false`. */
export function nameOf(node: Node, ctx: TsContext): { name: string; resolved: boolean } {
  const tv = textOf(node, ctx);
  return tv.origin === 'dynamic' ? { name: unwrap(node).text, resolved: false } : { name: tv.value, resolved: true };
}

/** Tool annotations from an object literal (the four hints and the title), or undefined when it is not one. */
export function annotationsOf(node: Node | undefined, ctx: TsContext): ToolAnnotations | undefined {
  if (!node) return undefined;
  const obj = objectOf(node, ctx);
  if (!obj) return undefined;
  const props = propsOf(obj, ctx);
  const out: ToolAnnotations = { location: ctx.loc(obj) };
  const title = props.get('title');
  if (title) out.title = textOf(title, ctx);
  for (const k of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    const b = boolOf(props.get(k), ctx);
    if (b !== undefined) out[k] = b;
  }
  return out;
}

/** Variable names of an RFC 6570 URI template: `x://{id}/{+path}{?q,lang}` → id, path, q, lang. */
export function templateVariables(uri: string): string[] {
  const out: string[] = [];
  for (const m of uri.matchAll(/\{([^}]*)\}/g)) {
    for (const raw of m[1]!.replace(/^[+#./;?&]/, '').split(',')) {
      const v = raw.trim().replace(/\*$/, '').replace(/:\d+$/, '');
      if (v && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/**
 * Literal text a prompt handler returns: a returned string (FastMCP) or the `text` of returned messages (SDK).
 * Only returns of `region`'s own function are read, not those of nested callbacks.
 */
export function promptBody(region: Node, fn: Node, ctx: TsContext): TextValue[] | undefined {
  const returned: Node[] = [];
  const body = fn.childForFieldName('body');
  if (body && body.type !== 'statement_block' && region.id === fn.id) returned.push(body);
  for (const r of descendantsOfType(region, 'return_statement')) {
    if (nearestFunction(r)?.id !== fn.id) continue;
    const v = r.namedChildren[0];
    if (v) returned.push(v);
  }
  const out: TextValue[] = [];
  for (const raw of returned) {
    let v = unwrap(raw);
    if (v.type === 'await_expression') v = unwrap(v.namedChildren[0] ?? v);
    if (isStringLike(v, ctx)) {
      out.push(textOf(v, ctx));
      continue;
    }
    // `return { messages }` / `return PROMPT` may name a constant built outside the handler.
    if (v.type === 'identifier') v = resolveNode(v, ctx);
    const inHandler = fn.startIndex <= v.startIndex && v.endIndex <= fn.endIndex;
    for (const pair of descendantsOfType(v, 'pair')) {
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (!key || !value) continue;
      const k = key.type === 'property_identifier' ? key.text : decodeString(key, ctx.lang)?.value;
      if (k !== 'text' || !isStringLike(value, ctx)) continue;
      if (inHandler && nearestFunction(pair)?.id !== fn.id) continue;
      out.push(textOf(value, ctx));
    }
  }
  return out.length ? out : undefined;
}

export function nearestFunction(node: Node): Node | undefined {
  let cur = node.parent;
  while (cur) {
    if (FUNCTION_TYPES.has(cur.type)) return cur;
    cur = cur.parent;
  }
  return undefined;
}
