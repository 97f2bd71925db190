// Tool parameters from an input schema written out in Go: a jsonschema.Schema / mcp.ToolInputSchema literal, a map literal, or JSON text.
import type { Node } from 'web-tree-sitter';
import type { SchemaProperty, TextValue } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';
import type { GoFile } from './go-file.js';
import { keyedElements, literalBody, literalElements, literalFields, unwrap } from './go-syntax.js';
import { structFields, structTypeOf } from './struct-params.js';

export interface SchemaParams {
  kind: 'json-schema' | 'go-struct' | 'dynamic';
  params: SchemaProperty[];
}

/** Field names of jsonschema.Schema / mcp-go maps, lower-cased, to SchemaProperty keys. */
const KEYS: Record<string, 'type' | 'description' | 'title' | 'enum' | 'default' | 'pattern' | 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'format'> = {
  type: 'type',
  description: 'description',
  title: 'title',
  enum: 'enum',
  default: 'default',
  pattern: 'pattern',
  minlength: 'minLength',
  maxlength: 'maxLength',
  minimum: 'minimum',
  maximum: 'maximum',
  format: 'format',
};

/** Parameters of a schema expression; `dynamic` when it cannot be read statically. */
export function schemaLiteralParams(file: GoFile, expr: Node): SchemaParams {
  const e = file.resolve(expr);
  // jsonschema.For[T]() infers the schema from a struct, with the go-sdk tag rules.
  if (e.type === 'call_expression') {
    const fn = e.childForFieldName('function');
    if (fn?.type === 'index_expression' && /(^|\.)For$/.test(fn.childForFieldName('operand')?.text ?? '')) {
      const struct = structTypeOf(file, fn.childForFieldName('index') ?? undefined);
      return { kind: 'go-struct', params: struct ? structFields(file, struct, 'go-sdk').map((f) => f.property) : [] };
    }
    const typeArgs = e.childForFieldName('type_arguments');
    if (typeArgs && /(^|\.)For$/.test(fn?.text ?? '')) {
      const struct = structTypeOf(file, typeArgs.namedChildren[0]?.namedChildren[0] ?? undefined);
      return { kind: 'go-struct', params: struct ? structFields(file, struct, 'go-sdk').map((f) => f.property) : [] };
    }
  }
  // json.RawMessage(`{…}`), []byte("{…}") or the JSON text itself.
  const json = jsonText(file, e);
  if (json) {
    try {
      return { kind: 'json-schema', params: fromJson(JSON.parse(json.text), file.loc(json.node)) };
    } catch {
      return { kind: 'dynamic', params: [] };
    }
  }
  if (literalBody(e)) return { kind: 'json-schema', params: fromLiteral(file, e) };
  return { kind: 'dynamic', params: [] };
}

function jsonText(file: GoFile, e: Node): { text: string; node: Node } | undefined {
  let cur = e;
  if (cur.type === 'call_expression' || cur.type === 'type_conversion_expression') {
    const args = cur.type === 'call_expression' ? cur.childForFieldName('arguments')?.namedChildren ?? [] : [cur.childForFieldName('operand')];
    const first = args.find((a): a is Node => !!a);
    if (!first || args.length !== 1) return undefined;
    cur = file.resolve(first);
  }
  const text = file.str(cur);
  return text !== undefined && text.trim().startsWith('{') ? { text, node: cur } : undefined;
}

function fromLiteral(file: GoFile, schema: Node): SchemaProperty[] {
  const fields = lowerKeys(literalFields(schema));
  const props = fields.get('properties');
  const required = new Set((fields.get('required') ? literalElements(file.resolve(fields.get('required')!)) : []).map((n) => file.str(n)).filter((s): s is string => s !== undefined));
  const out: SchemaProperty[] = [];
  for (const { key, value, element } of keyedElements(props ? file.resolve(props) : undefined)) {
    const name = file.str(key);
    if (name === undefined) continue;
    const p: SchemaProperty = { name, required: required.has(name), location: file.loc(element) };
    const pf = lowerKeys(literalFields(file.resolve(value)));
    for (const [k, v] of pf) {
      const key2 = KEYS[k];
      if (!key2) continue;
      switch (key2) {
        case 'type':
          p.type = file.str(v) ?? literalElements(v).map((x) => file.str(x)).filter(Boolean).join('|') ?? undefined;
          if (!p.type) delete p.type;
          break;
        case 'description':
        case 'title':
          p[key2] = file.text(v);
          break;
        case 'default':
          p.default = file.scalarText(v);
          break;
        case 'enum':
          p.enum = literalElements(file.resolve(v)).map((x) => file.scalarText(x));
          break;
        case 'pattern':
        case 'format': {
          const s = file.str(v);
          if (s !== undefined) p[key2] = s;
          break;
        }
        default: {
          const n = file.num(v);
          if (n !== undefined) p[key2] = n;
        }
      }
    }
    out.push(p);
  }
  return out;
}

function lowerKeys(m: Map<string, Node>): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const [k, v] of m) {
    const lk = k.toLowerCase();
    if (!out.has(lk)) out.set(lk, unwrap(v));
  }
  return out;
}

function fromJson(doc: unknown, location: Location): SchemaProperty[] {
  if (!doc || typeof doc !== 'object') return [];
  const d = doc as Record<string, unknown>;
  const props = d.properties && typeof d.properties === 'object' ? (d.properties as Record<string, unknown>) : {};
  const required = new Set(Array.isArray(d.required) ? d.required.filter((x): x is string => typeof x === 'string') : []);
  const at = (value: unknown): TextValue => ({ value: typeof value === 'string' ? value : JSON.stringify(value), origin: 'literal', location });
  const out: SchemaProperty[] = [];
  for (const [name, raw] of Object.entries(props)) {
    const s = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const p: SchemaProperty = { name, required: required.has(name), location };
    if (typeof s.type === 'string') p.type = s.type;
    else if (Array.isArray(s.type)) p.type = s.type.join('|');
    if (typeof s.description === 'string') p.description = at(s.description);
    if (typeof s.title === 'string') p.title = at(s.title);
    if (Array.isArray(s.enum)) p.enum = s.enum.map(at);
    if ('default' in s) p.default = at(s.default);
    if (typeof s.pattern === 'string') p.pattern = s.pattern;
    if (typeof s.format === 'string') p.format = s.format;
    for (const k of ['minLength', 'maxLength', 'minimum', 'maximum'] as const) if (typeof s[k] === 'number') p[k] = s[k];
    out.push(p);
  }
  return out;
}
