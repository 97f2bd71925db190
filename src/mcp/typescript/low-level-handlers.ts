// Low-level `Server.setRequestHandler` servers: tools/prompts/resources from list handlers, handlers from dispatch.
import type { Node } from 'web-tree-sitter';
import type { HandlerRef, PromptDef, ResourceDef, ToolDef } from '../../model/inventory.js';
import { calleeMemberOf, calleeTypeOf, type CallSite } from '../../parse/call-sites.js';
import { descendantsOfType } from '../../parse/walk.js';
import { argAliases, argReads, parameters } from './handler-ref.js';
import { schemaOf } from './mcp-server-registration.js';
import { annotationsOf, nameOf, nearestFunction, promptBody, templateVariables } from './registration-parts.js';
import { arrayElements, boolOf, chainText, functionOf, objectOf, propsOf, staticText, textOf, unwrap } from './resolve-node.js';
import { sdkSymbol } from './sdk-symbols.js';
import type { ServerIndex } from './server-index.js';
import type { TsContext } from './ts-context.js';
import { zodParams } from './zod-params.js';

/** Request schema names and the JSON-RPC methods they stand for (v2 also accepts the method string). */
const METHODS: Record<string, string> = {
  ListToolsRequestSchema: 'tools/list',
  CallToolRequestSchema: 'tools/call',
  ListPromptsRequestSchema: 'prompts/list',
  GetPromptRequestSchema: 'prompts/get',
  ListResourcesRequestSchema: 'resources/list',
  ListResourceTemplatesRequestSchema: 'resources/templates/list',
  ReadResourceRequestSchema: 'resources/read',
};
const METHOD_VALUES = new Set(Object.values(METHODS));
const SCHEMA_OF_METHOD = Object.fromEntries(Object.entries(METHODS).map(([k, v]) => [v, k]));

interface HandlerSite {
  call: CallSite;
  receiver: Node;
  fn?: Node;
  expr: Node;
}

/** Collects tools, prompts and resources declared through `setRequestHandler` and adds them to their server. */
export function collectLowLevelHandlers(ctx: TsContext, index: ServerIndex, trusted: boolean): void {
  const groups = new Map<string, Map<string, HandlerSite>>();
  for (const call of ctx.calls) {
    if (call.isNew || calleeTypeOf(call) !== 'member_expression') continue;
    if (calleeMemberOf(call) !== 'setRequestHandler' || call.args.length < 2) continue;
    const receiver = call.callee.childForFieldName('object');
    if (!receiver) continue;
    const resolved = requestMethod(call.args[0]!, ctx);
    if (!resolved) continue;
    const site = index.serverFor(receiver, call.node);
    if (!site && !trusted && !resolved.viaSdk) continue;
    if (site && site.kind === 'fastmcp') continue;
    const key = site ? site.def.id : `?${chainText(receiver)}`;
    const group = groups.get(key) ?? new Map<string, HandlerSite>();
    if (!group.has(resolved.method)) group.set(resolved.method, { call, receiver, expr: call.args[1]!, fn: functionOf(call.args[1]!, ctx) });
    groups.set(key, group);
  }
  for (const group of groups.values()) addGroup(group, ctx, index);
}

function requestMethod(node: Node, ctx: TsContext): { method: string; viaSdk: boolean } | undefined {
  const sym = sdkSymbol(node, ctx);
  if (sym && METHODS[sym]) return { method: METHODS[sym]!, viaSdk: true };
  const u = unwrap(node);
  const last = u.type === 'identifier' ? u.text : u.type === 'member_expression' ? u.childForFieldName('property')?.text : undefined;
  if (last && METHODS[last]) return { method: METHODS[last]!, viaSdk: false };
  const s = staticText(u, ctx);
  if (s?.complete && METHOD_VALUES.has(s.value)) return { method: s.value, viaSdk: false };
  return undefined;
}

function addGroup(group: Map<string, HandlerSite>, ctx: TsContext, index: ServerIndex): void {
  const toolList = group.get('tools/list');
  if (toolList?.fn) {
    const dispatch = dispatchOf(group.get('tools/call'), ctx);
    for (const obj of listed(toolList.fn, 'tools', ctx)) {
      const tool = toolFrom(obj, ctx);
      if (!tool) continue;
      const h = dispatch?.handlerFor(tool.name);
      if (h) tool.handler = h;
      index.addTool(toolList.receiver, toolList.call.node, tool);
    }
  }
  const promptList = group.get('prompts/list');
  if (promptList?.fn) {
    const get = group.get('prompts/get');
    const dispatch = dispatchOf(get, ctx);
    for (const obj of listed(promptList.fn, 'prompts', ctx)) {
      const prompt = promptFrom(obj, ctx);
      if (!prompt) continue;
      const h = dispatch?.handlerFor(prompt.name);
      if (h) prompt.handler = h;
      const region = dispatch?.branchFor(prompt.name);
      const body = get?.fn ? promptBody(region ?? get.fn, get.fn, ctx) : undefined;
      if (body && (region || !dispatch?.dispatches)) prompt.body = body;
      index.addPrompt(promptList.receiver, promptList.call.node, prompt);
    }
  }
  const read = group.get('resources/read');
  const readRef = read ? plainHandler(read, ctx) : undefined;
  for (const [method, key, templated] of [['resources/list', 'resources', false], ['resources/templates/list', 'resourceTemplates', true]] as const) {
    const list = group.get(method);
    if (!list?.fn) continue;
    for (const obj of listed(list.fn, key, ctx)) {
      const res = resourceFrom(obj, templated, method, ctx);
      if (!res) continue;
      if (readRef) res.handler = readRef;
      index.addResource(list.receiver, list.call.node, res);
    }
  }
}

/** Objects in the `key` array of what a list handler returns (`{ tools: [...] }`, also via constants). */
function listed(fn: Node, key: string, ctx: TsContext): Node[] {
  const out: Node[] = [];
  for (const r of returnedValues(fn)) {
    const list = propsOf(r, ctx).get(key);
    for (const el of arrayElements(list, ctx) ?? []) {
      const obj = objectOf(el, ctx);
      if (obj) out.push(obj);
    }
  }
  return out;
}

/** Expressions a function returns: its expression body, or its own `return` arguments. */
function returnedValues(fn: Node): Node[] {
  const out: Node[] = [];
  const body = fn.childForFieldName('body');
  if (body && body.type !== 'statement_block') out.push(body);
  for (const r of descendantsOfType(fn, 'return_statement')) {
    if (nearestFunction(r)?.id !== fn.id) continue;
    let v = r.namedChildren[0];
    if (v?.type === 'await_expression') v = v.namedChildren[0];
    if (v) out.push(v);
  }
  return out;
}

function toolFrom(obj: Node, ctx: TsContext): ToolDef | undefined {
  const p = propsOf(obj, ctx);
  const nameNode = p.get('name');
  if (!nameNode) return undefined;
  const { name, resolved } = nameOf(nameNode, ctx);
  const tool: ToolDef = { name, nameResolved: resolved, params: [], schemaKind: 'none', api: 'setRequestHandler(ListToolsRequestSchema)', location: ctx.loc(obj) };
  const title = p.get('title');
  const description = p.get('description');
  if (title) tool.title = textOf(title, ctx);
  if (description) tool.description = textOf(description, ctx);
  const input = p.get('inputSchema');
  if (input) {
    const converted = zodConversionArg(input);
    const zod = converted ? zodParams(converted, ctx) : undefined;
    Object.assign(tool, zod ? { params: zod, schemaKind: 'zod' } : schemaOf(input, ctx));
  }
  const ann = annotationsOf(p.get('annotations'), ctx);
  if (ann) tool.annotations = ann;
  return tool;
}

/** `zodToJsonSchema(S)`, `z.toJSONSchema(S)`, `toJsonSchema(S)` → `S`. */
function zodConversionArg(node: Node): Node | undefined {
  const u = unwrap(node);
  if (u.type !== 'call_expression') return undefined;
  const fn = u.childForFieldName('function')?.text ?? '';
  if (!/(^|\.)(zodToJsonSchema|toJSONSchema|toJsonSchema)$/.test(fn)) return undefined;
  return u.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
}

function promptFrom(obj: Node, ctx: TsContext): PromptDef | undefined {
  const p = propsOf(obj, ctx);
  const nameNode = p.get('name');
  if (!nameNode) return undefined;
  const { name, resolved } = nameOf(nameNode, ctx);
  const prompt: PromptDef = { name, nameResolved: resolved, arguments: [], api: 'setRequestHandler(ListPromptsRequestSchema)', location: ctx.loc(obj) };
  const title = p.get('title');
  const description = p.get('description');
  if (title) prompt.title = textOf(title, ctx);
  if (description) prompt.description = textOf(description, ctx);
  for (const el of arrayElements(p.get('arguments'), ctx) ?? []) {
    const a = propsOf(el, ctx);
    const argName = a.get('name');
    if (!argName) continue;
    const prop: PromptDef['arguments'][number] = { name: nameOf(argName, ctx).name, required: boolOf(a.get('required'), ctx) ?? false, location: ctx.loc(el) };
    const d = a.get('description');
    if (d) prop.description = textOf(d, ctx);
    prompt.arguments.push(prop);
  }
  return prompt;
}

function resourceFrom(obj: Node, templated: boolean, method: string, ctx: TsContext): ResourceDef | undefined {
  const p = propsOf(obj, ctx);
  const uriNode = p.get(templated ? 'uriTemplate' : 'uri');
  if (!uriNode) return undefined;
  const uri = textOf(uriNode, ctx).value;
  const res: ResourceDef = {
    uri,
    isTemplate: templated,
    templateVariables: templated ? templateVariables(uri) : [],
    api: `setRequestHandler(${SCHEMA_OF_METHOD[method]})`,
    location: ctx.loc(obj),
  };
  const nameNode = p.get('name');
  if (nameNode) res.name = nameOf(nameNode, ctx).name;
  const title = p.get('title');
  const description = p.get('description');
  const mime = p.get('mimeType');
  if (title) res.title = textOf(title, ctx);
  if (description) res.description = textOf(description, ctx);
  if (mime) res.mimeType = textOf(mime, ctx).value;
  return res;
}

function plainHandler(site: HandlerSite, ctx: TsContext): HandlerRef {
  const fn = site.fn;
  const ref: HandlerRef = { location: ctx.loc(fn ?? site.expr), bindings: [] };
  const u = unwrap(site.expr);
  if (u.type === 'identifier') ref.name = u.text;
  return ref;
}

interface Dispatch {
  /** True when the handler branches on the requested name. */
  dispatches: boolean;
  branchFor(name: string): Node | undefined;
  handlerFor(name: string): HandlerRef;
}

/**
 * How a call/get handler finds the requested item: the names holding `request.params.name` and
 * `request.params.arguments`, and the `case "x":` / `if (name === "x")` branch for each name.
 */
function dispatchOf(site: HandlerSite | undefined, ctx: TsContext): Dispatch | undefined {
  const fn = site?.fn;
  if (!site || !fn) return undefined;
  const first = parameters(fn)[0];
  const paramsExprs = new Set<string>();
  const nameExprs = new Set<string>();
  const argsSeeds = new Set<string>();
  const declaredArgs: string[] = [];
  const request = first?.type === 'identifier' ? first.text : undefined;
  if (request) paramsExprs.add(`${request}.params`);
  if (first?.type === 'object_pattern') readParamsPattern(first, paramsExprs, nameExprs, argsSeeds, declaredArgs);
  const declarators = descendantsOfType(fn, 'variable_declarator');
  for (let pass = 0; pass < 2; pass++) {
    for (const d of declarators) {
      const name = d.childForFieldName('name');
      const value = d.childForFieldName('value');
      if (!name || !value) continue;
      let v = unwrap(value);
      if (v.type === 'binary_expression' && /^(\?\?|\|\|)$/.test(v.childForFieldName('operator')?.text ?? '')) v = unwrap(v.childForFieldName('left') ?? v);
      const vt = chainText(v);
      if (name.type === 'object_pattern') {
        if (request && vt === request) readParamsPattern(name, paramsExprs, nameExprs, argsSeeds, declaredArgs, true);
        else if (paramsExprs.has(vt)) readParamsPattern(name, paramsExprs, nameExprs, argsSeeds, declaredArgs);
        continue;
      }
      if (name.type !== 'identifier') continue;
      if (paramsExprs.has(vt)) paramsExprs.add(name.text);
      else if ([...paramsExprs].some((p) => vt === `${p}.name`)) nameExprs.add(name.text);
      else if ([...paramsExprs].some((p) => vt === `${p}.arguments`) || argsSeeds.has(vt)) {
        argsSeeds.add(name.text);
        if (!declaredArgs.includes(name.text)) declaredArgs.push(name.text);
      }
    }
  }
  for (const p of paramsExprs) {
    nameExprs.add(`${p}.name`);
    argsSeeds.add(`${p}.arguments`);
  }
  const aliases = argAliases(fn, argsSeeds);
  const argsObject = declaredArgs[0] ?? (request ? `${request}.params.arguments` : [...argsSeeds][0]);
  const branches = branchesOf(fn, nameExprs, ctx);
  const name = unwrap(site.expr).type === 'identifier' ? unwrap(site.expr).text : undefined;
  const ref = (location: Node, bindingsIn: Node | undefined): HandlerRef => {
    const r: HandlerRef = { location: ctx.loc(location), bindings: bindingsIn ? argReads(bindingsIn, aliases, ctx) : [] };
    if (name) r.name = name;
    if (argsObject) r.argsObject = argsObject;
    return r;
  };
  return {
    dispatches: branches.size > 0,
    branchFor: (n) => branches.get(n),
    handlerFor(n) {
      const branch = branches.get(n);
      if (branch) return ref(branch, branch);
      return ref(fn, branches.size ? undefined : fn);
    },
  };
}

/** `{ params: { name, arguments: args } }` or `{ name, arguments: args }` destructuring of the request. */
function readParamsPattern(pattern: Node, paramsExprs: Set<string>, nameExprs: Set<string>, argsSeeds: Set<string>, declaredArgs: string[], fromRequest = false): void {
  for (const el of pattern.namedChildren) {
    if (!el) continue;
    let key: string | undefined;
    let value: Node | null = null;
    if (el.type === 'shorthand_property_identifier_pattern') {
      key = el.text;
      value = el;
    } else if (el.type === 'pair_pattern') {
      key = el.childForFieldName('key')?.text;
      value = el.childForFieldName('value');
      if (value?.type === 'assignment_pattern') value = value.childForFieldName('left');
    } else if (el.type === 'object_assignment_pattern') {
      const left = el.childForFieldName('left');
      key = left?.text;
      value = left;
    }
    if (!key || !value) continue;
    const local = value.type === 'identifier' || value.type === 'shorthand_property_identifier_pattern' ? value.text : undefined;
    if (key === 'params') {
      if (value.type === 'object_pattern') readParamsPattern(value, paramsExprs, nameExprs, argsSeeds, declaredArgs);
      else if (local) paramsExprs.add(local);
      continue;
    }
    if (fromRequest) continue;
    if (key === 'name' && local) nameExprs.add(local);
    if (key === 'arguments' && local) {
      argsSeeds.add(local);
      if (!declaredArgs.includes(local)) declaredArgs.push(local);
    }
  }
}

/** `switch (name) { case "x": … }` and `if (name === "x") …` branches by item name. */
function branchesOf(fn: Node, nameExprs: ReadonlySet<string>, ctx: TsContext): Map<string, Node> {
  const out = new Map<string, Node>();
  const add = (keyNode: Node, branch: Node) => {
    const s = staticText(keyNode, ctx);
    const key = s?.complete ? s.value : unwrap(keyNode).text;
    if (!out.has(key)) out.set(key, branch);
  };
  for (const n of descendantsOfType(fn, ['switch_statement', 'if_statement'])) {
    if (n.type === 'switch_statement') {
      const value = n.childForFieldName('value');
      if (!value || !nameExprs.has(chainText(value))) continue;
      // `case "a": case "b": …` falls through: both names belong to the case that has the statements.
      let pending: Node[] = [];
      for (const c of n.childForFieldName('body')?.namedChildren ?? []) {
        const v = c?.type === 'switch_case' ? c.childForFieldName('value') : undefined;
        if (!c || !v) {
          pending = [];
          continue;
        }
        pending.push(v);
        if (c.namedChildren.some((s) => s && s.id !== v.id && s.type !== 'comment')) {
          for (const k of pending) add(k, c);
          pending = [];
        }
      }
      continue;
    }
    const cond = n.childForFieldName('condition');
    const consequence = n.childForFieldName('consequence');
    const bin = cond ? unwrap(cond) : undefined;
    if (!bin || !consequence || bin.type !== 'binary_expression') continue;
    if (!/^={2,3}$/.test(bin.childForFieldName('operator')?.text ?? '')) continue;
    const l = bin.childForFieldName('left');
    const r = bin.childForFieldName('right');
    if (!l || !r) continue;
    if (nameExprs.has(chainText(l))) add(r, consequence);
    else if (nameExprs.has(chainText(r))) add(l, consequence);
  }
  return out;
}
