// MV5002: a bearer JWT is read without checking its signature, so anyone can mint a token the server accepts.
import type { Node } from 'web-tree-sitter';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import type { Confidence } from '../../../model/severity.js';

/** PyJWT and python-jose decoders that verify unless told not to. */
const PY_DECODE = new Set(['jwt.decode', 'jwt.decode_complete', 'jwt.api_jwt.decode', 'jwt.api_jwt.decode_complete', 'jose.jwt.decode']);
/** python-jose helpers that return the claims without any check. */
const PY_UNVERIFIED_CLAIMS = new Set(['jose.jwt.get_unverified_claims', 'jose.jws.get_unverified_claims']);
const PY_VERIFY = new Set(['jose.jws.verify', 'jose.jwe.decrypt']);

const JS_DECODE_ONLY = new Set(['jsonwebtoken.decode', 'jose.decodeJwt', 'jwt-decode.jwtDecode', 'jwt-decode', 'jwt-decode.default']);
const JS_VERIFY = new Set(['jsonwebtoken.verify', 'jose.jwtVerify', 'jose.compactVerify', 'jose.flattenedVerify', 'jose.generalVerify', 'jose.jwtDecrypt']);

const GO_JWT_MODULES = /^github\.com\/(?:golang-jwt\/jwt|dgrijalva\/jwt-go|form3tech-oss\/jwt-go)(?:\/v\d+)?$/;
const GO_JWX_JWT = /^github\.com\/lestrrat-go\/jwx(?:\/v\d+)?\/jwt$/;

interface Hit {
  node: Node;
  what: string;
  confidence?: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV5002',
    slug: 'jwt-verification-disabled',
    title: 'JWT accepted without signature verification',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-347'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-230'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what}; anyone can forge a token for any user, scope or audience and it will be accepted',
    docs: {
      summary: 'A JSON Web Token is decoded with signature verification switched off, with the `none` algorithm allowed, or with a decode-only helper in code that never verifies, so its claims are trusted without proof that the issuer signed them.',
      risk:
        'Remote MCP servers use bearer tokens to decide who is calling and which tools and scopes they may use; the MCP authorization specification requires the server to validate every access token it receives. A JWT is only base64: without the signature check, anyone can write `{"sub": "admin", "scope": "files:write"}`, encode it, and call every tool as any user — including tools that read other users\' data or act on their behalf. Token verifiers written for MCP servers (`TokenVerifier.verify_token`, `verifyAccessToken`, `auth.RequireBearerToken`) are where this mistake usually lives.',
      detection:
        'Python: PyJWT/python-jose `jwt.decode`/`decode_complete` with `options={"verify_signature": False}` (inline or a dict assigned once), `verify=False` (PyJWT 1.x) or `algorithms` containing `"none"`; reported at medium confidence when the same file also verifies a token properly, as with code that peeks at `iss` to choose a key. python-jose `jwt.get_unverified_claims`/`jws.get_unverified_claims` when the file has no verifying call (medium confidence). `get_unverified_header` never fires: reading `kid` or `alg` to pick a key is the normal way to verify. JavaScript/TypeScript: `jsonwebtoken` `verify` with `algorithms` containing `"none"`; `jsonwebtoken` `decode`, `jose` `decodeJwt` and `jwt-decode` when the file calls no verifier (`jwt.verify`, `jwtVerify`, `compactVerify`, `flattenedVerify`, `generalVerify`, `jwtDecrypt`), at medium confidence because a client reading the expiry of its own token looks the same; `jose` `UnsecuredJWT.decode` always. Go: `ParseUnverified` on a golang-jwt/jwt-go parser (`jwt.NewParser().ParseUnverified`, `new(jwt.Parser).ParseUnverified`), a key function that returns `jwt.UnsafeAllowNoneSignatureType`, and lestrrat-go/jwx `jwt.ParseInsecure` or `jwt.WithVerify(false)`. Disabling only claim checks (`verify_exp`, `ignoreExpiration`, `WithoutClaimsValidation`) is a different weakness and does not fire. Callees are resolved through imports, so `from jose import jwt` and `import { decode } from "jsonwebtoken"` are recognised; a decode whose verification happens in another file is reported.',
      fix: 'Verify every token with the issuer\'s key and a fixed algorithm list, and check issuer and audience: PyJWT `jwt.decode(token, key, algorithms=["RS256"], audience=RESOURCE, issuer=ISSUER)` (with `PyJWKClient` for JWKS), `jose` `jwtVerify(token, createRemoteJWKSet(jwksUrl), { issuer, audience })`, `jsonwebtoken` `jwt.verify(token, key, { algorithms: ["RS256"], audience, issuer })`, golang-jwt `jwt.ParseWithClaims(token, claims, keyFunc, jwt.WithValidMethods([]string{"RS256"}), jwt.WithAudience(resource))`. If you only need a header field to choose the key, read the header, then verify before using any claim.',
      references: [
        { title: 'CWE-347: Improper Verification of Cryptographic Signature', url: 'https://cwe.mitre.org/data/definitions/347.html' },
        { title: 'MCP specification: authorization, token handling', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-handling' },
        { title: 'RFC 8725: JSON Web Token Best Current Practices', url: 'https://www.rfc-editor.org/rfc/rfc8725' },
        { title: 'PyJWT usage: reading claims without validation', url: 'https://pyjwt.readthedocs.io/en/stable/usage.html#reading-the-claimset-without-validation' },
        { title: 'jose: decodeJwt does not verify', url: 'https://github.com/panva/jose/blob/main/docs/util/functions/decodeJwt.md' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /jwt|jose|JWT|jsonwebtoken/,
    detect(ctx) {
      const hits = ctx.codeLanguage === 'python' ? detectPython(ctx) : ctx.codeLanguage === 'go' ? detectGo(ctx) : detectJs(ctx);
      return hits.map((h): RawFinding => ({ span: nodeSpan(h.node), data: { what: h.what }, ...(h.confidence ? { confidence: h.confidence } : {}) }));
    },
  },
});

function detectPython(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const calls = ctx.calls();
  const unverified = new Map<number, string>();
  let verifies = false;
  for (const call of calls) {
    const name = call.name;
    if (!name) continue;
    if (PY_DECODE.has(name)) {
      const why = pythonDisabledVerification(call, ctx);
      if (why) unverified.set(call.node.id, `${name} is called with ${why}`);
      else verifies = true;
    } else if (PY_VERIFY.has(name)) verifies = true;
  }
  for (const call of calls) {
    const name = call.name;
    if (!name) continue;
    const what = unverified.get(call.node.id);
    if (what) hits.push({ node: call.node, what, confidence: verifies ? 'medium' : undefined });
    else if (PY_UNVERIFIED_CLAIMS.has(name) && !verifies) {
      hits.push({ node: call.node, what: `${name} returns the claims unchecked and nothing in this file verifies the token`, confidence: 'medium' });
    }
  }
  return hits;
}

/** Why this decode call skips the signature check, or undefined when it verifies. */
function pythonDisabledVerification(call: CallSite, ctx: FileContext): string | undefined {
  const options = resolveValue(call.kwargs.get('options') ?? call.args[3], ctx);
  if (options?.type === 'dictionary') {
    for (const pair of options.namedChildren) {
      if (pair?.type !== 'pair') continue;
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (key && decodeString(key, 'python')?.value === 'verify_signature' && value?.type === 'false') return 'verify_signature disabled';
    }
  }
  if (call.kwargs.get('verify')?.type === 'false') return 'verify=False';
  if (allowsNone(resolveValue(call.kwargs.get('algorithms'), ctx), ctx)) return 'the "none" algorithm allowed';
  return undefined;
}

function detectJs(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const calls = ctx.calls();
  const verifies = calls.some((c) => c.name !== undefined && JS_VERIFY.has(c.name) && !jsAllowsNone(c, ctx));
  for (const call of calls) {
    const name = call.name;
    if (!name) continue;
    if (name === 'jsonwebtoken.verify' && jsAllowsNone(call, ctx)) {
      hits.push({ node: call.node, what: 'jsonwebtoken.verify accepts the "none" algorithm' });
    } else if (name === 'jose.UnsecuredJWT.decode') {
      hits.push({ node: call.node, what: 'jose UnsecuredJWT.decode accepts only unsigned ("none") tokens' });
    } else if (JS_DECODE_ONLY.has(name) && !verifies) {
      // Decoding alone is also how clients read the expiry of their own tokens; without a verifier nearby it is
      // usually the auth result, but the file cannot prove it.
      hits.push({ node: call.node, what: `${name} reads the token without checking its signature and nothing in this file verifies it`, confidence: 'medium' });
    }
  }
  return hits;
}

function jsAllowsNone(call: CallSite, ctx: FileContext): boolean {
  if (call.name !== 'jsonwebtoken.verify') return false;
  const opts = resolveValue(call.args[2], ctx);
  const algorithms = objectProperties(opts, ctx.codeLanguage!).get('algorithms');
  return allowsNone(resolveValue(algorithms, ctx), ctx);
}

function detectGo(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const modules = [...ctx.imports().values()];
  const jwtLocals = new Set(modules.filter((b) => GO_JWT_MODULES.test(b.module)).map((b) => b.local));
  if (jwtLocals.size === 0 && !modules.some((b) => GO_JWX_JWT.test(b.module))) return hits;
  for (const call of ctx.calls()) {
    const callee = call.callee;
    if (jwtLocals.size > 0 && callee.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'ParseUnverified') {
      hits.push({ node: call.node, what: 'ParseUnverified returns the token without checking its signature' });
      continue;
    }
    const name = call.name ?? '';
    const dot = name.lastIndexOf('.');
    if (dot < 0 || !GO_JWX_JWT.test(name.slice(0, dot))) continue;
    const fn = name.slice(dot + 1);
    if (fn === 'ParseInsecure') hits.push({ node: call.node, what: 'jwx jwt.ParseInsecure parses the token without verifying it' });
    else if (fn === 'WithVerify' && call.args[0]?.text === 'false') hits.push({ node: call.node, what: 'jwx jwt.WithVerify(false) turns signature verification off' });
  }
  if (jwtLocals.size > 0 && ctx.text.includes('UnsafeAllowNoneSignatureType')) {
    for (const ret of descendantsOfType(ctx.tree!.rootNode, 'return_statement')) {
      const values = ret.namedChildren[0]?.type === 'expression_list' ? ret.namedChildren[0].namedChildren : ret.namedChildren;
      const none = values.find(
        (v) => v?.type === 'selector_expression' && v.childForFieldName('field')?.text === 'UnsafeAllowNoneSignatureType' && jwtLocals.has(v.childForFieldName('operand')?.text ?? ''),
      );
      if (none) hits.push({ node: ret, what: 'the key function returns jwt.UnsafeAllowNoneSignatureType, so unsigned "none" tokens pass' });
    }
  }
  return hits;
}

/** A name assigned exactly once stands for its value; anything else is returned as is. */
function resolveValue(node: Node | undefined, ctx: FileContext): Node | undefined {
  if (node?.type !== 'identifier') return node;
  const values = ctx.assignments().get(node.text);
  return values?.length === 1 ? values[0] : node;
}

/** True for a list/tuple/set/array literal that names the `none` algorithm. */
function allowsNone(node: Node | undefined, ctx: FileContext): boolean {
  if (!node || !['list', 'tuple', 'set', 'array'].includes(node.type)) return false;
  return node.namedChildren.some((el) => el !== null && decodeString(el, ctx.codeLanguage!)?.value.toLowerCase() === 'none');
}
