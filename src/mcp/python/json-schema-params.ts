// Tool inputs from a hand-written JSON Schema dict (low-level `Tool(inputSchema={...})`) or a model's `model_json_schema()`.
import type { Node } from 'web-tree-sitter';
import type { SchemaProperty, ToolDef } from '../../model/inventory.js';
import type { PythonFacts } from './python-facts.js';
import { modelFieldParams } from './signature-params.js';

export interface SchemaParams {
  params: SchemaProperty[];
  kind: ToolDef['schemaKind'];
}

const SCHEMA_METHODS = new Set(['model_json_schema', 'schema']);

export function jsonSchemaParams(node: Node | undefined, facts: PythonFacts): SchemaParams {
  if (!node) return { params: [], kind: 'none' };
  const resolved = facts.resolve(node);
  if (!resolved) return { params: [], kind: 'dynamic' };
  if (resolved.type === 'call') {
    const fn = resolved.childForFieldName('function');
    const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    const cls = obj?.type === 'identifier' && method && SCHEMA_METHODS.has(method) ? facts.classNamed(obj.text) : undefined;
    if (cls) return { params: modelFieldParams(cls, facts), kind: 'json-schema' };
  }
  const schema = facts.dictEntries(resolved);
  if (!schema) return { params: [], kind: 'dynamic' };
  const props = facts.dictEntries(schema.get('properties')?.value);
  if (!props) return { params: [], kind: schema.has('properties') ? 'dynamic' : 'json-schema' };
  const required = new Set((facts.listItems(schema.get('required')?.value) ?? []).map((n) => facts.stringValue(n)).filter((s): s is string => s !== undefined));

  const params: SchemaProperty[] = [];
  for (const [name, { value, pair }] of props) {
    const prop: SchemaProperty = { name, location: facts.loc(pair) };
    const spec = facts.dictEntries(value);
    if (spec) {
      const type = spec.get('type')?.value;
      if (type) {
        const single = facts.stringValue(type);
        const many = single === undefined ? facts.listItems(type)?.map((t) => facts.stringValue(t) ?? t.text) : undefined;
        prop.type = single ?? many?.join('|') ?? type.text;
      }
      const title = spec.get('title')?.value;
      if (title) prop.title = facts.text(title);
      const description = spec.get('description')?.value;
      if (description) prop.description = facts.text(description);
      const values = facts.listItems(spec.get('enum')?.value);
      if (values) prop.enum = values.map((v) => facts.valueText(v));
      const def = spec.get('default')?.value;
      if (def) prop.default = facts.valueText(def);
      const pattern = facts.stringValue(spec.get('pattern')?.value);
      if (pattern !== undefined) prop.pattern = pattern;
      const format = facts.stringValue(spec.get('format')?.value);
      if (format !== undefined) prop.format = format;
      const minLength = facts.number(spec.get('minLength')?.value);
      if (minLength !== undefined) prop.minLength = minLength;
      const maxLength = facts.number(spec.get('maxLength')?.value);
      if (maxLength !== undefined) prop.maxLength = maxLength;
      const minimum = facts.number(spec.get('minimum')?.value ?? spec.get('exclusiveMinimum')?.value);
      if (minimum !== undefined) prop.minimum = minimum;
      const maximum = facts.number(spec.get('maximum')?.value ?? spec.get('exclusiveMaximum')?.value);
      if (maximum !== undefined) prop.maximum = maximum;
    }
    prop.required = required.has(name);
    params.push(prop);
  }
  return { params, kind: 'json-schema' };
}
