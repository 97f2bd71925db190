// Reads official go-sdk definitions: &mcp.Tool{…}, &mcp.Prompt{…}, &mcp.Resource{…}, &mcp.ResourceTemplate{…}.
import type { Node } from 'web-tree-sitter';
import type { SchemaProperty, ToolAnnotations } from '../../model/inventory.js';
import type { GoFile } from './go-file.js';
import { literalElements, literalFields, literalTypeText } from './go-syntax.js';
import { annotationsFromLiteral, uriOf, unwrapType, type PromptShape, type ResourceShape, type ToolShape } from './mcp-go-definitions.js';
import { schemaLiteralParams } from './schema-literal-params.js';

/** A go-sdk literal of type `mcp.<typeName>` reached from `expr` (directly, through a name or a same-file factory). */
function sdkLiteral(file: GoFile, expr: Node, typeName: string, depth = 0): Node | undefined {
  if (depth > 8) return undefined;
  const e = file.resolve(expr);
  if (e.type === 'call_expression') {
    const fn = e.childForFieldName('function');
    if (fn && file.sdk(fn)) return undefined;
    for (const r of file.returnedBy(e)) {
      const x = sdkLiteral(file, r, typeName, depth + 1);
      if (x) return x;
    }
    return undefined;
  }
  const t = unwrapType(e);
  const s = t ? file.sdk(t) : undefined;
  return s?.family === 'go-sdk' && s.member === typeName && literalTypeText(e) ? e : undefined;
}

function nameOf(file: GoFile, node: Node | undefined): { name: string; nameResolved: boolean } {
  if (!node) return { name: '', nameResolved: false };
  const s = file.str(node);
  return s !== undefined ? { name: s, nameResolved: true } : { name: node.text, nameResolved: false };
}

/** `&mcp.Tool{Name, Title, Description, InputSchema, Annotations}`; params come from InputSchema when it is written. */
export function goSdkTool(file: GoFile, expr: Node): ToolShape | undefined {
  const lit = sdkLiteral(file, expr, 'Tool');
  if (!lit) return undefined;
  const f = literalFields(lit);
  const tool: ToolShape = { ...nameOf(file, f.get('Name')), params: [], schemaKind: 'none', definition: lit, api: 'mcp.Tool' };
  const title = f.get('Title');
  if (title) tool.title = file.text(title);
  const desc = f.get('Description');
  if (desc) tool.description = file.text(desc);
  const schema = f.get('InputSchema');
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

/** `&mcp.Prompt{Name, Title, Description, Arguments: []*mcp.PromptArgument{{Name, Description, Required}}}`. */
export function goSdkPrompt(file: GoFile, expr: Node): PromptShape | undefined {
  const lit = sdkLiteral(file, expr, 'Prompt');
  if (!lit) return undefined;
  const f = literalFields(lit);
  const prompt: PromptShape = { ...nameOf(file, f.get('Name')), arguments: [], definition: lit, api: 'mcp.Prompt' };
  const title = f.get('Title');
  if (title) prompt.title = file.text(title);
  const desc = f.get('Description');
  if (desc) prompt.description = file.text(desc);
  const args = f.get('Arguments');
  for (const el of args ? literalElements(file.resolve(args)) : []) {
    const af = literalFields(el);
    const name = af.get('Name');
    if (!name) continue;
    const p: SchemaProperty = { name: file.str(name) ?? name.text, type: 'string', required: file.bool(af.get('Required')) === true, location: file.loc(el) };
    const d = af.get('Description');
    if (d) p.description = file.text(d);
    const t = af.get('Title');
    if (t) p.title = file.text(t);
    prompt.arguments.push(p);
  }
  return prompt;
}

/** `&mcp.Resource{URI, Name, Title, Description, MIMEType}` or `&mcp.ResourceTemplate{URITemplate, …}`. */
export function goSdkResource(file: GoFile, expr: Node, template: boolean): ResourceShape | undefined {
  const lit = sdkLiteral(file, expr, template ? 'ResourceTemplate' : 'Resource');
  if (!lit) return undefined;
  const f = literalFields(lit);
  const res: ResourceShape = { ...uriOf(file, f.get(template ? 'URITemplate' : 'URI'), template), definition: lit, api: template ? 'mcp.ResourceTemplate' : 'mcp.Resource' };
  const name = f.get('Name');
  if (name) res.name = file.str(name) ?? name.text;
  const title = f.get('Title');
  if (title) res.title = file.text(title);
  const d = f.get('Description');
  if (d) res.description = file.text(d);
  const m = file.str(f.get('MIMEType'));
  if (m !== undefined) res.mimeType = m;
  return res;
}
