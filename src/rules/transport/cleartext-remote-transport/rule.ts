// MV4009: an MCP client transport or an OAuth/issuer URL of an MCP server uses plain http:// to a host that is not this machine.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Confidence } from '../../../model/severity.js';
import { compositeFields } from '../../../parse/call-sites.js';
import { calleeName } from '../../../parse/imports.js';
import { staticString } from '../../../parse/static-value.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';

const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|testdata|e2e)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

/** TS/JS client transports (any package of the official SDK, or fastmcp) whose first argument is the server URL. */
const JS_CLIENT_TRANSPORTS = /^@?(?:modelcontextprotocol|fastmcp)\b.*\.(?:StreamableHTTPClientTransport|SSEClientTransport)$/;
/** OAuth/resource URL options of the TypeScript SDK's auth helpers and of hand-written metadata objects. */
const JS_URL_KEYS = new Set(['issuer', 'issuerUrl', 'baseUrl', 'resourceServerUrl', 'resourceMetadataUrl', 'authorizationServers', 'authorization_servers', 'authorization_endpoint', 'token_endpoint', 'jwks_uri', 'resource']);

/** Python client transports whose first argument (or `url=`) is the server URL. */
const PY_CLIENT = /^(?:mcp\.client\.(?:streamable_http\.)?(?:streamablehttp_client|streamable_http_client)|mcp\.client\.(?:sse\.)?sse_client|fastmcp(?:\.client)?\.Client|fastmcp\.client\.transports\.(?:StreamableHttpTransport|SSETransport))$/;
/** Python auth settings/providers and the URL keywords that point clients at issuers, metadata and keys. */
const PY_AUTH_CALL = /^(?:mcp\.server\.auth\.|fastmcp\.server\.auth\.)|(?:^|\.)(?:AuthSettings|RemoteAuthProvider|JWTVerifier|OAuthProxy|IntrospectionTokenVerifier)$/;
const PY_URL_KWARGS = new Set(['issuer_url', 'resource_server_url', 'authorization_servers', 'base_url', 'jwks_uri', 'issuer', 'upstream_authorization_endpoint', 'upstream_token_endpoint']);

const GO_MCP_GO = /^github\.com\/mark3labs\/mcp-go\/client(?:\/transport)?\.(?:NewStreamableHttpClient|NewSSEMCPClient|NewStreamableHTTP|NewSSE)$/;
const GO_SDK = /^github\.com\/modelcontextprotocol\/go-sdk\/mcp\.(?:NewStreamableClientTransport|NewSSEClientTransport)$/;
/** go-sdk struct literals and the fields holding URLs. */
const GO_STRUCT_FIELDS: Record<string, string[]> = {
  'github.com/modelcontextprotocol/go-sdk/mcp.StreamableClientTransport': ['Endpoint'],
  'github.com/modelcontextprotocol/go-sdk/mcp.SSEClientTransport': ['Endpoint'],
  'github.com/modelcontextprotocol/go-sdk/oauthex.ProtectedResourceMetadata': ['Resource', 'AuthorizationServers', 'JWKSURI'],
  'github.com/modelcontextprotocol/go-sdk/auth.RequireBearerTokenOptions': ['ResourceMetadataURL'],
};

/** Hosts whose traffic does not leave the machine. */
const LOCAL_HOST = /^(?:localhost|[\w-]+\.localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal)$/i;

const WHY: Record<Hit['kind'], string> = {
  client: 'the bearer token, every tool call and every result cross the network unencrypted, readable and changeable by anyone on the path',
  oauth: 'clients fetch it over plain HTTP, so anyone on the path can swap the metadata or signing keys and steer clients or forged tokens through',
};

interface Hit {
  node: Node;
  /** What holds the URL: a client transport, or an OAuth/resource setting of a server. */
  kind: 'client' | 'oauth';
  what: string;
  url: string;
  confidence?: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV4009',
    slug: 'cleartext-remote-transport',
    title: 'MCP or OAuth traffic over plain HTTP to a remote host',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-319'],
    owaspMcp: ['MCP01', 'MCP07'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} uses {url}: {why}',
    docs: {
      summary:
        'An MCP client connects to a server with an `http://` URL whose host is not the local machine, or an MCP server advertises its OAuth issuer, authorization servers, resource URL or key set with `http://`.',
      risk:
        'Over plain HTTP every JSON-RPC message travels readable and modifiable: the bearer token in the `Authorization` header, the arguments the model chose for each tool, and the tool results the model will trust. Anyone on the path — shared Wi-Fi, a compromised router, a cloud neighbour on the same network — can steal the token and reuse it, or rewrite tool results to inject instructions into the model. On the server side, an `http://` issuer or JWKS URL lets the same attacker swap keys or metadata so that forged tokens validate. The MCP authorization specification requires all authorization server endpoints to be served over HTTPS and the redirect and resource URLs to be HTTPS except for loopback.',
      detection:
        'TypeScript/JavaScript: `new StreamableHTTPClientTransport(url)` and `new SSEClientTransport(url)` imported from the official SDK or fastmcp, where the URL is a string, `new URL("…")`, `new URL(path, "http://base")` or a name assigned once to one of these; in files importing an MCP SDK, object properties `issuer`, `issuerUrl`, `resourceServerUrl`, `resourceMetadataUrl`, `authorizationServers`/`authorization_servers`, `authorization_endpoint`, `token_endpoint`, `jwks_uri` or `resource` holding such a URL (e.g. `mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl })`). Python: `streamablehttp_client`/`streamable_http_client`/`sse_client` from `mcp.client`, fastmcp `Client(...)`, `StreamableHttpTransport`, `SSETransport`; and `issuer_url`, `resource_server_url`, `authorization_servers`, `base_url`, `jwks_uri`, `issuer` passed to `AuthSettings` or to `mcp.server.auth`/`fastmcp.server.auth` providers. Go: mcp-go `client.NewStreamableHttpClient`, `client.NewSSEMCPClient`, `transport.NewStreamableHTTP`, `transport.NewSSE`; go-sdk `mcp.NewStreamableClientTransport`, `mcp.NewSSEClientTransport`, `&mcp.StreamableClientTransport{Endpoint: …}`, `mcp.SSEClientTransport{Endpoint: …}`, `oauthex.ProtectedResourceMetadata{Resource, AuthorizationServers, JWKSURI}` and `auth.RequireBearerTokenOptions{ResourceMetadataURL}`. Fires when the URL starts with `http://` and its host is known and not local (`localhost`, `*.localhost`, `127.x.x.x`, `::1`, `0.0.0.0`, `host.docker.internal` are local). A single-label host such as `http://mcp-server:8000` (a container network name) is reported at medium confidence. URLs built from variables (`http://${HOST}/mcp`) and test files do not fire.',
      fix:
        'Use `https://` end to end. For internal services, terminate TLS in front of the MCP server (a reverse proxy or the platform\'s load balancer) and give clients the HTTPS URL; for development keep plain HTTP on `127.0.0.1`. Publish issuer, authorization server, resource and JWKS URLs as HTTPS.',
      references: [
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'MCP specification 2025-11-25: authorization, communication security', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'RFC 9700: OAuth 2.0 Security Best Current Practice', url: 'https://www.rfc-editor.org/rfc/rfc9700' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /http:\/\//,
    detect(ctx) {
      if (TEST_PATH.test(ctx.path) || !ctx.tree) return [];
      const lang = ctx.codeLanguage!;
      const hits = lang === 'python' ? detectPython(ctx) : lang === 'go' ? detectGo(ctx) : detectJs(ctx, lang);
      return hits.map((h): RawFinding => ({
        span: nodeSpan(h.node),
        data: { what: h.what, url: h.url, why: WHY[h.kind] },
        ...(h.confidence ? { confidence: h.confidence } : {}),
      }));
    },
  },
});

/** The `http://` URL an expression holds when its scheme and host are known and the host is not local. */
function remoteHttp(node: Node | undefined, ctx: FileContext): { url: string; confidence?: Confidence } | undefined {
  const lang = ctx.codeLanguage!;
  const assignments = ctx.assignments();
  let cur = node;
  for (let hops = 0; cur && hops < 4; hops++) {
    if (cur.type === 'identifier') {
      const values = assignments.get(cur.text);
      if (!values || values.length !== 1 || values[0]!.id === cur.id) return undefined;
      cur = values[0];
      continue;
    }
    if (cur.type === 'new_expression' && cur.childForFieldName('constructor')?.text === 'URL') {
      const args = (cur.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => a !== null);
      // `new URL(path, base)`: the base decides scheme and host unless the first argument is absolute.
      const first = args[0] ? staticString(args[0], lang, assignments) : undefined;
      cur = first && /^[a-z][\w+.-]*:/i.test(first.value) ? args[0] : args[1] ?? args[0];
      continue;
    }
    break;
  }
  if (!cur) return undefined;
  const s = staticString(cur, lang, assignments);
  if (!s) return undefined;
  const m = /^http:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(s.value.trim());
  if (!m) return undefined;
  const host = m[1]!;
  if (!host || host.includes('{…}') || LOCAL_HOST.test(host)) return undefined;
  const url = s.value.trim();
  return { url: url.length > 80 ? `${url.slice(0, 77)}…` : url, confidence: host.includes('.') || host.includes(':') ? undefined : 'medium' };
}

function detectJs(ctx: FileContext, lang: CodeLanguage): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    if (!call.isNew || !call.name || !JS_CLIENT_TRANSPORTS.test(call.name)) continue;
    const r = remoteHttp(call.args[0], ctx);
    if (r) hits.push({ node: call.node, kind: 'client', what: call.name.slice(call.name.lastIndexOf('.') + 1), ...r });
  }
  const mcpFile = [...ctx.imports().values()].some((b) => /modelcontextprotocol|^fastmcp$/.test(b.module));
  if (!mcpFile) return hits;
  for (const pair of descendantsOfType(ctx.tree!.rootNode, 'pair')) {
    const key = pair.childForFieldName('key');
    const k = key?.type === 'property_identifier' ? key.text : key ? staticString(key, lang, ctx.assignments())?.value : undefined;
    if (!k || !JS_URL_KEYS.has(k)) continue;
    const value = pair.childForFieldName('value');
    for (const v of value?.type === 'array' ? value.namedChildren : [value]) {
      const r = v ? remoteHttp(v, ctx) : undefined;
      if (r) {
        hits.push({ node: pair, kind: 'oauth', what: `${k}, an OAuth/resource URL of this server,`, ...r });
        break;
      }
    }
  }
  return hits;
}

function detectPython(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    if (PY_CLIENT.test(name)) {
      const r = remoteHttp(call.kwargs.get('url') ?? call.args[0], ctx);
      if (r) hits.push({ node: call.node, kind: 'client', what: name.slice(name.lastIndexOf('.') + 1), ...r });
      continue;
    }
    if (!PY_AUTH_CALL.test(name)) continue;
    for (const [k, v] of call.kwargs) {
      if (!PY_URL_KWARGS.has(k)) continue;
      const values = v.type === 'list' || v.type === 'tuple' ? v.namedChildren : [v];
      const r = values.map((x) => (x ? remoteHttp(pyUrlArg(x, ctx), ctx) : undefined)).find(Boolean);
      if (r) {
        hits.push({ node: call.node, kind: 'oauth', what: `${name.slice(name.lastIndexOf('.') + 1)}(${k}=…), an OAuth/resource URL of this server,`, ...r });
        break;
      }
    }
  }
  return hits;
}

/** `AnyHttpUrl("http://…")` and similar wrappers hold the URL in their first argument. */
function pyUrlArg(node: Node, ctx: FileContext): Node {
  if (node.type !== 'call') return node;
  const fn = node.childForFieldName('function');
  const name = fn ? calleeName(fn, ctx.imports(), 'python') ?? '' : '';
  return /(?:^|\.)(?:AnyHttpUrl|AnyUrl|HttpUrl|str)$/.test(name) ? node.childForFieldName('arguments')?.namedChildren[0] ?? node : node;
}

function detectGo(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    if (!GO_MCP_GO.test(name) && !GO_SDK.test(name)) continue;
    const r = remoteHttp(call.args[0], ctx);
    if (r) hits.push({ node: call.node, kind: 'client', what: name.slice(name.lastIndexOf('/') + 1), ...r });
  }
  const imports = ctx.imports();
  for (const lit of descendantsOfType(ctx.tree!.rootNode, 'composite_literal')) {
    const type = lit.childForFieldName('type');
    const fields = type?.type === 'qualified_type' ? GO_STRUCT_FIELDS[qualified(type, imports)] : undefined;
    if (!fields) continue;
    const values = compositeFields(lit);
    for (const f of fields) {
      const v = values.get(f);
      const candidates = v?.type === 'composite_literal' ? compositeElements(v) : v ? [v] : [];
      const r = candidates.map((c) => remoteHttp(c, ctx)).find(Boolean);
      if (r) {
        hits.push({ node: lit, kind: f === 'Endpoint' ? 'client' : 'oauth', what: f === 'Endpoint' ? type!.text : `${type!.text}.${f}, an OAuth/resource URL of this server,`, ...r });
        break;
      }
    }
  }
  return hits;
}

/** `mcp.X` as `module.X` through the file's imports (qualified types are not callee-shaped nodes). */
function qualified(type: Node, imports: ReturnType<FileContext['imports']>): string {
  const pkg = type.childForFieldName('package')?.text;
  const name = type.childForFieldName('name')?.text;
  const binding = pkg ? imports.get(pkg) : undefined;
  return binding && name ? `${binding.module}.${name}` : type.text;
}

/** Elements of `[]string{"a", "b"}`. */
function compositeElements(lit: Node): Node[] {
  const body = lit.childForFieldName('body');
  return (body?.namedChildren ?? []).flatMap((e) => (e?.type === 'literal_element' ? [e.namedChildren[0] ?? e] : e && e.type !== 'keyed_element' && e.type !== 'comment' ? [e] : []));
}
