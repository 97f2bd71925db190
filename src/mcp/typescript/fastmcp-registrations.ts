// FastMCP (npm `fastmcp`) registrations: addTool, addPrompt, addResource, addResourceTemplate and their batch forms.
import type { Node } from 'web-tree-sitter';
import type { PromptDef, ResourceDef, SchemaProperty, ToolDef } from '../../model/inventory.js';
import type { CallSite } from '../../parse/call-sites.js';
import { handlerRef } from './handler-ref.js';
import type { Registration } from './mcp-server-registration.js';
import { schemaOf } from './mcp-server-registration.js';
import { annotationsOf, nameOf, promptBody, templateVariables } from './registration-parts.js';
import { arrayElements, boolOf, functionOf, literalTextOf, objectOf, propsOf, textOf } from './resolve-node.js';
import type { TsContext } from './ts-context.js';

export const FASTMCP_METHODS = new Set(['addTool', 'addTools', 'addPrompt', 'addPrompts', 'addResource', 'addResources', 'addResourceTemplate', 'addResourceTemplates']);

/** Parses a FastMCP registration call into zero or more registrations (batch methods take arrays). */
export function fastmcpRegistrations(call: CallSite, method: string, ctx: TsContext): Registration[] {
  const arg = call.args[0];
  if (!arg || call.args.length !== 1) return [];
  const single = method.endsWith('s') ? method.slice(0, -1) : method;
  const items = method.endsWith('s') ? arrayElements(arg, ctx) ?? [] : [arg];
  const out: Registration[] = [];
  for (const item of items) {
    const obj = objectOf(item, ctx);
    if (!obj) continue;
    const r = one(single, obj, call, ctx);
    if (r) out.push(r);
  }
  return out;
}

/** True when the object passed has the keys FastMCP requires, so the call is a registration. */
export function isFastmcpShape(call: CallSite, method: string, ctx: TsContext): boolean {
  const first = method.endsWith('s') ? arrayElements(call.args[0], ctx)?.[0] : call.args[0];
  const props = propsOf(first, ctx);
  if (method.startsWith('addTool')) return props.has('name') && props.has('execute');
  if (method.startsWith('addPrompt')) return props.has('name') && props.has('load');
  if (method.startsWith('addResourceTemplate')) return props.has('uriTemplate') && props.has('load');
  if (method.startsWith('addResource')) return props.has('uri') && props.has('load');
  return false;
}

function one(method: string, obj: Node, call: CallSite, ctx: TsContext): Registration | undefined {
  const p = propsOf(obj, ctx);
  const api = `server.${method}`;
  const location = ctx.loc(call.args.length === 1 && objectOf(call.args[0], ctx)?.id === obj.id ? call.node : obj);
  const nameNode = p.get('name');
  const description = p.get('description');
  if (method === 'addTool') {
    if (!nameNode) return undefined;
    const { name, resolved } = nameOf(nameNode, ctx);
    const def: ToolDef = { name, nameResolved: resolved, params: [], schemaKind: 'none', api, location };
    if (description) def.description = textOf(description, ctx);
    const parameters = p.get('parameters');
    if (parameters) Object.assign(def, schemaOf(parameters, ctx));
    const ann = annotationsOf(p.get('annotations'), ctx);
    if (ann) def.annotations = ann;
    const execute = p.get('execute');
    if (execute) def.handler = handlerRef(execute, ctx, 0);
    return { kind: 'tool', def };
  }
  if (method === 'addPrompt') {
    if (!nameNode) return undefined;
    const { name, resolved } = nameOf(nameNode, ctx);
    const def: PromptDef = { name, nameResolved: resolved, arguments: argumentList(p.get('arguments'), ctx), api, location };
    if (description) def.description = textOf(description, ctx);
    const load = p.get('load');
    if (load) {
      def.handler = handlerRef(load, ctx, 0);
      const fn = functionOf(load, ctx);
      const body = fn ? promptBody(fn, fn, ctx) : undefined;
      if (body) def.body = body;
    }
    return { kind: 'prompt', def };
  }
  if (method === 'addResource' || method === 'addResourceTemplate') {
    const isTemplate = method === 'addResourceTemplate';
    const uriNode = p.get(isTemplate ? 'uriTemplate' : 'uri');
    if (!uriNode) return undefined;
    const uri = textOf(uriNode, ctx);
    const def: ResourceDef = {
      uri: uri.value,
      isTemplate,
      templateVariables: isTemplate ? templateVariables(uri.value) : [],
      api,
      location,
    };
    if (nameNode) def.name = nameOf(nameNode, ctx).name;
    if (description) def.description = textOf(description, ctx);
    const mime = p.get('mimeType');
    if (mime) def.mimeType = textOf(mime, ctx).value;
    const load = p.get('load');
    if (load) def.handler = handlerRef(load, ctx, isTemplate ? 0 : undefined);
    return { kind: 'resource', def };
  }
  return undefined;
}

/** FastMCP prompt/template arguments: `[{ name, description, required, enum }]`. */
function argumentList(node: Node | undefined, ctx: TsContext): SchemaProperty[] {
  const out: SchemaProperty[] = [];
  for (const el of arrayElements(node, ctx) ?? []) {
    const p = propsOf(el, ctx);
    const nameNode = p.get('name');
    if (!nameNode) continue;
    const prop: SchemaProperty = { name: nameOf(nameNode, ctx).name, type: 'string', required: boolOf(p.get('required'), ctx) ?? false, location: ctx.loc(el) };
    const description = p.get('description');
    if (description) prop.description = textOf(description, ctx);
    const en = arrayElements(p.get('enum'), ctx);
    if (en) prop.enum = en.map((e) => literalTextOf(e, ctx));
    out.push(prop);
  }
  return out;
}
