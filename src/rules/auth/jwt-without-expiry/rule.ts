// MV5003 (MCPSafe MCP-231): a JWT is issued with no expiry, so a leaked token works forever.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { GO_JWT_MODULE, goMember, isPlainName, literalEntries, reName, resolveOnce, scopeText, unwrap, type Entries, isTestPath } from '../token-api-facts.js';

/** PyJWT and python-jose: `encode(payload, key, …)`. */
const PY_ENCODE = new Set(['jwt.encode', 'jwt.api_jwt.encode', 'jose.jwt.encode']);
/** Authlib: `encode(header, payload, key)`. */
const PY_AUTHLIB_ENCODE = new Set(['authlib.jose.jwt.encode']);
const JS_SIGN = new Set(['jsonwebtoken.sign']);
const JS_BUILDERS = new Set(['jose.SignJWT', 'jose.EncryptJWT']);

/** What is known about the claims of one issued token. */
type Verdict = { missing: true; how: string } | { missing: false };
const KNOWN_OK: Verdict = { missing: false };

export default defineRule({
  meta: {
    id: 'MV5003',
    slug: 'jwt-without-expiry',
    title: 'JWT issued without an expiry',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-613'],
    owaspMcp: ['MCP01', 'MCP07'],
    aliases: ['MCP-231'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} issues a token without an expiry ({how}); once leaked it stays valid until the signing key is rotated',
    docs: {
      summary: 'The server signs a JSON Web Token whose claims carry no `exp`, and the library is not told to add one, so the token never expires.',
      risk:
        'MCP servers that mint their own tokens — an OAuth proxy handing out access tokens, a server issuing session or API tokens to clients, a tool that creates signed links — put those tokens in client config files, agent memory, logs and transcripts. An agent can be talked into printing or sending its context, so tokens leak more often than in a browser. A token without `exp` cannot be cut off: it stays valid until the signing key changes, and every copy of it keeps working. The MCP authorization specification asks authorization servers for short-lived access tokens for exactly this reason.',
      detection:
        'Python: PyJWT and python-jose `jwt.encode(payload, key, …)` and Authlib `jwt.encode(header, payload, key)` when the payload is a dict literal (inline, `dict(...)`, or a name assigned once) without an `"exp"` key and the same function never sets one afterwards (`payload["exp"] = …`; `payload.update(...)`/`setdefault` counts as "maybe"). JavaScript/TypeScript: `jsonwebtoken` `sign(payload, key, options)` when the options are absent or an object literal without `expiresIn` and the payload object literal has no `exp` (nor `payload.exp = …` later); `jose` `new SignJWT(...)`/`new EncryptJWT(...)` whose builder chain (or the variable holding it) reaches `.sign()`/`.encrypt()` without `.setExpirationTime(...)` and whose payload has no `exp`. Go: golang-jwt (and jwt-go) `jwt.NewWithClaims(method, claims)` when the claims are a `jwt.MapClaims{…}` literal without `"exp"`, a `jwt.RegisteredClaims{…}`/`jwt.StandardClaims{…}` literal without `ExpiresAt`, or a custom struct literal whose embedded `RegisteredClaims`/`StandardClaims` literal has no `ExpiresAt`, and no later `claims["exp"] = …` / `claims.ExpiresAt = …` in the function. Payloads that cannot be seen — function parameters, values returned by helpers, dicts or objects that spread another value in (`{**base}`, `{...base}`), string payloads — do not fire. Decoding and verifying are not covered here (see MV5019 for verification that skips the expiry check). Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'Give every token a short lifetime: PyJWT `jwt.encode({"sub": user, "exp": datetime.now(tz=timezone.utc) + timedelta(minutes=15)}, key, algorithm="RS256")`; `jsonwebtoken` `jwt.sign(claims, key, { algorithm: "RS256", expiresIn: "15m" })`; `jose` `new SignJWT(claims).setProtectedHeader({ alg }).setIssuedAt().setExpirationTime("15m").sign(key)`; golang-jwt `jwt.RegisteredClaims{ExpiresAt: jwt.NewNumericDate(time.Now().Add(15 * time.Minute))}`. Use refresh tokens (rotated on use) rather than long-lived access tokens, and make verifiers require `exp`.',
      references: [
        { title: 'CWE-613: Insufficient Session Expiration', url: 'https://cwe.mitre.org/data/definitions/613.html' },
        { title: 'RFC 7519: JSON Web Token, "exp" claim', url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4' },
        { title: 'RFC 8725: JSON Web Token Best Current Practices', url: 'https://www.rfc-editor.org/rfc/rfc8725' },
        { title: 'MCP specification: authorization, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#security-considerations' },
        { title: 'OWASP JSON Web Token Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /encode|sign|SignJWT|EncryptJWT|NewWithClaims/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const out: RawFinding[] = [];
      const lang = ctx.codeLanguage!;
      for (const call of ctx.calls()) {
        const name = call.name;
        if (!name) continue;
        let verdict: Verdict | undefined;
        let what = name;
        if (lang === 'python') {
          if (PY_ENCODE.has(name)) verdict = pythonClaims(call.kwargs.get('payload') ?? call.kwargs.get('claims') ?? call.args[0], call, ctx);
          else if (PY_AUTHLIB_ENCODE.has(name)) verdict = pythonClaims(call.kwargs.get('payload') ?? call.args[1], call, ctx);
        } else if (lang === 'go') {
          if (goMember(name, GO_JWT_MODULE) === 'NewWithClaims') {
            what = 'jwt.NewWithClaims';
            verdict = goClaims(call.args[1], call, ctx);
          }
        } else if (JS_SIGN.has(name) && !call.isNew) {
          verdict = jsSign(call, ctx);
        } else if (JS_BUILDERS.has(name) && call.isNew) {
          what = `new ${name.slice(name.lastIndexOf('.') + 1)}`;
          verdict = joseBuilder(call, ctx);
        }
        if (verdict?.missing) out.push({ span: nodeSpan(call.node), data: { what, how: verdict.how } });
      }
      return out;
    },
  },
});

/** Whether the scope around `at` assigns `key` to `name` after building it, by one of the given patterns. */
function setLater(at: Node, ctx: FileContext, patterns: RegExp[]): boolean {
  const text = scopeText(at, ctx);
  return patterns.some((re) => re.test(text));
}

function pythonClaims(payload: Node | undefined, call: CallSite, ctx: FileContext): Verdict | undefined {
  const bare = unwrap(payload);
  const entries = literalEntries(resolveOnce(bare, ctx), ctx.codeLanguage!);
  if (!entries) return undefined;
  if (entries.map.has('exp')) return KNOWN_OK;
  if (entries.spread) return undefined;
  if (isPlainName(bare)) {
    const n = reName(bare.text);
    // `.update(...)`, `setdefault` and `|=` may add anything, so they count as "maybe set".
    if (setLater(call.node, ctx, [new RegExp(`\\b${n}\\s*\\[\\s*["']exp["']\\s*\\]\\s*=`), new RegExp(`\\b${n}\\s*\\.\\s*(?:update|setdefault)\\s*\\(`), new RegExp(`\\b${n}\\s*\\|=`)])) return undefined;
  }
  return { missing: true, how: 'the payload has no "exp" claim' };
}

function jsSign(call: CallSite, ctx: FileContext): Verdict | undefined {
  const lang = ctx.codeLanguage!;
  const optsArg = unwrap(call.args[2]);
  let opts: Entries | undefined;
  if (optsArg && !['arrow_function', 'function_expression', 'function'].includes(optsArg.type)) {
    opts = literalEntries(resolveOnce(optsArg, ctx), lang);
    if (!opts || opts.spread) return undefined;
    if (opts.map.has('expiresIn')) return KNOWN_OK;
  }
  const bare = unwrap(call.args[0]);
  const payload = literalEntries(resolveOnce(bare, ctx), lang);
  if (!payload || payload.spread) return undefined;
  if (payload.map.has('exp')) return KNOWN_OK;
  if (isPlainName(bare)) {
    const n = reName(bare.text);
    if (setLater(call.node, ctx, [new RegExp(`\\b${n}\\s*(?:\\.\\s*exp|\\[\\s*["'\`]exp["'\`]\\s*\\])\\s*=`), new RegExp(`Object\\.assign\\s*\\(\\s*${n}\\b`)])) return undefined;
  }
  return { missing: true, how: opts ? 'the options have no expiresIn and the payload has no "exp" claim' : 'no expiresIn option and no "exp" claim in the payload' };
}

/** Follows `new SignJWT(p).a().b()…` up the chain; the builder may also be held in a variable and finished later. */
function joseBuilder(call: CallSite, ctx: FileContext): Verdict | undefined {
  const payload = literalEntries(resolveOnce(unwrap(call.args[0]), ctx), ctx.codeLanguage!);
  if (payload?.map.has('exp')) return KNOWN_OK;
  const methods: string[] = [];
  let top: Node = call.node;
  for (;;) {
    const member = top.parent;
    if (member?.type !== 'member_expression' || member.childForFieldName('object')?.id !== top.id) break;
    const next = member.parent;
    if (next?.type !== 'call_expression' || next.childForFieldName('function')?.id !== member.id) break;
    methods.push(member.childForFieldName('property')?.text ?? '');
    top = next;
  }
  if (methods.includes('setExpirationTime')) return KNOWN_OK;
  const finished = methods.includes('sign') || methods.includes('encrypt');
  if (!finished) {
    let holder: Node | null = top.parent;
    while (holder && (holder.type === 'await_expression' || holder.type === 'parenthesized_expression')) holder = holder.parent;
    const name = holder?.type === 'variable_declarator' ? holder.childForFieldName('name') : holder?.type === 'assignment_expression' ? holder.childForFieldName('left') : null;
    if (!isPlainName(name ?? undefined)) return undefined;
    const n = reName(name!.text);
    if (setLater(call.node, ctx, [new RegExp(`\\b${n}\\s*\\.\\s*setExpirationTime\\s*\\(`)])) return KNOWN_OK;
    if (!setLater(call.node, ctx, [new RegExp(`\\b${n}\\s*\\.\\s*(?:sign|encrypt)\\s*\\(`)])) return undefined;
  }
  if (payload && payload.spread) return undefined;
  return { missing: true, how: 'the builder never calls setExpirationTime()' };
}

function goClaims(arg: Node | undefined, call: CallSite, ctx: FileContext): Verdict | undefined {
  const bare = unwrap(arg);
  const lit = unwrap(resolveOnce(bare, ctx));
  if (lit?.type !== 'composite_literal') return undefined;
  const type = lit.childForFieldName('type')?.text ?? '';
  const entries = literalEntries(lit, 'go');
  if (!entries) return undefined;
  const n = isPlainName(bare) ? reName(bare.text) : undefined;
  if (/(?:^|\.)MapClaims$/.test(type)) {
    if (entries.map.has('exp')) return KNOWN_OK;
    if (n && setLater(call.node, ctx, [new RegExp(`\\b${n}\\s*\\[\\s*"exp"\\s*\\]\\s*=`)])) return undefined;
    return { missing: true, how: 'the MapClaims have no "exp"' };
  }
  const registered = /(?:^|\.)(?:RegisteredClaims|StandardClaims)$/.test(type)
    ? entries
    : [...entries.map.values()].map((v) => unwrap(v)).filter((v) => v?.type === 'composite_literal' && /(?:^|\.)(?:RegisteredClaims|StandardClaims)$/.test(v.childForFieldName('type')?.text ?? '')).map((v) => literalEntries(v, 'go'))[0];
  if (!registered) return undefined;
  if (registered.map.has('ExpiresAt')) return KNOWN_OK;
  if (n && setLater(call.node, ctx, [new RegExp(`\\b${n}\\s*\\.\\s*(?:(?:RegisteredClaims|StandardClaims)\\s*\\.\\s*)?ExpiresAt\\s*=`)])) return undefined;
  return { missing: true, how: 'the registered claims have no ExpiresAt' };
}
