// Reads zod schemas written in source (raw shapes, z.object, method chains) into inventory schema properties.
import type { Node } from 'web-tree-sitter';
import type { SchemaProperty } from '../../model/inventory.js';
import { objectProperties } from '../../parse/call-sites.js';
import { decodeString } from '../../parse/string-literal.js';
import { arrayElements, assignedValue, literalTextOf, numberOf, objectOf, resolveNode, textOf, unwrap } from './resolve-node.js';
import { importedSymbol } from './sdk-symbols.js';
import type { TsContext } from './ts-context.js';

const MAX_DEPTH = 8;

/** What a zod expression says about one value. */
interface ZodInfo {
  type?: string;
  description?: Node;
  title?: Node;
  optional: boolean;
  default?: Node;
  enum?: Node[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  /** Object literals holding the properties, for `z.object({...})` (with `.extend` / `.merge` added). */
  shapes?: Node[];
}

interface Step {
  method: string;
  args: Node[];
}

/** Zod string formats as JSON Schema names them (`z.string().url()` → `uri`). */
const FORMATS: Record<string, string> = {
  url: 'uri',
  email: 'email',
  uuid: 'uuid',
  uuidv4: 'uuid',
  datetime: 'date-time',
  date: 'date',
  time: 'time',
  ip: 'ip',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  cidr: 'cidr',
  base64: 'base64',
  emoji: 'emoji',
  cuid: 'cuid',
  cuid2: 'cuid2',
  ulid: 'ulid',
  hostname: 'hostname',
  duration: 'duration',
};

const ROOT_TYPES: Record<string, string> = {
  string: 'string',
  number: 'number',
  int: 'integer',
  bigint: 'bigint',
  boolean: 'boolean',
  date: 'date',
  any: 'any',
  unknown: 'unknown',
  null: 'null',
  undefined: 'undefined',
  array: 'array',
  tuple: 'array',
  set: 'array',
  object: 'object',
  strictObject: 'object',
  looseObject: 'object',
  record: 'object',
  map: 'object',
  union: 'union',
  discriminatedUnion: 'union',
  intersection: 'intersection',
  enum: 'string',
  nativeEnum: 'enum',
  literal: 'literal',
  function: 'function',
  custom: 'custom',
  instanceof: 'custom',
  lazy: 'lazy',
  never: 'never',
  void: 'void',
};

/** True when `node` is the zod namespace (`z`, or any name imported from `zod`). */
function isZodNamespace(node: Node, ctx: TsContext): boolean {
  if (node.type !== 'identifier') return false;
  const b = ctx.imports.get(node.text);
  if (b) return /^zod(\/|$)/.test(b.module) || (b.imported === 'z' && b.module.startsWith('@modelcontextprotocol/'));
  return node.text === 'z';
}

/** A named import of a zod factory (`import { string } from "zod"`), returning the factory name. */
function zodImportedFactory(node: Node, ctx: TsContext): string | undefined {
  if (node.type !== 'identifier') return undefined;
  const b = ctx.imports.get(node.text);
  return b && /^zod(\/|$)/.test(b.module) && b.imported !== '*' && b.imported !== 'default' ? b.imported : undefined;
}

/** Reads a zod expression; undefined when the expression is not recognisably zod. */
export function zodInfo(node: Node, ctx: TsContext, depth = 0): ZodInfo | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const steps: Step[] = [];
  let cur = unwrap(node);
  let base: ZodInfo | undefined;
  for (;;) {
    if (cur.type === 'call_expression') {
      const fnNode = cur.childForFieldName('function');
      if (!fnNode) return undefined;
      const fn = unwrap(fnNode);
      const args = (cur.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
      if (fn.type === 'member_expression') {
        const objNode = fn.childForFieldName('object');
        if (!objNode) return undefined;
        const obj = unwrap(objNode);
        const method = fn.childForFieldName('property')?.text ?? '';
        if (isZodNamespace(obj, ctx)) {
          base = rootInfo(method, args, ctx, depth);
          break;
        }
        // `z.coerce.number()`, `z.iso.datetime()`, `z.string.email()`-style namespaces.
        const nsHead = obj.type === 'member_expression' ? obj.childForFieldName('object') : null;
        if (nsHead && isZodNamespace(unwrap(nsHead), ctx)) {
          const ns = obj.childForFieldName('property')?.text;
          base = ns === 'iso' ? { type: 'string', optional: false, format: FORMATS[method] ?? method } : rootInfo(method, args, ctx, depth);
          break;
        }
        steps.push({ method, args });
        cur = obj;
        continue;
      }
      // `completable(z.string(), complete)` wraps a prompt argument schema with an autocompletion callback.
      if (args[0] && importedSymbol(fn, ctx)?.package && importedSymbol(fn, ctx)?.name === 'completable') {
        cur = unwrap(args[0]);
        continue;
      }
      const factory = zodImportedFactory(fn, ctx);
      if (factory) {
        base = rootInfo(factory, args, ctx, depth);
        break;
      }
      return undefined;
    }
    if (cur.type === 'identifier' || cur.type === 'member_expression') {
      // A schema held in a constant: `PathSchema.describe(...)`, `Schemas.path`.
      const v = cur.type === 'identifier' ? assignedValue(cur, ctx) : resolveNode(cur, ctx);
      if (!v || v.id === cur.id) return undefined;
      base = zodInfo(v, ctx, depth + 1);
      if (!base) return undefined;
      base = { ...base };
      break;
    }
    return undefined;
  }
  if (!base) return undefined;
  for (let i = steps.length - 1; i >= 0; i--) applyStep(base, steps[i]!, ctx, depth);
  return base;
}

function rootInfo(method: string, args: Node[], ctx: TsContext, depth: number): ZodInfo {
  const info: ZodInfo = { type: ROOT_TYPES[method] ?? method, optional: false };
  const first = args[0];
  if (FORMATS[method] && method !== 'date') {
    info.type = 'string';
    info.format = FORMATS[method];
  }
  switch (method) {
    case 'optional':
    case 'nullable':
    case 'nullish': {
      const inner = first ? zodInfo(first, ctx, depth + 1) : undefined;
      return { ...(inner ?? { optional: false }), optional: method !== 'nullable' || (inner?.optional ?? false) };
    }
    case 'enum': {
      const els = first ? arrayElements(first, ctx) : undefined;
      if (els) info.enum = els;
      else if (first) {
        const obj = objectOf(first, ctx);
        if (obj) info.enum = [...objectProperties(obj, ctx.lang).values()];
      }
      break;
    }
    case 'nativeEnum': {
      const e = first && unwrap(first).type === 'identifier' ? ctx.enums().get(unwrap(first).text) : undefined;
      if (e) {
        info.enum = [...e.values()];
        info.type = e.size && [...e.values()].every((v) => v.type === 'number') ? 'number' : 'string';
      }
      break;
    }
    case 'literal': {
      if (first) {
        const lit = unwrap(first);
        info.type = lit.type === 'number' ? 'number' : lit.type === 'true' || lit.type === 'false' ? 'boolean' : 'string';
        info.enum = [first];
      }
      break;
    }
    case 'union': {
      // `z.union([z.literal("a"), z.literal("b")])` is an enum in all but name.
      const members = first ? arrayElements(first, ctx)?.map((m) => zodInfo(m, ctx, depth + 1)) : undefined;
      if (members?.length && members.every((m) => m?.type && m.enum?.length === 1 && ['string', 'number', 'boolean'].includes(m.type))) {
        const types = new Set(members.map((m) => m!.type));
        info.type = types.size === 1 ? [...types][0] : 'union';
        info.enum = members.map((m) => m!.enum![0]!);
      }
      break;
    }
    case 'object':
    case 'strictObject':
    case 'looseObject': {
      const shape = first ? objectOf(first, ctx) : undefined;
      if (shape) info.shapes = [shape];
      break;
    }
    default:
      break;
  }
  // Zod 3 accepts `{ description }` in the factory's params object (`z.string({ description: "…" })`).
  if (first && method !== 'object' && method !== 'strictObject' && method !== 'looseObject' && method !== 'enum') {
    const params = objectOf(args[args.length - 1], ctx);
    const d = params ? objectProperties(params, ctx.lang).get('description') : undefined;
    if (d) info.description = d;
  }
  return info;
}

function applyStep(info: ZodInfo, step: Step, ctx: TsContext, depth: number): void {
  const [a0] = step.args;
  const isString = info.type === 'string';
  const isNumber = info.type === 'number' || info.type === 'integer' || info.type === 'bigint';
  switch (step.method) {
    case 'describe':
      if (a0) info.description = a0;
      return;
    case 'meta': {
      const props = objectProperties(objectOf(a0, ctx), ctx.lang);
      if (props.get('description')) info.description = props.get('description');
      if (props.get('title')) info.title = props.get('title');
      return;
    }
    case 'optional':
    case 'nullish':
      info.optional = true;
      return;
    case 'default':
    case 'prefault':
      info.optional = true;
      if (a0) info.default = a0;
      return;
    case 'int':
      if (isNumber) info.type = 'integer';
      return;
    case 'regex': {
      const p = a0 ? regexPattern(a0, ctx) : undefined;
      if (p !== undefined) info.pattern = p;
      return;
    }
    case 'min':
    case 'max':
    case 'length':
    case 'gte':
    case 'lte':
    case 'nonnegative':
    case 'nonempty':
      applyBound(info, step.method, a0 ? numberOf(a0, ctx) : undefined, isString, isNumber);
      return;
    case 'enum': {
      const els = a0 ? arrayElements(a0, ctx) : undefined;
      if (els) info.enum = els;
      return;
    }
    case 'array':
      info.type = 'array';
      delete info.enum;
      delete info.format;
      delete info.pattern;
      return;
    case 'or':
      info.type = 'union';
      return;
    case 'extend':
    case 'merge':
    case 'safeExtend': {
      const extra = a0 ? (step.method === 'merge' ? zodInfo(a0, ctx, depth + 1)?.shapes : shapeObjects(a0, ctx, depth + 1)) : undefined;
      if (extra) info.shapes = [...(info.shapes ?? []), ...extra];
      return;
    }
    default:
      if (FORMATS[step.method] && isString) info.format = FORMATS[step.method];
  }
}

function applyBound(info: ZodInfo, method: string, n: number | undefined, isString: boolean, isNumber: boolean): void {
  if (method === 'nonnegative') {
    if (isNumber) info.minimum = 0;
    return;
  }
  if (method === 'nonempty') {
    if (isString) info.minLength = 1;
    return;
  }
  if (n === undefined) return;
  if (isString) {
    if (method === 'min') info.minLength = n;
    else if (method === 'max') info.maxLength = n;
    else if (method === 'length') info.minLength = info.maxLength = n;
  } else if (isNumber) {
    if (method === 'min' || method === 'gte') info.minimum = n;
    else if (method === 'max' || method === 'lte') info.maximum = n;
  }
}

/** The source pattern of a regex literal or `new RegExp("…")`. */
function regexPattern(node: Node, ctx: TsContext): string | undefined {
  const r = resolveNode(node, ctx);
  if (r.type === 'regex') return r.childForFieldName('pattern')?.text ?? '';
  if (r.type === 'new_expression' && r.childForFieldName('constructor')?.text === 'RegExp') {
    const arg = r.childForFieldName('arguments')?.namedChildren[0];
    const s = arg ? decodeString(resolveNode(arg, ctx), ctx.lang) : undefined;
    return s?.complete ? s.value : undefined;
  }
  return undefined;
}

/** True when the expression is (or names) a zod schema. */
function isZodExpression(node: Node, ctx: TsContext): boolean {
  return zodInfo(node, ctx) !== undefined;
}

/**
 * The object literals that hold the properties of a schema written as a raw shape (`{ a: z.string() }`) or as
 * `z.object({...})`; undefined when the expression is neither.
 */
function shapeObjects(node: Node, ctx: TsContext, depth = 0): Node[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const u = unwrap(node);
  // `Schema.shape` is the raw shape of a z.object.
  if (u.type === 'member_expression' && u.childForFieldName('property')?.text === 'shape') {
    const obj = u.childForFieldName('object');
    return obj ? zodInfo(obj, ctx, depth + 1)?.shapes : undefined;
  }
  const r = resolveNode(u, ctx);
  if (r.type === 'object') return [r];
  return zodInfo(r, ctx, depth + 1)?.shapes;
}

/** True for an object literal that the SDK would take as a zod raw shape: empty, or with a zod-valued property. */
export function isRawShape(obj: Node, ctx: TsContext): boolean {
  const props = objectProperties(obj, ctx.lang);
  const spreads = obj.namedChildren.some((c) => c?.type === 'spread_element');
  if (props.size === 0) return !spreads;
  for (const v of props.values()) if (v.type !== 'method_definition' && isZodExpression(v, ctx)) return true;
  return false;
}

/** Schema properties of a raw shape or z.object expression, in source order; undefined when it is not one. */
export function zodParams(node: Node, ctx: TsContext): SchemaProperty[] | undefined {
  const shapes = shapeObjects(node, ctx);
  if (!shapes) return undefined;
  const out: SchemaProperty[] = [];
  const seen = new Map<string, number>();
  const add = (p: SchemaProperty) => {
    const at = seen.get(p.name);
    if (at !== undefined) out[at] = p;
    else {
      seen.set(p.name, out.length);
      out.push(p);
    }
  };
  const queue = [...shapes];
  for (let i = 0; i < queue.length && i < 64; i++) {
    for (const child of queue[i]!.namedChildren) {
      if (!child) continue;
      if (child.type === 'spread_element') {
        const inner = child.namedChildren[0];
        const more = inner ? shapeObjects(inner, ctx) : undefined;
        if (more) queue.push(...more);
        continue;
      }
      const entry = propertyEntry(child, ctx);
      if (entry) add(zodProperty(entry.name, entry.value, child, ctx));
    }
  }
  return out;
}

function propertyEntry(child: Node, ctx: TsContext): { name: string; value: Node } | undefined {
  if (child.type === 'pair') {
    const key = child.childForFieldName('key');
    const value = child.childForFieldName('value');
    if (!key || !value) return undefined;
    const name = key.type === 'property_identifier' ? key.text : decodeString(key, ctx.lang)?.value ?? key.text;
    return { name, value };
  }
  if (child.type === 'shorthand_property_identifier') return { name: child.text, value: child };
  return undefined;
}

/** One schema property from a zod expression; properties whose value is not zod keep only their name. */
function zodProperty(name: string, value: Node, at: Node, ctx: TsContext): SchemaProperty {
  const prop: SchemaProperty = { name, location: ctx.loc(at) };
  const info = zodInfo(value, ctx);
  if (!info) return prop;
  if (info.type) prop.type = info.type;
  if (info.title) prop.title = textOf(info.title, ctx);
  if (info.description) prop.description = textOf(info.description, ctx);
  prop.required = !info.optional;
  if (info.enum) prop.enum = info.enum.map((e) => literalTextOf(e, ctx));
  if (info.default) prop.default = literalTextOf(info.default, ctx);
  if (info.pattern !== undefined) prop.pattern = info.pattern;
  if (info.minLength !== undefined) prop.minLength = info.minLength;
  if (info.maxLength !== undefined) prop.maxLength = info.maxLength;
  if (info.minimum !== undefined) prop.minimum = info.minimum;
  if (info.maximum !== undefined) prop.maximum = info.maximum;
  if (info.format) prop.format = info.format;
  return prop;
}
