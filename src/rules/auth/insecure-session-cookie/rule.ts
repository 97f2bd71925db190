// MV5009 (MCPSafe MCP-263): session, consent, OAuth-state and CSRF cookies set without Secure, HttpOnly, SameSite or the __Host- prefix.
import { defineRule, nodeSpan, type RawFinding } from '../../../rule/rule.js';
import { cookieWrites, familyOf, goCookies, isSensitiveCookie, isTestPath, nameWords, needsHostPrefix, type CookieWrite } from '../oauth-flow-facts.js';

export default defineRule({
  meta: {
    id: 'MV5009',
    slug: 'insecure-session-cookie',
    title: 'Session or consent cookie missing security attributes',
    category: 'auth',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-614', 'CWE-1004', 'CWE-1275'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-263'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'cookie `{cookie}` is set without {missing}',
    docs: {
      summary: 'A cookie whose name says it carries a session, a login, an OAuth step or a consent decision (`session`, `sid`, `auth`, `token`, `consent`, `oauth`, `state`, `csrf`…) is set without `Secure`, without `HttpOnly`, without `SameSite=Lax`/`Strict`, or — for consent and OAuth cookies — without the `__Host-` prefix.',
      risk:
        'Remote MCP servers that run their own OAuth or act as an OAuth proxy keep the user\'s login, the pending `state` and the record of which clients the user approved in cookies. The MCP security best practices require consent cookies to use the `__Host-` prefix, `Secure`, `HttpOnly` and `SameSite=Lax`: without `Secure` the cookie travels over plain HTTP, without `HttpOnly` any script injected into the consent or callback page can read it, without `SameSite` a cross-site page can ride on it, and without `__Host-` a sibling subdomain can plant or overwrite it — which lets an attacker pre-approve their own malicious client and skip the consent screen (the confused-deputy attack).',
      detection:
        'Fires once per cookie, listing everything missing, for Python `set_cookie(...)` (Starlette/FastAPI, Flask, Django, aiohttp responses; keyword or positional `secure`, `httponly`, `samesite`), JavaScript `res.cookie(name, value, options)` (Express), `reply.setCookie` (Fastify), Hono `setCookie(c, …)`, `cookies.set(…)` (Koa, Next.js), `cookie.serialize`, Go `http.Cookie{…}` literals, and `Set-Cookie` header values written as strings in any of the three (`res.setHeader("Set-Cookie", …)`, `headers={"Set-Cookie": …}`, `w.Header().Set("Set-Cookie", …)`). Only cookies with a static name containing one of the words session/sess/sid, consent, oauth, state, auth, csrf/xsrf, token, jwt, login, approval, pkce, verifier or nonce are checked. The `__Host-` prefix is required for consent, OAuth, state, approval and PKCE cookies; `HttpOnly` is not required for CSRF cookies (double-submit tokens are read by scripts). Framework defaults are honoured: Starlette/FastAPI default to `SameSite=Lax`, Koa\'s `ctx.cookies.set` to `httpOnly: true`. Options that come from a spread, `**kwargs`, or a variable are assumed to be set, as are Go fields assigned later through the cookie\'s variable. Calls that delete a cookie (empty value, `max_age=0`, `MaxAge: -1`) are skipped, as are test files.',
      fix: 'Set all four protections on cookies that carry authentication or consent: Starlette `response.set_cookie("__Host-mcp_consent", value, secure=True, httponly=True, samesite="lax", path="/")`; Express `res.cookie("__Host-mcp_consent", value, { secure: true, httpOnly: true, sameSite: "lax", path: "/", signed: true })`; Go `http.SetCookie(w, &http.Cookie{Name: "__Host-mcp_consent", Value: v, Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})`. `__Host-` cookies must be `Secure`, have `Path=/` and no `Domain`. Sign or encrypt consent cookies and bind them to the client id they approve.',
      references: [
        { title: 'MCP security best practices: consent cookie security', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#confused-deputy-problem' },
        { title: 'MDN: Set-Cookie (Secure, HttpOnly, SameSite, cookie prefixes)', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie' },
        { title: 'CWE-614: Sensitive Cookie in HTTPS Session Without Secure Attribute', url: 'https://cwe.mitre.org/data/definitions/614.html' },
        { title: 'CWE-1004: Sensitive Cookie Without HttpOnly Flag', url: 'https://cwe.mitre.org/data/definitions/1004.html' },
        { title: 'CWE-1275: Sensitive Cookie with Improper SameSite Attribute', url: 'https://cwe.mitre.org/data/definitions/1275.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /cookie|Cookie/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const out: RawFinding[] = [];
      const cookies = [...cookieWrites(ctx), ...(familyOf(ctx) === 'go' ? goCookies(ctx) : [])];
      for (const c of cookies) {
        if (!c.name || c.deletes || !isSensitiveCookie(c.name)) continue;
        const missing = missingProtections(c, c.name);
        if (!missing.length) continue;
        out.push({ span: nodeSpan(c.node), data: { cookie: c.name, missing: joinList(missing) } });
      }
      return out;
    },
  },
});

function missingProtections(c: CookieWrite, name: string): string[] {
  const out: string[] = [];
  if (c.secure === undefined || c.secure === false) out.push('Secure');
  const csrf = nameWords(name).some((w) => w === 'csrf' || w === 'xsrf');
  if (!csrf && (c.httpOnly === false || (c.httpOnly === undefined && !c.httpOnlyDefault))) out.push('HttpOnly');
  const same = c.sameSite ?? c.sameSiteDefault;
  if (same === undefined) out.push('SameSite');
  else if (same === 'none') out.push('SameSite=Lax or Strict (it is None)');
  if (needsHostPrefix(name) && !name.startsWith('__Host-')) out.push('the __Host- prefix');
  return out;
}

function joinList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
