// Tool/prompt inputs from a Python signature or pydantic model: types, defaults, Annotated/Field constraints, Literal enums.
import type { Node } from 'web-tree-sitter';
import type { ParamBinding, SchemaProperty, TextValue } from '../../model/inventory.js';
import { isMethod, type PythonFacts } from './python-facts.js';

export interface SignatureParams {
  params: SchemaProperty[];
  /** Each input is received under its own parameter name. */
  bindings: ParamBinding[];
}

/** Defaults that the SDKs fill by dependency injection, so the parameter is no client input. */
const INJECTED_DEFAULTS = /^(?:\w+\.)*(?:Depends|CurrentContext|CurrentRequest|CurrentHeaders|CurrentAccessToken|CurrentFastMCP)$/;
/** Annotations that FastMCP injects instead of exposing (`Context`, `Context[ServerSession, None]`). */
const INJECTED_TYPE = /(?:^|[^\w])(?:Context|RequestContext)(?:$|[^\w])/;
const MAX_TYPE_STEPS = 32;

/** Inputs of a function (or lambda) as the SDK derives them from the signature. */
export function signatureParams(fn: Node, facts: PythonFacts, exclude: ReadonlySet<string> = new Set()): SignatureParams {
  const out: SignatureParams = { params: [], bindings: [] };
  const paramsNode = fn.childForFieldName('parameters');
  const method = fn.type === 'function_definition' && isMethod(fn);
  let index = 0;
  for (const p of paramsNode?.namedChildren ?? []) {
    if (!p) continue;
    let nameNode: Node | null | undefined;
    let typeNode: Node | null | undefined;
    let defaultNode: Node | null | undefined;
    switch (p.type) {
      case 'identifier':
        nameNode = p;
        break;
      case 'typed_parameter':
        nameNode = p.namedChildren[0]?.type === 'identifier' ? p.namedChildren[0] : undefined;
        typeNode = p.childForFieldName('type');
        break;
      case 'default_parameter':
        nameNode = p.childForFieldName('name');
        defaultNode = p.childForFieldName('value');
        break;
      case 'typed_default_parameter':
        nameNode = p.childForFieldName('name');
        typeNode = p.childForFieldName('type');
        defaultNode = p.childForFieldName('value');
        break;
      default:
        continue; // *args, **kwargs and the `*` / `/` separators are not schema properties
    }
    if (!nameNode || nameNode.type !== 'identifier') continue;
    index++;
    const name = nameNode.text;
    if (method && index === 1 && (name === 'self' || name === 'cls')) continue;
    if (exclude.has(name)) continue;
    if (typeNode && INJECTED_TYPE.test(typeNode.text)) continue;
    if (!typeNode && name === 'ctx') continue;
    if (defaultNode?.type === 'call' && INJECTED_DEFAULTS.test(defaultNode.childForFieldName('function')?.text ?? '')) continue;
    out.params.push(schemaProperty(nameNode, typeNode ?? undefined, defaultNode ?? undefined, p, facts));
    out.bindings.push({ param: name, local: name, location: facts.loc(nameNode) });
  }
  return out;
}

/** Fields of a pydantic model / dataclass defined in the file (`x: str = Field(description=…)`). */
export function modelFieldParams(cls: Node, facts: PythonFacts): SchemaProperty[] {
  const out: SchemaProperty[] = [];
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    if (stmt?.type !== 'expression_statement') continue;
    const a = stmt.namedChildren[0];
    if (a?.type !== 'assignment') continue;
    const left = a.childForFieldName('left');
    const type = a.childForFieldName('type');
    if (!left || left.type !== 'identifier' || !type) continue;
    if (left.text === 'model_config' || /\bClassVar\b/.test(type.text)) continue;
    out.push(schemaProperty(left, type, a.childForFieldName('right') ?? undefined, a, facts));
  }
  return out;
}

function schemaProperty(nameNode: Node, typeNode: Node | undefined, defaultNode: Node | undefined, locNode: Node, facts: PythonFacts): SchemaProperty {
  const prop: SchemaProperty = { name: nameNode.text, location: facts.loc(locNode) };
  const t = typeNode ? analyzeType(typeNode, facts) : undefined;
  if (t) prop.type = t.type;

  let hasDefault = false;
  let defaultValue: Node | undefined;
  const fields: Node[] = [...(t?.fields ?? [])];
  if (defaultNode && isFieldCall(defaultNode)) fields.push(defaultNode);
  else if (defaultNode && defaultNode.type !== 'ellipsis') {
    hasDefault = true;
    defaultValue = defaultNode;
  }

  let description = t?.description;
  for (const f of fields) {
    const site = facts.callSite(f);
    if (!site) continue;
    const kw = site.kwargs;
    const d = kw.get('description');
    if (d) description = facts.text(d);
    const title = kw.get('title');
    if (title) prop.title = facts.text(title);
    const pattern = facts.stringValue(kw.get('pattern') ?? kw.get('regex'));
    if (pattern !== undefined) prop.pattern = pattern;
    const minLength = facts.number(kw.get('min_length'));
    if (minLength !== undefined) prop.minLength = minLength;
    const maxLength = facts.number(kw.get('max_length'));
    if (maxLength !== undefined) prop.maxLength = maxLength;
    const minimum = facts.number(kw.get('ge') ?? kw.get('gt'));
    if (minimum !== undefined) prop.minimum = minimum;
    const maximum = facts.number(kw.get('le') ?? kw.get('lt'));
    if (maximum !== undefined) prop.maximum = maximum;
    // Only a Field used as the default (not one inside Annotated) carries the parameter's default.
    if (f === defaultNode) {
      const dv = kw.get('default') ?? site.args[0];
      if (dv && dv.type !== 'ellipsis') {
        hasDefault = true;
        defaultValue = dv;
      } else if (kw.has('default_factory')) hasDefault = true;
    }
  }
  if (description) prop.description = description;
  prop.required = !hasDefault;
  if (t?.enum?.length) prop.enum = t.enum;
  if (defaultValue) prop.default = facts.valueText(defaultValue);
  return prop;
}

interface TypeFacts {
  type: string;
  enum?: TextValue[];
  /** `Field(...)` calls in `Annotated[...]` metadata. */
  fields: Node[];
  /** A plain string in `Annotated[T, "text"]`, which FastMCP uses as the description. */
  description?: TextValue;
}

function analyzeType(typeNode: Node, facts: PythonFacts): TypeFacts {
  let base = unwrapType(typeNode);
  const out: TypeFacts = { type: base.text, fields: [] };
  const annotated = genericParts(base);
  if (annotated && lastSegment(annotated.head) === 'Annotated' && annotated.args.length) {
    base = annotated.args[0]!;
    out.type = base.text;
    for (const m of annotated.args.slice(1)) {
      if (isFieldCall(m)) out.fields.push(m);
      else if (m.type === 'string' || m.type === 'concatenated_string') out.description = facts.text(m);
    }
  }
  // Look for Literal[...] through Optional/Union/`| None` wrappers.
  const stack: Node[] = [base];
  for (let steps = 0; stack.length && steps < MAX_TYPE_STEPS; steps++) {
    const n = stack.pop()!;
    const g = genericParts(n);
    if (g) {
      const head = lastSegment(g.head);
      if (head === 'Literal') {
        out.enum = g.args.map((a) => facts.valueText(a));
        return out;
      }
      if (head === 'Optional' || head === 'Union') stack.push(...[...g.args].reverse());
    } else if (n.type === 'binary_operator') {
      const r = n.childForFieldName('right');
      const l = n.childForFieldName('left');
      if (r) stack.push(r);
      if (l) stack.push(l);
    } else if (n.type === 'identifier' && !out.enum) {
      const values = enumClassValues(n.text, facts);
      if (values) out.enum = values;
    }
  }
  return out;
}

/** Member values of an `Enum` subclass defined in the file. */
function enumClassValues(name: string, facts: PythonFacts): TextValue[] | undefined {
  const cls = facts.classNamed(name);
  const supers = cls?.childForFieldName('superclasses')?.text ?? '';
  if (!cls || !/Enum\b/.test(supers)) return undefined;
  const out: TextValue[] = [];
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    const a = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    const right = a?.type === 'assignment' ? a.childForFieldName('right') : undefined;
    if (right && a?.childForFieldName('left')?.type === 'identifier') out.push(facts.valueText(right));
  }
  return out.length ? out : undefined;
}

/** `X[a, b]` as head text and argument nodes, for both `generic_type` and `subscript` shapes. */
function genericParts(node: Node): { head: string; args: Node[] } | undefined {
  if (node.type === 'generic_type') {
    const head = node.namedChildren[0];
    const params = node.namedChildren.find((c) => c?.type === 'type_parameter');
    if (!head || !params) return undefined;
    return { head: head.text, args: params.namedChildren.filter((c): c is Node => !!c).map(unwrapType) };
  }
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    if (!value) return undefined;
    return { head: value.text, args: node.childrenForFieldName('subscript').filter((c): c is Node => !!c).map(unwrapType) };
  }
  return undefined;
}

function unwrapType(n: Node): Node {
  return n.type === 'type' && n.namedChildren[0] ? n.namedChildren[0] : n;
}

function lastSegment(s: string): string {
  return s.slice(s.lastIndexOf('.') + 1);
}

function isFieldCall(n: Node): boolean {
  return n.type === 'call' && lastSegment(n.childForFieldName('function')?.text ?? '') === 'Field';
}
