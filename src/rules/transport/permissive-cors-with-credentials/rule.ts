// MV4006: a CORS policy lets every origin make credentialed requests, or lets every web page drive an unauthenticated MCP endpoint.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Confidence } from '../../../model/severity.js';
import { compositeFields, objectProperties } from '../../../parse/call-sites.js';
import { calleeName } from '../../../parse/imports.js';
import { staticString } from '../../../parse/static-value.js';
import { ancestor, descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { authCheckIn } from '../http-guard-facts.js';

type Origins = 'wildcard' | 'reflect';

interface Policy {
  node: Node;
  api: string;
  origins: Origins;
  credentials: boolean;
  exposesSession: boolean;
}

const ACAO = 'access-control-allow-origin';
const ACAC = 'access-control-allow-credentials';
const ACEH = 'access-control-expose-headers';
/** An expression that reads the request's Origin header. */
const ORIGIN_READ = /headers\s*(?:\.\s*origin\b|\[\s*["'`]origin["'`]\s*\]|\.\s*get\s*\(\s*["'`]origin["'`])|\.\s*(?:header|Get|get)\s*\(\s*["'`]origin["'`]\s*\)/i;
/** A line that compares or looks up an origin: reflection after an allow-list check is the correct pattern. */
const ORIGIN_GUARD = /\.(?:includes|has|indexOf|test|match|startsWith|endsWith|HasPrefix|HasSuffix|Contains)\s*\(|\bin\s+[A-Za-z_]|[!=]==?|slices\.Contains/;
const FUNCTION_TYPES = new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'function_definition', 'func_literal', 'method_declaration', 'function']);
/** Regular expressions that match any origin. */
const ANY_ORIGIN_REGEX = /^\^?(?:\.\*|\.\+|https\?:\/\/\.\*|https:\/\/\.\*|https\?:\/\/\.\+)\$?$/;
const WILDCARD_ORIGINS = new Set(['*', 'http://*', 'https://*']);

/** JS CORS middlewares whose `origin` defaults to `*` when not given. */
const JS_CORS = new Set(['cors', 'cors.default', 'hono/cors.cors']);
const JS_FASTIFY_CORS = new Set(['@fastify/cors', '@fastify/cors.default', 'fastify-cors']);
/** Go CORS constructors: whether their options default to every origin, and which take no options at all. */
const GO_CORS: Record<string, { defaultAll: boolean; noOptions?: boolean }> = {
  'github.com/rs/cors.New': { defaultAll: true },
  'github.com/rs/cors.AllowAll': { defaultAll: true, noOptions: true },
  'github.com/go-chi/cors.Handler': { defaultAll: true },
  'github.com/go-chi/cors.New': { defaultAll: true },
  'github.com/go-chi/cors.AllowAll': { defaultAll: true, noOptions: true },
  'github.com/gin-contrib/cors.New': { defaultAll: false },
  'github.com/gin-contrib/cors.Default': { defaultAll: true, noOptions: true },
  'github.com/labstack/echo/v4/middleware.CORSWithConfig': { defaultAll: true },
  'github.com/labstack/echo/v4/middleware.CORS': { defaultAll: true, noOptions: true },
};

export default defineRule({
  meta: {
    id: 'MV4006',
    slug: 'permissive-cors-with-credentials',
    title: 'CORS lets any web page make credentialed or unauthenticated MCP calls',
    category: 'transport',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-942', 'CWE-346'],
    owaspMcp: ['MCP07'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} allows {origins}{extra}: {impact}',
    docs: {
      summary:
        'The HTTP server of an MCP project answers cross-origin requests from any web site — a wildcard or reflected `Access-Control-Allow-Origin` — and either also allows credentials, or serves an MCP endpoint that authenticates nobody.',
      risk:
        'CORS decides which web pages may read responses from the server through the user\'s browser. Reflecting every origin with `Access-Control-Allow-Credentials: true` means any site the user visits can send requests that carry the user\'s cookies or HTTP auth and read the answers: tool results, OAuth consent pages, session ids. For an MCP endpoint without authentication — typically a local server on 127.0.0.1 — even a plain `*` policy is enough: a page can initialize a session, read `Mcp-Session-Id`, list the tools and call them, with no DNS rebinding needed and Host-header validation no help. The browser is the only thing standing between a malicious page and the tools, and the policy tells it to step aside.',
      detection:
        'TypeScript/JavaScript: the `cors` middleware (`app.use(cors(options))`), Hono `cors()` and `@fastify/cors` registrations whose `origin` is missing (they default to `*`), `"*"`, `true`, a regular expression matching everything, or a callback that accepts every origin (`(origin, cb) => cb(null, true)`, `(o) => o`). Python: Starlette/FastAPI `CORSMiddleware` (through `add_middleware`, `Middleware(...)` or directly) with `allow_origins=["*"]` or an `allow_origin_regex` matching everything, Flask-CORS `CORS(app, …)`/`@cross_origin` (default origins `*`, reflected). Go: rs/cors and go-chi/cors `New`/`Handler` with `AllowedOrigins` missing or containing `*`, `AllowOriginFunc` returning `true`, `AllowAll()`, gin-contrib/cors `AllowAllOrigins: true` or `Default()`, echo `middleware.CORS()`/`CORSWithConfig`. Hand-written headers in any language: `Access-Control-Allow-Origin` set to `*` or to the request\'s `Origin` header (unless the same function compares the origin against a list). It fires when such a policy also allows credentials (`credentials: true`, `allow_credentials=True`, `supports_credentials=True`, `AllowCredentials: true`, `Access-Control-Allow-Credentials: true`), or, at medium confidence, when the file serves MCP over HTTP and shows no authentication (no token verifier or bearer middleware in its inventory, no `Authorization`/API-key header check). Exposing `Mcp-Session-Id` to every origin is mentioned in the message. Authentication is looked for in the same file only, so a wildcard policy next to an auth middleware imported from another module is still reported (medium confidence). Policies with an explicit list of origins never fire; neither do wildcard policies on files that authenticate with bearer tokens, since a foreign page cannot attach the token.',
      fix:
        'List the origins that may call the server (`cors({ origin: ["https://app.example.com"], credentials: true })`, `CORSMiddleware(allow_origins=["https://app.example.com"], allow_credentials=True)`, `cors.Options{AllowedOrigins: []string{"https://app.example.com"}}`), or drop CORS entirely for servers only used by desktop clients — they do not need it. Never combine a wildcard or reflected origin with credentials. Authenticate the MCP endpoint with bearer tokens, which browsers do not attach on their own.',
      references: [
        { title: 'CWE-942: Permissive Cross-domain Policy with Untrusted Domains', url: 'https://cwe.mitre.org/data/definitions/942.html' },
        { title: 'MDN: CORS requests with credentials', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials' },
        { title: 'PortSwigger: CORS vulnerabilities', url: 'https://portswigger.net/web-security/cors' },
        { title: 'MCP specification 2025-11-25: transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /cors|CORS|Cors|Access-Control-Allow-Origin|access-control-allow-origin/,
    detect(ctx) {
      if (!ctx.tree || !ctx.codeLanguage) return [];
      const lang = ctx.codeLanguage;
      const policies = lang === 'python' ? pythonPolicies(ctx) : lang === 'go' ? goPolicies(ctx) : jsPolicies(ctx, lang);
      policies.push(...headerPolicies(ctx, lang));
      if (policies.length === 0) return [];
      const unauthenticatedMcp = servesMcpOverHttp(ctx) && !authenticates(ctx);
      const out: RawFinding[] = [];
      for (const p of policies) {
        let impact: string;
        let confidence: Confidence | undefined;
        if (p.credentials) impact = 'any web page the user visits can send requests carrying the user\'s cookies or HTTP credentials and read the responses';
        else if (unauthenticatedMcp) {
          impact = 'any web page the user visits can call the tools of this unauthenticated MCP endpoint and read the results';
          confidence = 'medium';
        } else continue;
        out.push({
          span: nodeSpan(p.node),
          data: {
            api: p.api,
            origins: p.origins === 'reflect' ? 'every origin (the request Origin is echoed back)' : 'every origin (*)',
            extra: `${p.credentials ? ' with credentials' : ''}${p.exposesSession ? ' and exposes Mcp-Session-Id to them' : ''}`,
            impact,
          },
          ...(confidence ? { confidence } : { confidence: 'high' as const }),
        });
      }
      return out;
    },
  },
});

function servesMcpOverHttp(ctx: FileContext): boolean {
  const inv = ctx.inventory;
  if (!inv) return false;
  const transports = [...inv.servers.flatMap((s) => s.transports), ...inv.orphans.flatMap((o) => o.transports), ...inv.transports];
  return transports.some((t) => t.kind !== 'stdio');
}

function authenticates(ctx: FileContext): boolean {
  const inv = ctx.inventory;
  if (inv && (inv.auth.length > 0 || inv.servers.some((s) => s.auth.length > 0))) return true;
  return authCheckIn(ctx.lines) !== undefined;
}

/** A name assigned once stands for its value. */
function resolve(node: Node | undefined | null, ctx: FileContext): Node | undefined {
  if (!node) return undefined;
  if (node.type !== 'identifier') return node;
  const values = ctx.assignments().get(node.text);
  return values?.length === 1 && values[0]!.id !== node.id ? values[0] : node;
}

function stringOf(node: Node | undefined, ctx: FileContext): string | undefined {
  if (!node) return undefined;
  const s = staticString(node, ctx.codeLanguage!, ctx.assignments());
  return s?.complete ? s.value : undefined;
}

function isTrue(node: Node | undefined, ctx: FileContext): boolean {
  const v = resolve(node, ctx);
  return v?.type === 'true' || (v !== undefined && stringOf(v, ctx)?.toLowerCase() === 'true');
}

/** Elements of a list/array/slice literal (or the value itself when it is a single string). */
function elements(node: Node | undefined, ctx: FileContext): Node[] {
  const v = resolve(node, ctx);
  if (!v) return [];
  if (['list', 'tuple', 'set', 'array'].includes(v.type)) return v.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  if (v.type === 'composite_literal') {
    return (v.childForFieldName('body')?.namedChildren ?? []).flatMap((e) => (e?.type === 'literal_element' ? [e.namedChildren[0] ?? e] : e && e.type !== 'comment' ? [e] : []));
  }
  return [v];
}

function mentionsSessionHeader(node: Node | undefined, ctx: FileContext): boolean {
  return elements(node, ctx).some((e) => /mcp-session-id/i.test(stringOf(e, ctx) ?? ''));
}

/** Whether a list of origins (or a single origin) lets every origin in. */
function originsOf(node: Node | undefined, ctx: FileContext): Origins | undefined {
  const v = resolve(node, ctx);
  if (!v) return undefined;
  if (v.type === 'true') return 'reflect';
  if (v.type === 'regex') return ANY_ORIGIN_REGEX.test(v.childForFieldName('pattern')?.text ?? '') ? 'reflect' : undefined;
  if (FUNCTION_TYPES.has(v.type)) return acceptsEveryOrigin(v) ? 'reflect' : undefined;
  return elements(v, ctx).some((e) => WILDCARD_ORIGINS.has(stringOf(e, ctx) ?? '')) ? 'wildcard' : undefined;
}

/** An origin callback with no check in it: returns `true` or the origin, or calls back `(null, true)`. */
function acceptsEveryOrigin(fn: Node): boolean {
  const body = fn.childForFieldName('body');
  if (!body) return false;
  const param = (fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter'))?.namedChildren[0]?.text ?? fn.childForFieldName('parameter')?.text;
  if (body.type === 'true' || (param !== undefined && body.text === param)) return true;
  const text = body.text;
  if (/\bif\b|\?|\.(?:includes|has|indexOf|test|match|startsWith|endsWith|HasPrefix|HasSuffix)\s*\(|[!=]==?|\bswitch\b/.test(text)) return false;
  return /\(\s*null\s*,\s*(?:true|\w+)\s*\)|\breturn\s+true\b/.test(text);
}

function jsPolicies(ctx: FileContext, lang: CodeLanguage): Policy[] {
  const out: Policy[] = [];
  const imports = ctx.imports();
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    let options: Node | undefined;
    let api: string;
    if (JS_CORS.has(name) && !call.isNew) {
      options = call.args[0];
      api = name === 'hono/cors.cors' ? 'hono cors()' : 'cors()';
    } else if (call.callee.type === 'member_expression' && call.callee.childForFieldName('property')?.text === 'register' && call.args[0] && JS_FASTIFY_CORS.has(calleeName(call.args[0], imports, lang) ?? '')) {
      options = call.args[1];
      api = '@fastify/cors';
    } else continue;
    const resolved = resolve(options, ctx);
    if (options && resolved?.type !== 'object') continue; // options computed elsewhere: cannot judge
    const props = objectProperties(resolved, lang);
    const origin = props.get('origin');
    const origins = origin ? originsOf(origin, ctx) : 'wildcard';
    if (!origins) continue;
    out.push({ node: call.node, api, origins, credentials: isTrue(props.get('credentials'), ctx), exposesSession: mentionsSessionHeader(props.get('exposedHeaders') ?? props.get('exposeHeaders'), ctx) });
  }
  return out;
}

function pythonPolicies(ctx: FileContext): Policy[] {
  const out: Policy[] = [];
  const imports = ctx.imports();
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    const first = call.args[0];
    const viaArg = first && /(?:^|\.)CORSMiddleware$/.test(calleeName(first, imports, 'python') ?? '');
    if (viaArg || /(?:^|\.)CORSMiddleware$/.test(name)) {
      const kw = call.kwargs;
      const origins = originsOf(kw.get('allow_origins'), ctx) ?? (ANY_ORIGIN_REGEX.test(stringOf(kw.get('allow_origin_regex'), ctx) ?? '') ? 'reflect' : undefined);
      if (!origins) continue;
      out.push({ node: call.node, api: 'CORSMiddleware', origins, credentials: isTrue(kw.get('allow_credentials'), ctx), exposesSession: mentionsSessionHeader(kw.get('expose_headers'), ctx) });
    } else if (name === 'flask_cors.CORS' || name === 'flask_cors.cross_origin') {
      const kw = call.kwargs;
      const originsArg = kw.get('origins');
      // Flask-CORS allows every origin by default and echoes it back unless send_wildcard is set.
      const origins = originsArg ? originsOf(originsArg, ctx) : 'reflect';
      if (!origins) continue;
      out.push({ node: call.node, api: name.slice('flask_cors.'.length), origins, credentials: isTrue(kw.get('supports_credentials'), ctx), exposesSession: mentionsSessionHeader(kw.get('expose_headers'), ctx) });
    }
  }
  return out;
}

function goPolicies(ctx: FileContext): Policy[] {
  const out: Policy[] = [];
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    const spec = GO_CORS[name];
    if (!spec) continue;
    const api = name.slice(name.lastIndexOf('/') + 1);
    if (spec.noOptions) {
      out.push({ node: call.node, api, origins: 'wildcard', credentials: false, exposesSession: false });
      continue;
    }
    let lit = resolve(call.args[0], ctx);
    if (lit?.type === 'unary_expression') lit = lit.childForFieldName('operand') ?? undefined;
    if (lit?.type !== 'composite_literal') continue;
    const f = compositeFields(lit);
    const listed = f.get('AllowedOrigins') ?? f.get('AllowOrigins');
    const func = f.get('AllowOriginFunc') ?? f.get('AllowOriginRequestFunc') ?? f.get('AllowOriginVaryRequestFunc');
    let origins: Origins | undefined;
    if (isTrue(f.get('AllowAllOrigins'), ctx)) origins = 'wildcard';
    else if (func) origins = func.type === 'func_literal' && acceptsEveryOrigin(func) ? 'reflect' : undefined;
    else if (listed) origins = originsOf(listed, ctx);
    else if (spec.defaultAll) origins = 'wildcard';
    if (!origins) continue;
    out.push({ node: call.node, api, origins, credentials: isTrue(f.get('AllowCredentials'), ctx), exposesSession: mentionsSessionHeader(f.get('ExposedHeaders') ?? f.get('ExposeHeaders'), ctx) });
  }
  return out;
}

/** Hand-written `Access-Control-*` headers: calls `set(name, value)`, Python `headers[name] = value`, and object/dict literals. */
function headerPolicies(ctx: FileContext, lang: CodeLanguage): Policy[] {
  if (!/access-control-allow-origin/i.test(ctx.text)) return [];
  const origins: { node: Node; value: Node }[] = [];
  let credentials = false;
  let exposesSession = false;
  const visit = (nameNode: Node | undefined | null, value: Node | undefined | null, at: Node) => {
    if (!nameNode || !value) return;
    const header = stringOf(nameNode, ctx)?.toLowerCase();
    if (header === ACAO) origins.push({ node: at, value });
    else if (header === ACAC && (stringOf(value, ctx)?.toLowerCase() === 'true' || value.type === 'true')) credentials = true;
    else if (header === ACEH && /mcp-session-id/i.test(stringOf(value, ctx) ?? value.text)) exposesSession = true;
  };
  for (const call of ctx.calls()) if (call.args.length >= 2) visit(call.args[0], call.args[1], call.node);
  const types = lang === 'python' ? ['pair', 'assignment'] : lang === 'go' ? ['keyed_element'] : ['pair', 'assignment_expression'];
  for (const n of descendantsOfType(ctx.tree!.rootNode, types)) {
    if (n.type === 'pair') visit(n.childForFieldName('key'), n.childForFieldName('value'), n);
    else if (n.type === 'keyed_element') {
      const [k, v] = n.namedChildren;
      visit(k?.type === 'literal_element' ? k.namedChildren[0] : k, v?.type === 'literal_element' ? v.namedChildren[0] : v, n);
    } else {
      const left = n.childForFieldName('left');
      const index = left?.type === 'subscript' ? left.childForFieldName('subscript') : left?.type === 'subscript_expression' ? left.childForFieldName('index') : null;
      visit(index, n.childForFieldName('right'), n);
    }
  }
  const out: Policy[] = [];
  for (const o of origins) {
    const kind = headerOrigin(o.value, o.node, ctx);
    if (kind) out.push({ node: o.node, api: 'Access-Control-Allow-Origin', origins: kind, credentials, exposesSession });
  }
  return out;
}

function headerOrigin(value: Node, at: Node, ctx: FileContext): Origins | undefined {
  if (stringOf(value, ctx) === '*') return 'wildcard';
  const v = resolve(value, ctx) ?? value;
  if (!ORIGIN_READ.test(v.text) && !ORIGIN_READ.test(value.text)) return undefined;
  // Echoing the origin after checking it against a list is how a correct multi-origin policy looks.
  const scope = ancestor(at, FUNCTION_TYPES) ?? ctx.tree!.rootNode;
  const guarded = scope.text.split('\n').some((line) => /origin/i.test(line) && ORIGIN_GUARD.test(line));
  return guarded ? undefined : 'reflect';
}
