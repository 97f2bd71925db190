// McpServer registrations (SDK v1 and v2): tool/registerTool, prompt/registerPrompt, resource/registerResource.
import type { Node } from 'web-tree-sitter';
import type { PromptDef, ResourceDef, SchemaProperty, ToolDef } from '../../model/inventory.js';
import type { CallSite } from '../../parse/call-sites.js';
import { handlerRef } from './handler-ref.js';
import { isJsonSchemaObject, jsonSchemaParams } from './json-schema-params.js';
import { ANNOTATION_KEYS, annotationsOf, nameOf, promptBody, templateVariables } from './registration-parts.js';
import { functionOf, isFunctionNode, isStringLike, objectOf, propsOf, resolveNode, textOf, unwrap } from './resolve-node.js';
import { sdkSymbol } from './sdk-symbols.js';
import { isRawShape, zodInfo, zodParams } from './zod-params.js';
import type { TsContext } from './ts-context.js';

export const MCP_SERVER_METHODS = new Set(['tool', 'registerTool', 'prompt', 'registerPrompt', 'resource', 'registerResource']);

export type Registration = { kind: 'tool'; def: ToolDef } | { kind: 'prompt'; def: PromptDef } | { kind: 'resource'; def: ResourceDef };

type ArgKind = 'string' | 'shape' | 'annotations' | 'unknown';

/** Parses one McpServer registration call; undefined when the call does not have a registration's shape. */
export function mcpServerRegistration(call: CallSite, method: string, ctx: TsContext): Registration | undefined {
  const args = call.args;
  if (args.length < 2 || !isNameLike(args[0]!) || !isCallbackLike(args[args.length - 1]!)) return undefined;
  switch (method) {
    case 'tool':
      return { kind: 'tool', def: toolOverload(call, ctx) };
    case 'registerTool':
      return args.length === 3 ? { kind: 'tool', def: registerTool(call, ctx) } : undefined;
    case 'prompt':
      return { kind: 'prompt', def: promptOverload(call, ctx) };
    case 'registerPrompt':
      return args.length === 3 ? { kind: 'prompt', def: registerPrompt(call, ctx) } : undefined;
    case 'resource':
    case 'registerResource':
      return args.length >= 3 && isUriLike(args[1]!, ctx) ? { kind: 'resource', def: resource(call, method, ctx) } : undefined;
    default:
      return undefined;
  }
}

/** True for a shape that only an MCP registration has, so a file without SDK imports can still be trusted. */
export function isDistinctiveRegistration(call: CallSite, method: string, ctx: TsContext): boolean {
  const args = call.args;
  if (method === 'registerTool' || method === 'registerPrompt') {
    const cfg = objectOf(args[1], ctx);
    const keys = cfg ? [...propsOf(cfg, ctx).keys()] : [];
    return keys.some((k) => ['inputSchema', 'outputSchema', 'argsSchema', 'annotations', 'description', 'title'].includes(k));
  }
  if (method === 'registerResource' || method === 'resource') return args.length >= 3 && isTemplateNode(args[1]!, ctx);
  if (method === 'tool' || method === 'prompt') return args.slice(1, -1).some((a) => argKind(a, ctx) === 'shape' && objectOf(a, ctx) !== undefined && propsOf(a, ctx).size > 0);
  return false;
}

function isNameLike(node: Node): boolean {
  const u = unwrap(node);
  return !['object', 'array', 'arrow_function', 'function_expression', 'function', 'number', 'true', 'false', 'null', 'undefined'].includes(u.type);
}

function isCallbackLike(node: Node): boolean {
  const u = unwrap(node);
  return isFunctionNode(u) || u.type === 'identifier' || u.type === 'member_expression' || (u.type === 'call_expression' && /\.bind$/.test(u.childForFieldName('function')?.text ?? ''));
}

function isTemplateNode(node: Node, ctx: TsContext): boolean {
  const r = resolveNode(node, ctx);
  return r.type === 'new_expression' && sdkSymbolOrName(r.childForFieldName('constructor'), ctx) === 'ResourceTemplate';
}

function sdkSymbolOrName(node: Node | null, ctx: TsContext): string | undefined {
  if (!node) return undefined;
  return sdkSymbol(node, ctx) ?? (node.type === 'identifier' ? node.text : undefined);
}

function isUriLike(node: Node, ctx: TsContext): boolean {
  return isTemplateNode(node, ctx) || isStringLike(node, ctx) || ['identifier', 'member_expression', 'call_expression'].includes(unwrap(node).type);
}

/** How the SDK would read an argument of `tool()` / `prompt()`: description, zod shape, or annotations. */
function argKind(node: Node, ctx: TsContext): ArgKind {
  if (isStringLike(node, ctx)) return 'string';
  const u = unwrap(node);
  if (u.type === 'member_expression' && u.childForFieldName('property')?.text === 'shape') return 'shape';
  const obj = objectOf(node, ctx);
  if (obj) {
    if (isRawShape(obj, ctx)) return 'shape';
    const keys = [...propsOf(obj, ctx).keys()];
    return keys.length && keys.every((k) => ANNOTATION_KEYS.has(k)) ? 'annotations' : 'shape';
  }
  if (zodInfo(node, ctx)) return 'shape';
  return 'unknown';
}

/** Guesses what an unresolved name holds from how it is spelled. */
function hintedKind(node: Node): ArgKind {
  const name = unwrap(node).text.split('.').pop() ?? '';
  if (/annotation|hints?$/i.test(name)) return 'annotations';
  if (/desc|text|prompt|doc|summary|help|instruction/i.test(name)) return 'string';
  if (/schema|shape|param|args|input|fields/i.test(name)) return 'shape';
  return 'unknown';
}

/** Splits the middle arguments of `tool(name, ..., cb)` the way the SDK does at run time. */
function splitOverload(middle: Node[], ctx: TsContext): { description?: Node; shape?: Node; annotations?: Node } {
  const kinds = middle.map((m) => {
    const k = argKind(m, ctx);
    return k === 'unknown' ? hintedKind(m) : k;
  });
  const out: { description?: Node; shape?: Node; annotations?: Node } = {};
  let i = 0;
  if (kinds[0] === 'string') i = 1;
  // An unreadable first argument is a description when the arguments after it fill the other slots.
  else if (kinds[0] === 'unknown' && (middle.length === 3 || (middle.length === 2 && kinds[1] !== 'annotations'))) i = 1;
  if (i === 1) out.description = middle[0];
  const rest = middle.slice(i);
  const restKinds = kinds.slice(i);
  if (rest.length === 0) return out;
  if (restKinds[0] === 'annotations' && rest.length === 1) out.annotations = rest[0];
  else {
    out.shape = rest[0];
    if (rest[1]) out.annotations = rest[1];
  }
  return out;
}

function baseTool(call: CallSite, api: string, ctx: TsContext): ToolDef {
  const { name, resolved } = nameOf(call.args[0]!, ctx);
  return { name, nameResolved: resolved, params: [], schemaKind: 'none', api, location: ctx.loc(call.node) };
}

/** Params and schema kind for an input schema written as a zod shape, z.object, or a JSON-Schema literal. */
export function schemaOf(node: Node | undefined, ctx: TsContext): { params: SchemaProperty[]; schemaKind: ToolDef['schemaKind'] } {
  if (!node) return { params: [], schemaKind: 'none' };
  const zod = zodParams(node, ctx);
  const obj = objectOf(node, ctx);
  if (obj && isJsonSchemaObject(obj, ctx) && !isRawShape(obj, ctx)) return { params: jsonSchemaParams(obj, ctx) ?? [], schemaKind: 'json-schema' };
  if (zod) return { params: zod, schemaKind: 'zod' };
  return { params: [], schemaKind: 'dynamic' };
}

function toolOverload(call: CallSite, ctx: TsContext): ToolDef {
  const tool = baseTool(call, 'server.tool', ctx);
  const middle = call.args.slice(1, -1);
  const { description, shape, annotations } = middle.length ? splitOverload(middle, ctx) : {};
  if (description) tool.description = textOf(description, ctx);
  if (shape) Object.assign(tool, schemaOf(shape, ctx));
  const ann = annotationsOf(annotations, ctx);
  if (ann) tool.annotations = ann;
  tool.handler = handlerRef(call.args[call.args.length - 1]!, ctx, shape ? 0 : undefined);
  return tool;
}

function registerTool(call: CallSite, ctx: TsContext): ToolDef {
  const tool = baseTool(call, 'server.registerTool', ctx);
  const cfg = propsOf(call.args[1], ctx);
  const title = cfg.get('title');
  const description = cfg.get('description');
  if (title) tool.title = textOf(title, ctx);
  if (description) tool.description = textOf(description, ctx);
  const input = cfg.get('inputSchema');
  if (input) Object.assign(tool, schemaOf(input, ctx));
  const unknownConfig = !objectOf(call.args[1], ctx);
  if (unknownConfig) tool.schemaKind = 'dynamic';
  const ann = annotationsOf(cfg.get('annotations'), ctx);
  if (ann) tool.annotations = ann;
  // A config built elsewhere most likely declares an input schema, so the first parameter holds the arguments.
  tool.handler = handlerRef(call.args[2]!, ctx, input || unknownConfig ? 0 : undefined);
  return tool;
}

function basePrompt(call: CallSite, api: string, ctx: TsContext): PromptDef {
  const { name, resolved } = nameOf(call.args[0]!, ctx);
  return { name, nameResolved: resolved, arguments: [], api, location: ctx.loc(call.node) };
}

function finishPrompt(prompt: PromptDef, cb: Node, hasArgs: boolean, ctx: TsContext): void {
  prompt.handler = handlerRef(cb, ctx, hasArgs ? 0 : undefined);
  const fn = functionOf(cb, ctx);
  const body = fn ? promptBody(fn, fn, ctx) : undefined;
  if (body) prompt.body = body;
}

function promptOverload(call: CallSite, ctx: TsContext): PromptDef {
  const prompt = basePrompt(call, 'server.prompt', ctx);
  const middle = call.args.slice(1, -1);
  let schema: Node | undefined;
  if (middle.length) {
    const first = middle[0]!;
    const k = argKind(first, ctx);
    const isDescription = k === 'string' || (k === 'unknown' && (middle.length === 2 || hintedKind(first) === 'string'));
    if (isDescription) prompt.description = textOf(first, ctx);
    schema = isDescription ? middle[1] : first;
  }
  if (schema) prompt.arguments = zodParams(schema, ctx) ?? [];
  finishPrompt(prompt, call.args[call.args.length - 1]!, !!schema, ctx);
  return prompt;
}

function registerPrompt(call: CallSite, ctx: TsContext): PromptDef {
  const prompt = basePrompt(call, 'server.registerPrompt', ctx);
  const cfg = propsOf(call.args[1], ctx);
  const title = cfg.get('title');
  const description = cfg.get('description');
  if (title) prompt.title = textOf(title, ctx);
  if (description) prompt.description = textOf(description, ctx);
  const schema = cfg.get('argsSchema');
  if (schema) prompt.arguments = zodParams(schema, ctx) ?? [];
  finishPrompt(prompt, call.args[2]!, !!schema, ctx);
  return prompt;
}

function resource(call: CallSite, method: string, ctx: TsContext): ResourceDef {
  const args = call.args;
  const uriNode = args[1]!;
  const template = resolveNode(uriNode, ctx);
  const isTemplate = isTemplateNode(uriNode, ctx);
  const uriExpr = isTemplate ? template.childForFieldName('arguments')?.namedChildren[0] ?? template : uriNode;
  const uri = textOf(uriExpr, ctx);
  const { name } = nameOf(args[0]!, ctx);
  const def: ResourceDef = {
    name,
    uri: uri.origin === 'dynamic' && !isStringLike(uriExpr, ctx) ? unwrap(uriExpr).text : uri.value,
    isTemplate,
    templateVariables: isTemplate ? templateVariables(uri.value) : [],
    api: `server.${method}`,
    location: ctx.loc(call.node),
  };
  const meta = args.length >= 4 ? propsOf(args[2], ctx) : new Map<string, Node>();
  const title = meta.get('title');
  const description = meta.get('description');
  const mime = meta.get('mimeType');
  if (title) def.title = textOf(title, ctx);
  if (description) def.description = textOf(description, ctx);
  if (mime) def.mimeType = textOf(mime, ctx).value;
  def.handler = handlerRef(args[args.length - 1]!, ctx, isTemplate ? 1 : undefined);
  return def;
}
