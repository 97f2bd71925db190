// MV5018: access tokens are read from, or put into, URL query strings, where logs and Referer headers leak them.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import { calleeMemberOf, type CallSite } from '../../../parse/call-sites.js';
import type { Confidence } from '../../../model/severity.js';
import { isStaticString } from '../../../parse/static-value.js';
import { decodeString } from '../../../parse/string-literal.js';
import { NodeIndex } from '../../../parse/node-index.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { family, methodName, receiverOf, unwrap, isTestPath } from '../token-api-facts.js';

/** Query parameter names that carry a bearer credential (compared lower-case without `_`/`-`). */
const TOKEN_PARAMS = new Set(['token', 'accesstoken', 'apikey', 'authtoken', 'idtoken', 'jwt', 'bearertoken']);
/** `?key=` is often an API key, but also a lookup key: reported at medium confidence, and only when read. */
const WEAK_PARAMS = new Set(['key']);
/** A URL (or URL template) that appends a token parameter whose value is filled in at run time. */
const URL_TOKEN = /[?&](access_token|token|api_key|apikey|auth_token|id_token|jwt)=(?=["'`]|\$\{|\{|%[sqv]|$)/i;
/** Links meant for people (e-mail verification, password reset, invitations) carry one-time tokens by design. */
const ONE_TIME_LINK = /verif|confirm|reset|invit|magic|unsubscribe|activat|download|share/i;
/** Objects holding the inbound request (Express `req`, Koa `ctx`, Starlette `request`…). */
const JS_REQUEST = /^(?:req|request|ctx|context)$/;
const PY_REQUEST = /^(?:request|req|self\.request)$/;

interface Hit {
  node: Node;
  where: string;
  how: string;
  confidence?: Confidence;
}

const READS = 'reads an access token from the query string';
const WRITES = 'puts an access token into a URL query string';

export default defineRule({
  meta: {
    id: 'MV5018',
    slug: 'token-in-query-string',
    title: 'Access token passed in a URL query string',
    category: 'auth',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-598'],
    owaspMcp: ['MCP01'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{where} {how}; URLs are written to access logs, proxies and browser history and sent on in Referer headers',
    docs: {
      summary: 'An MCP server accepts its bearer token as a URL query parameter (`/mcp?token=…`, `/sse?access_token=…`), or builds outbound URLs that carry a token (`?access_token=${token}`).',
      risk:
        'The MCP authorization specification requires access tokens to travel in the `Authorization: Bearer` header on every request and forbids putting them in the URI query string (as does OAuth 2.1). Query strings are logged by every web server, reverse proxy and API gateway between the client and the server, stay in browser and shell history, show up in monitoring dashboards and error reports, and leak through `Referer`. SSE endpoints are a frequent offender because the browser `EventSource` API cannot set headers. A token that ends up in a log can be replayed by anyone who reads it — for an MCP server, with every tool the token allows.',
      detection:
        'Reading: JavaScript/TypeScript `req.query.token` (also `access_token`, `accessToken`, `api_key`, `apiKey`, `auth_token`, `id_token`, `jwt`; `key` at medium confidence) on `req`/`request`/`ctx`, `req.query["token"]`, `const { token } = req.query`, Hono `c.req.query("token")`, `url.searchParams.get("token")`; Python `request.query_params.get("token")`/`["token"]` (Starlette/FastAPI), `request.args.get("access_token")` (Flask), `request.GET.get(...)` (Django), `request.query.get(...)` (aiohttp), FastAPI parameters named like a token with a `Query(...)` default; Go `r.URL.Query().Get("token")`, `r.URL.Query()["token"]`, also through `q := r.URL.Query()`. Writing: string literals, template literals, f-strings and format strings that end a URL with `?access_token=`/`&token=`/`?api_key=` (and the names above) followed by a run-time value, `searchParams.set/append("access_token", …)`, `params`/`searchParams` objects of HTTP clients and Python `params={"access_token": …}` with a non-literal value, and Go `q.Set("access_token", …)`/`url.Values{"access_token": …}`. A bare `token=` in a URL string is reported at medium confidence and not at all when the URL looks like a link for people (verify, confirm, reset, invite, magic, unsubscribe, activate, download, share), whose one-time tokens travel in URLs by design. Pagination cursors (`page_token`, `nextToken`) and OAuth `code`/`state` parameters are not tokens and do not match. A token-shaped literal in a URL is a hard-coded secret (MV3001), not this rule. Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'Accept tokens only from the `Authorization: Bearer` header and reject requests that carry one in the query string. For SSE from a browser, use a fetch-based EventSource polyfill that can send headers, or a short-lived single-use ticket exchanged over an authenticated request. When calling upstream APIs, send credentials in headers (`Authorization`, or the API\'s documented key header) instead of URL parameters.',
      references: [
        { title: 'MCP specification: authorization, token requirements', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#token-requirements' },
        { title: 'OAuth 2.1 draft: access token in the URI query parameter', url: 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1' },
        { title: 'RFC 6750 §2.3 and §5.3: URI query parameter and its risks', url: 'https://www.rfc-editor.org/rfc/rfc6750#section-2.3' },
        { title: 'CWE-598: Use of GET Request Method With Sensitive Query Strings', url: 'https://cwe.mitre.org/data/definitions/598.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /token|Token|api_?key|apiKey|jwt|TOKEN|\bkey\b/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const lang = ctx.codeLanguage!;
      const hits: Hit[] = [];
      const fam = family(lang);
      const urls = urlTokenPositions(ctx.text);
      const types = WALK[fam];
      const { nodes, types: nodeTypes } = NodeIndex.of(ctx.tree!, lang).typed(types);
      let u = 0;
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i]!;
        const type = nodeTypes[i]!;
        if (STRING_TYPES.has(type)) {
          // Only a literal containing a `?token=`-style parameter can be a URL with a token: skip the rest unread.
          while (u < urls.length && urls[u]! < n.startIndex) u++;
          if (u === urls.length || urls[u]! >= n.endIndex) continue;
        } else if (!mayHit(n, type, ctx.text)) continue;
        const hit = fam === 'js' ? jsNode(n, ctx) : fam === 'python' ? pyNode(n, ctx) : goNode(n, ctx);
        if (hit) hits.push(hit);
      }
      if (fam === 'js') for (const n of jsQueryReads(ctx)) {
        const hit = jsNode(n, ctx);
        if (hit) hits.push(hit);
      }
      const methods = CALL_METHODS[fam];
      for (const call of ctx.calls()) {
        // Every call hit is a method call with one of these names: the rest are dismissed by name alone.
        const method = calleeMemberOf(call);
        if (method === undefined || !methods.has(method)) continue;
        const hit = callHit(call, ctx);
        if (hit) hits.push(hit);
      }
      const seen = new Set<string>();
      return hits
        .sort((a, b) => a.node.startIndex - b.node.startIndex)
        .filter((h) => {
          const key = `${h.node.startPosition.row}:${h.how}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map((h): RawFinding => ({ span: nodeSpan(h.node), data: { where: h.where, how: h.how }, ...(h.confidence ? { confidence: h.confidence } : {}) }));
    },
  },
});

/**
 * Node types looked at one by one. JS member and subscript reads of `req.query` are found from the `query` members
 * instead (`jsQueryReads`): member expressions are a large share of every JS file.
 */
const WALK: Record<'python' | 'js' | 'go', string[]> = {
  js: ['variable_declarator', 'pair', 'shorthand_property_identifier', 'string', 'template_string'],
  python: ['subscript', 'pair', 'default_parameter', 'typed_default_parameter', 'string'],
  go: ['index_expression', 'keyed_element', 'interpreted_string_literal', 'raw_string_literal'],
};

const STRING_TYPES = new Set(['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal']);

/** The methods `callHit` can report, per family. */
const CALL_METHODS: Record<'python' | 'js' | 'go', ReadonlySet<string>> = {
  js: new Set(['get', 'query', 'set', 'append']),
  python: new Set(['get']),
  go: new Set(['Get', 'Set', 'Add']),
};

/** Where `URL_TOKEN` can match: its `[?&]name=` part without the lookahead, so every match of a literal starts at one. */
const URL_TOKEN_START = /[?&](?:access_token|token|api_key|apikey|auth_token|id_token|jwt)=/gi;

function urlTokenPositions(text: string): number[] {
  const out: number[] = [];
  URL_TOKEN_START.lastIndex = 0;
  for (let m = URL_TOKEN_START.exec(text); m; m = URL_TOKEN_START.exec(text)) out.push(m.index);
  return out;
}

/**
 * A key written plainly at `at`: a whole name, or a quoted string without escapes, prefixes or interpolation directly
 * followed by `:`. Undefined when the source is anything else (escapes, string prefixes, implicit concatenation,
 * non-ASCII), which then gets the full reading from the tree.
 */
const PLAIN_KEY = /(?:([A-Za-z_$][\w$]*)(?![\w$"'`\\]|[^\x00-\x7f])|(["'])([^"'`\\\n{}\x80-\uffff]*)\2(?=\s*:))/y;

function plainKey(text: string, at: number): string | undefined {
  PLAIN_KEY.lastIndex = at;
  const m = PLAIN_KEY.exec(text);
  return m ? m[1] ?? m[3] : undefined;
}

/**
 * Source of a subscript that may have a token name as its key: the words every token name contains (as `tokenName`
 * compares them), or anything that needs decoding first (escapes, non-ASCII, strings joined by juxtaposition).
 */
function mayNameToken(source: string): boolean {
  return TOKENISH.test(source) || (source.match(QUOTES)?.length ?? 0) > 2;
}

const TOKENISH = /token|key|jwt|\\|[^\x00-\x7f]/i;
const QUOTES = /["'`]/g;

/**
 * Whether a node can be a hit, from the source text alone where that is enough: a key or parameter name written
 * plainly must be a token name; a subscript or index must mention one. Never false for a node the full reading
 * would report; keys are read without asking the tree anything.
 */
function mayHit(n: Node, type: string, text: string): boolean {
  switch (type) {
    case 'pair':
    case 'keyed_element':
    case 'shorthand_property_identifier':
    case 'default_parameter':
    case 'typed_default_parameter': {
      // Each starts with its key or name.
      const key = plainKey(text, n.startIndex);
      return key === undefined || tokenName(key) === 'high';
    }
    case 'variable_declarator':
      // Only `const { token } = req.query` reads a token: a declarator starting with an object pattern.
      return text.charCodeAt(n.startIndex) === 123;
    case 'subscript':
    case 'index_expression':
      return mayNameToken(text.slice(n.startIndex, n.endIndex));
    default:
      return true;
  }
}

/** JS/TS wrappers `unwrap` looks through, each holding the wrapped expression as its first named child. */
const JS_WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'await_expression']);

/**
 * The member and subscript expressions whose object is a `….query` member (through up to eight wrappers, as `unwrap`
 * looks), in document order: the only ones `jsNode` can report. Found from the `query` words of the source.
 */
function jsQueryReads(ctx: FileContext): Node[] {
  const text = ctx.text;
  const root = ctx.tree!.rootNode;
  const out: Node[] = [];
  for (let at = text.indexOf('query'); at >= 0; at = text.indexOf('query', at + 1)) {
    const prop = root.descendantForIndex(at, at + 5);
    if (!prop || prop.startIndex !== at || prop.type !== 'property_identifier' || prop.text !== 'query') continue;
    let cur: Node | null = prop.parent;
    if (cur?.type !== 'member_expression' || cur.childForFieldName('property')?.id !== prop.id) continue;
    for (let depth = 0; ; depth++) {
      const up: Node | null = cur.parent;
      if (!up) break;
      const t = up.type;
      if ((t === 'member_expression' || t === 'subscript_expression') && up.childForFieldName('object')?.id === cur.id) {
        out.push(up);
        break;
      }
      if (depth === 8 || !JS_WRAPPERS.has(t) || up.namedChildren[0]?.id !== cur.id) break;
      cur = up;
    }
  }
  return out.sort((a, b) => a.startIndex - b.startIndex);
}

/** How strongly a parameter name means "bearer credential": undefined when it does not. */
function tokenName(raw: string | undefined): Confidence | undefined {
  if (!raw) return undefined;
  const norm = raw.toLowerCase().replace(/[-_]/g, '');
  if (TOKEN_PARAMS.has(norm)) return 'high';
  if (WEAK_PARAMS.has(norm)) return 'medium';
  return undefined;
}

function keyText(node: Node | null | undefined, lang: CodeLanguage): string | undefined {
  if (!node) return undefined;
  if (['property_identifier', 'identifier', 'field_identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern'].includes(node.type)) return node.text;
  return decodeString(node, lang)?.value;
}

function urlString(n: Node): Hit | undefined {
  // Only the literal's own text: an f-string or template is matched on its source, so `{…}` / `${…}` mark run-time values.
  const m = URL_TOKEN.exec(n.text);
  if (!m) return undefined;
  if (m[1]!.toLowerCase() !== 'token') return { node: n, where: 'this URL', how: WRITES };
  // A bare `token=` is often a one-time link token rather than a bearer credential.
  if (ONE_TIME_LINK.test(n.text)) return undefined;
  return { node: n, where: 'this URL', how: WRITES, confidence: 'medium' };
}

/** `req.query` (or `ctx.query`, `c.req.query`) as an inbound request's parsed query. */
function isJsQuery(node: Node | null | undefined): boolean {
  const n = unwrap(node ?? undefined);
  if (n?.type !== 'member_expression' || n.childForFieldName('property')?.text !== 'query') return false;
  const obj = unwrap(n.childForFieldName('object') ?? undefined);
  return obj !== undefined && (JS_REQUEST.test(obj.text) || (obj.type === 'member_expression' && /^(?:req|request)$/.test(obj.childForFieldName('property')?.text ?? '')));
}

function jsNode(n: Node, ctx: FileContext): Hit | undefined {
  const lang = ctx.codeLanguage!;
  switch (n.type) {
    case 'member_expression':
    case 'subscript_expression': {
      const obj = n.childForFieldName('object');
      const key = n.type === 'member_expression' ? n.childForFieldName('property')?.text : keyText(n.childForFieldName('index'), lang);
      const conf = tokenName(key);
      if (!conf || !isJsQuery(obj)) return undefined;
      return { node: n, where: n.text, how: READS, confidence: conf === 'high' ? undefined : conf };
    }
    case 'variable_declarator': {
      const pattern = n.childForFieldName('name');
      if (pattern?.type !== 'object_pattern' || !isJsQuery(n.childForFieldName('value'))) return undefined;
      for (const p of pattern.namedChildren) {
        const key = p?.type === 'pair_pattern' ? keyText(p.childForFieldName('key'), lang) : p?.type === 'shorthand_property_identifier_pattern' ? p.text : undefined;
        const conf = tokenName(key);
        if (conf && p) return { node: p, where: `${key} from the query`, how: READS, confidence: conf === 'high' ? undefined : conf };
      }
      return undefined;
    }
    case 'pair':
    case 'shorthand_property_identifier': {
      const key = n.type === 'pair' ? keyText(n.childForFieldName('key'), lang) : n.text;
      if (tokenName(key) !== 'high') return undefined;
      const holder = n.parent?.parent;
      if (holder?.type !== 'pair' || !/^(?:params|searchParams|query)$/.test(keyText(holder.childForFieldName('key'), lang) ?? '')) return undefined;
      const value = n.type === 'pair' ? n.childForFieldName('value') : n;
      if (!value || isStaticString(value, lang, ctx.assignments())) return undefined;
      return { node: n, where: `the ${key} request parameter`, how: WRITES };
    }
    case 'string':
    case 'template_string':
      return urlString(n);
    default:
      return undefined;
  }
}

function pyNode(n: Node, ctx: FileContext): Hit | undefined {
  const lang = ctx.codeLanguage!;
  switch (n.type) {
    case 'subscript': {
      const conf = tokenName(keyText(n.childForFieldName('subscript'), lang));
      if (!conf || !isPyQuery(n.childForFieldName('value'), ctx)) return undefined;
      return { node: n, where: n.text, how: READS, confidence: conf === 'high' ? undefined : conf };
    }
    case 'pair': {
      const key = keyText(n.childForFieldName('key'), lang);
      if (tokenName(key) !== 'high') return undefined;
      const kw = n.parent?.parent;
      if (kw?.type !== 'keyword_argument' || kw.childForFieldName('name')?.text !== 'params') return undefined;
      const value = n.childForFieldName('value');
      if (!value || isStaticString(value, lang, ctx.assignments())) return undefined;
      return { node: n, where: `the ${key} request parameter`, how: WRITES };
    }
    case 'default_parameter':
    case 'typed_default_parameter': {
      const name = n.childForFieldName('name');
      const value = unwrap(n.childForFieldName('value') ?? undefined);
      if (!name || value?.type !== 'call' || tokenName(name.text) !== 'high') return undefined;
      const fn = value.childForFieldName('function');
      const imported = fn ? ctx.imports().get(fn.text.split('.')[0] ?? '') : undefined;
      const resolved = imported ? `${imported.module}.${imported.imported === '*' ? fn!.text.split('.').slice(1).join('.') : imported.imported}` : '';
      if (!/^fastapi(?:\.params)?\.Query$/.test(resolved)) return undefined;
      return { node: n, where: `the ${name.text} parameter`, how: READS };
    }
    case 'string': {
      // Docstrings are documentation, not URLs the code requests.
      const hit = urlString(n);
      return hit && n.parent?.type !== 'expression_statement' ? hit : undefined;
    }
    default:
      return undefined;
  }
}

/** Starlette `request.query_params`, Django `request.GET`, Flask `request.args`, aiohttp `request.query`. */
function isPyQuery(node: Node | null | undefined, ctx: FileContext): boolean {
  const n = unwrap(node ?? undefined);
  if (n?.type !== 'attribute') return false;
  const attr = n.childForFieldName('attribute')?.text ?? '';
  const obj = n.childForFieldName('object')?.text ?? '';
  if (attr === 'query_params' || attr === 'GET') return true;
  if (attr !== 'args' && attr !== 'query') return false;
  const imported = ctx.imports().get(obj);
  return PY_REQUEST.test(obj) || (imported?.module === 'flask' && imported.imported === 'request');
}

function goNode(n: Node, ctx: FileContext): Hit | undefined {
  const lang = ctx.codeLanguage!;
  switch (n.type) {
    case 'index_expression': {
      const conf = tokenName(keyText(n.childForFieldName('index'), lang));
      if (!conf || !isGoQuery(n.childForFieldName('operand'), ctx)) return undefined;
      return { node: n, where: n.text, how: READS, confidence: conf === 'high' ? undefined : conf };
    }
    case 'keyed_element': {
      const [k, v] = n.namedChildren;
      const key = keyText(k?.type === 'literal_element' ? k.namedChildren[0] : k, lang);
      if (tokenName(key) !== 'high' || !v) return undefined;
      const type = n.parent?.parent?.childForFieldName('type')?.text ?? '';
      if (!/^url\.Values$/.test(type)) return undefined;
      const inner = v.type === 'literal_element' ? v.namedChildren[0] : v;
      const elems = inner?.type === 'literal_value' ? inner.namedChildren.map((e) => (e?.type === 'literal_element' ? e.namedChildren[0] : e)) : [inner];
      if (elems.every((e) => e && isStaticString(e, lang, ctx.assignments()))) return undefined;
      return { node: n, where: `the ${key} request parameter`, how: WRITES };
    }
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return urlString(n);
    default:
      return undefined;
  }
}

/** `r.URL.Query()` or a name assigned from it. */
function isGoQuery(node: Node | null | undefined, ctx: FileContext): boolean {
  const n = unwrap(node ?? undefined);
  if (!n) return false;
  if (n.type === 'call_expression') return /\.URL\.Query$/.test(n.childForFieldName('function')?.text ?? '') || n.childForFieldName('function')?.text === 'URL.Query';
  if (n.type === 'identifier') return (ctx.assignments().get(n.text) ?? []).some((v) => isGoQuery(v.type === 'identifier' ? undefined : v, ctx));
  return false;
}

/** Go `url.Values` built in the file: `url.Values{}`, `make(url.Values)`, `u.Query()`. */
function isGoValues(node: Node | null | undefined, ctx: FileContext): boolean {
  const n = unwrap(node ?? undefined);
  if (!n) return false;
  if (n.type === 'identifier') return (ctx.assignments().get(n.text) ?? []).some((v) => v.type !== 'identifier' && isGoValues(v, ctx));
  if (n.type === 'composite_literal') return n.childForFieldName('type')?.text === 'url.Values';
  if (n.type === 'call_expression') {
    const fn = n.childForFieldName('function')?.text ?? '';
    return fn.endsWith('.Query') || (fn === 'make' && n.childForFieldName('arguments')?.namedChildren[0]?.text === 'url.Values');
  }
  return false;
}

function callHit(call: CallSite, ctx: FileContext): Hit | undefined {
  const lang = ctx.codeLanguage!;
  const node = call.node;
  const method = methodName(call);
  const recv = receiverOf(call);
  const first = call.args[0];
  const key = first ? decodeString(first, lang) : undefined;
  if (!method || !recv || !key?.complete) return undefined;
  const conf = tokenName(key.value);
  if (!conf) return undefined;
  const read = { node, where: `${call.callee.text}("${key.value}")`, how: READS, confidence: conf === 'high' ? undefined : conf };
  const fam = family(lang);
  if (fam === 'js') {
    if (method === 'get' && /(?:^|\.)searchParams$/.test(recv.text)) return read;
    if (method === 'query' && /(?:^|\.)req$/.test(recv.text)) return read;
    if ((method === 'set' || method === 'append') && /(?:^|\.)searchParams$/.test(recv.text) && conf === 'high' && call.args[1] && !isStaticString(call.args[1], lang, ctx.assignments())) {
      return { node, where: `${call.callee.text}("${key.value}", …)`, how: WRITES };
    }
    return undefined;
  }
  if (fam === 'python') return method === 'get' && isPyQuery(recv, ctx) ? read : undefined;
  if (method === 'Get' && isGoQuery(recv, ctx)) return read;
  if ((method === 'Set' || method === 'Add') && conf === 'high' && isGoValues(recv, ctx) && call.args[1] && !isStaticString(call.args[1], lang, ctx.assignments())) {
    return { node, where: `${call.callee.text}("${key.value}", …)`, how: WRITES };
  }
  return undefined;
}
