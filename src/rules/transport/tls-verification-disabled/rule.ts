// MV4003 (MCPSafe MCP-052): TLS certificate or host-name verification is switched off, in code, .env files or package scripts.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Span } from '../../../model/location.js';
import { calleeName } from '../../../parse/imports.js';
import { staticString, type Assignments } from '../../../parse/static-value.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';

/** Test code commonly talks to self-signed local fixtures; production code does not live here. */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|testdata|e2e)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

/** Python HTTP client calls whose `verify=` turns certificate checking off. */
const PY_VERIFY_CALL = /^(?:requests|httpx)\.(?:get|post|put|patch|delete|head|options|request|stream|Client|AsyncClient|HTTPTransport|AsyncHTTPTransport)$/;
/** Request methods on a session/client object (`session.get(url, verify=False)`). */
const PY_CLIENT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'send', 'stream', 'ws_connect']);
const PY_AIOHTTP_CALL = /^aiohttp\.(?:TCPConnector|ClientSession|request|ws_connect)$/;
const PY_CERT_NONE = new Set(['ssl.CERT_NONE', 'ssl.VerifyMode.CERT_NONE']);
const PY_UNVERIFIED_CONTEXT = new Set(['ssl._create_unverified_context', 'ssl._create_stdlib_context']);

const DOTENV_LINE = /^\s*(?:export\s+)?NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*(["']?)0\1\s*(?:#.*)?$/;
const JSON_SETTING = /"NODE_TLS_REJECT_UNAUTHORIZED"\s*:\s*"?0"?(?=\s*[,}]|\s*$)|\bNODE_TLS_REJECT_UNAUTHORIZED=["'\\]*0\b/;

interface Hit {
  span: Span;
  what: string;
  /** Object whose settings these are, to fold `check_hostname = False` into a CERT_NONE on the same context. */
  owner?: string;
  hostnameOnly?: boolean;
}

export default defineRule({
  meta: {
    id: 'MV4003',
    slug: 'tls-verification-disabled',
    title: 'TLS certificate verification disabled',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-295'],
    owaspMcp: ['MCP01', 'MCP07'],
    aliases: ['MCP-052'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go', 'dotenv', 'manifest'],
    status: 'stable',
    message: '{what}, so whoever sits on the network path can read and change the traffic, tokens included',
    docs: {
      summary:
        'An HTTPS or TLS client is told not to check the server\'s certificate or host name — `verify=False`, `ssl.CERT_NONE`, `rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `InsecureSkipVerify: true` — so the encryption no longer proves who is on the other end.',
      risk:
        'MCP servers are glue: their tools call SaaS APIs, internal services and authorization servers with the user\'s OAuth tokens and API keys, and remote MCP clients send bearer tokens to the server. With verification off, anyone on the path — hotel Wi-Fi, a compromised router, a malicious proxy, a container on the same bridge network — can present any certificate, read every token and request, and rewrite responses. Rewritten responses are worse for MCP than for ordinary apps: tool results flow into the model\'s context, so a man in the middle gets prompt injection for free. `NODE_TLS_REJECT_UNAUTHORIZED=0` turns verification off for every connection of the whole Node process.',
      detection:
        'Python: `requests`/`httpx` calls and clients (`requests.get`, `httpx.Client`, `httpx.AsyncClient`…) with `verify=False`, request methods on session objects with `verify=False` in files importing `requests`/`httpx`, `session.verify = False`; aiohttp `TCPConnector(ssl=False)`, `verify_ssl=False` or `ssl=False` on request methods in files importing `aiohttp`; `ssl._create_unverified_context()` (called or installed as `ssl._create_default_https_context`); `ssl.CERT_NONE` assigned (`ctx.verify_mode = ssl.CERT_NONE`) or passed (`cert_reqs=ssl.CERT_NONE`, `{"cert_reqs": ssl.CERT_NONE}`, `cert_reqs="CERT_NONE"`); `ctx.check_hostname = False` (folded into the CERT_NONE finding when both are set on the same context). JavaScript/TypeScript: any object property `rejectUnauthorized: false` (https/tls/undici/ws/axios agents) except in server options that also set `requestCert`, `strictSSL: false`, a `checkServerIdentity` that returns nothing, `process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"` and an `env` object setting it for a child process. Go: `InsecureSkipVerify: true` in a composite literal (`tls.Config` or any client options struct) or assigned, unless the same literal sets `VerifyPeerCertificate`/`VerifyConnection` (certificate pinning). `.env` files: `NODE_TLS_REJECT_UNAUTHORIZED=0`. JSON: `"NODE_TLS_REJECT_UNAUTHORIZED": "0"` (client `env` blocks) and `NODE_TLS_REJECT_UNAUTHORIZED=0` inside `package.json` scripts. Values must be literal or a name assigned once; `verify=os.getenv(...)` does not fire, nor do comparisons such as `ctx.verify_mode == ssl.CERT_NONE`. Test files (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`) are skipped.',
      fix:
        'Keep verification on and trust the right CA instead of none: pass a CA bundle (`verify="/etc/ssl/corp-ca.pem"`, `ssl.create_default_context(cafile=...)`), use `NODE_EXTRA_CA_CERTS=/path/ca.pem` or the `ca` option in Node, and `tls.Config{RootCAs: pool}` in Go. For a self-signed development server, create a local CA with mkcert rather than disabling checks, and never ship `NODE_TLS_REJECT_UNAUTHORIZED=0` in scripts, Dockerfiles or client configs.',
      references: [
        { title: 'CWE-295: Improper Certificate Validation', url: 'https://cwe.mitre.org/data/definitions/295.html' },
        { title: 'Node.js: NODE_TLS_REJECT_UNAUTHORIZED', url: 'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue' },
        { title: 'Requests: SSL certificate verification', url: 'https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification' },
        { title: 'Go crypto/tls: Config.InsecureSkipVerify', url: 'https://pkg.go.dev/crypto/tls#Config' },
        { title: 'OWASP: Transport Layer Security cheat sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go', 'dotenv', 'json'],
    requires: /verify|CERT_NONE|check_hostname|unverified|ssl|rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|strictSSL|checkServerIdentity|InsecureSkipVerify/,
    detect(ctx) {
      if (TEST_PATH.test(ctx.path)) return [];
      if (ctx.language === 'dotenv') return lineHits(ctx, DOTENV_LINE, 'NODE_TLS_REJECT_UNAUTHORIZED=0 in an environment file turns off certificate checks for every Node connection');
      if (ctx.language === 'json') return lineHits(ctx, JSON_SETTING, 'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks for every connection of the Node process it configures');
      const lang = ctx.codeLanguage;
      if (!lang || !ctx.tree) return [];
      const hits = lang === 'python' ? detectPython(ctx) : lang === 'go' ? detectGo(ctx) : detectJs(ctx, lang);
      // `check_hostname = False` is required before `verify_mode = CERT_NONE`; one finding per context is enough.
      const certNoneOwners = new Set(hits.filter((h) => h.owner && !h.hostnameOnly).map((h) => h.owner));
      return hits.filter((h) => !(h.hostnameOnly && h.owner && certNoneOwners.has(h.owner))).map((h): RawFinding => ({ span: h.span, data: { what: h.what } }));
    },
  },
});

function lineHits(ctx: FileContext, re: RegExp, what: string): RawFinding[] {
  const out: RawFinding[] = [];
  ctx.lines.forEach((line, row) => {
    if (line.length > 4000 || line.trimStart().startsWith('#')) return;
    const m = re.exec(line);
    if (m) out.push({ span: { start: { row, column: m.index }, end: { row, column: line.length } }, data: { what } });
  });
  return out;
}

/** True/false when the expression is a boolean known before run time (literal, `!0`/`!1`, or a name assigned once). */
function boolOf(node: Node | undefined, assignments: Assignments): boolean | undefined {
  let cur = node;
  for (let hops = 0; cur && hops < 4; hops++) {
    if (cur.type === 'true') return true;
    if (cur.type === 'false') return false;
    if (cur.type === 'parenthesized_expression') {
      cur = cur.namedChildren[0] ?? undefined;
      continue;
    }
    if (cur.type === 'unary_expression' && cur.text.startsWith('!') && cur.namedChildren[0]?.type === 'number') return cur.namedChildren[0].text === '0';
    if (cur.type !== 'identifier') return undefined;
    const values = assignments.get(cur.text);
    if (!values || values.length !== 1 || values[0]!.id === cur.id) return undefined;
    cur = values[0];
  }
  return undefined;
}

function detectPython(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const imports = ctx.imports();
  const assignments = ctx.assignments();
  const modules = new Set([...imports.values()].map((b) => b.module.split('.')[0]!));
  const httpClients = modules.has('requests') || modules.has('httpx');
  const aiohttp = modules.has('aiohttp');
  const isCertNone = (n: Node | undefined): boolean => {
    if (!n) return false;
    if (decodeString(n, 'python')?.value === 'CERT_NONE') return true;
    const name = n.type === 'attribute' || n.type === 'identifier' ? calleeName(n, imports, 'python') : undefined;
    return name !== undefined && PY_CERT_NONE.has(name);
  };
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    const method = call.callee.type === 'attribute' ? call.callee.childForFieldName('attribute')?.text ?? '' : '';
    const verify = call.kwargs.get('verify');
    if (verify && boolOf(verify, assignments) === false && (PY_VERIFY_CALL.test(name) || (httpClients && PY_CLIENT_METHODS.has(method)))) {
      hits.push({ span: nodeSpan(call.node), what: `${name || call.callee.text}(verify=False) accepts any server certificate` });
      continue;
    }
    if (aiohttp && (PY_AIOHTTP_CALL.test(name) || PY_CLIENT_METHODS.has(method))) {
      const off = ['ssl', 'verify_ssl'].find((k) => boolOf(call.kwargs.get(k), assignments) === false);
      if (off) {
        hits.push({ span: nodeSpan(call.node), what: `aiohttp ${name || call.callee.text}(${off}=False) accepts any server certificate` });
        continue;
      }
    }
    if (PY_UNVERIFIED_CONTEXT.has(name) && (name === 'ssl._create_unverified_context' || call.args.length === 0)) {
      hits.push({ span: nodeSpan(call.node), what: `${name}() builds a context that accepts any server certificate` });
      continue;
    }
    const certReqs = call.kwargs.get('cert_reqs');
    if (isCertNone(certReqs)) hits.push({ span: nodeSpan(call.node), what: `${name || call.callee.text}(cert_reqs=CERT_NONE) accepts any server certificate` });
  }
  for (const node of descendantsOfType(ctx.tree!.rootNode, ['assignment', 'pair'])) {
    if (node.type === 'pair') {
      const key = node.childForFieldName('key');
      if (key && decodeString(key, 'python')?.value === 'cert_reqs' && isCertNone(node.childForFieldName('value') ?? undefined)) {
        hits.push({ span: nodeSpan(node), what: '"cert_reqs": ssl.CERT_NONE accepts any server certificate' });
      }
      continue;
    }
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right') ?? undefined;
    if (left?.type !== 'attribute' || !right) continue;
    const attr = left.childForFieldName('attribute')?.text;
    const owner = left.childForFieldName('object')?.text;
    if (attr === 'verify_mode' && isCertNone(right)) hits.push({ span: nodeSpan(node), what: `${left.text} = CERT_NONE accepts any certificate`, owner });
    else if (attr === 'check_hostname' && boolOf(right, assignments) === false) {
      hits.push({ span: nodeSpan(node), what: `${left.text} = False accepts a valid certificate for any host name`, owner, hostnameOnly: true });
    } else if (attr === 'verify' && httpClients && boolOf(right, assignments) === false) hits.push({ span: nodeSpan(node), what: `${left.text} = False accepts any server certificate on every request of the session` });
    else if (attr === '_create_default_https_context' && PY_UNVERIFIED_CONTEXT.has(calleeName(right, imports, 'python') ?? '')) {
      hits.push({ span: nodeSpan(node), what: 'ssl._create_default_https_context is replaced by an unverified context, for every urllib/http.client connection' });
    }
  }
  return hits;
}

function detectJs(ctx: FileContext, lang: CodeLanguage): Hit[] {
  const hits: Hit[] = [];
  const assignments = ctx.assignments();
  for (const node of descendantsOfType(ctx.tree!.rootNode, ['pair', 'assignment_expression'])) {
    if (node.type === 'assignment_expression') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) continue;
      const target = propertyName(left, lang);
      if (target === 'NODE_TLS_REJECT_UNAUTHORIZED' && /^process\.env\b/.test(left.text) && isZero(right, lang, assignments)) {
        hits.push({ span: nodeSpan(node), what: 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0" turns off certificate checks for every connection of the process' });
      } else if (target === 'rejectUnauthorized' && boolOf(right, assignments) === false) {
        hits.push({ span: nodeSpan(node), what: `${left.text} = false accepts any certificate` });
      }
      continue;
    }
    const key = node.childForFieldName('key');
    const value = node.childForFieldName('value');
    if (!key || !value) continue;
    const k = key.type === 'property_identifier' ? key.text : decodeString(key, lang)?.value;
    if (k === 'rejectUnauthorized' && boolOf(value, assignments) === false) {
      // Server options (`requestCert`) use it for client certificates; that is not this client-side weakness.
      if (siblingKeys(node, lang).has('requestCert')) continue;
      hits.push({ span: nodeSpan(node), what: 'rejectUnauthorized: false accepts any certificate' });
    } else if (k === 'strictSSL' && boolOf(value, assignments) === false) {
      hits.push({ span: nodeSpan(node), what: 'strictSSL: false accepts any certificate' });
    } else if (k === 'NODE_TLS_REJECT_UNAUTHORIZED' && isZero(value, lang, assignments)) {
      hits.push({ span: nodeSpan(node), what: 'NODE_TLS_REJECT_UNAUTHORIZED: "0" in a child environment turns off certificate checks for that whole process' });
    } else if (k === 'checkServerIdentity' && acceptsAnyHost(value)) {
      hits.push({ span: nodeSpan(node), what: 'a checkServerIdentity that returns nothing accepts a valid certificate for any host name' });
    }
  }
  return hits;
}

function propertyName(left: Node, lang: CodeLanguage): string | undefined {
  if (left.type === 'member_expression') return left.childForFieldName('property')?.text;
  if (left.type === 'subscript_expression') {
    const index = left.childForFieldName('index');
    return index ? decodeString(index, lang)?.value : undefined;
  }
  return undefined;
}

function isZero(node: Node, lang: CodeLanguage, assignments: Assignments): boolean {
  if (node.type === 'number') return Number(node.text) === 0;
  const s = staticString(node, lang, assignments);
  return s?.complete === true && s.value === '0';
}

function siblingKeys(pair: Node, lang: CodeLanguage): Set<string> {
  const out = new Set<string>();
  for (const p of pair.parent?.namedChildren ?? []) {
    if (p?.type !== 'pair') continue;
    const key = p.childForFieldName('key');
    if (key) out.add(key.type === 'property_identifier' ? key.text : decodeString(key, lang)?.value ?? key.text);
  }
  return out;
}

/** `() => undefined`, `() => {}`, `function () {}`, `() => null`: a host-name check that never reports a mismatch. */
function acceptsAnyHost(fn: Node): boolean {
  if (fn.type !== 'arrow_function' && fn.type !== 'function_expression' && fn.type !== 'function') return false;
  const body = fn.childForFieldName('body');
  if (!body) return false;
  if (body.type === 'undefined' || body.type === 'null') return true;
  if (body.type !== 'statement_block') return false;
  const statements = body.namedChildren.filter((s) => s && s.type !== 'comment');
  if (statements.length === 0) return true;
  return statements.length === 1 && statements[0]!.type === 'return_statement' && ['', 'undefined', 'null'].includes(statements[0]!.namedChildren[0]?.text ?? '');
}

function detectGo(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const assignments = ctx.assignments();
  for (const node of descendantsOfType(ctx.tree!.rootNode, ['keyed_element', 'assignment_statement'])) {
    if (node.type === 'assignment_statement') {
      const left = node.childForFieldName('left')?.namedChildren ?? [];
      const right = node.childForFieldName('right')?.namedChildren ?? [];
      left.forEach((l, i) => {
        if (l?.type === 'selector_expression' && l.childForFieldName('field')?.text === 'InsecureSkipVerify' && right.length === left.length && boolOf(right[i] ?? undefined, assignments) === true) {
          hits.push({ span: nodeSpan(node), what: `${l.text} = true accepts any certificate` });
        }
      });
      continue;
    }
    const [k, v] = node.namedChildren;
    const key = k?.type === 'literal_element' ? k.namedChildren[0] : k;
    const value = v?.type === 'literal_element' ? v.namedChildren[0] : v;
    if (key?.text !== 'InsecureSkipVerify' || boolOf(value ?? undefined, assignments) !== true) continue;
    const literal = node.parent?.parent;
    const fields = new Set((node.parent?.namedChildren ?? []).map((e) => (e?.type === 'keyed_element' ? e.namedChildren[0]?.text : undefined)));
    // Pinning code turns the default check off and verifies the certificate itself.
    if (fields.has('VerifyPeerCertificate') || fields.has('VerifyConnection')) continue;
    const type = literal?.type === 'composite_literal' ? literal.childForFieldName('type')?.text ?? 'a struct' : 'a struct';
    hits.push({ span: nodeSpan(node), what: `${type}{InsecureSkipVerify: true} accepts any certificate` });
  }
  return hits;
}
