// Tool annotations from `ToolAnnotations(...)` or a dict, shared by the FastMCP and low-level Python styles.
import type { Node } from 'web-tree-sitter';
import type { ToolAnnotations } from '../../model/inventory.js';
import type { PythonFacts } from './python-facts.js';

const HINTS = [
  ['readOnlyHint', 'read_only_hint'],
  ['destructiveHint', 'destructive_hint'],
  ['idempotentHint', 'idempotent_hint'],
  ['openWorldHint', 'open_world_hint'],
] as const;

/** The annotations an expression sets; hints that are not literal booleans are left out. */
export function toolAnnotations(node: Node | undefined, facts: PythonFacts): ToolAnnotations | undefined {
  if (!node || facts.isNone(node)) return undefined;
  const out: ToolAnnotations = { location: facts.loc(node) };
  const resolved = facts.resolve(node);
  const entries = new Map<string, Node>();
  if (resolved?.type === 'call') for (const [k, v] of facts.callSite(resolved)?.kwargs ?? []) entries.set(k, v);
  else for (const [k, e] of facts.dictEntries(resolved) ?? []) entries.set(k, e.value);
  const title = entries.get('title');
  if (title) out.title = facts.text(title);
  for (const [camel, snake] of HINTS) {
    const v = facts.bool(entries.get(camel) ?? entries.get(snake));
    if (v !== undefined) out[camel] = v;
  }
  return out;
}
