// OAuth discovery metadata evidence: well-known routes, the SDK's metadata routers, FastMCP `oauth`, and literals.
import type { Node } from 'web-tree-sitter';
import type { FileInventory } from '../../model/inventory.js';
import { ancestor, descendantsOfType } from '../../parse/walk.js';
import { decodeString } from '../../parse/string-literal.js';
import { arrayElements, chainText, propsOf, staticText, unwrap } from './resolve-node.js';
import { calleeMemberOf, calleeTypeOf } from '../../parse/call-sites.js';
import { calleeSymbol, importedSymbol } from './sdk-symbols.js';
import type { ServerIndex } from './server-index.js';
import type { TsContext } from './ts-context.js';

const PRM = '/.well-known/oauth-protected-resource';
const ASM = '/.well-known/oauth-authorization-server';
const WELL_KNOWN = /\/\.well-known\/oauth-(protected-resource|authorization-server)/;

/** Route-registering methods of Express, Hono, Fastify, Koa-router and similar. */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all', 'use', 'route', 'on']);

export function collectMetadataRoutes(ctx: TsContext, index: ServerIndex, inv: FileInventory): void {
  const routePaths = new Set<number>();
  const hasLiteral = WELL_KNOWN.test(ctx.text);
  for (const call of ctx.calls) {
    if (!call.isNew) {
      const sym = calleeSymbol(call, ctx);
      if (sym?.package && (sym.name === 'mcpAuthRouter' || sym.name === 'mcpAuthMetadataRouter')) {
        inv.metadataRoutes.push({ kind: 'sdk-router', path: PRM, api: sym.name, location: ctx.loc(call.node) });
        continue;
      }
    }
    if (!hasLiteral || call.isNew || calleeTypeOf(call) !== 'member_expression') continue;
    const method = calleeMemberOf(call) ?? '';
    if (!ROUTE_METHODS.has(method)) continue;
    const object = call.callee.childForFieldName('object');
    if (!object) continue;
    const receiver = chainText(object);
    for (const p of routePathArgs(call.args, method, ctx)) {
      const s = staticText(p, ctx);
      if (!s || !wellKnownPrefix(s.value)) continue;
      routePaths.add(unwrap(p).id);
      inv.metadataRoutes.push({ kind: 'route', path: s.value, api: `${receiver.split('.').pop()}.${method}`, location: ctx.loc(call.node) });
    }
  }
  for (const site of index.sites) {
    if (site.kind !== 'fastmcp') continue;
    const oauth = propsOf(propsOf(site.node.childForFieldName('arguments')?.namedChildren[0], ctx).get('oauth'), ctx);
    if (oauth.has('protectedResource') || oauth.has('authorizationServer')) {
      inv.metadataRoutes.push({ kind: 'sdk-router', path: oauth.has('protectedResource') ? PRM : ASM, api: 'FastMCP.oauth', location: ctx.loc(site.node) });
    }
  }
  if (hasLiteral) {
    for (const s of descendantsOfType(ctx.root, ['string', 'template_string'])) {
      if (routePaths.has(s.id) || ancestor(s, ['import_statement'])) continue;
      const d = decodeString(s, ctx.lang);
      const m = d ? WELL_KNOWN.exec(d.value) : null;
      if (!d || !m) continue;
      // The path ends where URL path characters end (prose, query strings and quotes are not part of it).
      const path = /^[^\s'"`()<>,;{}?#\\]*/.exec(d.value.slice(m.index))![0];
      inv.metadataRoutes.push({ kind: 'literal', path, location: ctx.loc(s) });
    }
  }
  inv.metadataRoutes.sort((a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn);
}

/** True when a route path is a well-known metadata path (optionally followed by a resource path). */
function wellKnownPrefix(path: string): boolean {
  return [PRM, ASM].some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}*`) || path.startsWith(`${p}(`) || path.startsWith(`${p}{`) || path.startsWith(`${p}:`));
}

function routePathArgs(args: Node[], method: string, ctx: TsContext): Node[] {
  const pathArg = method === 'on' ? args[1] : method === 'route' ? propsOf(args[0], ctx).get('url') ?? propsOf(args[0], ctx).get('path') ?? args[0] : args[0];
  if (!pathArg) return [];
  const els = unwrap(pathArg).type === 'array' ? arrayElements(pathArg, ctx) : undefined;
  return els ?? [pathArg];
}
