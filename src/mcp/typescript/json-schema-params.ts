// Reads JSON-Schema object literals (`{ type: "object", properties, required }`) into inventory schema properties.
import type { Node } from 'web-tree-sitter';
import type { SchemaProperty } from '../../model/inventory.js';
import { objectProperties } from '../../parse/call-sites.js';
import { decodeString } from '../../parse/string-literal.js';
import { arrayElements, literalTextOf, numberOf, objectOf, staticText, textOf } from './resolve-node.js';
import type { TsContext } from './ts-context.js';

/** True when the object literal looks like a JSON Schema (has `type`, `properties` or `$schema`). */
export function isJsonSchemaObject(obj: Node, ctx: TsContext): boolean {
  const props = objectProperties(obj, ctx.lang);
  return props.has('properties') || props.has('$schema') || (props.has('type') && !!staticText(props.get('type')!, ctx));
}

/** Properties of a JSON-Schema object in source order, with `required` applied; undefined when not an object. */
export function jsonSchemaParams(node: Node, ctx: TsContext): SchemaProperty[] | undefined {
  const schema = objectOf(node, ctx);
  if (!schema) return undefined;
  const top = objectProperties(schema, ctx.lang);
  const required = new Set<string>();
  for (const el of arrayElements(top.get('required'), ctx) ?? []) {
    const s = staticText(el, ctx);
    if (s?.complete) required.add(s.value);
  }
  const propsObj = objectOf(top.get('properties'), ctx);
  if (!propsObj) return [];
  const out: SchemaProperty[] = [];
  for (const child of propsObj.namedChildren) {
    if (child?.type !== 'pair') continue;
    const key = child.childForFieldName('key');
    const value = child.childForFieldName('value');
    if (!key || !value) continue;
    const name = key.type === 'property_identifier' ? key.text : decodeString(key, ctx.lang)?.value ?? key.text;
    out.push(jsonProperty(name, value, child, required.has(name), ctx));
  }
  return out;
}

function jsonProperty(name: string, value: Node, at: Node, required: boolean, ctx: TsContext): SchemaProperty {
  const prop: SchemaProperty = { name, required, location: ctx.loc(at) };
  const p = objectProperties(objectOf(value, ctx), ctx.lang);
  const type = p.get('type');
  if (type) {
    const types = arrayElements(type, ctx);
    prop.type = types ? types.map((t) => staticText(t, ctx)?.value ?? t.text).join('|') : staticText(type, ctx)?.value ?? type.text;
  }
  const title = p.get('title');
  if (title) prop.title = textOf(title, ctx);
  const description = p.get('description');
  if (description) prop.description = textOf(description, ctx);
  const enumEls = arrayElements(p.get('enum'), ctx);
  if (enumEls) prop.enum = enumEls.map((e) => literalTextOf(e, ctx));
  else if (p.get('const')) prop.enum = [literalTextOf(p.get('const')!, ctx)];
  const dflt = p.get('default');
  if (dflt) prop.default = literalTextOf(dflt, ctx);
  const pattern = p.get('pattern');
  const pat = pattern ? staticText(pattern, ctx) : undefined;
  if (pat?.complete) prop.pattern = pat.value;
  const format = p.get('format');
  const fmt = format ? staticText(format, ctx) : undefined;
  if (fmt?.complete) prop.format = fmt.value;
  for (const k of ['minLength', 'maxLength', 'minimum', 'maximum'] as const) {
    const n = numberOf(p.get(k), ctx);
    if (n !== undefined) prop[k] = n;
  }
  return prop;
}
