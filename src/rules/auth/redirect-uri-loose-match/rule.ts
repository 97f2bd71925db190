// MV5007 (MCPSafe MCP-261): redirect_uri validated by prefix, suffix, substring, pattern or host instead of exact match.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { callIndex, familyOf, isTestPath, methodName, receiverOf, refName, singleValue, staticText, type Family } from '../oauth-flow-facts.js';

const PY_AFFIX = new Set(['startswith', 'endswith', 'find', 'rfind', 'index', 'rindex']);
const JS_AFFIX = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'match', 'search', 'matchAll']);
const GO_AFFIX = new Set(['strings.HasPrefix', 'strings.HasSuffix', 'strings.Contains', 'strings.Index', 'strings.LastIndex']);
const GLOBS = new Set(['fnmatch.fnmatch', 'fnmatch.fnmatchcase', 'minimatch', 'minimatch.minimatch', 'minimatch.default', 'micromatch.isMatch', 'picomatch', 'path.Match', 'path/filepath.Match']);
const PY_REGEX = new Set(['re.match', 're.search', 're.fullmatch', 're.findall', 're.finditer']);
const PARSERS = new Set(['urllib.parse.urlparse', 'urllib.parse.urlsplit', 'urlparse.urlparse', 'url.parse', 'net/url.Parse', 'URL']);
const HOST_PARTS = new Set(['netloc', 'hostname', 'host', 'origin', 'Host', 'Hostname']);
const UNWRAP_CALLS = new Set(['str', 'String', 'toString', 'lower', 'toLowerCase', 'casefold', 'strip', 'trim', 'rstrip', 'strings.ToLower', 'strings.TrimSpace', 'unquote', 'urllib.parse.unquote', 'decodeURIComponent', 'url.QueryUnescape']);

type Ref = 'single' | 'plural';

export default defineRule({
  meta: {
    id: 'MV5007',
    slug: 'redirect-uri-loose-match',
    title: 'redirect_uri matched loosely instead of exactly',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-601'],
    owaspMcp: ['MCP07', 'MCP01'],
    aliases: ['MCP-261'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'redirect URI is checked with {how} instead of an exact match against the registered URIs; a look-alike URI passes and receives the authorization code',
    docs: {
      summary: 'An OAuth authorization server, proxy or client validates a `redirect_uri` with a prefix, suffix or substring test, a regular expression, a glob pattern, or by comparing only its host, rather than by exact string comparison with the registered redirect URIs.',
      risk:
        'The redirect URI decides where the authorization code — and with implicit-style flows the token — is delivered. MCP servers that implement their own authorization server or OAuth proxy accept dynamically registered clients from anyone, so every loose comparison is reachable by an attacker: `startswith("https://app.example.com")` accepts `https://app.example.com.evil.net/`, a host-only check accepts an open redirector elsewhere on the allowed host, `"localhost" in uri` accepts `https://evil.net/?localhost`, and an unescaped dot in a regex matches any character. The attacker sends the victim an authorization link with such a URI and receives the code; with a proxy\'s static upstream client id the stolen code unlocks the user\'s upstream account. The MCP authorization specification and RFC 9700 require exact string matching of redirect URIs.',
      detection:
        'Looks at expressions that name a redirect URI — a variable, attribute, field or parameter whose name contains `redirect_uri`/`redirectUri`/`redirect_url`/`RedirectURL` (any case), a subscript or `.get("redirect_uri")` lookup, possibly wrapped in `str()`, `String()`, `.lower()`, `strings.ToLower` and the like — and fires when one is: the receiver of Python `startswith`/`endswith`/`find`/`index`, or JavaScript `startsWith`/`endsWith`/`includes`/`indexOf`/`match`/`search`; an argument of Go `strings.HasPrefix`/`HasSuffix`/`Contains`/`Index`; the right-hand side of Python `x in redirect_uri` (a substring test); matched by a regular expression (`re.match`/`search`/`fullmatch`, a compiled pattern\'s `match`, JavaScript `regex.test(uri)`, Go `regexp.MatchString` or a compiled `MatchString`) unless the pattern is a literal with no wildcards or character classes (only anchors and escaped characters) or built with `re.escape`; matched by a glob (`fnmatch`, `minimatch`, `micromatch.isMatch`, Go `path.Match`/`filepath.Match`); or parsed (`urlparse`/`urlsplit`, `new URL`, `url.Parse`) and compared only by host, origin or netloc (`==`, `in`, `.includes(…)`, `.has(…)`, a map lookup). Checks of the URI\'s shape rather than its identity do not fire: a bare scheme (`startswith("https://")` to require HTTPS) or punctuation only (`"#" in redirect_uri` to reject fragments). Exact comparisons (`==`, `===`), membership of the URI itself in a list or set of registered URIs (`redirect_uri in client.redirect_uris`, `allowed.includes(redirectUri)`, `slices.Contains(allowed, redirectURI)`) and checks on collections of URIs do not fire. Test files are skipped.',
      fix: 'Compare the full redirect URI with the client\'s registered URIs by exact string equality (`if redirect_uri not in client.redirect_uris: reject`), and reject requests whose URI is not registered instead of fixing it up. If you must allow loopback redirects on any port for native clients (RFC 8252 §7.3), parse the URI, require scheme `http`, host exactly `127.0.0.1` or `[::1]`, no user-info, and compare the path exactly. The Python and TypeScript MCP SDKs\' authorization handlers already match registered redirect URIs exactly.',
      references: [
        { title: 'MCP specification: authorization, open redirection', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#open-redirection' },
        { title: 'RFC 9700 §4.1: insufficient redirect URI validation', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-4.1' },
        { title: 'CWE-601: URL Redirection to Untrusted Site', url: 'https://cwe.mitre.org/data/definitions/601.html' },
        { title: 'RFC 8252 §7.3: loopback interface redirection', url: 'https://www.rfc-editor.org/rfc/rfc8252#section-7.3' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /redirect_?ur[il]/i,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const fam = familyOf(ctx);
      const hits = new Map<number, { node: Node; how: string }>();
      const add = (node: Node, how: string) => {
        if (!hits.has(node.id)) hits.set(node.id, { node, how });
      };
      for (const call of ctx.calls()) {
        const how = looseCall(call, ctx, fam);
        if (how) add(call.node, how);
      }
      for (const cmp of descendantsOfType(ctx.tree!.rootNode, fam === 'python' ? ['comparison_operator'] : fam === 'go' ? ['binary_expression', 'index_expression'] : ['binary_expression'])) {
        const how = looseComparison(cmp, ctx, fam);
        if (how) add(cmp, how);
      }
      return [...hits.values()]
        .sort((a, b) => a.node.startIndex - b.node.startIndex)
        .map((h): RawFinding => ({ span: nodeSpan(h.node), data: { how: h.how } }));
    },
  },
});

/** Whether an expression names a redirect URI (`single`) or a collection of them (`plural`). */
function redirectRef(node: Node | null | undefined, ctx: FileContext, fam: Family): Ref | undefined {
  let n = node ?? undefined;
  const idx = callIndex(ctx);
  for (let i = 0; n && i < 6; i++) {
    if (n.type === 'call' || n.type === 'call_expression') {
      const call = idx.get(n.id);
      if (!call) return undefined;
      const m = methodName(call);
      const name = call.name ?? '';
      if ((m === 'get' || m === 'Get' || m === 'getlist' || m === 'getAll') && call.args[0]) {
        const key = staticText(call.args[0], ctx);
        return key ? classifyName(key) : undefined;
      }
      if (UNWRAP_CALLS.has(name) || UNWRAP_CALLS.has(m ?? '')) {
        n = call.args[0] ?? receiverOf(call);
        continue;
      }
      return undefined;
    }
    if (n.type === 'parenthesized_expression' || n.type === 'non_null_expression' || n.type === 'as_expression' || n.type === 'await' || n.type === 'await_expression') {
      n = n.namedChildren[0] ?? undefined;
      continue;
    }
    const name = refName(n, fam);
    return name ? classifyName(name) : undefined;
  }
  return undefined;
}

function classifyName(name: string): Ref | undefined {
  const m = /redirect(?:uri|url)(s|list|set|array|whitelist|allowlist)?/.exec(name.toLowerCase().replace(/[^a-z]/g, ''));
  if (!m) return undefined;
  return m[1] ? 'plural' : 'single';
}

/**
 * A literal that validates the shape of a URI rather than matching it against allowed ones: a bare scheme
 * (`startswith("https://")` enforces HTTPS) or punctuation only (`"#" in uri` rejects fragments).
 */
function shapeCheck(node: Node | undefined, ctx: FileContext): boolean {
  const v = node ? staticText(node, ctx) : undefined;
  return v !== undefined && (/^[a-z][a-z0-9+.-]*:(?:\/\/)?$/i.test(v) || !/[a-z0-9]/i.test(v));
}

function looseCall(call: CallSite, ctx: FileContext, fam: Family): string | undefined {
  const m = methodName(call) ?? '';
  const name = call.name ?? '';
  const recv = receiverOf(call);
  if (fam === 'python' && PY_AFFIX.has(m) && redirectRef(recv, ctx, fam) === 'single' && !shapeCheck(call.args[0], ctx)) return `${m}()`;
  if (fam === 'js' && JS_AFFIX.has(m) && redirectRef(recv, ctx, fam) === 'single' && !call.args.some((a) => redirectRef(a, ctx, fam)) && !shapeCheck(call.args[0], ctx)) {
    return m === 'match' || m === 'search' || m === 'matchAll' ? 'a regular expression' : `${m}()`;
  }
  if (fam === 'go' && GO_AFFIX.has(name) && call.args.some((a) => redirectRef(a, ctx, fam)) && !call.args.some((a) => shapeCheck(a, ctx))) return name;
  if (GLOBS.has(name) && call.args.some((a) => redirectRef(a, ctx, fam))) return `a glob pattern (${name})`;
  // Regular expressions: module functions take (pattern, subject); compiled patterns take (subject).
  if (fam === 'python' && PY_REGEX.has(name)) {
    if (redirectRef(call.args[1], ctx, fam) && !exactPattern(call.args[0], ctx, fam)) return `a regular expression (${name})`;
    return undefined;
  }
  if (fam === 'go' && name === 'regexp.MatchString') {
    if (redirectRef(call.args[1], ctx, fam) && !exactPattern(call.args[0], ctx, fam)) return 'a regular expression (regexp.MatchString)';
    return undefined;
  }
  const compiled = fam === 'python' ? ['match', 'search', 'fullmatch'] : fam === 'go' ? ['MatchString', 'Match', 'FindString'] : ['test', 'exec'];
  if (recv && compiled.includes(m) && redirectRef(call.args[0], ctx, fam) && !(fam === 'python' && name.startsWith('re.'))) {
    if (!exactPattern(compiledPattern(recv, ctx), ctx, fam)) return 'a regular expression';
    return undefined;
  }
  // `allowedHosts.includes(new URL(redirectUri).host)`, `slices.Contains(hosts, u.Host)`.
  if ((m === 'includes' || m === 'has' || m === 'Contains' || m === 'contains') && call.args.some((a) => hostOfRedirect(a, ctx, fam))) return 'a host-only comparison';
  return undefined;
}

/** The pattern a compiled regex was built from: a regex literal, `new RegExp(p)`, `re.compile(p)`, `regexp.MustCompile(p)`. */
function compiledPattern(recv: Node, ctx: FileContext): Node | undefined {
  let n: Node | undefined = recv;
  if (n.type === 'identifier') n = singleValue(n, ctx) ?? n;
  if (n.type === 'regex') return n;
  if (n.type === 'call' || n.type === 'call_expression' || n.type === 'new_expression') {
    const call = callIndex(ctx).get(n.id);
    if (call && ['re.compile', 'RegExp', 'regexp.MustCompile', 'regexp.Compile'].includes(call.name ?? '')) return call.args[0];
  }
  return undefined;
}

/** True for a pattern that can only match one string: a literal with nothing but anchors and escapes, or `re.escape(…)`. */
function exactPattern(node: Node | undefined, ctx: FileContext, fam: Family): boolean {
  if (!node) return false;
  if (fam === 'python' && node.type === 'call') return callIndex(ctx).get(node.id)?.name === 're.escape';
  let text: string | undefined;
  if (node.type === 'regex') text = node.childForFieldName('pattern')?.text;
  else text = staticText(node, ctx) ?? (decodeString(node, ctx.codeLanguage!)?.complete ? decodeString(node, ctx.codeLanguage!)!.value : undefined);
  if (text === undefined) return false;
  const body = text.replace(/^\^/, '').replace(/(?:\$|\\Z|\\z)$/, '');
  return !/(?:^|[^\\])(?:\\\\)*[.*+?[\](){}|]|\\[dDwWsSbB]/.test(body);
}

/** `urlparse(redirect_uri).netloc`, `new URL(redirectUri).origin`, `u.Host` / `u.Hostname()` where `u` came from `url.Parse(redirectURI)`. */
function hostOfRedirect(node: Node | null | undefined, ctx: FileContext, fam: Family): boolean {
  if (!node) return false;
  let target = node;
  if ((target.type === 'call' || target.type === 'call_expression') && fam === 'go') {
    const fn = target.childForFieldName('function');
    if (fn?.type !== 'selector_expression' || fn.childForFieldName('field')?.text !== 'Hostname') return false;
    target = fn;
  }
  const part = target.type === 'attribute' ? target.childForFieldName('attribute') : target.type === 'member_expression' ? target.childForFieldName('property') : target.type === 'selector_expression' ? target.childForFieldName('field') : null;
  if (!part || !HOST_PARTS.has(part.text)) return false;
  let obj = target.childForFieldName(target.type === 'selector_expression' ? 'operand' : 'object') ?? undefined;
  if (obj?.type === 'identifier') obj = singleValue(obj, ctx) ?? obj;
  if (!obj || !['call', 'call_expression', 'new_expression'].includes(obj.type)) return false;
  const call = callIndex(ctx).get(obj.id);
  return Boolean(call && PARSERS.has(call.name ?? '') && redirectRef(call.args[0], ctx, fam));
}

function looseComparison(node: Node, ctx: FileContext, fam: Family): string | undefined {
  if (node.type === 'index_expression') {
    return hostOfRedirect(node.childForFieldName('index'), ctx, fam) ? 'a host-only comparison' : undefined;
  }
  const ops = node.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
  const operands = node.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (operands.length !== 2) return undefined;
  const [left, right] = operands as [Node, Node];
  const op = fam === 'python' ? ops.join(' ') : node.childForFieldName('operator')?.text ?? ops[0];
  if (fam === 'python' && (op === 'in' || op === 'not in')) {
    if (redirectRef(right, ctx, fam) === 'single' && !redirectRef(left, ctx, fam) && !shapeCheck(left, ctx)) return `a substring test (${op})`;
    if (hostOfRedirect(left, ctx, fam)) return 'a host-only comparison';
    return undefined;
  }
  if (op === '==' || op === '!=' || op === '===' || op === '!==') {
    if (hostOfRedirect(left, ctx, fam) || hostOfRedirect(right, ctx, fam)) return 'a host-only comparison';
  }
  return undefined;
}
