// Every piece of text an MCP server shows to a client's model, with the field it came from: what poisoning rules read.
import type { Inventory, SchemaProperty, ServerDef, TextValue } from '../model/inventory.js';

export interface MetadataText {
  text: TextValue;
  /** Human-readable field, e.g. `description of tool "add"`, `description of parameter "path" of tool "add"`. */
  field: string;
  server: ServerDef;
  /** The tool this text belongs to, when any. */
  tool?: string;
}

export function metadataTexts(inv: Inventory): MetadataText[] {
  const out: MetadataText[] = [];
  for (const server of inv.servers) {
    const push = (text: TextValue | undefined, field: string, tool?: string) => {
      if (text) out.push({ text, field, server, tool });
    };
    push(server.instructions, 'server instructions');
    for (const t of server.tools) {
      const of = `tool "${t.name}"`;
      push(t.title, `title of ${of}`, t.name);
      push(t.description, `description of ${of}`, t.name);
      push(t.annotations?.title, `annotation title of ${of}`, t.name);
      for (const p of t.params) pushProperty(push, p, `parameter "${p.name}" of ${of}`, t.name);
    }
    for (const p of server.prompts) {
      const of = `prompt "${p.name}"`;
      push(p.title, `title of ${of}`);
      push(p.description, `description of ${of}`);
      for (const a of p.arguments) pushProperty(push, a, `argument "${a.name}" of ${of}`);
      for (const b of p.body ?? []) push(b, `text of ${of}`);
    }
    for (const r of server.resources) {
      const of = `resource "${r.name ?? r.uri}"`;
      push(r.title, `title of ${of}`);
      push(r.description, `description of ${of}`);
    }
  }
  return out;
}

function pushProperty(push: (t: TextValue | undefined, field: string, tool?: string) => void, p: SchemaProperty, of: string, tool?: string): void {
  push(p.title, `title of ${of}`, tool);
  push(p.description, `description of ${of}`, tool);
  push(p.default, `default of ${of}`, tool);
  for (const e of p.enum ?? []) push(e, `enum value of ${of}`, tool);
}
