// Auth set-up in JS/TS: JWT library calls, SDK bearer middleware, OAuth providers and OAuth configuration objects.
import type { Node } from 'web-tree-sitter';
import type { AuthSetup, FileInventory } from '../../model/inventory.js';
import type { CallSite } from '../../parse/call-sites.js';
import { descendantsOfType } from '../../parse/walk.js';
import { decodeString } from '../../parse/string-literal.js';
import { arrayElements, propsOf, staticText } from './resolve-node.js';
import { calleeSymbol } from './sdk-symbols.js';
import type { ServerIndex } from './server-index.js';
import type { TsContext } from './ts-context.js';

/** Canonical callee names of JWT libraries and whether they check signatures. */
const JWT_CALLS: [RegExp, AuthSetup['kind']][] = [
  [/^jsonwebtoken(\.default)?\.verify$/, 'jwt-verify'],
  [/^jsonwebtoken(\.default)?\.decode$/, 'jwt-decode'],
  [/^jose\.(jwtVerify|compactVerify|flattenedVerify|generalVerify)$/, 'jwt-verify'],
  [/^jose\.(decodeJwt|UnsecuredJWT\.decode)$/, 'jwt-decode'],
  [/^jwt-decode(\.default|\.jwtDecode)?$/, 'jwt-decode'],
  [/^fast-jwt\.createVerifier$/, 'jwt-verify'],
  [/^fast-jwt\.createDecoder$/, 'jwt-decode'],
];

const SDK_AUTH: Record<string, AuthSetup['kind']> = {
  requireBearerAuth: 'bearer-middleware',
  mcpAuthRouter: 'oauth-provider',
  ProxyOAuthServerProvider: 'oauth-provider',
  OAuthProxy: 'oauth-provider',
  GoogleProvider: 'oauth-provider',
  GitHubProvider: 'oauth-provider',
  AzureProvider: 'oauth-provider',
};

/** SDK interfaces whose implementations are auth components. */
const IMPLEMENTS: Record<string, AuthSetup['kind']> = {
  OAuthServerProvider: 'oauth-provider',
  OAuthTokenVerifier: 'token-verifier',
};

export function collectAuth(ctx: TsContext, index: ServerIndex, inv: FileInventory): void {
  for (const call of ctx.calls) {
    const a = authCall(call, ctx);
    if (a) inv.auth.push(a);
  }
  if (/\bimplements\b/.test(ctx.text) && /OAuthServerProvider|OAuthTokenVerifier/.test(ctx.text)) {
    for (const cls of descendantsOfType(ctx.root, ['class_declaration', 'class'])) {
      for (const clause of descendantsOfType(cls, 'implements_clause')) {
        if (clause.parent?.parent?.id !== cls.id) continue;
        for (const t of clause.namedChildren) {
          const name = t?.text.replace(/<.*$/s, '').split('.').pop();
          const kind = name ? IMPLEMENTS[name] : undefined;
          if (kind) inv.auth.push({ kind, api: name!, location: ctx.loc(cls) });
        }
      }
    }
  }
  if (ctx.text.includes('authorization_endpoint')) {
    const seen = new Set<number>();
    for (const pair of descendantsOfType(ctx.root, 'pair')) {
      const key = pair.childForFieldName('key');
      const k = key ? (key.type === 'property_identifier' ? key.text : decodeString(key, ctx.lang)?.value) : undefined;
      const obj = pair.parent;
      if (k !== 'authorization_endpoint' || !obj || seen.has(obj.id)) continue;
      seen.add(obj.id);
      inv.auth.push({ kind: 'oauth-config', api: 'authorization_endpoint', location: ctx.loc(obj) });
    }
  }
  for (const site of index.sites) {
    if (site.kind !== 'fastmcp') continue;
    const opts = propsOf(site.node.childForFieldName('arguments')?.namedChildren[0], ctx);
    const authenticate = opts.get('authenticate');
    if (authenticate) site.def.auth.push({ kind: 'token-verifier', api: 'FastMCP.authenticate', location: ctx.loc(authenticate.parent ?? authenticate) });
    const oauth = opts.get('oauth');
    if (oauth) site.def.auth.push({ kind: 'oauth-config', api: 'FastMCP.oauth', location: ctx.loc(oauth.parent ?? oauth) });
  }
  inv.auth.sort((a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn);
}

function authCall(call: CallSite, ctx: TsContext): AuthSetup | undefined {
  const name = call.name;
  if (name && !call.isNew) {
    for (const [re, kind] of JWT_CALLS) {
      if (!re.test(name)) continue;
      const api = name.replace(/\.default(?=\.|$)/, '');
      // `algorithms: ["none"]` accepts unsigned tokens: the call verifies nothing.
      if (kind === 'jwt-verify' && /^jsonwebtoken/.test(name) && allowsNone(call.args[2], ctx)) return { kind: 'jwt-decode', api, location: ctx.loc(call.node) };
      return { kind, api, location: ctx.loc(call.node) };
    }
  }
  const sym = calleeSymbol(call, ctx);
  if (!sym?.package) return undefined;
  const kind = SDK_AUTH[sym.name];
  if (!kind) return undefined;
  return { kind, api: sym.name, location: ctx.loc(call.node) };
}

function allowsNone(options: Node | undefined, ctx: TsContext): boolean {
  const algs = arrayElements(propsOf(options, ctx).get('algorithms'), ctx);
  return !!algs?.some((a) => staticText(a, ctx)?.value.toLowerCase() === 'none');
}
