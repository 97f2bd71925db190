// Tool parameters inferred from a Go input struct, the way the go-sdk (json + jsonschema tags) or invopop/jsonschema (mcp-go) would.
import type { Node } from 'web-tree-sitter';
import type { SchemaProperty, TextValue } from '../../model/inventory.js';
import type { GoFile } from './go-file.js';
import { jsonTypeOfGo, localTypeName, parseStructTag } from './go-syntax.js';

/** `go-sdk`: the whole `jsonschema` tag is the description. `invopop`: `jsonschema:"required,description=…,enum=…"`. */
export type TagStyle = 'go-sdk' | 'invopop';

export interface StructField {
  /** JSON property name. */
  param: string;
  /** Go field name (`Path`), for bindings such as `args.Path`. */
  field: string;
  property: SchemaProperty;
}

/** The struct type a type expression names in this file (`Args`, `*Args`), if any. */
export function structTypeOf(file: GoFile, type: Node | undefined): Node | undefined {
  let cur = type;
  for (let hops = 0; cur && hops < 8; hops++) {
    if (cur.type === 'struct_type') return cur;
    const name = localTypeName(cur);
    const spec = name ? file.types.get(name) : undefined;
    cur = spec?.childForFieldName('type') ?? undefined;
  }
  return undefined;
}

/**
 * The JSON properties of a struct: exported fields, embedded structs flattened (as encoding/json does),
 * `json:"-"` skipped; a field is optional when its json tag has `omitempty`/`omitzero`.
 */
export function structFields(file: GoFile, struct: Node, style: TagStyle): StructField[] {
  const out: StructField[] = [];
  const seen = new Set<string>();
  const visited = new Set<number>();
  // Explicit stack of struct bodies: embedded structs are expanded in place, in declaration order.
  const stack: { fields: Node[]; i: number }[] = [{ fields: fieldDecls(struct), i: 0 }];
  visited.add(struct.id);
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    if (top.i >= top.fields.length) {
      stack.pop();
      continue;
    }
    const decl = top.fields[top.i++]!;
    const type = decl.childForFieldName('type');
    if (!type) continue;
    const names = decl.childrenForFieldName('name').filter((n): n is Node => !!n);
    const tagNode = decl.childForFieldName('tag');
    const tagText = tagNode ? tagValue(tagNode.text) : '';
    const tags = parseStructTag(tagText);
    const json = tags.get('json');
    if (json === '-') continue;
    const [jsonName, ...jsonOpts] = (json ?? '').split(',');
    if (!names.length) {
      // An embedded field: promoted into the parent unless the json tag names it.
      const inner = structTypeOf(file, type);
      if (!jsonName && inner && !visited.has(inner.id)) {
        visited.add(inner.id);
        stack.push({ fields: fieldDecls(inner), i: 0 });
        continue;
      }
      const embeddedName = type.text.replace(/^\*/, '').replace(/^.*\./, '');
      if (!/^[A-Z]/.test(embeddedName)) continue;
      names.push(type);
    }
    for (const nameNode of names) {
      const field = nameNode.type === 'field_identifier' ? nameNode.text : nameNode.text.replace(/^\*/, '').replace(/^.*\./, '');
      if (!/^[A-Z]/.test(field)) continue;
      const param = jsonName || field;
      if (seen.has(param)) continue;
      seen.add(param);
      const optional = jsonOpts.includes('omitempty') || jsonOpts.includes('omitzero');
      const property: SchemaProperty = { name: param, required: !optional, location: file.loc(decl) };
      const t = jsonTypeOfGo(type, file.types);
      if (t) property.type = t;
      if (tagNode) applySchemaTag(property, tags, style, tagNode, file);
      out.push({ param, field, property });
    }
  }
  return out;
}

function fieldDecls(struct: Node): Node[] {
  const list = struct.namedChildren.find((c) => c?.type === 'field_declaration_list');
  return (list?.namedChildren ?? []).filter((c): c is Node => c?.type === 'field_declaration');
}

/** The content of a struct tag literal (raw or interpreted). */
function tagValue(src: string): string {
  if (src.startsWith('`')) return src.slice(1, -1);
  try {
    return JSON.parse(src) as string;
  } catch {
    return src.slice(1, -1);
  }
}

function applySchemaTag(p: SchemaProperty, tags: Map<string, string>, style: TagStyle, tagNode: Node, file: GoFile): void {
  const at = (value: string): TextValue => ({ value, origin: 'literal', location: file.loc(tagNode) });
  const js = tags.get('jsonschema');
  if (style === 'go-sdk') {
    if (js) p.description = at(js);
    return;
  }
  const extra = tags.get('jsonschema_description');
  if (extra) p.description = at(extra);
  if (!js) return;
  const enums: TextValue[] = [];
  for (const part of splitInvopop(js)) {
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    switch (key) {
      case 'description':
        p.description = at(value);
        break;
      case 'title':
        p.title = at(value);
        break;
      case 'enum':
        enums.push(at(value));
        break;
      case 'default':
        p.default = at(value);
        break;
      case 'pattern':
        p.pattern = value;
        break;
      case 'format':
        p.format = value;
        break;
      case 'minLength':
      case 'maxLength':
      case 'minimum':
      case 'maximum': {
        const n = Number(value);
        if (value && Number.isFinite(n)) p[key] = n;
        break;
      }
    }
  }
  if (enums.length) p.enum = enums;
}

/** invopop splits on commas, with `\,` standing for a literal comma. */
function splitInvopop(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === ',') {
      cur += ',';
      i++;
    } else if (s[i] === ',') {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}
