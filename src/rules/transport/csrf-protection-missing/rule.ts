// MV4008 (MCPSafe MCP-235): state-changing HTTP routes in a file that authenticates with cookies and has no CSRF defence.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import { spanToLocation } from '../../../model/location.js';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { staticString } from '../../../parse/static-value.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';

interface Route {
  node: Node;
  /** `POST /mcp` */
  label: string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JS_FRAMEWORKS = /^(?:express|fastify|hono|koa|koa-router|@koa\/router|@hono\/node-server|restify)(?:\/|$)/;
const PY_FRAMEWORKS = /^(?:fastapi|flask|starlette|quart|litestar|sanic)(?:\.|$)/;
const GO_VERB_METHODS = new Set(['Post', 'Put', 'Patch', 'Delete', 'POST', 'PUT', 'PATCH', 'DELETE']);
const GO_PATTERN = /^(POST|PUT|PATCH|DELETE)\s+(\S*\/\S*)$/;
const RELATED_ROUTES = 10;
/** HTTP clients share verb method names with routers (`axios.post("/api")`); they register nothing. */
const JS_CLIENTS = /^(?:axios|got|superagent|ky|node-fetch|undici|supertest)(?:\.|$)/;
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|testdata|e2e)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

/** Ambient credentials: the browser attaches these to cross-site requests by itself. `label` replaces the matched text. */
const COOKIE_AUTH: Record<'js' | 'python' | 'go', { re: RegExp; label?: string }[]> = {
  js: [
    { re: /\b(?:express-session|cookie-session|cookie-parser|@fastify\/(?:cookie|session|secure-session)|iron-session|hono\/cookie)\b/ },
    { re: /\breq(?:uest)?\.(?:cookies|signedCookies|session)\b/ },
    { re: /\b(?:getCookie|getSignedCookie)(?=\s*\()|\.req\.cookie(?=\s*\()/ },
  ],
  python: [
    { re: /\brequest\.(?:cookies|session)\b/ },
    { re: /\bSessionMiddleware\b|\bflask_login\b|\bAPIKeyCookie\b/ },
    { re: /\bfrom\s+flask\s+import\s+[^\n]*\bsession\b/, label: 'the Flask session' },
    { re: /=\s*Cookie\s*\(/, label: 'a Cookie(...) parameter' },
  ],
  go: [
    { re: /\bgorilla\/sessions\b|\bsessions\.NewCookieStore\b|\bsecurecookie\b|\balexedwards\/scs\b/ },
    { re: /\.Cookie\s*\(\s*"|\.Cookies\s*\(\s*\)|\bc\.Cookie\s*\(/, label: 'request cookies' },
  ],
};

function cookieAuth(family: 'js' | 'python' | 'go', text: string): string | undefined {
  for (const { re, label } of COOKIE_AUTH[family]) {
    const m = re.exec(text);
    if (m) return label ?? m[0].trim();
  }
  return undefined;
}
/** CSRF defences named by MCPSafe MCP-235 and their equivalents, plus strict same-site cookies and token headers. */
const CSRF_DEFENCE =
  /\bcsurf\b|csrf-csrf|\bdoubleCsrf\b|\blusca\b|@fastify\/csrf-protection|hono\/csrf|tiny-csrf|\bCSRFProtect\b|\bCsrfProtect\b|\bCSRFMiddleware\b|\bcsrf_protect\b|gorilla\/csrf|justinas\/nosurf|\bCrossOriginProtection\b|\bmiddleware\.CSRF|x-csrf-token|x-xsrf-token|x-csrftoken|sec-fetch-site|same_?site\s*[:=]\s*["'`]?strict|SameSiteStrictMode|SameSite=Strict/i;

export default defineRule({
  meta: {
    id: 'MV4008',
    slug: 'csrf-protection-missing',
    title: 'Cookie-authenticated state-changing routes without CSRF protection',
    category: 'transport',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-352'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-235'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{route} changes state and this app authenticates with {cookie}, but no CSRF defence was found in the file{more}',
    docs: {
      summary:
        'An HTTP app accepts POST/PUT/PATCH/DELETE requests, identifies users by a cookie or server-side session, and nothing in the file stops another web site from sending those requests with the user\'s cookies: no CSRF middleware, no token header check, no `SameSite=Strict` cookie.',
      risk:
        'Browsers attach cookies to cross-site requests, so a page on any site can submit a form or a simple `fetch` to a cookie-authenticated route and act as the logged-in user. In MCP deployments the targets are the OAuth consent and client-approval pages of authorization servers and proxies (approving an attacker\'s client gives them tokens), admin routes that add MCP servers or change tool permissions, and MCP endpoints themselves when they accept the session cookie of the surrounding web app — a JSON-RPC body sent as `text/plain` is a simple request that needs no CORS preflight. Browsers that default cookies to `SameSite=Lax` reduce the risk but do not remove it (other browsers, the Lax+POST window, same-site subdomains).',
      detection:
        'Per file, test files excluded. Routes: Express/Fastify/Hono/Koa `app.post|put|patch|delete("/path", …)` and `app.route("/path").post(…)` in files importing those frameworks; FastAPI/Flask/Starlette `@app.post("/path")`, `@app.route("/path", methods=["POST"])`, `api_route`/`add_url_rule` with such methods, and `Route("/path", endpoint, methods=["POST"])`; Go `mux.HandleFunc("POST /path", …)` (Go 1.22 patterns), chi `r.Post`, gin/echo `r.POST`/`e.DELETE`, gorilla `HandleFunc(…).Methods("POST")`. Cookie authentication: `express-session`, `cookie-session`, `cookie-parser`, `@fastify/cookie`/`session`, `iron-session`, `req.session`, `req.cookies`, Hono `getCookie`; Python `request.cookies`, `request.session`, `SessionMiddleware`, Flask `session`, `flask_login`, FastAPI `Cookie(...)`/`APIKeyCookie`; Go `r.Cookie("…")`, gorilla/sessions, scs, securecookie. Defences that silence the rule anywhere in the file: csurf, csrf-csrf, lusca, `@fastify/csrf-protection`, Hono `csrf()`, Flask-WTF `CSRFProtect`, fastapi-csrf-protect `CsrfProtect`, `CSRFMiddleware`, gorilla/csrf, nosurf, Go 1.25 `http.CrossOriginProtection`, echo `middleware.CSRF`, any `X-CSRF-Token`/`X-XSRF-Token`/`Sec-Fetch-Site` check, and `SameSite=Strict` cookies. Bearer-token APIs without cookies never fire. One finding per file, on the first state-changing route; the others are listed as related locations. A defence applied in another module (an app factory that installs csurf) is not seen: suppress with a reason.',
      fix:
        'Add a CSRF defence to the app: `csrf-csrf`/`lusca.csrf()` for Express, `@fastify/csrf-protection`, Hono `csrf()`, Flask-WTF `CSRFProtect(app)`, `fastapi-csrf-protect`, gorilla/csrf or `http.CrossOriginProtection` in Go. Set session cookies with `SameSite=Strict` (or `Lax` plus a token) and `Secure`, and for JSON APIs reject requests whose `Content-Type` is not `application/json` and whose `Origin` is not yours. Better still for MCP endpoints: authenticate with bearer tokens, which browsers never send on their own.',
      references: [
        { title: 'CWE-352: Cross-Site Request Forgery', url: 'https://cwe.mitre.org/data/definitions/352.html' },
        { title: 'OWASP CSRF Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html' },
        { title: 'MCP security best practices: confused deputy and consent', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'Go net/http: CrossOriginProtection', url: 'https://pkg.go.dev/net/http#CrossOriginProtection' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /cookie|Cookie|session|Session/,
    detect(ctx) {
      const lang = ctx.codeLanguage;
      if (!lang || !ctx.tree || TEST_PATH.test(ctx.path)) return [];
      const family = lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
      const cookie = cookieAuth(family, ctx.text);
      if (!cookie || CSRF_DEFENCE.test(ctx.text)) return [];
      const routes = family === 'python' ? pythonRoutes(ctx) : family === 'go' ? goRoutes(ctx) : jsRoutes(ctx, lang);
      if (routes.length === 0) return [];
      routes.sort((a, b) => a.node.startIndex - b.node.startIndex);
      const [first, ...rest] = routes;
      return [
        {
          span: nodeSpan(first!.node),
          data: { route: first!.label, cookie, more: rest.length ? ` (nor for ${rest.length} other state-changing route(s))` : '' },
          related: rest.slice(0, RELATED_ROUTES).map((r) => ({ location: spanToLocation(ctx.path, nodeSpan(r.node)), message: `${r.label} has the same problem` })),
        } satisfies RawFinding,
      ];
    },
  },
});

function pathOf(node: Node | undefined, ctx: FileContext): string | undefined {
  if (!node) return undefined;
  const s = staticString(node, ctx.codeLanguage!, ctx.assignments());
  return s?.complete && (s.value.startsWith('/') || s.value === '*') ? s.value : undefined;
}

/** Verbs named in a `methods=[...]` list or a `method: "POST"` value. */
function verbsOf(node: Node | undefined, ctx: FileContext): string[] {
  if (!node) return [];
  const items = ['list', 'tuple', 'set', 'array'].includes(node.type) ? node.namedChildren.filter((n): n is Node => n !== null) : [node];
  return items.map((n) => staticString(n, ctx.codeLanguage!, ctx.assignments())?.value.toUpperCase() ?? '').filter((v) => STATE_CHANGING.has(v));
}

function memberName(call: CallSite): string | undefined {
  const c = call.callee;
  if (c.type === 'member_expression') return c.childForFieldName('property')?.text;
  if (c.type === 'attribute') return c.childForFieldName('attribute')?.text;
  if (c.type === 'selector_expression') return c.childForFieldName('field')?.text;
  return undefined;
}

function receiverCall(call: CallSite): Node | undefined {
  const c = call.callee;
  const obj = c.childForFieldName('object') ?? c.childForFieldName('operand');
  return obj?.type === 'call_expression' || obj?.type === 'call' ? obj : undefined;
}

function jsRoutes(ctx: FileContext, lang: CodeLanguage): Route[] {
  if (![...ctx.imports().values()].some((b) => JS_FRAMEWORKS.test(b.module))) return [];
  const out: Route[] = [];
  for (const call of ctx.calls()) {
    const method = memberName(call)?.toUpperCase();
    if (!method || JS_CLIENTS.test(call.name ?? '')) continue;
    if (STATE_CHANGING.has(method) || method === 'DEL') {
      const verb = method === 'DEL' ? 'DELETE' : method;
      let path = pathOf(call.args[0], ctx);
      const inner = receiverCall(call);
      // `app.route("/notes").post(handler)`: the path is on the route() call.
      if (!path && inner && /\.route$/.test(inner.childForFieldName('function')?.text ?? '')) path = pathOf(inner.childForFieldName('arguments')?.namedChildren[0] ?? undefined, ctx);
      if (path && call.args.length >= 1) out.push({ node: call.node, label: `${verb} ${path}` });
    } else if (method === 'ROUTE' && call.args[0]?.type === 'object') {
      // Fastify `route({ method: "POST", url: "/x", handler })`.
      const props = objectProperties(call.args[0], lang);
      const verbs = verbsOf(props.get('method'), ctx);
      const path = pathOf(props.get('url') ?? props.get('path'), ctx);
      if (verbs.length && path) out.push({ node: call.node, label: `${verbs.join('/')} ${path}` });
    }
  }
  return out;
}

function pythonRoutes(ctx: FileContext): Route[] {
  if (![...ctx.imports().values()].some((b) => PY_FRAMEWORKS.test(b.module))) return [];
  const out: Route[] = [];
  for (const call of ctx.calls()) {
    const method = memberName(call);
    const name = call.name ?? '';
    const path = pathOf(call.args[0] ?? call.kwargs.get('path') ?? call.kwargs.get('rule'), ctx);
    if (!path) continue;
    if (method && STATE_CHANGING.has(method.toUpperCase())) out.push({ node: call.node, label: `${method.toUpperCase()} ${path}` });
    else if ((method && ['route', 'api_route', 'add_api_route', 'add_url_rule', 'add_route'].includes(method)) || /(?:^|\.)Route$/.test(name)) {
      const verbs = verbsOf(call.kwargs.get('methods'), ctx);
      if (verbs.length) out.push({ node: call.node, label: `${verbs.join('/')} ${path}` });
    }
  }
  return out;
}

function goRoutes(ctx: FileContext): Route[] {
  const out: Route[] = [];
  for (const call of ctx.calls()) {
    const method = memberName(call) ?? (call.callee.type === 'identifier' ? call.callee.text : undefined);
    if (!method) continue;
    if (GO_VERB_METHODS.has(method)) {
      const path = pathOf(call.args[0], ctx);
      if (path) out.push({ node: call.node, label: `${method.toUpperCase()} ${path}` });
    } else if (method === 'HandleFunc' || method === 'Handle') {
      const pattern = call.args[0] ? staticString(call.args[0], 'go', ctx.assignments()) : undefined;
      const m = pattern?.complete ? GO_PATTERN.exec(pattern.value) : undefined;
      if (m) out.push({ node: call.node, label: `${m[1]} ${m[2]}` });
    } else if (method === 'Methods') {
      // gorilla/mux: `r.HandleFunc("/x", h).Methods("POST")`.
      const verbs = call.args.flatMap((a) => verbsOf(a, ctx));
      const inner = receiverCall(call);
      const path = inner ? pathOf(inner.childForFieldName('arguments')?.namedChildren[0] ?? undefined, ctx) : undefined;
      if (verbs.length && path) out.push({ node: call.node, label: `${verbs.join('/')} ${path}` });
    }
  }
  return out;
}
