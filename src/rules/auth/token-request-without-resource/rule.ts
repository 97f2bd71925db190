// MV5014 (MCPSafe MCP-279): OAuth token requests from MCP clients and proxies that omit the RFC 8707 `resource` parameter.
import type { Node } from 'web-tree-sitter';
import { ancestor } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { codeText, enclosingFunction, familyOf, isMcpContext, isTestPath, methodName, nameWords, namedValues, staticText, type Family } from '../oauth-flow-facts.js';

const GRANTS = new Set(['authorization_code', 'refresh_token', 'client_credentials']);
const STRING_TYPES = ['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal'];
/** A `resource` request parameter written as a key, keyword, form field or URL parameter. */
const RESOURCE_PARAM = /(["'`])resource\1|[?&]resource=|\bresource\s*[:=](?!=)|[{,]\s*resource\s*[,}]/;

interface Candidate {
  node: Node;
  grant: string;
  /** The dictionary/object/call that holds the parameters, when known. */
  container?: Node;
}

export default defineRule({
  meta: {
    id: 'MV5014',
    slug: 'token-request-without-resource',
    title: 'OAuth token request without a resource indicator',
    category: 'auth',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-345'],
    owaspMcp: ['MCP01'],
    aliases: ['MCP-279'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'token request ({grant}) has no `resource` parameter, so the access token is not bound to the MCP server it is meant for',
    docs: {
      summary: 'Code that acts as an MCP client or OAuth proxy asks a token endpoint for tokens (`grant_type=authorization_code`, `refresh_token` or `client_credentials`) without the RFC 8707 `resource` parameter naming the MCP server.',
      risk:
        'The MCP authorization specification requires clients to send `resource` — the canonical URI of the MCP server — in both the authorization and the token request, so that the authorization server can restrict the token\'s audience to that one server. Without it the token is typically valid for every API the authorization server protects: a malicious or compromised MCP server that receives it can replay it against other MCP servers or downstream APIs of the same user (token passthrough and confused-deputy attacks), and servers that check the audience correctly will reject it. Proxies that forward token requests upstream lose the binding for every client behind them.',
      detection:
        'Runs on files that import an MCP SDK or mention MCP. Fires on a token request built as a dictionary, object, struct or call whose `grant_type` is `authorization_code`, `refresh_token` or `client_credentials` — Python `requests`/`httpx` `data={…}` or `dict(grant_type=…)`, JavaScript `new URLSearchParams({ grant_type: … })`, `params.set("grant_type", …)` or a plain object body, Go `url.Values{"grant_type": {…}}` or `v.Set("grant_type", …)` — and on form strings containing `grant_type=…` with one of those grants; also on Go `golang.org/x/oauth2` `Config.Exchange(ctx, code, …)` calls without `oauth2.SetAuthURLParam("resource", …)`, and Authlib/requests-oauthlib `session.fetch_token(…)` without `resource=`. It stays quiet when the same function mentions a `resource` parameter in any form (`"resource"` key, `resource=` keyword or URL parameter, `resource:` property, `SetAuthURLParam("resource", …)`), or when the parameters include a spread or `**kwargs` that may carry it. Token exchange (RFC 8693) and device-code grants are not checked. Test files are skipped.',
      fix: 'Add `resource` with the canonical URI of the MCP server (scheme, host, port and path, no fragment — e.g. `https://mcp.example.com/mcp`) to the token request, and to the authorization request that preceded it: `data={"grant_type": "authorization_code", …, "resource": MCP_SERVER_URL}`, `params.set("resource", serverUrl)`, `conf.Exchange(ctx, code, oauth2.VerifierOption(v), oauth2.SetAuthURLParam("resource", serverURL))`. The SDK OAuth clients (TypeScript `auth()`, Python `OAuthClientProvider`, go-sdk client auth) already do this; prefer them over hand-written flows. Proxies should forward the client\'s `resource` upstream.',
      references: [
        { title: 'MCP specification: resource parameter implementation', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#resource-parameter-implementation' },
        { title: 'RFC 8707: Resource Indicators for OAuth 2.0', url: 'https://www.rfc-editor.org/rfc/rfc8707' },
        { title: 'MCP security best practices: token passthrough', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#token-passthrough' },
        { title: 'CWE-345: Insufficient Verification of Data Authenticity', url: 'https://cwe.mitre.org/data/definitions/345.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /grant_type|Exchange|fetch_token/,
    detect(ctx) {
      if (isTestPath(ctx.path) || !isMcpContext(ctx)) return [];
      const fam = familyOf(ctx);
      const candidates = [...grantParams(ctx), ...grantStrings(ctx), ...libraryExchanges(ctx, fam)];
      const out: RawFinding[] = [];
      const seen = new Set<number>();
      for (const c of candidates) {
        const key = (c.container ?? c.node).id;
        if (seen.has(key)) continue;
        seen.add(key);
        if (c.container && hasSpread(c.container)) continue;
        // Outside functions the whole file is the scope.
        const scope = enclosingFunction(c.node, ctx) ?? ctx.tree!.rootNode;
        if (RESOURCE_PARAM.test(codeText(scope))) continue;
        out.push({ span: nodeSpan(c.node), data: { grant: c.grant } });
      }
      return out;
    },
  },
});

function grantParams(ctx: FileContext): Candidate[] {
  const out: Candidate[] = [];
  for (const nv of namedValues(ctx, (name) => nameWords(name).join(' ') === 'grant type')) {
    if (nameWords(nv.name).join(' ') !== 'grant type' || nv.kind === 'return') continue;
    const grant = staticText(nv.value, ctx);
    if (grant && GRANTS.has(grant)) out.push({ node: nv.at, grant, container: nv.kind === 'assign' ? undefined : nv.container });
  }
  return out;
}

function grantStrings(ctx: FileContext): Candidate[] {
  const out: Candidate[] = [];
  for (const m of ctx.text.matchAll(/grant_type=(authorization_code|refresh_token|client_credentials)\b/g)) {
    const leaf = ctx.tree!.rootNode.descendantForIndex(m.index!);
    const str = !leaf ? undefined : STRING_TYPES.includes(leaf.type) ? leaf : ancestor(leaf, STRING_TYPES);
    if (str) out.push({ node: str, grant: m[1]!, container: str });
  }
  return out;
}

/** Token requests made by OAuth client libraries: x/oauth2 `Exchange`, Authlib / requests-oauthlib `fetch_token`. */
function libraryExchanges(ctx: FileContext, fam: Family): Candidate[] {
  const modules = [...ctx.imports().values()].map((b) => b.module);
  const out: Candidate[] = [];
  if (fam === 'go' && modules.includes('golang.org/x/oauth2')) {
    for (const call of ctx.calls()) {
      if (methodName(call) !== 'Exchange' || call.callee.type !== 'selector_expression' || call.args.length < 2) continue;
      if (call.args.some((a) => /SetAuthURLParam\(\s*"resource"/.test(a.text))) continue;
      out.push({ node: call.node, grant: 'authorization_code via oauth2.Config.Exchange', container: call.node });
    }
  }
  if (fam === 'python' && modules.some((m) => /^(?:authlib|requests_oauthlib)(?:\.|$)/.test(m))) {
    for (const call of ctx.calls()) {
      if (methodName(call) !== 'fetch_token' || call.callee.type !== 'attribute' || call.kwargs.has('resource')) continue;
      const grant = call.kwargs.get('grant_type');
      out.push({ node: call.node, grant: (grant && staticText(grant, ctx)) ?? 'fetch_token', container: call.node });
    }
  }
  return out;
}

function hasSpread(container: Node): boolean {
  const args = container.type === 'call' || container.type === 'call_expression' ? container.childForFieldName('arguments') : container;
  return (args?.namedChildren ?? []).some((c) => c?.type === 'spread_element' || c?.type === 'dictionary_splat' || c?.type === 'list_splat');
}
