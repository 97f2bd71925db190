// Auth set-up in Python files: JWT decoding, SDK token verifiers and providers, FastAPI OAuth bearers, OAuth endpoints.
import type { Node } from 'web-tree-sitter';
import type { AuthSetup, FileInventory, MetadataRoute } from '../../model/inventory.js';
import type { CallSite } from '../../parse/call-sites.js';
import type { PythonFacts } from './python-facts.js';
import type { PyServer, ServerRegistry } from './server-registry.js';

const PROTECTED_RESOURCE = '/.well-known/oauth-protected-resource';
const AUTHORIZATION_SERVER = '/.well-known/oauth-authorization-server';

/** JWT decode functions that verify a signature unless told not to, and where their key goes. */
const JWT_DECODE = new Set(['jwt.decode', 'jwt.decode_complete', 'jwt.api_jwt.decode', 'jose.jwt.decode', 'authlib.jose.jwt.decode']);
/** Functions that only ever read claims without checking the signature. */
const JWT_UNVERIFIED = new Set(['jose.jwt.get_unverified_claims', 'jwt.api_jwt.decode_complete_unverified']);
const FASTAPI_BEARERS = new Set(['OAuth2PasswordBearer', 'OAuth2AuthorizationCodeBearer', 'HTTPBearer', 'OAuth2']);
const MCP_BEARER = new Set(['BearerAuthBackend', 'RequireAuthMiddleware']);
/** Server constructor keywords that take auth objects, and what an unresolvable value there is. */
const SERVER_AUTH_KWARGS = [
  ['token_verifier', 'token-verifier'],
  ['auth_server_provider', 'oauth-provider'],
  ['auth', undefined],
] as const;

interface Classified {
  kind?: AuthSetup['kind'];
  /** The SDK serves this discovery document for the set-up. */
  metadata?: { kind: MetadataRoute['kind']; path: string };
}

export function pythonAuth(facts: PythonFacts, registry: ServerRegistry, inv: FileInventory): void {
  const byCall = new Map<number, AuthSetup>();
  const fileAuth: AuthSetup[] = [];
  const record = (node: Node, setup: AuthSetup) => {
    byCall.set(node.id, setup);
    fileAuth.push(setup);
  };

  for (const site of facts.calls) {
    const name = site.name ?? '';
    const jwt = jwtKind(site, facts);
    if (jwt) {
      record(site.node, { kind: jwt, api: name, location: facts.loc(site.node) });
      continue;
    }
    const c = classify(name);
    const api = name.slice(name.lastIndexOf('.') + 1);
    if (c.kind) record(site.node, { kind: c.kind, api, location: facts.loc(site.node) });
    if (c.metadata) inv.metadataRoutes.push({ kind: c.metadata.kind, path: c.metadata.path, api, location: facts.loc(site.node) });
    if (api === 'AuthSettings' && c.kind) {
      const rs = site.kwargs.get('resource_server_url');
      if (rs && !facts.isNone(rs)) inv.metadataRoutes.push({ kind: 'auth-settings', path: PROTECTED_RESOURCE, api: 'AuthSettings', location: facts.loc(site.node) });
    }
    const endpoint = site.kwargs.get('authorization_endpoint');
    if (endpoint && !c.kind && endpoint.parent) fileAuth.push({ kind: 'oauth-config', api: 'authorization_endpoint', location: facts.loc(endpoint.parent) });
  }
  for (const pair of facts.nodes('pair')) {
    const key = pair.childForFieldName('key');
    if (key && facts.stringValue(key) === 'authorization_endpoint') fileAuth.push({ kind: 'oauth-config', api: 'authorization_endpoint', location: facts.loc(pair) });
  }

  const attached = new Set<AuthSetup>();
  const attach = (server: PyServer, node: Node, keyword: string, fallback: AuthSetup['kind'] | undefined) => {
    if (facts.isNone(node)) return;
    const value = facts.resolve(node);
    const existing = value ? byCall.get(value.id) : undefined;
    if (existing) {
      if (!attached.has(existing)) server.def.auth.push(existing);
      attached.add(existing);
      return;
    }
    const callee = value?.type === 'call' ? value.childForFieldName('function')?.text : undefined;
    const kind = fallback ?? (server.def.sdk.package === 'mcp' ? 'oauth-config' : 'token-verifier');
    server.def.auth.push({ kind, api: callee ? callee.slice(callee.lastIndexOf('.') + 1) : `${keyword}=`, location: facts.loc(node) });
  };
  for (const server of registry.servers) {
    for (const [keyword, fallback] of SERVER_AUTH_KWARGS) {
      const node = facts.arg(server.call, keyword);
      if (node) attach(server, node, keyword, fallback);
    }
  }
  // `mcp.auth = provider` (fastmcp) after construction.
  for (const a of facts.nodes('assignment')) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== 'auth' || !right) continue;
    const target = registry.targetFor(left.childForFieldName('object'));
    if (target?.server) attach(target.server, right, 'auth', undefined);
  }
  inv.auth.push(...fileAuth.filter((s) => !attached.has(s)));
}

function jwtKind(site: CallSite, facts: PythonFacts): AuthSetup['kind'] | undefined {
  const name = site.name ?? '';
  if (!JWT_DECODE.has(name) && !JWT_UNVERIFIED.has(name)) return undefined;
  // Only names that come from an import are the JWT libraries (a local `jwt` object could be anything).
  const head = facts.headOf(site.callee);
  if (!head || !facts.imports.has(head)) return undefined;
  if (JWT_UNVERIFIED.has(name)) return 'jwt-decode';
  const options = facts.dictEntries(site.kwargs.get('options'));
  if (facts.bool(options?.get('verify_signature')?.value) === false) return 'jwt-decode';
  if (facts.bool(site.kwargs.get('verify')) === false) return 'jwt-decode';
  const key = site.kwargs.get('key') ?? site.args[1];
  // Without a key (or with an empty one) nothing is verified: an HMAC with an empty secret is forgeable.
  if (!key || facts.isNone(key) || facts.stringValue(key) === '') return 'jwt-decode';
  return 'jwt-verify';
}

function classify(name: string): Classified {
  const parts = name.split('.');
  const root = parts[0];
  const last = parts[parts.length - 1] ?? '';
  if (root === 'mcp') {
    if (last === 'AuthSettings') return { kind: 'oauth-config' };
    if (MCP_BEARER.has(last)) return { kind: 'bearer-middleware' };
    if (/TokenVerifier$/.test(last)) return { kind: 'token-verifier' };
    if (last === 'create_protected_resource_routes') return { metadata: { kind: 'sdk-router', path: PROTECTED_RESOURCE } };
    if (last === 'create_auth_routes') return { metadata: { kind: 'sdk-router', path: AUTHORIZATION_SERVER } };
    return {};
  }
  if (root === 'fastmcp' && parts.includes('auth')) {
    if (/Verifier$/.test(last) || last === 'BearerAuthProvider') return { kind: 'token-verifier' };
    if (last === 'RemoteAuthProvider') return { kind: 'token-verifier', metadata: { kind: 'sdk-router', path: PROTECTED_RESOURCE } };
    if (/(?:Provider|Proxy)$/.test(last) && last !== 'AuthProvider') return { kind: 'oauth-provider', metadata: { kind: 'sdk-router', path: AUTHORIZATION_SERVER } };
    return {};
  }
  if (root === 'fastapi' && parts.includes('security') && FASTAPI_BEARERS.has(last)) return { kind: 'oauth-bearer' };
  return {};
}
