// MV5008 (MCPSafe MCP-262): the OAuth `state` comes from a guessable source, or its cookie is set in /authorize before consent.
import type { Node } from 'web-tree-sitter';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import {
  hasConsentStep,
  authorizeHandlers,
  cookieWrites,
  describeWeak,
  dynamicRegistration,
  familyOf,
  functionName,
  goCookies,
  isOauthFile,
  isTestPath,
  nameWords,
  namedValues,
  redirectsIn,
  targetKind,
  weakSource,
  sliceWithin,
} from '../oauth-flow-facts.js';

export default defineRule({
  meta: {
    id: 'MV5008',
    slug: 'oauth-state-weak-or-early',
    title: 'OAuth state is guessable or set before consent',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-352', 'CWE-330'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-262'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'OAuth state {detail}',
    docs: {
      summary: 'The OAuth `state` value that protects the authorization callback is generated from a predictable source or with too few random bytes, or an MCP OAuth proxy stores it in a cookie in its `/authorize` handler before the user has consented and then sends the browser straight to the upstream authorization server.',
      risk:
        'MCP servers that connect users to third-party APIs run OAuth flows of their own, and the `state` parameter is the only thing that ties the callback to the browser that started the flow. A predictable state (`Math.random`, `random`, `uuid1`, the clock) lets an attacker craft a callback URL that the server accepts, logging the victim into the attacker\'s account or attaching the attacker\'s upstream grant to the victim\'s MCP session (login CSRF). In an MCP OAuth proxy the MCP security best practices also require the state to be created and stored only after the user approved the requesting client: a state cookie set in `GET /authorize` before consent turns any dynamically registered client into one whose callback will be accepted, which is half of the confused-deputy attack.',
      detection:
        'Two checks. (1) A value given an OAuth-state name — `oauth_state`, `authState`, `csrf_state`, and plain `state` in files that deal with OAuth (they mention `oauth`, `authorize`, `redirect_uri` or `code_challenge`) — as a variable, attribute, keyword argument, dictionary/object/struct key or `params.set("state", v)`, whose only sources are Python `random.*`, `time.time`, `uuid.uuid1`, `itertools.count`; JavaScript `Math.random`, `Date.now`, `uuid` v1, counters; Go `math/rand`, `time.Now`; or a cryptographic call with fewer than 16 bytes (`secrets.token_hex(4)`, `crypto.randomBytes(8)`, `nanoid(10)`) or a value cut to fewer than 16 characters. (2) In an OAuth proxy — a file that also lets clients register themselves (a `/register` route, `ClientRegistrationOptions(enabled=True)`, a non-stub `register_client`/`registerClient`, a `registrationUrl`) — in a handler of the `/authorize` endpoint — a function or method whose name has the word `authorize`, or a function registered for a path ending in `/authorize` (`@app.get("/authorize")`, `app.get("/authorize", …)`, `mux.HandleFunc("/authorize", …)`) — a cookie whose name has the word `state` is set (`set_cookie`, `res.cookie`, `cookies.set`, a `Set-Cookie` header, Go `http.Cookie{Name: …}`) and the handler redirects (`RedirectResponse`, `redirect`, `res.redirect`, `http.Redirect`) without any sign of a consent step: no mention of consent or approval and no HTML page rendered. Names assigned once are followed one step. Session ids are left to MV5011 and other secrets to MV5012. Test files are skipped.',
      fix: 'Generate the state with a CSPRNG and at least 128 bits (`secrets.token_urlsafe(32)`, `crypto.randomBytes(32).toString("base64url")`, Go `rand.Text()` from `crypto/rand`), store it server-side or in a signed `__Host-` cookie, compare it exactly in the callback, and delete it after one use. In an OAuth proxy, render the consent page first and create and store the state only when the user approves the client (in the consent POST handler), as the MCP security best practices describe. The SDKs\' client helpers (TypeScript `auth()`, Python `OAuthClientProvider`) already generate the state correctly.',
      references: [
        { title: 'MCP security best practices: OAuth state parameter validation', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#confused-deputy-problem' },
        { title: 'RFC 6749 §10.12: Cross-Site Request Forgery', url: 'https://www.rfc-editor.org/rfc/rfc6749#section-10.12' },
        { title: 'RFC 9700: OAuth 2.0 Security Best Current Practice, CSRF protection', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.7' },
        { title: 'CWE-352: Cross-Site Request Forgery', url: 'https://cwe.mitre.org/data/definitions/352.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /state|State/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const oauthFile = isOauthFile(ctx);
      const out: RawFinding[] = [];
      const seen = new Set<number>();
      for (const nv of namedValues(ctx, (name) => targetKind(name, oauthFile) === 'oauth-state')) {
        if (targetKind(nv.name, oauthFile) !== 'oauth-state' || seen.has(nv.at.id)) continue;
        const weak = weakSource(nv.value, ctx, 'oauth-state', nv.fn);
        if (!weak) continue;
        seen.add(nv.at.id);
        out.push({ span: nodeSpan(nv.at), data: { detail: `\`${nv.name}\` comes from ${describeWeak(weak)}, so an attacker can predict it and forge the authorization callback` } });
      }
      // A state cookie before the redirect is ordinary CSRF protection in an OAuth client; it is a flaw in a proxy,
      // where the redirect stands in for the consent the user never gave.
      if (!oauthFile || !dynamicRegistration(ctx)) return out;
      const handlers = authorizeHandlers(ctx);
      if (!handlers.length) return out;
      const cookies = [...cookieWrites(ctx), ...(familyOf(ctx) === 'go' ? goCookies(ctx) : [])]
        .filter((c) => c.name && nameWords(c.name).includes('state'))
        .sort((a, b) => a.node.startIndex - b.node.startIndex);
      if (!cookies.length) return out;
      for (const fn of handlers) {
        const inFn = sliceWithin(cookies, (c) => c.node, fn);
        if (!inFn.length || hasConsentStep(fn) || !redirectsIn(fn, ctx).length) continue;
        for (const c of inFn) {
          if (seen.has(c.node.id)) continue;
          seen.add(c.node.id);
          out.push({ span: nodeSpan(c.node), data: { detail: `cookie \`${c.name}\` is set in ${handlerLabel(fn, ctx)} before the user has consented, and the browser goes straight upstream; any registered client's flow now carries a state the callback accepts` } });
        }
      }
      return out;
    },
  },
});

function handlerLabel(fn: Node, ctx: FileContext): string {
  const name = functionName(fn, ctx);
  return name ? `\`${name}\`` : 'the /authorize handler';
}
