// The MCP handlers (tools, prompts, resources) declared in a file, and which of them encloses a given node.
import type { Node } from 'web-tree-sitter';
import type { FileInventory, HandlerRef } from '../model/inventory.js';
import type { Location } from '../model/location.js';

export interface HandlerScope {
  kind: 'tool' | 'prompt' | 'resource';
  /** Tool or prompt name, or the resource URI. */
  name: string;
  handler: HandlerRef;
}

/** Handlers whose code is in this file, innermost last when they nest (sorted by start, then by size). */
export function handlerScopes(inv: FileInventory | undefined): HandlerScope[] {
  if (!inv) return [];
  const out: HandlerScope[] = [];
  const groups = [...inv.servers, ...inv.orphans];
  for (const g of groups) {
    for (const t of g.tools) if (t.handler && t.handler.location.path === inv.path) out.push({ kind: 'tool', name: t.name, handler: t.handler });
    for (const p of g.prompts) if (p.handler && p.handler.location.path === inv.path) out.push({ kind: 'prompt', name: p.name, handler: p.handler });
    for (const r of g.resources) if (r.handler && r.handler.location.path === inv.path) out.push({ kind: 'resource', name: r.uri, handler: r.handler });
  }
  return out.sort((a, b) => a.handler.location.startLine - b.handler.location.startLine || b.handler.location.endLine - a.handler.location.endLine);
}

/** The innermost handler whose span contains the node, if any. */
export function enclosingHandler(scopes: readonly HandlerScope[], node: Node): HandlerScope | undefined {
  let best: HandlerScope | undefined;
  for (const s of scopes) if (contains(s.handler.location, node)) best = s;
  return best;
}

function contains(loc: Location, node: Node): boolean {
  const line = node.startPosition.row + 1;
  const col = node.startPosition.column + 1;
  if (line < loc.startLine || line > loc.endLine) return false;
  if (line === loc.startLine && col < loc.startColumn) return false;
  if (line === loc.endLine && col > loc.endColumn) return false;
  return true;
}
