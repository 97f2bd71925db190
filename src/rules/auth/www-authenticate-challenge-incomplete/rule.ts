// MV5020: an MCP server answers 401 without a WWW-Authenticate challenge that points clients at its resource metadata.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { GO_SDK_AUTH_MODULE, entryCI, goMember, isPlainName, literalEntries, methodName, reName, resolveOnce, scopeText, staticNumber, unwrap, enclosingFunction, isTestPath } from '../token-api-facts.js';

const TS_BEARER = /^@modelcontextprotocol\/.+\.requireBearerAuth$/;
const PY_AUTH_SETTINGS = /^mcp\.server\.auth\.settings\.AuthSettings$/;
const CHALLENGE = /www-authenticate/i;
/** Python response/exception classes that take a status code. */
const PY_RESPONSE = /(?:Response|HTTPException)$/;

interface Hit {
  node: Node;
  what: string;
  how: string;
}

/** A hand-written 401; whether it is a finding depends on the other responses of its function. */
interface Response401 {
  node: Node;
  what: string;
  inlineChallenge: boolean;
}

export default defineRule({
  meta: {
    id: 'MV5020',
    slug: 'www-authenticate-challenge-incomplete',
    title: '401 response without a resource metadata challenge',
    category: 'auth',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-573'],
    owaspMcp: ['MCP07'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} {how}; spec-following MCP clients cannot discover where to get a token for this server',
    docs: {
      summary: 'A bearer-protected MCP endpoint rejects requests with 401 but its `WWW-Authenticate` header is missing or does not carry `resource_metadata`, the pointer to the server\'s Protected Resource Metadata.',
      risk:
        'MCP clients learn how to authorize from the 401 itself: the specification tells servers to answer with `WWW-Authenticate: Bearer resource_metadata="…"` (RFC 9728 §5.1), and clients follow that URL to find the authorization server and the `resource` to request a token for. Without it they fall back to guessing well-known paths, and when the server is mounted under a path prefix or behind a proxy the guess fails and authorization cannot start. Users then paste long-lived personal tokens into their configs instead — tokens that are not bound to this server and are harder to revoke. Related: MV5001 reports servers that publish no metadata at all.',
      detection:
        'TypeScript: the SDK\'s `requireBearerAuth({...})` whose options (inline or assigned once) have no `resourceMetadataUrl`. Go: the official SDK\'s `auth.RequireBearerToken(verifier, nil)` or with `RequireBearerTokenOptions` (inline, or a variable never given `.ResourceMetadataURL`) without `ResourceMetadataURL`. Python: `AuthSettings(..., resource_server_url=None)`. Hand-written 401s, in files that import an MCP SDK: Express/Fastify-style `res.status(401)`, `res.sendStatus(401)`, `reply.code(401)`, `res.writeHead(401, …)`, `new Response(…, { status: 401 })` and Hono `c.json(…, 401)`; Python `JSONResponse(…, status_code=401)`, `Response`, `PlainTextResponse` and `HTTPException(status_code=401)` (also `status.HTTP_401_UNAUTHORIZED`); Go `w.WriteHeader(http.StatusUnauthorized)` and `http.Error(w, …, http.StatusUnauthorized)` — when no `WWW-Authenticate` header appears in the call or anywhere in the same function. Options built by helpers and 401s in files without an MCP SDK import are not reported. A header that is present but lacks `resource_metadata` is not checked. Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'TypeScript SDK: `requireBearerAuth({ verifier, requiredScopes, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) })` together with `mcpAuthMetadataRouter`. Go SDK: `auth.RequireBearerToken(verify, &auth.RequireBearerTokenOptions{ResourceMetadataURL: "https://mcp.example.com/.well-known/oauth-protected-resource", Scopes: ...})`. Python SDK: `AuthSettings(issuer_url=..., resource_server_url="https://mcp.example.com/mcp")`. Hand-written guards: set `WWW-Authenticate: Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="…"` on every 401 (and on 403 `insufficient_scope`).',
      references: [
        { title: 'MCP specification: authorization, protected resource metadata discovery', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#protected-resource-metadata-discovery-requirements' },
        { title: 'RFC 9728 §5.1: WWW-Authenticate response header', url: 'https://www.rfc-editor.org/rfc/rfc9728#section-5.1' },
        { title: 'RFC 6750 §3: the WWW-Authenticate response header field', url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3' },
        { title: 'CWE-573: Improper Following of Specification by Caller', url: 'https://cwe.mitre.org/data/definitions/573.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /requireBearerAuth|RequireBearerToken|AuthSettings|401|Unauthorized|UNAUTHORIZED/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const mcpFile = (ctx.inventory?.sdkImports.length ?? 0) > 0;
      const hits: Hit[] = [];
      const responses: Response401[] = [];
      for (const call of ctx.calls()) {
        const hit = ctx.codeLanguage === 'python' ? python(call, ctx, mcpFile) : ctx.codeLanguage === 'go' ? go(call, ctx, mcpFile) : js(call, ctx, mcpFile);
        if (hit && 'how' in hit) hits.push(hit);
        else if (hit) responses.push(hit);
      }
      // A challenge written into one 401 response says nothing about a bare 401 next to it.
      const inline = responses.filter((r) => r.inlineChallenge).map((r) => r.node);
      for (const r of responses) {
        if (r.inlineChallenge || challengeNearby(r.node, ctx, inline)) continue;
        hits.push({ node: r.node, what: r.what, how: 'sets no WWW-Authenticate header' });
      }
      hits.sort((a, b) => a.node.startIndex - b.node.startIndex);
      return hits.map((h): RawFinding => ({ span: nodeSpan(h.node), data: { what: h.what, how: h.how } }));
    },
  },
});

/**
 * True when the function around the response (or the file, at module level) names the challenge header outside the
 * 401 responses that carry their own.
 */
function challengeNearby(node: Node, ctx: FileContext, inline: readonly Node[]): boolean {
  const fn = enclosingFunction(node, ctx);
  const base = fn ? fn.startIndex : 0;
  const text = fn ? fn.text : ctx.text;
  const re = new RegExp(CHALLENGE.source, 'gi');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = base + m.index;
    if (!inline.some((n) => at >= n.startIndex && at < n.endIndex)) return true;
  }
  return false;
}

function is401(node: Node | undefined, ctx: FileContext): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (staticNumber(n, ctx) === 401) return true;
  return /(?:^|\.)(?:StatusUnauthorized|HTTP_401_UNAUTHORIZED|UNAUTHORIZED)$/.test(n.text);
}

function js(call: CallSite, ctx: FileContext, mcpFile: boolean): Hit | Response401 | undefined {
  const lang = ctx.codeLanguage!;
  if (call.name && TS_BEARER.test(call.name)) {
    const opts = literalEntries(resolveOnce(unwrap(call.args[0]), ctx), lang);
    if (!opts || opts.spread || opts.map.has('resourceMetadataUrl')) return undefined;
    return { node: call.node, what: 'requireBearerAuth', how: 'has no resourceMetadataUrl, so its 401 challenge does not point at the resource metadata' };
  }
  if (!mcpFile) return undefined;
  let status: Node | undefined;
  let headers: Node | undefined;
  const method = methodName(call);
  if (call.isNew && call.callee.text === 'Response') {
    const init = literalEntries(call.args[1], lang);
    status = init?.map.get('status');
    headers = init?.map.get('headers');
  } else if (!call.isNew && (method === 'status' || method === 'sendStatus' || method === 'code') && call.args.length === 1) status = call.args[0];
  else if (!call.isNew && method === 'writeHead') {
    status = call.args[0];
    headers = call.args.at(-1);
  } else if (!call.isNew && (method === 'json' || method === 'text' || method === 'body') && call.args.length >= 2) {
    status = call.args[1];
    headers = call.args[2];
  }
  if (!is401(status, ctx)) return undefined;
  return { node: call.node, what: 'this 401 response', inlineChallenge: headers !== undefined && CHALLENGE.test(headers.text) };
}

function python(call: CallSite, ctx: FileContext, mcpFile: boolean): Hit | Response401 | undefined {
  const name = call.name ?? '';
  if (PY_AUTH_SETTINGS.test(name)) {
    if (call.kwargs.get('resource_server_url')?.type !== 'none') return undefined;
    return { node: call.node, what: 'AuthSettings', how: 'has resource_server_url=None, so the SDK\'s 401 challenge carries no resource_metadata' };
  }
  if (!mcpFile) return undefined;
  const last = name.slice(name.lastIndexOf('.') + 1);
  let status: Node | undefined;
  if (PY_RESPONSE.test(last)) status = call.kwargs.get('status_code') ?? (last.endsWith('HTTPException') ? call.args[0] : call.args[1]);
  else if (name === 'flask.abort' || name === 'abort') status = call.args[0];
  if (!is401(status, ctx)) return undefined;
  const headers = call.kwargs.get('headers');
  return { node: call.node, what: `this 401 ${last}`, inlineChallenge: headers !== undefined && CHALLENGE.test(headers.text) };
}

function go(call: CallSite, ctx: FileContext, mcpFile: boolean): Hit | Response401 | undefined {
  if (goMember(call.name, GO_SDK_AUTH_MODULE) === 'RequireBearerToken') return goSdkOptions(call, ctx);
  if (!mcpFile) return undefined;
  let status: Node | undefined;
  if (call.name === 'net/http.Error') status = call.args[2];
  else if (methodName(call) === 'WriteHeader' && call.args.length === 1) status = call.args[0];
  if (!is401(status, ctx)) return undefined;
  return { node: call.node, what: 'this 401 response', inlineChallenge: false };
}

function goSdkOptions(call: CallSite, ctx: FileContext): Hit | undefined {
  const arg = unwrap(call.args[1]);
  if (!arg) return undefined;
  const how = 'has no ResourceMetadataURL, so its 401 challenge does not point at the resource metadata';
  if (arg.type === 'nil') return { node: call.node, what: 'auth.RequireBearerToken', how: 'gets nil options, so its 401 challenge does not point at the resource metadata' };
  const opts = literalEntries(resolveOnce(arg, ctx), 'go');
  if (!opts || entryCI(opts, 'ResourceMetadataURL')) return undefined;
  if (isPlainName(arg) && new RegExp(`\\b${reName(arg.text)}\\s*\\.\\s*ResourceMetadataURL\\s*=`).test(scopeText(call.node, ctx))) return undefined;
  return { node: call.node, what: 'auth.RequireBearerToken', how };
}
