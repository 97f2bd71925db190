// MV5005 (MCPSafe MCP-265): the client's own bearer token is forwarded to a downstream API (token passthrough).
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { family, methodName, outermostFunction, receiverOf, unwrap, isTestPath } from '../token-api-facts.js';

/** Methods that keep a string a string (so the token is still in it afterwards). */
const STRING_METHODS = new Set([
  'split', 'replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'slice', 'substring', 'substr', 'toString', 'at',
  'strip', 'lstrip', 'rstrip', 'removeprefix', 'removesuffix', 'partition', 'rpartition', 'rsplit', 'encode', 'decode',
]);
/** Functions that keep the token in their result. */
const TRANSPARENT_CALLS = new Set([
  'str', 'String', 'encodeURIComponent', 'fmt.Sprintf', 'fmt.Sprint', 'strings.TrimPrefix', 'strings.TrimSpace', 'strings.TrimSuffix', 'strings.Fields',
  'strings.Split', 'strings.SplitN', 'strings.Join', 'strings.CutPrefix',
]);
/** Expression nodes whose value contains their operands unchanged. */
const PASS_THROUGH = new Set([
  'parenthesized_expression', 'template_substitution', 'template_string', 'interpolation', 'string', 'concatenated_string', 'binary_expression',
  'binary_operator', 'boolean_operator', 'ternary_expression', 'conditional_expression', 'as_expression', 'non_null_expression', 'satisfies_expression',
  'await_expression', 'await', 'type_assertion_expression', 'expression_list', 'format_expression', 'literal_element',
]);
/** Constructor options that carry a credential for the client being built. */
const JS_AUTH_PROPS = new Set(['auth', 'token', 'accessToken', 'access_token', 'apiKey', 'api_key', 'bearerToken', 'authToken', 'personalAccessToken']);
const PY_AUTH_KWARGS = new Set(['token', 'auth', 'access_token', 'api_key', 'bearer_token', 'oauth_token', 'login_or_token', 'auth_token']);
/** Python SDK clients that take the token as their first argument. */
const PY_TOKEN_FIRST = /(?:^github\.Github|^github\.Auth\.Token|^slack_sdk\.(?:web\.)?(?:async_client\.)?(?:Async)?WebClient|^gitlab\.Gitlab)$/;
/** Modules whose calls take a token for verification or hashing, not for an outbound request. */
const PY_NOT_CLIENTS = /^(?:jwt|jose|authlib|mcp|fastmcp|hashlib|hmac|secrets|itsdangerous|logging)\b/;
const PY_ACCESS_TOKEN = /^(?:mcp|fastmcp)\..*\.get_access_token$/;
const PY_HTTP_HEADERS = /^fastmcp\..*\.get_http_headers$/;
const GO_TOKEN_CLIENTS = /^(?:github\.com\/slack-go\/slack\.New|github\.com\/google\/go-github(?:\/v\d+)?\/github\.NewTokenClient)$/;
const MAX_VALUE_CHARS = 4000;
const MAX_FLOW_STEPS = 48;

const HEADER = 'the inbound Authorization header';
const AUTH_INFO = "the MCP client's access token";

interface Source {
  node: Node;
  what: string;
}

interface Sink {
  /** Where the finding goes. */
  at: Node;
  /** The values that end up in the outbound credential. */
  values: Node[];
  what: string;
}

export default defineRule({
  meta: {
    id: 'MV5005',
    slug: 'token-passthrough',
    title: "Client's access token forwarded to a downstream API",
    category: 'auth',
    severity: 'critical',
    confidence: 'medium',
    cwe: ['CWE-441', 'CWE-345'],
    owaspMcp: ['MCP01', 'MCP07'],
    aliases: ['MCP-265'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{source} is forwarded to {sink}; the MCP specification forbids passing the client\'s token through to upstream APIs',
    docs: {
      summary: 'The bearer token an MCP client sent to this server — the raw `Authorization` header or the SDK\'s verified access token — is copied into an outbound request or handed to an API client, so the upstream service receives the client\'s own token.',
      risk:
        'The MCP specification says servers MUST NOT pass the token they received through to upstream APIs and MUST only accept tokens issued for themselves. Passthrough breaks both halves: the upstream API must then accept tokens minted for the MCP server (or the MCP server accepts tokens minted for the upstream API), so audience checks, rate limits and audit trails are bypassed, and any service that ever sees the token — including another MCP server the user connected — can replay it. The upstream cannot tell the agent\'s requests from the user\'s, and a prompt-injected tool call acts with the user\'s full upstream rights. Use a separately issued token for the upstream call (token exchange, on-behalf-of, or the server\'s own credentials).',
      detection:
        'Sources, within one function (closures included): JavaScript/TypeScript `req.headers.authorization`, `req.headers["authorization"]`, `req.get("authorization")`/`req.header(...)`, `request.headers.get("authorization")`, Hono `c.req.header("Authorization")`, the SDK\'s `extra.authInfo.token` (also `authInfo.token`, `req.auth.token`); Python `request.headers["authorization"]`, `request.headers.get("authorization")`, `get_access_token().token` from `mcp` or `fastmcp` (also through a variable), fastmcp `get_http_headers()["authorization"]`, FastAPI `authorization: str = Header(...)`; Go `r.Header.Get("Authorization")`, `r.Header["Authorization"]` (including mcp-go\'s `request.Header`). A local variable assigned from a source is a source, as is a value derived from one by string operations (`split`, `replace`, `removeprefix`, `strings.TrimPrefix`, `fmt.Sprintf`, template literals, f-strings, concatenation). Sinks: an `Authorization` key in an object/dict/`http.Header` literal (fetch/axios/requests/httpx headers), `headers.set/append("Authorization", …)`, `setHeader` on a non-response object, `x.headers["Authorization"] = …`, Go `req.Header.Set/Add("Authorization", …)` and `req.Header["Authorization"] = …`; API clients built with the token: `new X({ auth | token | accessToken | apiKey: … })` or `new X(token)` for classes imported from packages (Octokit, Slack `WebClient`, Notion `Client`…), Python calls into third-party packages with `token=`/`auth=`/`access_token=`/`api_key=` and PyGithub `Github(token)`, Slack `WebClient(token)`, Go `WithAuthToken(token)`, `oauth2.Token{AccessToken: token}`, `slack.New(token)`. A token passed through any other call first — `exchangeToken(token)`, `jwt.decode(token)`, a lookup in a credential store — is treated as replaced and does not fire; neither do headers copied wholesale (`headers: req.headers`). Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'Get a token for the upstream API that was issued to this server: RFC 8693 token exchange or an on-behalf-of flow with the upstream audience, or the server\'s own credentials for that API (stored per user after a separate consent). Verify the inbound token for this server\'s audience and never copy it into outbound headers or client constructors.',
      references: [
        { title: 'MCP security best practices: token passthrough', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#token-passthrough' },
        { title: 'MCP specification: authorization, access token privilege restriction', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#access-token-privilege-restriction' },
        { title: 'RFC 8693: OAuth 2.0 Token Exchange', url: 'https://www.rfc-editor.org/rfc/rfc8693' },
        { title: 'CWE-441: Unintended Proxy or Intermediary (Confused Deputy)', url: 'https://cwe.mitre.org/data/definitions/441.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /[Aa]uthorization|AUTHORIZATION|authInfo|get_access_token|\.auth\b/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const lang = ctx.codeLanguage!;
      const calls = ctx.calls();
      const callNames = new Map<number, string>();
      for (const c of calls) if (c.name) callNames.set(c.node.id, c.name);
      const nodes = descendantsOfType(ctx.tree!.rootNode, WALK[family(lang)]);
      const sources = findSources(nodes, calls, callNames, ctx);
      if (sources.length === 0) return [];
      const flow = new Flow(sources, ctx, callNames);
      flow.propagate(ctx, nodes);
      const out: RawFinding[] = [];
      const seen = new Set<number>();
      for (const sink of findSinks(nodes, calls, ctx)) {
        if (seen.has(sink.at.id)) continue;
        for (const v of sink.values) {
          const src = flow.carries(v);
          if (!src) continue;
          seen.add(sink.at.id);
          out.push({ span: nodeSpan(sink.at), data: { source: src, sink: sink.what } });
          break;
        }
      }
      return out;
    },
  },
});

const WALK: Record<'python' | 'js' | 'go', string[]> = {
  js: ['member_expression', 'subscript_expression', 'pair', 'shorthand_property_identifier', 'assignment_expression', 'variable_declarator'],
  python: ['subscript', 'attribute', 'pair', 'assignment', 'default_parameter', 'typed_default_parameter'],
  go: ['index_expression', 'keyed_element', 'assignment_statement'],
};

function isAuthorization(node: Node | undefined | null, lang: CodeLanguage): boolean {
  if (!node) return false;
  const text = node.type === 'property_identifier' || node.type === 'identifier' ? node.text : decodeString(node, lang)?.value;
  return text?.toLowerCase() === 'authorization';
}

function lastName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'identifier' || node.type === 'property_identifier' || node.type === 'field_identifier') return node.text;
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'selector_expression') return node.childForFieldName('field')?.text;
  return undefined;
}

/** `…headers` in JS/Python (an attribute/member named headers) or `….Header` in Go (not the `w.Header()` call). */
function isHeadersObject(node: Node | null | undefined, lang: CodeLanguage): boolean {
  if (!node) return false;
  if (lang === 'go') return node.type === 'selector_expression' && node.childForFieldName('field')?.text === 'Header';
  return (node.type === 'member_expression' || node.type === 'attribute') && lastName(node) === 'headers';
}

function findSources(nodes: Node[], calls: readonly CallSite[], callNames: Map<number, string>, ctx: FileContext): Source[] {
  const lang = ctx.codeLanguage!;
  const out: Source[] = [];
  const assigned = (name: string, test: RegExp) =>
    (ctx.assignments().get(name) ?? []).some((v) => {
      const call = unwrap(v);
      return call !== undefined && test.test(callNames.get(call.id) ?? '');
    });
  for (const n of nodes) {
    switch (n.type) {
      case 'member_expression': {
        const prop = n.childForFieldName('property')?.text;
        const obj = unwrap(n.childForFieldName('object') ?? undefined);
        if (isAuthorization(n.childForFieldName('property'), lang) && isHeadersObject(obj, lang)) out.push({ node: n, what: HEADER });
        else if (prop === 'token' && obj && (lastName(obj) === 'authInfo' || (lastName(obj) === 'auth' && obj.type === 'member_expression' && /^(?:req|request)$/.test(obj.childForFieldName('object')?.text ?? '')))) {
          out.push({ node: n, what: AUTH_INFO });
        }
        break;
      }
      case 'subscript_expression':
        if (isAuthorization(n.childForFieldName('index'), lang) && isHeadersObject(n.childForFieldName('object'), lang)) out.push({ node: n, what: HEADER });
        break;
      case 'subscript': {
        const value = n.childForFieldName('value');
        if (!isAuthorization(n.childForFieldName('subscript'), lang) || !value) break;
        if (isHeadersObject(value, lang) || isHttpHeaders(value, callNames, assigned)) out.push({ node: n, what: HEADER });
        break;
      }
      case 'attribute': {
        if (n.childForFieldName('attribute')?.text !== 'token') break;
        const obj = unwrap(n.childForFieldName('object') ?? undefined);
        if (!obj) break;
        if ((obj.type === 'call' && PY_ACCESS_TOKEN.test(callNames.get(obj.id) ?? '')) || (obj.type === 'identifier' && assigned(obj.text, PY_ACCESS_TOKEN))) out.push({ node: n, what: AUTH_INFO });
        break;
      }
      case 'index_expression':
        if (isAuthorization(n.childForFieldName('index'), lang) && isHeadersObject(n.childForFieldName('operand'), lang)) out.push({ node: n, what: HEADER });
        break;
      default:
        break;
    }
  }
  for (const call of calls) {
    const method = methodName(call);
    if (!method || !isAuthorization(call.args[0], lang)) continue;
    const recv = receiverOf(call);
    if (lang === 'go') {
      if ((method === 'Get' || method === 'Values') && isHeadersObject(recv, lang)) out.push({ node: call.node, what: HEADER });
    } else if (lang === 'python') {
      if (method === 'get' && recv && (isHeadersObject(recv, lang) || isHttpHeaders(recv, callNames, assigned))) out.push({ node: call.node, what: HEADER });
    } else if (method === 'get' && isHeadersObject(recv, lang)) out.push({ node: call.node, what: HEADER });
    else if ((method === 'get' || method === 'header') && recv && (/^(?:req|request)$/.test(recv.text) || lastName(recv) === 'req')) out.push({ node: call.node, what: HEADER });
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** fastmcp `get_http_headers()` or a name assigned from it. */
function isHttpHeaders(node: Node, callNames: Map<number, string>, assigned: (name: string, test: RegExp) => boolean): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (n.type === 'call') return PY_HTTP_HEADERS.test(callNames.get(n.id) ?? '');
  return n.type === 'identifier' && assigned(n.text, PY_HTTP_HEADERS);
}

/** Which local names hold the inbound token, per outermost function, and whether an expression still carries it. */
class Flow {
  /** name → scope ids (outermost function id, -1 for module level) → what the name holds. */
  private readonly tainted = new Map<string, Map<number, string>>();

  private readonly lang: CodeLanguage;

  constructor(
    private readonly sources: Source[],
    private readonly ctx: FileContext,
    private readonly callNames: Map<number, string>,
  ) {
    this.lang = ctx.codeLanguage!;
  }

  private scopeId(node: Node): number {
    return outermostFunction(node, this.ctx)?.id ?? -1;
  }

  propagate(ctx: FileContext, nodes: Node[]): void {
    const candidates: { name: string; value: Node; scope: number }[] = [];
    for (const [name, values] of ctx.assignments()) {
      for (const v of values) {
        if (v.endIndex - v.startIndex > MAX_VALUE_CHARS || /function|lambda|class|arrow/.test(v.type)) continue;
        candidates.push({ name, value: v, scope: this.scopeId(v) });
      }
    }
    // Destructuring (`const { authorization } = req.headers`) and FastAPI `authorization: str = Header(...)`.
    for (const n of nodes) {
      if (n.type === 'variable_declarator') this.destructure(n);
      else if (n.type === 'default_parameter' || n.type === 'typed_default_parameter') {
        const name = n.childForFieldName('name');
        const value = unwrap(n.childForFieldName('value') ?? undefined);
        if (name && value?.type === 'call' && name.text.toLowerCase() === 'authorization' && /^fastapi\.(?:params\.)?Header$/.test(this.callNames.get(value.id) ?? '')) {
          this.mark(name.text, this.scopeId(name), HEADER);
        }
      }
    }
    for (let round = 0; round < 4; round++) {
      let changed = false;
      for (const c of candidates) {
        if (this.tainted.get(c.name)?.has(c.scope)) continue;
        const what = this.carries(c.value);
        if (what) {
          this.mark(c.name, c.scope, what);
          changed = true;
        }
      }
      if (!changed) break;
    }
  }

  private destructure(decl: Node): void {
    const pattern = decl.childForFieldName('name');
    const value = unwrap(decl.childForFieldName('value') ?? undefined);
    if (pattern?.type !== 'object_pattern' || !value || !isHeadersObject(value, this.lang)) return;
    const scope = this.scopeId(decl);
    for (const p of pattern.namedChildren) {
      if (p?.type === 'shorthand_property_identifier_pattern' && p.text.toLowerCase() === 'authorization') this.mark(p.text, scope, HEADER);
      else if (p?.type === 'pair_pattern' && isAuthorization(p.childForFieldName('key'), this.lang)) {
        const local = p.childForFieldName('value');
        if (local?.type === 'identifier') this.mark(local.text, scope, HEADER);
      }
    }
  }

  private mark(name: string, scope: number, what: string): void {
    const m = this.tainted.get(name) ?? new Map<number, string>();
    m.set(scope, what);
    this.tainted.set(name, m);
  }

  /** What inbound token the expression carries to its value, if any. */
  carries(expr: Node): string | undefined {
    // Sources are sorted by start: binary-search the first one inside the expression.
    let lo = 0;
    let hi = this.sources.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sources[mid]!.node.startIndex < expr.startIndex) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sources.length; i++) {
      const s = this.sources[i]!;
      if (s.node.startIndex >= expr.endIndex) break;
      if (s.node.endIndex <= expr.endIndex && this.flowsTo(s.node, expr)) return s.what;
    }
    if (this.tainted.size === 0) return undefined;
    const scope = this.scopeId(expr);
    const names = expr.type === 'identifier' || expr.type === 'shorthand_property_identifier' ? [expr] : descendantsOfType(expr, ['identifier', 'shorthand_property_identifier']);
    for (const id of names) {
      const what = this.tainted.get(id.text)?.get(scope);
      if (what && !isPropertyName(id) && this.flowsTo(id, expr)) return what;
    }
    return undefined;
  }

  /** True when every step from `node` up to `root` keeps the value (string operations, templates, concatenation). */
  private flowsTo(node: Node, root: Node): boolean {
    let child = node;
    let steps = 0;
    for (let cur = node.parent; child.id !== root.id; cur = cur.parent) {
      // Each `parent` step descends from the root again; real header values are a few levels deep.
      if (!cur || ++steps > MAX_FLOW_STEPS) return false;
      if (!this.transparent(cur, child)) return false;
      child = cur;
    }
    return true;
  }

  private transparent(parent: Node, child: Node): boolean {
    const t = parent.type;
    if (PASS_THROUGH.has(t)) return true;
    if (t === 'member_expression' || t === 'attribute' || t === 'selector_expression') {
      const obj = parent.childForFieldName(t === 'selector_expression' ? 'operand' : 'object');
      return obj?.id === child.id;
    }
    if (t === 'subscript_expression' || t === 'subscript' || t === 'index_expression') {
      const obj = parent.childForFieldName(t === 'subscript' ? 'value' : t === 'index_expression' ? 'operand' : 'object');
      return obj?.id === child.id;
    }
    if (t === 'call_expression' || t === 'call') {
      const fn = parent.childForFieldName('function');
      if (fn?.id === child.id) return STRING_METHODS.has(lastName(fn) ?? '');
      // Reached through the argument list, which already checked the callee.
      return parent.childForFieldName('arguments')?.id === child.id;
    }
    if (t === 'arguments' || t === 'argument_list') {
      const call = parent.parent;
      return call !== null && TRANSPARENT_CALLS.has(this.callNames.get(call.id) ?? call.childForFieldName('function')?.text ?? '');
    }
    return false;
  }
}

/** `x` in `obj.x` / a pair key is a property name, not a variable. */
function isPropertyName(id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  if ((p.type === 'attribute' && p.childForFieldName('attribute')?.id === id.id) || (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === id.id)) return true;
  return p.type === 'pair' && p.childForFieldName('key')?.id === id.id;
}

/** Elements of a literal that ends up as a header value (`[]string{tok}`, `{tok}`), or the node itself. */
function valuesOf(node: Node | null | undefined): Node[] {
  let n = unwrap(node ?? undefined);
  if (n?.type === 'literal_element') n = n.namedChildren[0] ?? n;
  if (!n) return [];
  const body = n.type === 'composite_literal' ? n.childForFieldName('body') : n.type === 'literal_value' ? n : undefined;
  if (body) return body.namedChildren.filter((c): c is Node => c !== null).map((c) => (c.type === 'literal_element' ? c.namedChildren[0] ?? c : c));
  if (n.type === 'array' || n.type === 'list') return n.namedChildren.filter((c): c is Node => c !== null);
  return [n];
}

const RESPONSE_RECEIVER = /^(?:res|resp|response|reply|w|writer|rw|ctx\.res|c\.res)$/;

function findSinks(nodes: Node[], calls: readonly CallSite[], ctx: FileContext): Sink[] {
  const lang = ctx.codeLanguage!;
  const out: Sink[] = [];
  const outbound = 'an outbound Authorization header';
  for (const n of nodes) {
    switch (n.type) {
      case 'pair':
        if (isAuthorization(n.childForFieldName('key'), lang)) out.push({ at: n, values: [n.childForFieldName('value')!].filter(Boolean), what: outbound });
        break;
      case 'shorthand_property_identifier':
        if (n.text.toLowerCase() === 'authorization' && n.parent?.type === 'object') out.push({ at: n, values: [n], what: outbound });
        break;
      case 'keyed_element': {
        const [k, v] = n.namedChildren;
        const key = k?.type === 'literal_element' ? k.namedChildren[0] : k;
        if (isAuthorization(key, lang) && key?.type !== 'identifier') out.push({ at: n, values: valuesOf(v), what: outbound });
        else if (key?.text === 'AccessToken' && /(?:^|\.)Token$/.test(n.parent?.parent?.childForFieldName('type')?.text ?? '')) out.push({ at: n, values: valuesOf(v), what: 'an oauth2.Token for an upstream client' });
        break;
      }
      case 'assignment_expression':
      case 'assignment':
      case 'assignment_statement': {
        const left = lang === 'go' ? n.childForFieldName('left')?.namedChildren[0] : n.childForFieldName('left');
        const right = lang === 'go' ? n.childForFieldName('right')?.namedChildren[0] : n.childForFieldName('right');
        if (!left || !right) break;
        const key =
          left.type === 'member_expression' ? left.childForFieldName('property') : left.type === 'subscript_expression' ? left.childForFieldName('index') : left.type === 'subscript' ? left.childForFieldName('subscript') : left.type === 'index_expression' ? left.childForFieldName('index') : undefined;
        if (key && isAuthorization(key, lang) && !(left.type === 'member_expression' && isHeadersObject(left.childForFieldName('object'), lang) && /^(?:req|request)\./.test(left.text))) {
          out.push({ at: n, values: valuesOf(right), what: outbound });
        }
        break;
      }
      default:
        break;
    }
  }
  const imports = ctx.imports();
  for (const call of calls) {
    const method = methodName(call);
    const recv = receiverOf(call);
    const name = call.name ?? '';
    if (lang === 'go') {
      if ((method === 'Set' || method === 'Add') && isAuthorization(call.args[0], lang) && isHeadersObject(recv, lang)) out.push({ at: call.node, values: valuesOf(call.args[1]), what: outbound });
      else if (method === 'WithAuthToken') out.push({ at: call.node, values: valuesOf(call.args[0]), what: 'an upstream API client (WithAuthToken)' });
      else if (GO_TOKEN_CLIENTS.test(name)) out.push({ at: call.node, values: valuesOf(call.args.at(-1)), what: `an upstream API client (${name.slice(name.lastIndexOf('/') + 1)})` });
      continue;
    }
    if (lang === 'python') {
      const rootModule = imports.get(call.callee.text.split('.')[0] ?? '')?.module;
      if (!rootModule || rootModule.startsWith('.') || PY_NOT_CLIENTS.test(name)) continue;
      const label = `an upstream API client (${call.callee.text})`;
      if (PY_TOKEN_FIRST.test(name) && call.args[0]) out.push({ at: call.node, values: valuesOf(call.args[0]), what: label });
      for (const [k, v] of call.kwargs) if (PY_AUTH_KWARGS.has(k)) out.push({ at: call.node, values: valuesOf(v), what: label });
      continue;
    }
    if ((method === 'set' || method === 'append' || method === 'setHeader') && isAuthorization(call.args[0], lang) && !(recv && RESPONSE_RECEIVER.test(recv.text))) {
      out.push({ at: call.node, values: valuesOf(call.args[1]), what: outbound });
    } else if (call.isNew && (call.callee.type === 'identifier' || call.callee.type === 'member_expression')) {
      const head = imports.get(call.callee.text.split('.')[0] ?? '');
      if (!head || head.module.startsWith('.') || head.module.startsWith('/')) continue;
      const label = `an upstream API client (new ${call.callee.text})`;
      const first = unwrap(call.args[0]);
      if (first?.type === 'object') {
        for (const p of first.namedChildren) {
          if (p?.type === 'pair' && JS_AUTH_PROPS.has(p.childForFieldName('key')?.text ?? '')) out.push({ at: call.node, values: valuesOf(p.childForFieldName('value')), what: label });
          else if (p?.type === 'shorthand_property_identifier' && JS_AUTH_PROPS.has(p.text)) out.push({ at: call.node, values: [p], what: label });
        }
      } else if (first) out.push({ at: call.node, values: [first], what: label });
    }
  }
  return out;
}
