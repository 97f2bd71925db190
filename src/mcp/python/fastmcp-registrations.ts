// FastMCP-style registrations (official `mcp` FastMCP/MCPServer and the standalone `fastmcp` package): decorators and add_* calls.
import type { Node } from 'web-tree-sitter';
import type { HandlerRef, PromptDef, ResourceDef, ToolDef } from '../../model/inventory.js';
import { promptBody, returnValues } from './prompt-body.js';
import type { PythonFacts } from './python-facts.js';
import type { ServerRegistry, Target } from './server-registry.js';
import { signatureParams } from './signature-params.js';
import { toolAnnotations } from './tool-annotations.js';
import { uriTemplateVariables } from './uri-template-variables.js';

type Kind = 'tool' | 'prompt' | 'resource';

/** The keyword (and positional) options a registration passes, before resolution. */
interface Options {
  name?: Node;
  title?: Node;
  description?: Node;
  annotations?: Node;
  uri?: Node;
  mimeType?: Node;
  excludeArgs?: Node;
}

interface Registration {
  kind: Kind;
  target: Target;
  /** The handler function, when it is defined in this file. */
  fn?: Node;
  /** How the handler was referenced, for the default name when its definition is elsewhere. */
  fnRef?: Node;
  /** The reference is an object whose name cannot be read from the reference (a prebuilt `Tool`). */
  opaque?: boolean;
  options: Options;
  api: string;
  location: Node;
}

const DECORATOR_KINDS = new Set<string>(['tool', 'prompt', 'resource']);

export function fastmcpRegistrations(facts: PythonFacts, registry: ServerRegistry): void {
  for (const r of collect(facts, registry)) {
    if (r.target.server?.flavor === 'lowlevel') continue;
    const lists = r.target.server?.def ?? r.target.orphan!;
    if (r.kind === 'tool') lists.tools.push(buildTool(r, facts));
    else if (r.kind === 'prompt') lists.prompts.push(buildPrompt(r, facts));
    else {
      const res = buildResource(r, facts);
      if (res) lists.resources.push(res);
    }
  }
}

function collect(facts: PythonFacts, registry: ServerRegistry): Registration[] {
  const out: Registration[] = [];

  // Node.parent walks down from the root in web-tree-sitter, so membership sets replace parent checks here.
  const decoratorCalls = new Set<number>();
  const appliedCalls = new Set<number>();
  for (const site of facts.calls) if (site.callee.type === 'call') appliedCalls.add(site.callee.id);

  for (const dd of facts.nodes('decorated_definition')) {
    const def = dd.childForFieldName('definition');
    for (const dec of dd.namedChildren) {
      if (dec?.type !== 'decorator') continue;
      const expr = dec.namedChildren[0];
      if (!expr) continue;
      decoratorCalls.add(expr.id);
      if (def?.type !== 'function_definition') continue;
      const call = expr.type === 'call' ? expr : undefined;
      const callee = call ? call.childForFieldName('function') : expr;
      if (callee?.type !== 'attribute') continue;
      const kind = callee.childForFieldName('attribute')?.text ?? '';
      if (!DECORATOR_KINDS.has(kind) || isAgentTool(def)) continue;
      const target = registry.targetFor(callee.childForFieldName('object'));
      if (!target) continue;
      out.push({ kind: kind as Kind, target, fn: def, options: call ? decoratorOptions(kind as Kind, call, facts) : {}, api: `@mcp.${kind}`, location: dec });
    }
  }

  for (const site of facts.calls) {
    const node = site.node;
    if (decoratorCalls.has(node.id)) continue;
    const callee = site.callee;
    // `mcp.tool(name="x")(fn)`: the inner call carries the options, the outer one the function.
    if (callee.type === 'call') {
      const inner = callee.childForFieldName('function');
      const kind = inner?.type === 'attribute' ? inner.childForFieldName('attribute')?.text ?? '' : '';
      if (!DECORATOR_KINDS.has(kind)) continue;
      const target = registry.targetFor(inner!.childForFieldName('object'));
      const fnRef = site.args[0];
      if (!target || !fnRef) continue;
      out.push({ kind: kind as Kind, target, fn: facts.functionFor(fnRef), fnRef, options: decoratorOptions(kind as Kind, callee, facts), api: `mcp.${kind}`, location: node });
      continue;
    }
    if (callee.type !== 'attribute') continue;
    if (appliedCalls.has(node.id)) continue;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    const receiver = callee.childForFieldName('object');
    const r = callRegistration(method, site.args, site.kwargs, node, facts);
    if (!r) continue;
    const target = registry.targetFor(receiver);
    if (target) out.push({ ...r, target });
  }

  // `FastMCP("x", tools=[fn, Tool.from_function(g)])`
  for (const server of registry.servers) {
    if (server.flavor !== 'fastmcp') continue;
    for (const item of facts.listItems(facts.arg(server.call, 'tools')) ?? []) {
      const r = fromFunctionCall('tool', item, facts) ?? { kind: 'tool' as const, fn: facts.functionFor(item), fnRef: item, options: {} };
      out.push({ ...r, target: { server }, api: 'FastMCP(tools=)', location: item });
    }
  }
  return out.sort((a, b) => a.location.startIndex - b.location.startIndex);
}

type Draft = Omit<Registration, 'target'>;

/** `mcp.tool(fn, …)`, `mcp.add_tool(fn | Tool.from_function(fn, …))`, `mcp.add_prompt(…)`, `mcp.add_resource(…)`. */
function callRegistration(method: string, args: Node[], kwargs: Map<string, Node>, node: Node, facts: PythonFacts): Draft | undefined {
  const first = args[0] ?? kwargs.get('fn') ?? kwargs.get('tool') ?? kwargs.get('prompt') ?? kwargs.get('resource');
  switch (method) {
    case 'tool':
    case 'prompt': {
      const fn = first ? facts.functionFor(first) : undefined;
      if (!fn) return undefined; // `mcp.tool(name="x")` alone is a decorator factory, handled when applied
      return { kind: method, fn, fnRef: first, options: keywordOptions(method, kwargs), api: `mcp.${method}`, location: node };
    }
    case 'add_tool': {
      if (!first) return undefined;
      const wrapped = fromFunctionCall('tool', first, facts);
      if (wrapped) return { ...wrapped, api: 'mcp.add_tool', location: node };
      const fn = facts.functionFor(first);
      if (!fn && first.type !== 'identifier') return undefined;
      // A name bound in this file to something other than a function is a prebuilt tool object of unknown name.
      const opaque = !fn && facts.assignments.has(first.text);
      return { kind: 'tool', fn, fnRef: first, opaque, options: { ...keywordOptions('tool', kwargs), name: kwargs.get('name') ?? args[1] }, api: 'mcp.add_tool', location: node };
    }
    case 'add_prompt': {
      const wrapped = first ? fromFunctionCall('prompt', first, facts) : undefined;
      return wrapped ? { ...wrapped, api: 'mcp.add_prompt', location: node } : undefined;
    }
    case 'add_resource':
    case 'add_template': {
      const wrapped = first ? fromFunctionCall('resource', first, facts) : undefined;
      if (wrapped) return { ...wrapped, api: `mcp.${method}`, location: node };
      // `TextResource(uri=…, text=…)`, `FileResource(uri=…, path=…)`, `FunctionResource(uri=…, fn=…)`
      const ctor = facts.resolve(first);
      const site = ctor?.type === 'call' ? facts.callSite(ctor) : undefined;
      const uri = site?.kwargs.get('uri') ?? site?.kwargs.get('uri_template');
      if (!site || !uri) return undefined;
      const fnRef = site.kwargs.get('fn');
      return { kind: 'resource', fn: fnRef ? facts.functionFor(fnRef) : undefined, fnRef, options: { ...keywordOptions('resource', site.kwargs), uri }, api: `mcp.${method}`, location: node };
    }
    case 'add_resource_fn': {
      const fn = first ? facts.functionFor(first) : undefined;
      const uri = kwargs.get('uri') ?? args[1];
      if (!first || !uri) return undefined;
      return { kind: 'resource', fn, fnRef: first, options: { ...keywordOptions('resource', kwargs), uri }, api: 'mcp.add_resource_fn', location: node };
    }
    default:
      return undefined;
  }
}

/** `Tool.from_function(fn, name=…)`, `Prompt.from_function(…)`, `FunctionResource.from_function(fn, uri=…)`. */
function fromFunctionCall(kind: Kind, expr: Node, facts: PythonFacts): Omit<Draft, 'api' | 'location'> | undefined {
  const call = facts.resolve(expr);
  if (call?.type !== 'call') return undefined;
  const fnNode = call.childForFieldName('function');
  if (fnNode?.type !== 'attribute' || fnNode.childForFieldName('attribute')?.text !== 'from_function') return undefined;
  const site = facts.callSite(call);
  const fnRef = site?.args[0] ?? site?.kwargs.get('fn');
  if (!site || !fnRef) return undefined;
  const options = keywordOptions(kind, site.kwargs);
  if (kind === 'resource') options.uri = site.kwargs.get('uri') ?? site.kwargs.get('uri_template') ?? site.args[1];
  return { kind, fn: facts.functionFor(fnRef), fnRef, options };
}

function decoratorOptions(kind: Kind, call: Node, facts: PythonFacts): Options {
  const site = facts.callSite(call);
  if (!site) return {};
  const options = keywordOptions(kind, site.kwargs);
  const first = site.args[0];
  if (kind === 'resource') options.uri ??= first;
  else if (first && !options.name) options.name = first; // `@mcp.tool("name")` (both SDKs take the name first)
  return options;
}

function keywordOptions(kind: Kind, kw: Map<string, Node>): Options {
  const o: Options = {};
  const set = (key: keyof Options, node: Node | undefined) => {
    if (node) o[key] = node;
  };
  set('name', kw.get('name'));
  set('title', kw.get('title'));
  set('description', kw.get('description'));
  if (kind === 'tool') {
    set('annotations', kw.get('annotations'));
    set('excludeArgs', kw.get('exclude_args'));
  }
  if (kind === 'resource') {
    set('uri', kw.get('uri'));
    set('mimeType', kw.get('mime_type'));
  }
  return o;
}

function resolveName(r: Registration, facts: PythonFacts): { name: string; nameResolved: boolean } {
  const n = r.options.name;
  if (n && !facts.isNone(n)) {
    const tv = facts.text(n);
    return tv.origin === 'dynamic' ? { name: n.text, nameResolved: false } : { name: tv.value, nameResolved: true };
  }
  const fnName = r.fn?.type === 'function_definition' ? r.fn.childForFieldName('name')?.text : undefined;
  if (fnName) return { name: fnName, nameResolved: true };
  if (r.fn?.type === 'lambda') return { name: '<lambda>', nameResolved: true };
  const ref = r.fnRef;
  // The standalone package's add_tool() takes a Tool object, whose name the reference does not tell.
  const opaque = r.opaque || (r.api === 'mcp.add_tool' && r.target.server?.def.sdk.package === 'fastmcp');
  if (ref?.type === 'identifier' && !opaque) {
    const imp = facts.imports.get(ref.text);
    // `from tools import search as s` registers a function whose __name__ is still `search`.
    return { name: imp && imp.imported !== '*' ? imp.imported : ref.text, nameResolved: true };
  }
  if (ref?.type === 'attribute' && !opaque) return { name: ref.childForFieldName('attribute')?.text ?? ref.text, nameResolved: true };
  return { name: ref?.text ?? '', nameResolved: false };
}

function describe(r: Registration, facts: PythonFacts) {
  const d = r.options.description;
  if (d && !facts.isNone(d)) return facts.text(d);
  return r.fn?.type === 'function_definition' ? facts.docstring(r.fn) : undefined;
}

function handlerOf(fn: Node, bindings: HandlerRef['bindings'], facts: PythonFacts): HandlerRef {
  const h: HandlerRef = { location: facts.loc(fn), bindings };
  const name = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  if (name) h.name = name;
  return h;
}

function buildTool(r: Registration, facts: PythonFacts): ToolDef {
  const tool: ToolDef = { ...resolveName(r, facts), params: [], schemaKind: 'dynamic', api: r.api, location: facts.loc(r.location) };
  if (r.options.title && !facts.isNone(r.options.title)) tool.title = facts.text(r.options.title);
  const description = describe(r, facts);
  if (description) tool.description = description;
  if (r.fn) {
    const exclude = new Set((facts.listItems(r.options.excludeArgs) ?? []).map((n) => facts.stringValue(n)).filter((s): s is string => s !== undefined));
    const sig = signatureParams(r.fn, facts, exclude);
    tool.params = sig.params;
    tool.schemaKind = 'signature';
    tool.handler = handlerOf(r.fn, sig.bindings, facts);
  }
  const annotations = toolAnnotations(r.options.annotations, facts);
  if (annotations) tool.annotations = annotations;
  return tool;
}

function buildPrompt(r: Registration, facts: PythonFacts): PromptDef {
  const prompt: PromptDef = { ...resolveName(r, facts), arguments: [], api: r.api, location: facts.loc(r.location) };
  if (r.options.title && !facts.isNone(r.options.title)) prompt.title = facts.text(r.options.title);
  const description = describe(r, facts);
  if (description) prompt.description = description;
  if (r.fn) {
    const sig = signatureParams(r.fn, facts);
    prompt.arguments = sig.params;
    const body = promptBody(returnValues(r.fn), facts);
    if (body) prompt.body = body;
    prompt.handler = handlerOf(r.fn, sig.bindings, facts);
  }
  return prompt;
}

function buildResource(r: Registration, facts: PythonFacts): ResourceDef | undefined {
  const uriNode = r.options.uri;
  if (!uriNode) return undefined;
  const uriValue = facts.stringValue(uriNode);
  const uri = uriValue ?? uriNode.text;
  const templateVariables = uriValue === undefined ? [] : uriTemplateVariables(uriValue);
  const sig = r.fn ? signatureParams(r.fn, facts) : undefined;
  const res: ResourceDef = {
    uri,
    // The SDKs register a template when the URI has `{…}` or the function takes parameters.
    isTemplate: templateVariables.length > 0 || (sig?.params.length ?? 0) > 0,
    templateVariables,
    api: r.api,
    location: facts.loc(r.location),
  };
  const name = resolveName(r, facts);
  if (name.name && name.nameResolved) res.name = name.name;
  if (r.options.title && !facts.isNone(r.options.title)) res.title = facts.text(r.options.title);
  const description = describe(r, facts);
  if (description) res.description = description;
  const mime = facts.stringValue(r.options.mimeType);
  if (mime !== undefined) res.mimeType = mime;
  if (r.fn && sig) res.handler = handlerOf(r.fn, sig.bindings, facts);
  return res;
}

/** pydantic-ai's `@agent.tool` functions take a `RunContext` first; they share the decorator name. */
function isAgentTool(fn: Node): boolean {
  const first = fn.childForFieldName('parameters')?.namedChildren[0];
  return !!first && /\bRunContext\b/.test(first.text);
}
