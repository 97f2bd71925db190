// MV5019: token verification is configured to accept expired tokens (or tokens without any expiry).
import type { Node } from 'web-tree-sitter';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import type { Confidence } from '../../../model/severity.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { GO_JWT_MODULE,
  GO_JWX_MODULE,
  GO_SDK_AUTH_MODULE,
  PY_JWT_DECODE,
  describeSeconds,
  durationSeconds,
  goLocals,
  goMember,
  isPlainName,
  literalEntries,
  reName,
  resolveOnce,
  scopeText,
  unwrap,
  isTestPath,
  type Entries,
} from '../token-api-facts.js';

const JS_VERIFY = new Set(['jsonwebtoken.verify', 'jose.jwtVerify', 'jose.jwtDecrypt']);
/** Default for `maxClockSkewSeconds`: a tolerance above this many seconds is treated as ignoring expiry. */
const MAX_SKEW_SECONDS = 3600;

interface Hit {
  node: Node;
  what: string;
  how: string;
  confidence?: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV5019',
    slug: 'jwt-expiry-not-enforced',
    title: 'Token expiry not enforced during verification',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-613'],
    owaspMcp: ['MCP07', 'MCP01'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what}: {how}; a token past its expiry is still accepted, so a leaked token keeps working',
    docs: {
      summary: 'Bearer tokens are verified with the expiry check switched off, with a clock tolerance so large that expiry means nothing, or with tokens that carry no expiry at all allowed through.',
      risk:
        'The MCP authorization specification requires servers to reject expired access tokens with a 401, and short token lifetimes are what limit the damage when a token leaks — through a client config file, a log line, an agent transcript, or a malicious MCP server the user also connected. With expiry checks off, every token ever issued for this server stays usable forever, and revoking access means rotating the signing key for everyone.',
      detection:
        'Python: PyJWT and python-jose `jwt.decode`/`decode_complete` with `options={"verify_exp": False}` (inline, in a dict assigned once, or set later with `options["verify_exp"] = False`, the last at medium confidence), or with a `leeway` (PyJWT keyword, python-jose option; seconds or `timedelta(...)`) above the limit. Calls that skip the signature altogether are MV5002\'s. JavaScript/TypeScript: `jsonwebtoken` `jwt.verify(..., { ignoreExpiration: true })` and a `clockTolerance` above the limit; `jose` `jwtVerify`/`jwtDecrypt` with a `clockTolerance` above the limit (numbers are seconds; strings such as `"7d"` are parsed). Go: golang-jwt `jwt.WithoutClaimsValidation()`, `jwt.WithLeeway(d)` above the limit and the v4 `jwt.Parser{SkipClaimsValidation: true}`; lestrrat-go/jwx `jwt.WithValidate(false)` and `jwt.WithAcceptableSkew(d)` above the limit; the official Go SDK\'s `auth.RequireBearerTokenOptions{AllowMissingExpiration: true}` (or `opts.AllowMissingExpiration = true`), at medium confidence because the token verifier may enforce its own expiry, and a `ClockSkew` above the limit. The limit is one hour (`maxClockSkewSeconds` option); tolerances of seconds to minutes are normal and never fire. Issuing tokens without `exp` is MV5003; golang-jwt v5 accepting tokens that simply lack `exp` (no `jwt.WithExpirationRequired()`) is not reported. Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'Leave expiry checks on and keep clock tolerance to seconds or a few minutes: drop `verify_exp: False` and `ignoreExpiration: true`; in golang-jwt replace `WithoutClaimsValidation()` with the specific options you need and add `jwt.WithExpirationRequired()`; in the Go SDK set `TokenInfo.Expiration` from the token and keep `AllowMissingExpiration` false. If long sessions are needed, use refresh tokens rather than accepting expired access tokens.',
      references: [
        { title: 'CWE-613: Insufficient Session Expiration', url: 'https://cwe.mitre.org/data/definitions/613.html' },
        { title: 'MCP specification: authorization, token handling', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-handling' },
        { title: 'RFC 7519: JSON Web Token, "exp" claim', url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4' },
        { title: 'RFC 8725: JSON Web Token Best Current Practices', url: 'https://www.rfc-editor.org/rfc/rfc8725' },
        { title: 'Go SDK auth package: RequireBearerTokenOptions', url: 'https://pkg.go.dev/github.com/modelcontextprotocol/go-sdk/auth' },
      ],
    },
  },
  defaultOptions: { maxClockSkewSeconds: MAX_SKEW_SECONDS },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /verify_exp|leeway|ignoreExpiration|clockTolerance|WithoutClaimsValidation|WithLeeway|SkipClaimsValidation|WithValidate|WithAcceptableSkew|AllowMissingExpiration|ClockSkew/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const limit = typeof ctx.options.maxClockSkewSeconds === 'number' ? ctx.options.maxClockSkewSeconds : MAX_SKEW_SECONDS;
      const hits = ctx.codeLanguage === 'python' ? detectPython(ctx, limit) : ctx.codeLanguage === 'go' ? detectGo(ctx, limit) : detectJs(ctx, limit);
      return hits.map((h): RawFinding => ({ span: nodeSpan(h.node), data: { what: h.what, how: h.how }, ...(h.confidence ? { confidence: h.confidence } : {}) }));
    },
  },
});

function detectPython(ctx: FileContext, limit: number): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    if (!call.name || !PY_JWT_DECODE.has(call.name)) continue;
    const what = call.name.startsWith('jose.') ? 'python-jose jwt.decode' : `PyJWT ${call.name}`;
    const optionsArg = unwrap(call.kwargs.get('options') ?? call.args[3]);
    const options = literalEntries(resolveOnce(optionsArg, ctx), 'python');
    if (options?.map.get('verify_signature')?.type === 'false' || call.kwargs.get('verify')?.type === 'false') continue;
    if (options?.map.get('verify_exp')?.type === 'false') {
      hits.push({ node: call.node, what, how: 'options turn verify_exp off' });
      continue;
    }
    if (isPlainName(optionsArg) && new RegExp(`\\b${reName(optionsArg.text)}\\s*\\[\\s*["']verify_exp["']\\s*\\]\\s*=\\s*False\\b`).test(scopeText(call.node, ctx))) {
      hits.push({ node: call.node, what, how: 'verify_exp may be switched off before the call', confidence: 'medium' });
      continue;
    }
    const leeway = durationSeconds(call.kwargs.get('leeway') ?? options?.map.get('leeway'), ctx);
    if (leeway !== undefined && leeway > limit) hits.push({ node: call.node, what, how: `a leeway of ${describeSeconds(leeway)} accepts tokens that long after they expire` });
  }
  return hits;
}

function detectJs(ctx: FileContext, limit: number): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    if (!call.name || !JS_VERIFY.has(call.name) || call.isNew) continue;
    const opts = literalEntries(resolveOnce(unwrap(call.args[2]), ctx), ctx.codeLanguage!);
    if (!opts) continue;
    const what = call.name === 'jsonwebtoken.verify' ? 'jsonwebtoken verify' : `jose ${call.name.slice(5)}`;
    const ignore = opts.map.get('ignoreExpiration');
    if (call.name === 'jsonwebtoken.verify' && ignore?.type === 'true') {
      hits.push({ node: inside(ignore.parent ?? call.node, call.node), what, how: 'ignoreExpiration: true turns the exp check off' });
      continue;
    }
    const tolerance = skewOf(opts, 'clockTolerance', ctx);
    if (tolerance && tolerance.seconds > limit) hits.push({ node: inside(tolerance.node, call.node), what, how: `a clockTolerance of ${describeSeconds(tolerance.seconds)} accepts tokens that long after they expire` });
  }
  return hits;
}

/** The option's own line when it is written in the call, else the call (options assigned elsewhere). */
function inside(node: Node, call: Node): Node {
  return node.startIndex >= call.startIndex && node.endIndex <= call.endIndex ? node : call;
}

function skewOf(opts: Entries, key: string, ctx: FileContext): { node: Node; seconds: number } | undefined {
  const value = opts.map.get(key);
  const seconds = durationSeconds(value, ctx);
  return value && seconds !== undefined ? { node: value.parent ?? value, seconds } : undefined;
}

function detectGo(ctx: FileContext, limit: number): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    const jwtFn = goMember(call.name, GO_JWT_MODULE);
    if (jwtFn === 'WithoutClaimsValidation') hits.push({ node: call.node, what: 'golang-jwt parser', how: 'jwt.WithoutClaimsValidation() skips the exp check (and every other claim check)' });
    else if (jwtFn === 'WithLeeway') {
      const s = durationSeconds(call.args[0], ctx);
      if (s !== undefined && s > limit) hits.push({ node: call.node, what: 'golang-jwt parser', how: `jwt.WithLeeway of ${describeSeconds(s)} accepts tokens that long after they expire` });
    }
    const jwxFn = goMember(call.name, GO_JWX_MODULE);
    if (jwxFn === 'WithValidate' && call.args[0]?.type === 'false') hits.push({ node: call.node, what: 'jwx jwt.Parse', how: 'jwt.WithValidate(false) skips the exp check' });
    else if (jwxFn === 'WithAcceptableSkew') {
      const s = durationSeconds(call.args[0], ctx);
      if (s !== undefined && s > limit) hits.push({ node: call.node, what: 'jwx jwt.Parse', how: `an acceptable skew of ${describeSeconds(s)} accepts tokens that long after they expire` });
    }
  }
  const jwtLocals = goLocals(ctx, GO_JWT_MODULE);
  const sdkLocals = goLocals(ctx, GO_SDK_AUTH_MODULE);
  if (jwtLocals.size === 0 && sdkLocals.size === 0) return hits;
  if (!/SkipClaimsValidation|AllowMissingExpiration|ClockSkew/.test(ctx.text)) return hits;
  for (const node of descendantsOfType(ctx.tree!.rootNode, ['keyed_element', 'assignment_statement'])) {
    if (node.type === 'keyed_element') {
      const [k, v] = node.namedChildren;
      const key = k?.type === 'literal_element' ? k.namedChildren[0]?.text : k?.text;
      if (key !== 'SkipClaimsValidation' && key !== 'AllowMissingExpiration' && key !== 'ClockSkew') continue;
      const value = v?.type === 'literal_element' ? v.namedChildren[0] ?? v : v;
      const holder = node.parent?.parent;
      const type = holder?.type === 'composite_literal' ? holder.childForFieldName('type')?.text ?? '' : '';
      const [pkg, typeName] = type.includes('.') ? type.split('.', 2) : ['', type];
      if (!value || !key) continue;
      if (typeName === 'Parser' && jwtLocals.has(pkg!) && key === 'SkipClaimsValidation' && value.type === 'true') {
        hits.push({ node, what: 'golang-jwt Parser', how: 'SkipClaimsValidation: true skips the exp check' });
      } else if (typeName === 'RequireBearerTokenOptions' && sdkLocals.has(pkg!)) goSdkOption(node, key, value, ctx, limit, hits);
    } else {
      const left = node.childForFieldName('left')?.namedChildren[0];
      const right = node.childForFieldName('right')?.namedChildren[0];
      if (sdkLocals.size === 0 || left?.type !== 'selector_expression' || !right) continue;
      goSdkOption(node, left.childForFieldName('field')?.text ?? '', right, ctx, limit, hits);
    }
  }
  return hits;
}

function goSdkOption(node: Node, key: string, value: Node, ctx: FileContext, limit: number, hits: Hit[]): void {
  if (key === 'AllowMissingExpiration' && value.type === 'true') {
    // The verifier can still reject old tokens itself; the middleware just stops insisting on an expiry.
    hits.push({ node, what: 'go-sdk RequireBearerToken', how: 'AllowMissingExpiration lets tokens without any expiry through', confidence: 'medium' });
  } else if (key === 'ClockSkew') {
    const s = durationSeconds(value, ctx);
    if (s !== undefined && s > limit) hits.push({ node, what: 'go-sdk RequireBearerToken', how: `a ClockSkew of ${describeSeconds(s)} accepts tokens that long after they expire` });
  }
}
