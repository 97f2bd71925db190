// Reads mark3labs/mcp-go tool, prompt and resource definitions: mcp.NewTool(…options), mcp.NewPrompt, mcp.NewResource[Template], and struct literals.
import type { Node } from 'web-tree-sitter';
import type { PromptDef, ResourceDef, SchemaProperty, ToolAnnotations, ToolDef } from '../../model/inventory.js';
import type { GoFile } from './go-file.js';
import { literalElements, literalFields, unwrapWithType } from './go-syntax.js';
import { schemaLiteralParams } from './schema-literal-params.js';
import { structFields, structTypeOf } from './struct-params.js';

export type ToolShape = Omit<ToolDef, 'handler' | 'api' | 'location'> & { definition: Node; api: string };
export type PromptShape = Omit<PromptDef, 'handler' | 'api' | 'location' | 'body'> & { definition: Node; api: string };
export type ResourceShape = Omit<ResourceDef, 'handler' | 'api' | 'location'> & { definition: Node; api: string };

const PROPERTY_TYPES: Record<string, string> = {
  WithString: 'string',
  WithNumber: 'number',
  WithInteger: 'integer',
  WithBoolean: 'boolean',
  WithArray: 'array',
  WithObject: 'object',
};

/** Tool options (besides hints and properties) whose arguments are read. */
const TOOL_OPTIONS_WITH_ARGS = new Set(['WithDescription', 'WithTitleAnnotation', 'WithToolAnnotation', 'WithRawInputSchema']);
/** Property options whose arguments are read. */
const PROPERTY_OPTIONS = new Set(['Description', 'Title', 'Enum', 'Pattern', 'DefaultString', 'DefaultNumber', 'DefaultBool', 'DefaultArray', 'MinLength', 'MaxLength', 'Min', 'Max']);

const HINTS: Record<string, 'readOnlyHint' | 'destructiveHint' | 'idempotentHint' | 'openWorldHint'> = {
  WithReadOnlyHintAnnotation: 'readOnlyHint',
  WithDestructiveHintAnnotation: 'destructiveHint',
  WithIdempotentHintAnnotation: 'idempotentHint',
  WithOpenWorldHintAnnotation: 'openWorldHint',
};

/** Option arguments, expanding `opts...` when `opts` is a slice literal in this file. */
function optionArgs(file: GoFile, args: Node[]): Node[] {
  const out: Node[] = [];
  for (const a of args) {
    // Options are mostly calls, which are known to be neither wrapped nor variadic.
    if (file.callOf(a)) {
      out.push(a);
      continue;
    }
    const [u, type] = unwrapWithType(a);
    if (type === 'variadic_argument') {
      const inner = a.namedChildren[0];
      const v = inner ? file.valueOf(inner) : undefined;
      out.push(...(v ? literalElements(v) : []));
    } else out.push(u);
  }
  return out;
}

function nameOf(file: GoFile, node: Node | undefined): { name: string; nameResolved: boolean } {
  if (!node) return { name: '', nameResolved: false };
  const s = file.str(node);
  return s !== undefined ? { name: s, nameResolved: true } : { name: node.text, nameResolved: false };
}

/** A tool definition expression (`mcp.NewTool(…)`, `mcp.Tool{…}`, or a name/factory call leading to one). */
export function mcpGoTool(file: GoFile, expr: Node, depth = 0): ToolShape | undefined {
  if (depth > 8) return undefined;
  const e = file.resolve(expr);
  const call = file.callOf(e);
  if (call) {
    const s = file.isSdkCall(e, 'mcp-go', 'mcp.NewTool', 'mcp.NewToolWithRawSchema');
    if (s?.member === 'NewTool') return fromNewTool(file, e);
    if (s?.member === 'NewToolWithRawSchema') {
      const [name, desc, schema] = file.argsOf(e);
      const sp = schema ? schemaLiteralParams(file, schema) : { kind: 'dynamic' as const, params: [] };
      return { ...nameOf(file, name), ...(desc ? { description: file.text(desc) } : {}), params: sp.params, schemaKind: sp.kind, definition: e, api: 'mcp.NewToolWithRawSchema' };
    }
    if (!call.sdk) {
      for (const r of file.returnedBy(e)) {
        const t = mcpGoTool(file, r, depth + 1);
        if (t) return t;
      }
    }
    return undefined;
  }
  const type = unwrapType(e);
  if (type && /(^|\.)Tool$/.test(type.text) && file.sdk(type)?.family === 'mcp-go') return fromToolLiteral(file, e);
  return undefined;
}

/** The type expression of a composite literal (`mcp.Tool` in `&mcp.Tool{}`), for SDK lookups. */
export function unwrapType(e: Node): Node | undefined {
  let [cur, type] = unwrapWithType(e);
  if (type === 'unary_expression') [cur, type] = unwrapWithType(cur.childForFieldName('operand') ?? cur);
  return type === 'composite_literal' ? cur.childForFieldName('type') ?? undefined : undefined;
}

function fromNewTool(file: GoFile, call: Node): ToolShape {
  const [nameNode, ...rest] = file.argsOf(call);
  const tool: ToolShape = { ...nameOf(file, nameNode), params: [], schemaKind: 'go-options', definition: call, api: 'mcp.NewTool' };
  let annotations: ToolAnnotations | undefined;
  const ann = (at: Node): ToolAnnotations => (annotations ??= { location: file.loc(at) });
  for (const opt of optionArgs(file, rest)) {
    const oc = file.callOf(opt);
    if (!oc) continue;
    const s = oc.sdk;
    if (!s || s.family !== 'mcp-go') continue;
    if (s.member === 'WithInputSchema') {
      const fn = oc.site.callee;
      const idx = fn?.type === 'index_expression' ? fn.childForFieldName('index') : opt.childForFieldName('type_arguments')?.namedChildren[0]?.namedChildren[0];
      const struct = structTypeOf(file, idx ?? undefined);
      tool.schemaKind = 'go-struct';
      tool.params = struct ? structFields(file, struct, 'invopop').map((f) => f.property) : [];
      continue;
    }
    // Arguments are split out of the tree only for the options read below.
    if (!TOOL_OPTIONS_WITH_ARGS.has(s.member) && !HINTS[s.member] && !PROPERTY_TYPES[s.member]) continue;
    const a = oc.args;
    if (s.member === 'WithDescription' && a[0]) tool.description = file.text(a[0]);
    else if (s.member === 'WithTitleAnnotation' && a[0]) ann(opt).title = file.text(a[0]);
    else if (HINTS[s.member]) {
      const b = file.bool(a[0]);
      if (b !== undefined) ann(opt)[HINTS[s.member]!] = b;
    } else if (s.member === 'WithToolAnnotation' && a[0]) {
      annotationsFromLiteral(file, a[0], ann(opt));
    } else if (PROPERTY_TYPES[s.member] && a[0]) {
      tool.params.push(propertyFromOption(file, opt, PROPERTY_TYPES[s.member]!, a));
    } else if (s.member === 'WithRawInputSchema' && a[0]) {
      const sp = schemaLiteralParams(file, a[0]);
      tool.schemaKind = sp.kind;
      tool.params = sp.params;
    }
  }
  if (annotations) tool.annotations = annotations;
  return tool;
}

/** `mcp.WithString("name", mcp.Required(), mcp.Description("…"), …)`; item options nested in `WithStringItems` are not the property's. */
function propertyFromOption(file: GoFile, opt: Node, type: string, args: Node[]): SchemaProperty {
  const p: SchemaProperty = { name: file.str(args[0]) ?? args[0]!.text, type, required: false, location: file.loc(opt) };
  for (const o of optionArgs(file, args.slice(1))) {
    const oc = file.callOf(o);
    const s = oc?.sdk;
    if (!oc || !s || s.family !== 'mcp-go') continue;
    if (s.member === 'Required') {
      p.required = true;
      continue;
    }
    if (!PROPERTY_OPTIONS.has(s.member)) continue;
    const a = oc.args;
    switch (s.member) {
      case 'Required':
        p.required = true;
        break;
      case 'Description':
        if (a[0]) p.description = file.text(a[0]);
        break;
      case 'Title':
        if (a[0]) p.title = file.text(a[0]);
        break;
      case 'Enum':
        p.enum = optionArgs(file, a).map((x) => file.scalarText(x));
        break;
      case 'Pattern': {
        const v = file.str(a[0]);
        if (v !== undefined) p.pattern = v;
        break;
      }
      case 'DefaultString':
      case 'DefaultNumber':
      case 'DefaultBool':
      case 'DefaultArray':
        if (a[0]) p.default = file.scalarText(a[0]);
        break;
      case 'MinLength':
      case 'MaxLength':
      case 'Min':
      case 'Max': {
        const n = file.num(a[0]);
        const key = s.member === 'Min' ? 'minimum' : s.member === 'Max' ? 'maximum' : s.member === 'MinLength' ? 'minLength' : 'maxLength';
        if (n !== undefined) p[key] = n;
        break;
      }
    }
  }
  return p;
}

/** `mcp.ToolAnnotation{…}` (mcp-go) or `&mcp.ToolAnnotations{…}` (go-sdk) into `into`. */
export function annotationsFromLiteral(file: GoFile, lit: Node, into: ToolAnnotations): void {
  const f = literalFields(file.resolve(lit));
  const title = f.get('Title');
  if (title) into.title = file.text(title);
  for (const [field, key] of [
    ['ReadOnlyHint', 'readOnlyHint'],
    ['DestructiveHint', 'destructiveHint'],
    ['IdempotentHint', 'idempotentHint'],
    ['OpenWorldHint', 'openWorldHint'],
  ] as const) {
    const b = file.bool(f.get(field));
    if (b !== undefined) into[key] = b;
  }
}

function fromToolLiteral(file: GoFile, lit: Node): ToolShape {
  const f = literalFields(lit);
  const tool: ToolShape = { ...nameOf(file, f.get('Name')), params: [], schemaKind: 'none', definition: lit, api: 'mcp.Tool' };
  const desc = f.get('Description');
  if (desc) tool.description = file.text(desc);
  const schema = f.get('RawInputSchema') ?? f.get('InputSchema');
  if (schema) {
    const sp = schemaLiteralParams(file, schema);
    tool.schemaKind = sp.kind;
    tool.params = sp.params;
  }
  const a = f.get('Annotations');
  if (a) {
    const annotations: ToolAnnotations = { location: file.loc(a) };
    annotationsFromLiteral(file, a, annotations);
    tool.annotations = annotations;
  }
  return tool;
}

/** `mcp.NewPrompt("name", mcp.WithPromptDescription(…), mcp.WithArgument("x", mcp.ArgumentDescription(…), mcp.RequiredArgument()))`. */
export function mcpGoPrompt(file: GoFile, expr: Node, depth = 0): PromptShape | undefined {
  if (depth > 8) return undefined;
  const e = file.resolve(expr);
  const call = file.callOf(e);
  if (!call) return undefined;
  if (!file.isSdkCall(e, 'mcp-go', 'mcp.NewPrompt')) {
    if (call.sdk) return undefined;
    for (const r of file.returnedBy(e)) {
      const p = mcpGoPrompt(file, r, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  const [nameNode, ...rest] = file.argsOf(e);
  const prompt: PromptShape = { ...nameOf(file, nameNode), arguments: [], definition: e, api: 'mcp.NewPrompt' };
  for (const opt of optionArgs(file, rest)) {
    const s = file.callOf(opt)?.sdk;
    if (!s || s.family !== 'mcp-go') continue;
    const a = file.argsOf(opt);
    if (s.member === 'WithPromptDescription' && a[0]) prompt.description = file.text(a[0]);
    else if (s.member === 'WithPromptTitle' && a[0]) prompt.title = file.text(a[0]);
    else if (s.member === 'WithArgument' && a[0]) {
      const arg: SchemaProperty = { name: file.str(a[0]) ?? a[0].text, type: 'string', required: false, location: file.loc(opt) };
      for (const ao of optionArgs(file, a.slice(1))) {
        const as = file.callOf(ao)?.sdk;
        const aa = file.argsOf(ao);
        if (as?.member === 'RequiredArgument') arg.required = true;
        else if (as?.member === 'ArgumentDescription' && aa[0]) arg.description = file.text(aa[0]);
      }
      prompt.arguments.push(arg);
    }
  }
  return prompt;
}

/** `mcp.NewResource(uri, name, …)`, `mcp.NewResourceTemplate(uriTemplate, name, …)` or a `mcp.Resource{…}` literal. */
export function mcpGoResource(file: GoFile, expr: Node, template: boolean, depth = 0): ResourceShape | undefined {
  if (depth > 8) return undefined;
  const e = file.resolve(expr);
  const call = file.callOf(e);
  if (call) {
    const ctor = template ? 'mcp.NewResourceTemplate' : 'mcp.NewResource';
    if (!file.isSdkCall(e, 'mcp-go', ctor)) {
      if (call.sdk) return undefined;
      for (const r of file.returnedBy(e)) {
        const x = mcpGoResource(file, r, template, depth + 1);
        if (x) return x;
      }
      return undefined;
    }
    const [uriNode, nameNode, ...rest] = file.argsOf(e);
    const res: ResourceShape = { ...uriOf(file, uriNode, template), definition: e, api: ctor };
    if (nameNode) res.name = file.str(nameNode) ?? nameNode.text;
    for (const opt of optionArgs(file, rest)) {
      const s = file.callOf(opt)?.sdk;
      const a = file.argsOf(opt);
      if (!s || !a[0]) continue;
      if (s.member === 'WithResourceDescription' || s.member === 'WithTemplateDescription') res.description = file.text(a[0]);
      else if (s.member === 'WithResourceTitle' || s.member === 'WithTemplateTitle') res.title = file.text(a[0]);
      else if (s.member === 'WithMIMEType' || s.member === 'WithTemplateMIMEType') {
        const m = file.str(a[0]);
        if (m !== undefined) res.mimeType = m;
      }
    }
    return res;
  }
  const type = unwrapType(e);
  if (!template && type && /(^|\.)Resource$/.test(type.text) && file.sdk(type)?.family === 'mcp-go') {
    const f = literalFields(e);
    const res: ResourceShape = { ...uriOf(file, f.get('URI'), false), definition: e, api: 'mcp.Resource' };
    const name = f.get('Name');
    if (name) res.name = file.str(name) ?? name.text;
    const d = f.get('Description');
    if (d) res.description = file.text(d);
    const m = file.str(f.get('MIMEType'));
    if (m !== undefined) res.mimeType = m;
    return res;
  }
  return undefined;
}

/** URI text plus RFC 6570 template variables (`{id}`, `{+path}`, `{?q,page}`). */
export function uriOf(file: GoFile, node: Node | undefined, template: boolean): { uri: string; isTemplate: boolean; templateVariables: string[] } {
  const uri = node ? (file.str(node) ?? node.text) : '';
  return { uri, isTemplate: template, templateVariables: template ? templateVariables(uri) : [] };
}

export function templateVariables(uri: string): string[] {
  const out: string[] = [];
  for (const m of uri.matchAll(/\{([^}]*)\}/g)) {
    for (const raw of m[1]!.replace(/^[+#./;?&]/, '').split(',')) {
      const v = raw.replace(/(\*|:\d+)$/, '').trim();
      if (v && !out.includes(v)) out.push(v);
    }
  }
  return out;
}
