// Tool, prompt and resource registrations in a Go file (mcp-go AddTool/AddTools/…, go-sdk mcp.AddTool/Server.Add…), per server or orphaned.
import type { Node } from 'web-tree-sitter';
import type { HandlerRef, PromptDef, ResourceDef, TextValue, ToolDef } from '../../model/inventory.js';
import { staticString } from '../../parse/static-value.js';
import { ancestor } from '../../parse/walk.js';
import type { GoFile, SdkFamily } from './go-file.js';
import { goSdkPrompt, goSdkResource, goSdkTool } from './go-sdk-definitions.js';
import { functionBody, literalElements, literalFields, returnValues, unwrap, unwrapWithType } from './go-syntax.js';
import { handlerRef, resolveHandler } from './handler-ref.js';
import { mcpGoPrompt, mcpGoResource, mcpGoTool, type PromptShape, type ResourceShape, type ToolShape } from './mcp-go-definitions.js';
import { receiverIsServer, receiverName, receiverNameIsServer, type ServerEntry, type ServerIndex } from './server-index.js';
import { structFields, structTypeOf } from './struct-params.js';

export interface Registered {
  tools: ToolDef[];
  prompts: PromptDef[];
  resources: ResourceDef[];
}

export interface Registrations {
  perServer: Map<ServerEntry, Registered>;
  /** By receiver name, in order of first registration. `''` holds definitions no registration in this file uses. */
  orphans: Map<string, Registered>;
}

type Kind = 'tools' | 'prompts' | 'resources';
type Target = { entry: ServerEntry } | { receiver: string };
/** A registration whose definition could not be read here, with the registering call. */
type Placeholder = { kind: Kind; target: Target; def: ToolDef | PromptDef | ResourceDef; at: Node };

const METHODS = new Set(['AddTool', 'AddRawTool', 'AddTools', 'SetTools', 'AddPrompt', 'AddPrompts', 'AddResource', 'AddResources', 'AddResourceTemplate', 'AddResourceTemplates']);
/** The struct field holding the definition in mcp-go's ServerTool / ServerPrompt / ServerResource / ServerResourceTemplate. */
const BUNDLE_FIELD: Record<string, string> = { AddTools: 'Tool', SetTools: 'Tool', AddPrompts: 'Prompt', AddResources: 'Resource', AddResourceTemplates: 'Template' };
/** mcp-go constructors whose definitions count even when no registration in this file uses them. */
const UNREGISTERED_CTORS = new Set(['NewTool', 'NewToolWithRawSchema', 'NewPrompt', 'NewResource', 'NewResourceTemplate']);

export function collectRegistrations(file: GoFile, index: ServerIndex): Registrations {
  const out: Registrations = { perServer: new Map(), orphans: new Map() };
  const consumed = new Set<number>();
  /** Registrations whose definition could not be read here (loops, other files), by kind. */
  const placeholders: Placeholder[] = [];

  const bucket = (t: Target): Registered => {
    if ('entry' in t) {
      let r = out.perServer.get(t.entry);
      if (!r) out.perServer.set(t.entry, (r = { tools: [], prompts: [], resources: [] }));
      return r;
    }
    let r = out.orphans.get(t.receiver);
    if (!r) out.orphans.set(t.receiver, (r = { tools: [], prompts: [], resources: [] }));
    return r;
  };

  for (const info of file.callsNamed([...METHODS], file.sdkCalls())) {
    const call = info.site;
    const node = call.node;
    const sdk = info.sdk;
    if (sdk && sdk.family === 'go-sdk' && sdk.pkg === 'mcp' && sdk.member === 'AddTool') {
      const [recv, toolExpr, handlerExpr] = info.args;
      if (!recv || !toolExpr) continue;
      const target = targetOf(file, index, recv);
      const shape = goSdkTool(file, toolExpr);
      const def = shape ? toolFrom(shape, 'mcp.AddTool', node, file) : placeholderTool(file, toolExpr, 'mcp.AddTool', node);
      if (shape) consumed.add(defKey(file, shape.definition));
      def.handler = handlerRef(file, handlerExpr, { typedInput: true, tagStyle: 'go-sdk' });
      if (!def.handler) delete def.handler;
      if (def.schemaKind === 'none' && handlerExpr) inferTypedSchema(file, def, handlerExpr);
      if (shape) bucket(target).tools.push(def);
      else placeholders.push({ kind: 'tools', target, def, at: node });
      continue;
    }
    if (info.fnType !== 'selector_expression' || info.q) continue;
    const method = info.field ?? '';
    if (!METHODS.has(method)) continue;
    // `s.AddTool(…)`: a plainly written receiver is resolved by its name and position, its node fetched only if needed.
    const plain = info.operandText;
    const recv = plain === undefined ? info.operand : undefined;
    if (plain === undefined && !recv) continue;
    const at = node.startIndex;
    const recvNode = () => recv ?? info.operand!;
    const entry = plain !== undefined ? index.resolveAt(plain, at, recvNode) : index.resolve(recv!);
    const confirmed = !!entry || (plain !== undefined ? receiverNameIsServer(file, plain, at, recvNode) : receiverIsServer(file, recv!));
    const family: SdkFamily | undefined = entry?.family;
    const target: Target = entry ? { entry } : { receiver: plain ?? receiverName(recv!) };
    let args = info.args;

    if (BUNDLE_FIELD[method]) {
      for (const el of bundleElements(file, args)) {
        const f = literalFields(el);
        const defExpr = f.get(BUNDLE_FIELD[method]!);
        const handlerExpr = f.get('Handler');
        if (!defExpr) continue;
        const kind: Kind = method.includes('Tool') ? 'tools' : method.includes('Prompt') ? 'prompts' : 'resources';
        const made = makeDef(file, kind, method === 'AddResourceTemplates', 'mcp-go', defExpr, handlerExpr, el, consumed);
        if (made) bucket(target)[kind].push(made as never);
        else if (confirmed && kind === 'tools') placeholders.push({ kind, target, def: withHandler(file, placeholderTool(file, defExpr, 'MCPServer.' + method, el), handlerExpr, 'mcp-go'), at: el });
      }
      continue;
    }

    // `s.AddTool(GetMe())`: one call returning both the definition and its handler.
    if (args.length === 1 && unwrapWithType(args[0]!)[1] === 'call_expression') {
      const a0 = args[0]!;
      const d = file.returnedBy(a0, 0)[0];
      const h = file.returnedBy(a0, 1)[0];
      if (d && h) args = [d, h];
    }
    const [defExpr, handlerExpr] = args;
    if (!defExpr) continue;
    const kind: Kind = method === 'AddTool' || method === 'AddRawTool' ? 'tools' : method === 'AddPrompt' ? 'prompts' : 'resources';
    const template = method === 'AddResourceTemplate';
    const made = makeDef(file, kind, template, family, defExpr, handlerExpr, node, consumed, method);
    if (made) bucket(target)[kind].push(made as never);
    else if (confirmed) {
      const fam = family ?? soleFamily(file);
      const api = `${fam === 'go-sdk' ? 'Server' : 'MCPServer'}.${method}`;
      const def = kind === 'tools' ? placeholderTool(file, defExpr, api, node) : kind === 'prompts' ? placeholderPrompt(file, defExpr, api, node) : placeholderResource(file, defExpr, api, node, template);
      placeholders.push({ kind, target, def: withHandler(file, def, handlerExpr, fam), at: node });
    }
  }

  addUnconsumed(file, index, out, consumed, placeholders, bucket);
  return out;
}

function soleFamily(file: GoFile): SdkFamily | undefined {
  const fams = file.sdkImports().map((s) => s.api as SdkFamily);
  return fams.length === 1 ? fams[0] : undefined;
}

function targetOf(file: GoFile, index: ServerIndex, recv: Node): Target {
  const entry = index.resolve(recv);
  return entry ? { entry } : { receiver: receiverName(recv) };
}

/** Elements passed to AddTools / AddPrompts…: literals, `list...` of a slice literal, or same-file factories returning them. */
function bundleElements(file: GoFile, args: Node[]): Node[] {
  const out: Node[] = [];
  for (const a of args) {
    let exprs: Node[] = [a];
    if (a.type === 'variadic_argument' && a.namedChildren[0]) {
      const v = file.resolve(a.namedChildren[0]);
      exprs = v.type === 'call_expression' ? file.returnedBy(v).flatMap((r) => literalElements(file.resolve(r))) : literalElements(v);
    }
    for (const e0 of exprs) {
      const e = file.resolve(e0);
      if (e.type === 'call_expression') out.push(...file.returnedBy(e).map((r) => file.resolve(r)));
      else out.push(e);
    }
  }
  return out.filter((e) => literalFields(e).size > 0);
}

function makeDef(file: GoFile, kind: Kind, template: boolean, family: SdkFamily | undefined, defExpr: Node, handlerExpr: Node | undefined, at: Node, consumed: Set<number>, method = 'AddTool'): ToolDef | PromptDef | ResourceDef | undefined {
  if (kind === 'tools') {
    const shape = family === 'go-sdk' ? goSdkTool(file, defExpr) : family === 'mcp-go' ? mcpGoTool(file, defExpr) : (mcpGoTool(file, defExpr) ?? goSdkTool(file, defExpr));
    if (!shape) return undefined;
    consumed.add(defKey(file, shape.definition));
    const fam = family ?? familyOfShape(file, shape.definition);
    const def = toolFrom(shape, fam === 'go-sdk' ? `Server.${method}` : shape.api, at, file);
    return withHandler(file, def, handlerExpr, fam);
  }
  if (kind === 'prompts') {
    const shape = family === 'go-sdk' ? goSdkPrompt(file, defExpr) : family === 'mcp-go' ? mcpGoPrompt(file, defExpr) : (mcpGoPrompt(file, defExpr) ?? goSdkPrompt(file, defExpr));
    if (!shape) return undefined;
    consumed.add(defKey(file, shape.definition));
    const fam = familyOfShape(file, shape.definition);
    const def = promptFrom(shape, fam === 'go-sdk' ? 'Server.AddPrompt' : shape.api, at, file);
    withHandler(file, def, handlerExpr, fam);
    if (def.handler && handlerExpr) {
      const body = promptBody(file, handlerExpr);
      if (body.length) def.body = body;
    }
    return def;
  }
  const shape = family === 'go-sdk' ? goSdkResource(file, defExpr, template) : family === 'mcp-go' ? mcpGoResource(file, defExpr, template) : (mcpGoResource(file, defExpr, template) ?? goSdkResource(file, defExpr, template));
  if (!shape) return undefined;
  consumed.add(defKey(file, shape.definition));
  const fam = familyOfShape(file, shape.definition);
  const def = resourceFrom(shape, fam === 'go-sdk' ? (template ? 'Server.AddResourceTemplate' : 'Server.AddResource') : shape.api, at, file);
  return withHandler(file, def, handlerExpr, fam);
}

/** Identity of a definition: `&T{…}` and `T{…}` count as the same literal. */
function defKey(file: GoFile, def: Node): number {
  if (file.callOf(def)) return def.id;
  const [d, type] = unwrapWithType(def);
  const op = type === 'unary_expression' ? d.childForFieldName('operand') : null;
  return (op ? unwrap(op) : d).id;
}

/** Which SDK a definition node comes from (the package of its constructor or literal type). */
function familyOfShape(file: GoFile, def: Node): SdkFamily | undefined {
  const [d, type] = unwrapWithType(def);
  if (type === 'call_expression') return file.calleeSdk(d)?.family;
  let [lit, litType] = [d, type];
  if (litType === 'unary_expression') [lit, litType] = unwrapWithType(lit.childForFieldName('operand') ?? lit);
  const t = litType === 'composite_literal' ? lit.childForFieldName('type') : null;
  return t ? file.sdk(t)?.family : undefined;
}

function withHandler<T extends { handler?: HandlerRef; params?: { name: string }[]; arguments?: { name: string }[] }>(file: GoFile, def: T, handlerExpr: Node | undefined, family: SdkFamily | undefined): T {
  const declared = (def.params ?? def.arguments ?? []).map((p) => p.name);
  const h = handlerRef(file, handlerExpr, { tagStyle: family === 'go-sdk' ? 'go-sdk' : 'invopop', declared });
  if (h) def.handler = h;
  return def;
}

function toolFrom(shape: ToolShape, api: string, at: Node, file: GoFile): ToolDef {
  const { definition: _d, api: _a, ...rest } = shape;
  return { ...rest, api, location: file.loc(at) };
}

function promptFrom(shape: PromptShape, api: string, at: Node, file: GoFile): PromptDef {
  const { definition: _d, api: _a, ...rest } = shape;
  return { ...rest, api, location: file.loc(at) };
}

function resourceFrom(shape: ResourceShape, api: string, at: Node, file: GoFile): ResourceDef {
  const { definition: _d, api: _a, ...rest } = shape;
  return { ...rest, api, location: file.loc(at) };
}

function placeholderTool(file: GoFile, expr: Node, api: string, at: Node): ToolDef {
  return { name: expr.text, nameResolved: false, params: [], schemaKind: 'dynamic', api, location: file.loc(at) };
}

function placeholderPrompt(file: GoFile, expr: Node, api: string, at: Node): PromptDef {
  return { name: expr.text, nameResolved: false, arguments: [], api, location: file.loc(at) };
}

function placeholderResource(file: GoFile, expr: Node, api: string, at: Node, template: boolean): ResourceDef {
  return { uri: expr.text, isTemplate: template, templateVariables: [], api, location: file.loc(at) };
}

/** go-sdk `mcp.AddTool` without an InputSchema: the SDK infers it from the handler's typed input struct. */
function inferTypedSchema(file: GoFile, def: ToolDef, handlerExpr: Node): void {
  def.schemaKind = 'go-struct';
  const r = resolveHandler(file, handlerExpr);
  if (!r) return;
  const params = file.params(r.fn);
  const input = params[2];
  if (!input) return;
  const t = input.type;
  if (t.type === 'map_type' || t.text === 'any' || t.type === 'interface_type') {
    def.schemaKind = 'dynamic';
    return;
  }
  const struct = structTypeOf(file, t);
  if (struct) def.params = structFields(file, struct, 'go-sdk').map((f) => f.property);
}

/** Literal prompt text in a prompt handler: `mcp.NewTextContent("…")` and `TextContent{Text: "…"}`. */
function promptBody(file: GoFile, handlerExpr: Node): TextValue[] {
  const r = resolveHandler(file, handlerExpr);
  const body = r ? functionBody(r.fn) : undefined;
  if (!body) return [];
  const out: TextValue[] = [];
  // The body's calls and literals: those of the file's index lying inside it.
  const start = body.startIndex;
  const end = body.endIndex;
  const { nodes, types } = file.index.typed(['call_expression', 'composite_literal']);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.startIndex < start || n.startIndex >= end) continue;
    let textNode: Node | undefined;
    if (types[i] === 'call_expression') {
      const s = file.sdk(n.childForFieldName('function')!);
      if (s?.member === 'NewTextContent') textNode = n.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
    } else {
      const t = n.childForFieldName('type');
      if (t && file.sdk(t)?.member === 'TextContent') textNode = literalFields(n).get('Text');
    }
    if (textNode && staticString(unwrap(textNode), 'go', file.assignments)) out.push(file.text(textNode));
  }
  return out;
}

/**
 * Definitions no registration in this file consumed (tools built in one file and registered in another, or in a
 * loop). They go to the registration whose definition was unreadable, else to the file's only server, else to
 * orphan receiver `''`; their handler is found next to them (a `Handler:` field or the second return value).
 */
function addUnconsumed(
  file: GoFile,
  index: ServerIndex,
  out: Registrations,
  consumed: Set<number>,
  placeholders: Placeholder[],
  bucket: (t: Target) => Registered,
): void {
  const found: Record<Kind, { def: ToolDef | PromptDef | ResourceDef; at: number }[]> = { tools: [], prompts: [], resources: [] };
  const seen = new Set<number>(consumed);
  const take = (node: Node, kind: Kind, def: ToolDef | PromptDef | ResourceDef | undefined) => {
    if (!def || seen.has(defKey(file, node))) return;
    seen.add(defKey(file, node));
    found[kind].push({ def, at: node.startIndex });
  };
  for (const { site: c, sdk: s } of file.sdkCalls()) {
    if (!s || s.family !== 'mcp-go' || s.pkg !== 'mcp' || !UNREGISTERED_CTORS.has(s.member) || seen.has(c.node.id)) continue;
    const handlerExpr = neighbourHandler(c.node);
    if (s.member.startsWith('NewTool')) {
      const shape = mcpGoTool(file, c.node);
      take(c.node, 'tools', shape && withHandler(file, toolFrom(shape, shape.api, c.node, file), handlerExpr, 'mcp-go'));
    } else if (s.member === 'NewPrompt') {
      const shape = mcpGoPrompt(file, c.node);
      take(c.node, 'prompts', shape && withHandler(file, promptFrom(shape, shape.api, c.node, file), handlerExpr, 'mcp-go'));
    } else {
      const shape = mcpGoResource(file, c.node, s.member === 'NewResourceTemplate');
      take(c.node, 'resources', shape && withHandler(file, resourceFrom(shape, shape.api, c.node, file), handlerExpr, 'mcp-go'));
    }
  }
  // Only a go-sdk import can make a literal type a go-sdk definition, and its type name must then be in the text.
  const goSdk = file.sdkImports().some((x) => x.api === 'go-sdk') && /\b(?:Tool|Prompt|Resource|ResourceTemplate)\b/.test(file.src);
  for (const lit of goSdk ? file.index.nodes('composite_literal') : []) {
    const t = lit?.childForFieldName('type');
    const s = t ? file.sdk(t) : undefined;
    if (!lit || !s || s.family !== 'go-sdk' || seen.has(lit.id)) continue;
    const node = lit.parent?.type === 'unary_expression' ? lit.parent : lit;
    if (s.member === 'Tool') {
      const shape = goSdkTool(file, node);
      if (shape) take(lit, 'tools', toolFrom(shape, 'mcp.Tool', node, file));
    } else if (s.member === 'Prompt') {
      const shape = goSdkPrompt(file, node);
      if (shape) take(lit, 'prompts', promptFrom(shape, 'mcp.Prompt', node, file));
    } else if (s.member === 'Resource' || s.member === 'ResourceTemplate') {
      const shape = goSdkResource(file, node, s.member === 'ResourceTemplate');
      if (shape) take(lit, 'resources', resourceFrom(shape, `mcp.${s.member}`, node, file));
    }
  }
  for (const kind of ['tools', 'prompts', 'resources'] as const) {
    const defs = found[kind].sort((a, b) => a.at - b.at).map((x) => x.def);
    const ph = placeholders.filter((p) => p.kind === kind);
    if (defs.length) {
      const target: Target = ph[0]?.target ?? (index.entries.length === 1 ? { entry: index.entries[0]! } : { receiver: '' });
      // `for _, t := range tools { s.AddTool(t, handler) }`: the loop's handler serves every definition it registers.
      const loop = ph.length === 1 && ph[0]!.def.handler && ancestor(ph[0]!.at, ['for_statement']) ? ph[0]!.def.handler : undefined;
      if (loop) for (const d of defs) d.handler ??= loop;
      bucket(target)[kind].push(...(defs as never[]));
    } else {
      for (const p of ph) bucket(p.target)[kind].push(p.def as never);
    }
  }
}

/** The handler written next to a definition: `ServerTool{Tool: def, Handler: h}` or `return def, handler`. */
function neighbourHandler(def: Node): Node | undefined {
  let cur: Node = def;
  while (cur.parent && (cur.parent.type === 'literal_element' || cur.parent.type === 'parenthesized_expression')) cur = cur.parent;
  const kv = cur.parent;
  if (kv?.type === 'keyed_element') {
    const body = kv.parent;
    for (const el of body?.namedChildren ?? []) {
      if (el?.type !== 'keyed_element') continue;
      if (unwrap(el.namedChildren[0]!).text === 'Handler' && el.namedChildren[1]) return unwrap(el.namedChildren[1]);
    }
  }
  if (kv?.type === 'expression_list' && kv.parent?.type === 'return_statement') {
    const vals = returnValues(kv.parent);
    if (vals[0]?.id === cur.id && vals[1]) return vals[1];
  }
  return undefined;
}
