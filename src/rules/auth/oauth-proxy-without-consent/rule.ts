// MV5006 (MCPSafe MCP-260): an MCP OAuth proxy (static upstream client + dynamic registration) that skips per-client consent.
import type { Node } from 'web-tree-sitter';
import { objectProperties } from '../../../parse/call-sites.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import {
  authorizeHandlers,
  dynamicRegistration,
  familyOf,
  functionName,
  hasConsentStep,
  isTestPath,
  nameWords,
  namedValues,
  namedValuesWithin,
  parameterNames,
  redirectsIn,
  returnedValues,
  staticText,
  type Family,
} from '../oauth-flow-facts.js';

const STRING_TYPES = ['string', 'template_string'];

export default defineRule({
  meta: {
    id: 'MV5006',
    slug: 'oauth-proxy-without-consent',
    title: 'OAuth proxy forwards clients upstream without per-client consent',
    category: 'auth',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-441'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-260'],
    mode: 'fast',
    languages: ['python', 'typescript'],
    status: 'stable',
    message: '{what}: any client that registers itself is sent straight to the upstream authorization server under the proxy\'s own client id, without the user approving that client',
    docs: {
      summary: 'An MCP server acting as an OAuth proxy — it lets MCP clients register dynamically but talks to a third-party authorization server with one static client id — redirects `/authorize` requests straight to the upstream authorization endpoint instead of first showing its own consent page for the requesting client (or checking a store of clients the user already approved).',
      risk:
        'This is the confused-deputy attack in the MCP security best practices. The upstream authorization server only ever sees the proxy\'s static client id, and once the user has approved that id it skips its own consent screen (often remembered in a cookie). An attacker registers a new MCP client with their own `redirect_uri` through the proxy\'s open dynamic client registration and sends the user an authorization link; the upstream server recognises the proxy, redirects back silently, and the proxy hands an authorization code for the user\'s account to the attacker\'s redirect URI. The attacker then calls the MCP server — and through it the third-party API — as the user. The specification requires proxies to obtain user consent for each dynamically registered client before forwarding to the third-party server.',
      detection:
        'Python and TypeScript. (1) fastmcp: an OAuth proxy provider from `fastmcp.server.auth` (`OAuthProxy`, `OIDCProxy`, `GitHubProvider`, `GoogleProvider`, `AzureProvider`, `WorkOSProvider`, …) constructed with `require_authorization_consent=False`, and TypeScript `fastmcp` `OAuthProxy`/`GitHubProvider`/`GoogleProvider`/`AzureProvider` with `consentRequired: false` (both default to showing consent). (2) Hand-written proxies: a handler of `/authorize` — the `authorize` method of a Python `OAuthAuthorizationServerProvider` or TypeScript `OAuthServerProvider` (including `ProxyOAuthServerProvider` subclasses), or any function named `authorize…`/registered for a path ending in `/authorize` — that sends the browser on (returns the URL, `RedirectResponse`, `redirect`, `res.redirect`) with a `client_id` that does not come from the request or the calling client (`self.upstream_client_id`, `this.clientId`, `os.environ[…]`, a constant, or a literal in the URL), in a file where dynamic client registration is on: `ClientRegistrationOptions(enabled=True)`, a non-stub `register_client`/`registerClient`, a `/register` route, or a `registrationUrl`. It stays quiet when the handler mentions consent or approval (a consent page, an approved-clients lookup), renders HTML (`HTMLResponse`, a template, `res.render`, `text/html`), or forwards the calling client\'s own id (the plain `ProxyOAuthServerProvider` does that, so the upstream server does its own consent per client). Comments do not count as evidence. The rule cannot follow a consent check performed by middleware before the handler or a registration endpoint configured in another file: suppress with a reason, or report it as a false negative.',
      fix: 'Before redirecting upstream, look the `(user, client_id)` pair up in a server-side store of approved clients; if it is missing, render a consent page that names the client, its registered `redirect_uri` and the upstream scopes, protect the form with a CSRF token and `frame-ancestors \'none\'`, and only after the user approves store the approval (server-side or in a signed `__Host-` cookie bound to the client id), create the OAuth `state`, and redirect upstream. With fastmcp keep `require_authorization_consent=True` (the default) or use `"external"` only when an upstream step really shows per-client consent; with the TypeScript `fastmcp` keep `consentRequired: true`.',
      references: [
        { title: 'MCP security best practices: confused deputy problem', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#confused-deputy-problem' },
        { title: 'MCP specification: authorization, confused deputy', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#confused-deputy-problem' },
        { title: 'CWE-441: Unintended Proxy or Intermediary (Confused Deputy)', url: 'https://cwe.mitre.org/data/definitions/441.html' },
        { title: 'RFC 7591: OAuth 2.0 Dynamic Client Registration', url: 'https://www.rfc-editor.org/rfc/rfc7591' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    requires: /authorize|require_authorization_consent|consentRequired/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const fam = familyOf(ctx);
      const out: RawFinding[] = [...consentSwitchedOff(ctx, fam)];
      if (!dynamicRegistration(ctx)) return out;
      for (const fn of authorizeHandlers(ctx)) {
        if (hasConsentStep(fn)) continue;
        const exit = upstreamExit(fn, ctx, fam);
        if (!exit || !fixedClientId(fn, ctx)) continue;
        const name = functionName(fn, ctx);
        out.push({ span: nodeSpan(exit), data: { what: `${name ? `\`${name}\`` : 'the /authorize handler'} redirects upstream with a fixed client id and no consent step` } });
      }
      return out;
    },
  },
});

/** fastmcp proxies with their built-in consent screen turned off. */
function consentSwitchedOff(ctx: FileContext, fam: Family): RawFinding[] {
  const out: RawFinding[] = [];
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    if (fam === 'python') {
      if (!name.startsWith('fastmcp.')) continue;
      if (call.kwargs.get('require_authorization_consent')?.type === 'false') {
        out.push({ span: nodeSpan(call.node), data: { what: `${name.slice(name.lastIndexOf('.') + 1)}(require_authorization_consent=False) turns the consent screen off` } });
      }
    } else if (/^fastmcp(?:\/|\.)/.test(name) && call.isNew) {
      const opts = objectProperties(call.args[0], ctx.codeLanguage!);
      if (opts.get('consentRequired')?.type === 'false') {
        out.push({ span: nodeSpan(call.node), data: { what: `${name.slice(name.lastIndexOf('.') + 1)}({ consentRequired: false }) turns the consent screen off` } });
      }
    }
  }
  return out;
}

/** Where the handler sends the browser on: a redirect call, or (provider `authorize`) the URL it returns. */
function upstreamExit(fn: Node, ctx: FileContext, fam: Family): Node | undefined {
  const redirect = redirectsIn(fn, ctx)[0];
  if (redirect) return redirect.node;
  if (fam === 'python' && nameWords(functionName(fn, ctx) ?? '').join(' ') === 'authorize') return returnedValues(fn, ctx)[0]?.at;
  return undefined;
}

const isClientId = (name: string) => nameWords(name).join(' ') === 'client id';

/** A `client_id` in the handler that comes from configuration rather than from the request or the calling client. */
function fixedClientId(fn: Node, ctx: FileContext): boolean {
  const params = new Set(parameterNames(fn));
  const fromCaller = (expr: Node) => descendantsOfType(expr, 'identifier').some((id) => params.has(id.text));
  for (const nv of namedValuesWithin(fn, ctx, isClientId)) {
    if (nameWords(nv.name).join(' ') !== 'client id') continue;
    if (!fromCaller(nv.value)) return true;
  }
  for (const s of descendantsOfType(fn, STRING_TYPES)) {
    const m = /client_id=(\{([^}]*)\}|\$\{([^}]*)\}|[^&"'`{$\s]+)/.exec(s.text);
    if (!m) continue;
    const expr = m[2] ?? m[3];
    if (expr === undefined) return true;
    if (![...expr.matchAll(/[A-Za-z_$][\w$]*/g)].some((w) => params.has(w[0]))) return true;
  }
  return false;
}
