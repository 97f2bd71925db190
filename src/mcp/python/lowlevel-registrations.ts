// Low-level `mcp.server.lowlevel.Server` servers: tools/prompts/resources listed by handlers, dispatched by name in call handlers.
import type { Node } from 'web-tree-sitter';
import type { HandlerRef, ParamBinding, PromptDef, ResourceDef, SchemaProperty, ToolDef } from '../../model/inventory.js';
import { spanToLocation, type Location } from '../../model/location.js';
import { descendantsOfType, walk } from '../../parse/walk.js';
import { jsonSchemaParams } from './json-schema-params.js';
import { promptBody, returnValues } from './prompt-body.js';
import { comparisonOperator, unwrapFallback, type PythonFacts } from './python-facts.js';
import type { ServerRegistry, Target } from './server-registry.js';
import { toolAnnotations } from './tool-annotations.js';
import { uriTemplateVariables } from './uri-template-variables.js';

const METHODS = ['list_tools', 'call_tool', 'list_prompts', 'get_prompt', 'list_resources', 'list_resource_templates', 'read_resource'] as const;
type Method = (typeof METHODS)[number];

const TOOL = new Set(['mcp.types.Tool', 'mcp.Tool']);
const PROMPT = new Set(['mcp.types.Prompt', 'mcp.Prompt']);
const PROMPT_ARGUMENT = new Set(['mcp.types.PromptArgument', 'mcp.PromptArgument']);
const RESOURCE = new Set(['mcp.types.Resource', 'mcp.Resource']);
const RESOURCE_TEMPLATE = new Set(['mcp.types.ResourceTemplate', 'mcp.ResourceTemplate']);
/** Wrappers that keep an argument's value (`str(arguments["x"])`) when looking for the local that holds it. */
const CONVERTERS = new Set(['str', 'int', 'float', 'bool', 'list', 'dict', 'tuple', 'set', 'Path', 'pathlib.Path']);
const MAX_WRAPPERS = 6;

interface Group {
  target: Target;
  /** `decorator`: `@server.call_tool()` handlers get `(name, arguments)`; `constructor`: `Server(on_call_tool=…)` handlers get `(ctx, params)`. */
  style: 'decorator' | 'constructor';
  handlers: Map<Method, Node[]>;
}

interface Dispatch {
  fn: Node;
  /** Expression text holding the requested name / the arguments object / the resource URI. */
  nameExpr?: string;
  argsExpr?: string;
}

export function lowlevelRegistrations(facts: PythonFacts, registry: ServerRegistry): void {
  for (const g of collectGroups(facts, registry)) {
    const lists = g.target.server?.def ?? g.target.orphan!;
    const api = (m: Method) => (g.style === 'decorator' ? `@server.${m}` : `Server(on_${m}=)`);
    const first = (m: Method) => g.handlers.get(m)?.[0];

    const callTool = dispatchOf(first('call_tool'), g.style, 'arguments');
    for (const call of constructorCalls(g.handlers.get('list_tools') ?? [], TOOL, facts)) lists.tools.push(buildTool(call, callTool, api('list_tools'), facts));

    const getPrompt = dispatchOf(first('get_prompt'), g.style, 'arguments');
    const prompts = constructorCalls(g.handlers.get('list_prompts') ?? [], PROMPT, facts);
    for (const call of prompts) lists.prompts.push(buildPrompt(call, getPrompt, prompts.length === 1, api('list_prompts'), facts));

    const readResource = dispatchOf(first('read_resource'), g.style, 'uri');
    for (const call of constructorCalls(g.handlers.get('list_resources') ?? [], RESOURCE, facts)) {
      const r = buildResource(call, false, readResource, api('list_resources'), facts);
      if (r) lists.resources.push(r);
    }
    for (const call of constructorCalls(g.handlers.get('list_resource_templates') ?? [], RESOURCE_TEMPLATE, facts)) {
      const r = buildResource(call, true, readResource, api('list_resource_templates'), facts);
      if (r) lists.resources.push(r);
    }
  }
}

function collectGroups(facts: PythonFacts, registry: ServerRegistry): Group[] {
  const groups = new Map<string, Group>();
  const groupOf = (target: Target, style: Group['style']): Group => {
    const key = target.server ? `s:${target.server.def.id}` : `o:${target.orphan!.receiver}`;
    let g = groups.get(key);
    if (!g) {
      g = { target, style, handlers: new Map() };
      groups.set(key, g);
    }
    return g;
  };
  const add = (g: Group, m: Method, fn: Node) => g.handlers.set(m, [...(g.handlers.get(m) ?? []), fn]);

  for (const dd of facts.nodes('decorated_definition')) {
    const def = dd.childForFieldName('definition');
    if (def?.type !== 'function_definition') continue;
    for (const dec of dd.namedChildren) {
      const call = dec?.type === 'decorator' ? dec.namedChildren[0] : undefined;
      const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
      if (callee?.type !== 'attribute') continue;
      const m = callee.childForFieldName('attribute')?.text as Method;
      if (!METHODS.includes(m)) continue;
      const target = registry.targetFor(callee.childForFieldName('object'));
      if (!target || target.server?.flavor === 'fastmcp') continue;
      add(groupOf(target, 'decorator'), m, def);
    }
  }
  for (const server of registry.servers) {
    if (server.flavor !== 'lowlevel') continue;
    for (const m of METHODS) {
      const fn = facts.functionFor(facts.arg(server.call, `on_${m}`));
      if (fn) add(groupOf({ server }, 'constructor'), m, fn);
    }
  }
  return [...groups.values()];
}

/** Names of a function's parameters in order. */
function paramNames(fn: Node): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const n = p.type === 'identifier' ? p : p.type === 'typed_parameter' ? p.namedChildren[0] : p.childForFieldName('name');
    if (n?.type === 'identifier') out.push(n.text);
  }
  return out;
}

function dispatchOf(fn: Node | undefined, style: Group['style'], argsField: 'arguments' | 'uri'): Dispatch | undefined {
  if (!fn) return undefined;
  const names = paramNames(fn).filter((n, i) => !(i === 0 && (n === 'self' || n === 'cls')));
  if (style === 'constructor') {
    const params = names[1];
    return params ? { fn, nameExpr: `${params}.name`, argsExpr: `${params}.${argsField}` } : { fn };
  }
  if (argsField === 'uri') return { fn, nameExpr: names[0] };
  return { fn, nameExpr: names[0], argsExpr: names[1] };
}

/** Constructor calls (`types.Tool(...)`) made by the list handlers, by names they use, or by helpers they call. */
function constructorCalls(fns: readonly Node[], ctors: ReadonlySet<string>, facts: PythonFacts): Node[] {
  const regions = new Map<number, Node>();
  for (const fn of fns) {
    regions.set(fn.id, fn);
    for (const id of descendantsOfType(fn, 'identifier')) {
      const value = facts.singleValue(id);
      if (value && !within(value, fn)) regions.set(value.id, value);
    }
    for (const call of descendantsOfType(fn, 'call')) {
      const callee = call.childForFieldName('function');
      const helper = callee?.type === 'identifier' ? facts.functionsNamed(callee.text)[0] : undefined;
      if (helper && helper.id !== fn.id) regions.set(helper.id, helper);
    }
  }
  const found = new Map<number, Node>();
  for (const region of regions.values()) {
    for (const call of descendantsOfType(region, 'call')) if (ctors.has(facts.calleeOf(call) ?? '')) found.set(call.id, call);
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex);
}

function within(node: Node, container: Node): boolean {
  return node.startIndex >= container.startIndex && node.endIndex <= container.endIndex;
}

function nameOf(call: Node, facts: PythonFacts): { name: string; nameResolved: boolean } {
  const n = facts.arg(call, 'name');
  if (!n) return { name: '', nameResolved: false };
  const tv = facts.text(n);
  return tv.origin === 'dynamic' ? { name: n.text, nameResolved: false } : { name: tv.value, nameResolved: true };
}

function buildTool(call: Node, dispatch: Dispatch | undefined, api: string, facts: PythonFacts): ToolDef {
  const id = nameOf(call, facts);
  const schema = jsonSchemaParams(facts.arg(call, ['inputSchema', 'input_schema']), facts);
  const tool: ToolDef = { ...id, params: schema.params, schemaKind: schema.kind, api, location: facts.loc(call) };
  const title = facts.arg(call, 'title');
  if (title) tool.title = facts.text(title);
  const description = facts.arg(call, 'description');
  if (description && !facts.isNone(description)) tool.description = facts.text(description);
  const annotations = toolAnnotations(facts.arg(call, 'annotations'), facts);
  if (annotations) tool.annotations = annotations;
  if (dispatch) tool.handler = dispatchHandler(dispatch, id, { params: schema.kind === 'dynamic' ? undefined : schema.params }, facts).handler;
  return tool;
}

function buildPrompt(call: Node, dispatch: Dispatch | undefined, only: boolean, api: string, facts: PythonFacts): PromptDef {
  const id = nameOf(call, facts);
  const args: SchemaProperty[] = [];
  for (const a of facts.listItems(facts.arg(call, 'arguments')) ?? []) {
    const arg = facts.resolve(a);
    if (arg?.type !== 'call' || !PROMPT_ARGUMENT.has(facts.calleeOf(arg) ?? '')) continue;
    const nameNode = facts.arg(arg, 'name');
    const prop: SchemaProperty = { name: facts.stringValue(nameNode) ?? nameNode?.text ?? '', required: facts.bool(facts.arg(arg, 'required')) ?? false, location: facts.loc(arg) };
    const d = facts.arg(arg, 'description');
    if (d && !facts.isNone(d)) prop.description = facts.text(d);
    args.push(prop);
  }
  const prompt: PromptDef = { ...id, arguments: args, api, location: facts.loc(call) };
  const title = facts.arg(call, 'title');
  if (title) prompt.title = facts.text(title);
  const description = facts.arg(call, 'description');
  if (description && !facts.isNone(description)) prompt.description = facts.text(description);
  if (dispatch) {
    const { handler, region } = dispatchHandler(dispatch, id, { params: args }, facts);
    prompt.handler = handler;
    // The body is only this prompt's when the handler branches on its name or serves a single prompt.
    if (region || only) {
      const body = promptBody(returnValues(dispatch.fn, region ?? dispatch.fn), facts);
      if (body) prompt.body = body;
    }
  }
  return prompt;
}

function buildResource(call: Node, template: boolean, dispatch: Dispatch | undefined, api: string, facts: PythonFacts): ResourceDef | undefined {
  let uriNode = facts.arg(call, template ? ['uriTemplate', 'uri_template'] : ['uri']);
  if (!uriNode) return undefined;
  const resolved = facts.resolve(uriNode);
  if (resolved?.type === 'call' && /(?:^|\.)(?:AnyUrl|str)$/.test(resolved.childForFieldName('function')?.text ?? '')) uriNode = facts.callSite(resolved)?.args[0] ?? uriNode;
  const uriValue = facts.stringValue(uriNode);
  const uri = uriValue ?? uriNode.text;
  const templateVariables = uriValue === undefined ? [] : uriTemplateVariables(uriValue);
  const res: ResourceDef = { uri, isTemplate: template || templateVariables.length > 0, templateVariables, api, location: facts.loc(call) };
  const name = facts.stringValue(facts.arg(call, 'name'));
  if (name !== undefined) res.name = name;
  const title = facts.arg(call, 'title');
  if (title) res.title = facts.text(title);
  const description = facts.arg(call, 'description');
  if (description && !facts.isNone(description)) res.description = facts.text(description);
  const mime = facts.stringValue(facts.arg(call, ['mimeType', 'mime_type']));
  if (mime !== undefined) res.mimeType = mime;
  if (dispatch) res.handler = dispatchHandler(dispatch, uriValue === undefined ? { name: uri, nameResolved: false } : { name: uriValue, nameResolved: true }, undefined, facts).handler;
  return res;
}

/**
 * The handler of one listed item: the branch that tests the requested name against it (else the whole function),
 * with bindings for `arguments["p"]` / `arguments.get("p")` inside it. `inputs` is undefined for resources, whose
 * handlers take a URI rather than an arguments object.
 */
function dispatchHandler(
  d: Dispatch,
  id: { name: string; nameResolved: boolean },
  inputs: { params: readonly SchemaProperty[] | undefined } | undefined,
  facts: PythonFacts,
): { handler: HandlerRef; region?: Node } {
  const branch = id.nameResolved && d.nameExpr ? findBranch(d.fn, d.nameExpr, id.name, facts) : undefined;
  const handler: HandlerRef = { location: branch?.location ?? facts.loc(d.fn), bindings: [] };
  const fnName = d.fn.childForFieldName('name')?.text;
  if (fnName) handler.name = fnName;
  if (d.argsExpr && inputs) {
    handler.argsObject = d.argsExpr;
    // With a known schema only its properties count; a dynamic schema accepts whatever the handler reads.
    const known = inputs.params?.length ? new Set(inputs.params.map((p) => p.name)) : undefined;
    handler.bindings = argumentBindings(d.fn, branch?.region ?? d.fn, d.argsExpr, known, facts);
  }
  return { handler, region: branch?.region };
}

/** Text of a compared expression with parentheses, `or {}` fallbacks and `str(...)` removed. */
function comparedText(n: Node): string {
  let cur = unwrapFallback(n);
  if (cur.type === 'call' && cur.childForFieldName('function')?.text === 'str') cur = cur.childForFieldName('arguments')?.namedChildren[0] ?? cur;
  return unwrapFallback(cur).text;
}

function conditionMatches(cond: Node, nameExpr: string, value: string, facts: PythonFacts): boolean {
  const stack = [cond];
  for (let steps = 0; stack.length && steps < 64; steps++) {
    const n = stack.pop()!;
    if (n.type === 'boolean_operator') {
      for (const c of [n.childForFieldName('left'), n.childForFieldName('right')]) if (c) stack.push(c);
    } else if (n.type === 'parenthesized_expression' && n.namedChildren[0]) stack.push(n.namedChildren[0]);
    else if (n.type === 'comparison_operator') {
      const [a, b] = n.namedChildren;
      if (!a || !b) continue;
      const op = comparisonOperator(n);
      if (op === '==') {
        if (comparedText(a) === nameExpr && facts.stringValue(b) === value) return true;
        if (comparedText(b) === nameExpr && facts.stringValue(a) === value) return true;
      } else if (op === 'in' && comparedText(a) === nameExpr) {
        if ((facts.listItems(b) ?? []).some((i) => facts.stringValue(i) === value)) return true;
      }
    }
  }
  return false;
}

function findBranch(fn: Node, nameExpr: string, value: string, facts: PythonFacts): { region: Node; location: Location } | undefined {
  for (const n of descendantsOfType(fn, ['if_statement', 'elif_clause', 'match_statement'])) {
    if (n.type === 'match_statement') {
      const subject = n.childForFieldName('subject');
      if (!subject || comparedText(subject) !== nameExpr) continue;
      for (const c of n.childForFieldName('body')?.namedChildren ?? []) {
        if (c?.type !== 'case_clause') continue;
        const patterns = descendantsOfType(c.namedChildren.find((x) => x?.type === 'case_pattern') ?? c, ['string', 'dotted_name']);
        const body = c.childForFieldName('consequence');
        if (body && patterns.some((p) => facts.stringValue(p) === value)) return { region: body, location: facts.loc(c) };
      }
      continue;
    }
    const cond = n.childForFieldName('condition');
    const body = n.childForFieldName('consequence');
    if (!cond || !body || !conditionMatches(cond, nameExpr, value, facts)) continue;
    return { region: body, location: spanToLocation(facts.path, { start: n.startPosition, end: body.endPosition }) };
  }
  return undefined;
}

function argumentBindings(fn: Node, region: Node, argsExpr: string, known: ReadonlySet<string> | undefined, facts: PythonFacts): ParamBinding[] {
  // Names that hold the arguments object (`args = arguments or {}`) or a model validated from it.
  const objects = new Set([argsExpr]);
  const models = new Set<string>();
  for (const a of descendantsOfType(fn, 'assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const r = unwrapFallback(right);
    if (objects.has(r.text)) objects.add(left.text);
    else if (r.type === 'call') {
      const site = facts.callSite(r);
      const callee = r.childForFieldName('function');
      const splat = r.childForFieldName('arguments')?.namedChildren.some((x) => x?.type === 'dictionary_splat' && objects.has(unwrapFallback(x.namedChildren[0] ?? x).text));
      const arg0 = site?.args[0] ? unwrapFallback(site.args[0]).text : undefined;
      if (callee?.text === 'dict' && arg0 && objects.has(arg0)) objects.add(left.text);
      else if (splat || callee?.type === 'attribute' && /^(model_validate|parse_obj|validate)$/.test(callee.childForFieldName('attribute')?.text ?? '') && arg0 && objects.has(arg0)) models.add(left.text);
    }
  }

  const out: ParamBinding[] = [];
  const seen = new Set<string>();
  walk(region, (n) => {
    let param: string | undefined;
    if (n.type === 'subscript') {
      const value = n.childForFieldName('value');
      if (value && objects.has(unwrapFallback(value).text)) param = facts.stringValue(n.childForFieldName('subscript'));
    } else if (n.type === 'call') {
      const callee = n.childForFieldName('function');
      const obj = callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'get' ? callee.childForFieldName('object') : undefined;
      if (obj && objects.has(unwrapFallback(obj).text)) param = facts.stringValue(facts.callSite(n)?.args[0]);
    } else if (n.type === 'attribute') {
      const obj = n.childForFieldName('object');
      if (obj?.type === 'identifier' && models.has(obj.text)) param = n.childForFieldName('attribute')?.text;
    }
    if (param === undefined || (known && !known.has(param))) return true;
    const local = localFor(n);
    const key = `${param}\0${local}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ param, local, location: facts.loc(n) });
    }
    return false;
  });
  return out;
}

/** The variable an argument read is stored in (`p = str(arguments["p"])` → `p`), else the read expression itself. */
function localFor(occurrence: Node): string {
  let cur = occurrence;
  for (let i = 0; i < MAX_WRAPPERS; i++) {
    const p = cur.parent;
    if (!p) break;
    if (p.type === 'assignment' && p.childForFieldName('right')?.id === cur.id) {
      const left = p.childForFieldName('left');
      return left?.type === 'identifier' ? left.text : occurrence.text;
    }
    if (p.type === 'boolean_operator' || p.type === 'parenthesized_expression' || p.type === 'await') cur = p;
    else if (p.type === 'argument_list' && p.parent?.type === 'call' && CONVERTERS.has(p.parent.childForFieldName('function')?.text ?? '')) cur = p.parent;
    else break;
  }
  return occurrence.text;
}
