// OAuth discovery metadata evidence in Python: well-known routes (FastAPI/Starlette/Flask/FastMCP) and well-known literals.
import type { Node } from 'web-tree-sitter';
import type { FileInventory } from '../../model/inventory.js';
import { decodeString } from '../../parse/string-literal.js';
import type { PythonFacts } from './python-facts.js';

const WELL_KNOWN = /\/\.well-known\/oauth-(?:protected-resource|authorization-server)(?:\/[^\s'"?#{}]*)?/;
/** Route decorators: FastAPI/Starlette/Flask/Quart/Sanic methods and FastMCP's `custom_route`. */
const ROUTE_DECORATORS = new Set(['get', 'post', 'put', 'head', 'options', 'route', 'api_route', 'custom_route']);
/** Route registration calls (`app.add_route(path, handler)`, aiohttp `router.add_get(path, handler)`). */
const ROUTE_METHODS = new Set(['add_route', 'add_api_route', 'add_url_rule', 'add_get', 'add_api_websocket_route']);
const ROUTE_CLASSES = /(?:^|\.)(?:Route|APIRoute)$/;

export function pythonMetadataRoutes(facts: PythonFacts, inv: FileInventory): void {
  // Node.parent walks down from the root in web-tree-sitter, so membership sets replace parent checks here.
  const decoratorCalls = new Set<number>();
  for (const dec of facts.nodes('decorator')) {
    const call = dec.namedChildren[0];
    if (call) decoratorCalls.add(call.id);
    const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
    if (callee?.type !== 'attribute' || !ROUTE_DECORATORS.has(callee.childForFieldName('attribute')?.text ?? '')) continue;
    const path = wellKnownPath(facts, facts.arg(call!, ['path', 'rule'], 0));
    if (path) inv.metadataRoutes.push({ kind: 'route', path, api: `@${callee.text}`, location: facts.loc(dec) });
  }
  for (const site of facts.calls) {
    if (decoratorCalls.has(site.node.id)) continue;
    const callee = site.callee;
    const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text ?? '' : '';
    const isClass = ROUTE_CLASSES.test(site.name ?? '');
    if (!ROUTE_METHODS.has(method) && !isClass) continue;
    // aiohttp's `router.add_route("GET", path, h)` puts the path second.
    const path = [site.kwargs.get('path'), site.args[0], site.args[1]].map((n) => wellKnownPath(facts, n)).find((p) => p);
    if (path) inv.metadataRoutes.push({ kind: 'route', path, api: isClass ? callee.text : `${callee.text}`, location: facts.loc(site.node) });
  }
  const parts = new Set<number>();
  for (const s of facts.nodes('string', 'concatenated_string')) {
    if (s.type === 'concatenated_string') for (const c of s.namedChildren) if (c) parts.add(c.id);
    if (parts.has(s.id)) continue;
    const decoded = decodeString(s, 'python');
    const m = decoded ? WELL_KNOWN.exec(decoded.value) : undefined;
    if (m) inv.metadataRoutes.push({ kind: 'literal', path: m[0], location: facts.loc(s) });
  }
}

function wellKnownPath(facts: PythonFacts, node: Node | undefined): string | undefined {
  const v = node ? facts.stringValue(node) : undefined;
  return v !== undefined && WELL_KNOWN.test(v) ? v : undefined;
}
