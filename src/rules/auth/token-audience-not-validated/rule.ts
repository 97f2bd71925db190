// MV5004 (MCPSafe MCP-265): bearer tokens are verified without checking that they were issued for this server (aud).
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import type { Confidence } from '../../../model/severity.js';
import { GO_JWT_MODULE, GO_JWX_MODULE, PY_JWT_DECODE, goMember, isPlainName, literalEntries, reName, resolveOnce, scopeText, unwrap, type Entries, isTestPath } from '../token-api-facts.js';

const JS_VERIFY = new Set(['jsonwebtoken.verify', 'jose.jwtVerify', 'jose.jwtDecrypt']);
const FASTMCP_JWT_VERIFIER = /^fastmcp\.server\.auth(?:\.providers(?:\.jwt)?)?\.JWTVerifier$/;
/** golang-jwt parser options that bind the audience. */
const GO_AUDIENCE_OPTIONS = new Set(['WithAudience', 'WithAllAudiences']);
/** Claim checks written by hand somewhere in the file (JS/Python): the verify call may still be fine. */
const JS_MANUAL_AUD = /\.aud\b|\[\s*["'`]aud["'`]\s*\]/;
const PY_MANUAL_AUD = /\[\s*["']aud["']\s*\]|\.get\(\s*["']aud["']|["']aud["']\s+(?:not\s+)?in\b/;
/** Go: any audience check in the file silences the rule (MCPSafe's condition). */
const GO_MANUAL_AUD = /VerifyAudience\s*\(|GetAudience\s*\(|"aud"|\.Audience\b|MatchesResource\s*\(/;

interface Hit {
  node: Node;
  what: string;
  how: string;
  confidence?: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV5004',
    slug: 'token-audience-not-validated',
    title: 'Access token audience not validated',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-345', 'CWE-287'],
    owaspMcp: ['MCP07', 'MCP01'],
    aliases: ['MCP-265'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} verifies a token without checking its audience ({how}); a token the same issuer minted for any other service is accepted here',
    docs: {
      summary: 'A JWT is verified (signature, maybe expiry) but the `aud` claim is never compared with this server\'s identifier, so tokens issued for other resources are accepted.',
      risk:
        'The MCP authorization specification requires a server to validate that every access token was issued specifically for it (RFC 8707 resource indicators, RFC 9068 `aud`) and forbids accepting tokens meant for someone else. Authorization servers sign tokens for many resources with the same key: without the audience check, a token a user handed to some unrelated MCP server, or to a low-value API of the same company, is valid here too — the "confused deputy" and token-replay problems the specification\'s Token Passthrough section describes. A malicious MCP server the user also connected can replay the tokens it receives against this one.',
      detection:
        'Python: PyJWT/python-jose `jwt.decode`/`decode_complete` with a key and no `audience=` (PyJWT only rejects a token whose `aud` it was not told about; a token without `aud` passes), or with `options={"verify_aud": False}` inline, in a dict assigned once, or set later with `options["verify_aud"] = False`; fastmcp `JWTVerifier(...)` without `audience=`. Calls that skip the signature (`verify_signature: False`, no key) are MV5002\'s and do not fire here, nor do calls passing `**kwargs` or five or more positional arguments. JavaScript/TypeScript: `jsonwebtoken` `jwt.verify(token, key[, options])` and `jose` `jwtVerify`/`jwtDecrypt` whose options are missing or an object literal (inline or assigned once) without `audience`; options built elsewhere or spread from another object do not fire. The TypeScript SDK\'s `requireBearerAuth({ verifier })` is not a finding itself — the verifier it calls is. Go: golang-jwt `jwt.Parse`/`jwt.ParseWithClaims` and `jwt.NewParser(...)` without `jwt.WithAudience(...)`, and lestrrat-go/jwx `jwt.Parse`/`ParseString`/`ParseRequest` without `jwt.WithAudience(...)`, unless the file checks the audience some other way (`VerifyAudience`, `GetAudience`, a `"aud"` key, `.Audience`). In Python and JavaScript a hand-written `aud` comparison elsewhere in the file lowers the confidence to medium. Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'Pass this server\'s canonical resource identifier as the expected audience: PyJWT `jwt.decode(token, key, algorithms=["RS256"], audience="https://mcp.example.com/mcp", issuer=ISSUER)`; fastmcp `JWTVerifier(jwks_uri=..., issuer=..., audience="https://mcp.example.com/mcp")`; `jsonwebtoken` `jwt.verify(token, key, { algorithms: ["RS256"], audience, issuer })`; `jose` `jwtVerify(token, jwks, { issuer, audience })`; golang-jwt `jwt.ParseWithClaims(token, claims, keyFunc, jwt.WithAudience(resource), jwt.WithIssuer(issuer))`. Make sure the authorization server puts the RFC 8707 `resource` the client requested into `aud`.',
      references: [
        { title: 'MCP specification: authorization, token handling and audience validation', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-handling' },
        { title: 'MCP security best practices: token passthrough', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#token-passthrough' },
        { title: 'RFC 8707: Resource Indicators for OAuth 2.0', url: 'https://www.rfc-editor.org/rfc/rfc8707' },
        { title: 'RFC 9068: JWT Profile for OAuth 2.0 Access Tokens, validation', url: 'https://www.rfc-editor.org/rfc/rfc9068#section-4' },
        { title: 'CWE-345: Insufficient Verification of Data Authenticity', url: 'https://cwe.mitre.org/data/definitions/345.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /jwt|jose|JWT|jsonwebtoken/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const hits = ctx.codeLanguage === 'python' ? detectPython(ctx) : ctx.codeLanguage === 'go' ? detectGo(ctx) : detectJs(ctx);
      return hits.map((h): RawFinding => ({ span: nodeSpan(h.node), data: { what: h.what, how: h.how }, ...(h.confidence ? { confidence: h.confidence } : {}) }));
    },
  },
});

function detectPython(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const manual = PY_MANUAL_AUD.test(ctx.text) ? ('medium' as const) : undefined;
  for (const call of ctx.calls()) {
    const name = call.name;
    if (!name) continue;
    if (FASTMCP_JWT_VERIFIER.test(name)) {
      if (!call.kwargs.has('audience') && call.args.length === 0) hits.push({ node: call.node, what: 'fastmcp JWTVerifier', how: 'no audience= is configured' });
      continue;
    }
    if (!PY_JWT_DECODE.has(name)) continue;
    if (call.args.some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat') || call.args.length >= 5) continue;
    const key = call.kwargs.get('key') ?? call.args[1];
    if (!key || key.type === 'none') continue;
    const optionsArg = unwrap(call.kwargs.get('options') ?? call.args[3]);
    const options = literalEntries(resolveOnce(optionsArg, ctx), 'python');
    if (isFalse(options?.map.get('verify_signature')) || call.kwargs.get('verify')?.type === 'false') continue;
    const short = name.startsWith('jose.') ? 'python-jose jwt.decode' : `PyJWT ${name}`;
    if (isFalse(options?.map.get('verify_aud'))) {
      hits.push({ node: call.node, what: short, how: 'options turn verify_aud off' });
      continue;
    }
    if (isPlainName(optionsArg) && new RegExp(`\\b${reName(optionsArg.text)}\\s*\\[\\s*["']verify_aud["']\\s*\\]\\s*=\\s*False\\b`).test(scopeText(call.node, ctx))) {
      // Usually conditional ("no audience configured → skip the check"); the condition cannot be evaluated here.
      hits.push({ node: call.node, what: short, how: 'verify_aud may be switched off before the call', confidence: 'medium' });
      continue;
    }
    const audience = call.kwargs.get('audience');
    if (audience && audience.type !== 'none') continue;
    hits.push({ node: call.node, what: short, how: audience ? 'audience=None' : 'no audience= argument', confidence: manual });
  }
  return hits;
}

function isFalse(node: Node | undefined): boolean {
  return node?.type === 'false';
}

function detectJs(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const manual = JS_MANUAL_AUD.test(ctx.text) ? ('medium' as const) : undefined;
  for (const call of ctx.calls()) {
    if (!call.name || !JS_VERIFY.has(call.name) || call.isNew) continue;
    const opts = jsOptions(call, ctx);
    if (opts === 'unknown') continue;
    if (opts && (opts.spread || hasValue(opts, 'audience'))) continue;
    const what = call.name === 'jsonwebtoken.verify' ? 'jsonwebtoken verify' : `jose ${call.name.slice(5)}`;
    hits.push({ node: call.node, what, how: opts ? 'the options have no audience' : 'no options, so no audience', confidence: manual });
  }
  return hits;
}

/** The options object of a verify call: entries, `undefined` when none are passed, or `unknown`. */
function jsOptions(call: CallSite, ctx: FileContext): Entries | undefined | 'unknown' {
  const arg = unwrap(call.args[2]);
  if (!arg || ['arrow_function', 'function_expression', 'function'].includes(arg.type) || arg.type === 'undefined') return undefined;
  return literalEntries(resolveOnce(arg, ctx), ctx.codeLanguage!) ?? 'unknown';
}

function hasValue(entries: Entries, key: string): boolean {
  const v = entries.map.get(key);
  return v !== undefined && v.type !== 'undefined' && v.text !== 'undefined' && v.type !== 'null';
}

function detectGo(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  if (GO_MANUAL_AUD.test(ctx.text)) return hits;
  for (const call of ctx.calls()) {
    const jwtFn = goMember(call.name, GO_JWT_MODULE);
    const jwxFn = jwtFn ? undefined : goMember(call.name, GO_JWX_MODULE);
    const fn = jwtFn ?? jwxFn;
    if (!fn) continue;
    const parses = jwtFn ? ['Parse', 'ParseWithClaims', 'NewParser'].includes(fn) : ['Parse', 'ParseString', 'ParseRequest', 'ParseReader'].includes(fn);
    if (!parses) continue;
    // `opts...` hides the options; a parser built elsewhere may carry the audience.
    if (call.node.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'variadic_argument')) continue;
    if (call.args.some((a) => isAudienceOption(a))) continue;
    if (jwtFn === 'NewParser' && !parsesWithParser(call, ctx)) continue;
    hits.push({ node: call.node, what: jwtFn ? `golang-jwt jwt.${fn}` : `jwx jwt.${fn}`, how: 'no jwt.WithAudience(...) option and no aud check in the file' });
  }
  return hits;
}

function isAudienceOption(arg: Node): boolean {
  if (arg.type !== 'call_expression') return false;
  const fn = arg.childForFieldName('function');
  const member = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
  return member !== undefined && GO_AUDIENCE_OPTIONS.has(member);
}

/** A `jwt.NewParser(...)` only matters when it verifies tokens: chained `.Parse…` or a variable that later does. */
function parsesWithParser(call: CallSite, ctx: FileContext): boolean {
  const parent = call.node.parent;
  if (parent?.type === 'selector_expression') return /^Parse(?:WithClaims)?$/.test(parent.childForFieldName('field')?.text ?? '');
  const decl = parent?.type === 'expression_list' ? parent.parent : undefined;
  const name = decl && (decl.type === 'short_var_declaration' || decl.type === 'assignment_statement') ? decl.childForFieldName('left')?.namedChildren[0] : undefined;
  if (!isPlainName(name ?? undefined)) return false;
  return new RegExp(`\\b${reName(name!.text)}\\s*\\.\\s*Parse(?:WithClaims)?\\s*\\(`).test(scopeText(call.node, ctx));
}
