// MV2701: a hard-coded destination that only makes sense for exfiltration or a back door (capture bins, tunnels, chat webhooks, hidden BCC).
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Confidence } from '../../../model/severity.js';
import { decodeString } from '../../../parse/string-literal.js';
import { staticString } from '../../../parse/static-value.js';
import { NodeIndex } from '../../../parse/node-index.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';

interface Destination {
  what: string;
  /** Host suffix (a leading dot means "a subdomain of"). */
  host: RegExp;
  /** Extra condition on the path (after the host), when the host alone is legitimate. */
  path?: RegExp;
  /** The URL embeds a credential (webhook token, bot token): keep it out of reports. */
  secret?: boolean;
}

// Host patterns are anchored at the end and have no nested quantifiers.
const DESTINATIONS: Destination[] = [
  { what: 'a webhook.site request-capture URL', host: /(?:^|\.)webhook\.site$/ },
  { what: 'a RequestBin/Pipedream capture endpoint', host: /(?:^|\.)requestbin\.(?:com|net)$|\.(?:m|x)\.pipedream\.net$|(?:^|\.)requestcatcher\.com$|(?:^|\.)hookb\.in$/ },
  { what: 'a public tunnel (ngrok, Cloudflare quick tunnel, localtunnel, serveo)', host: /\.ngrok(?:-free)?\.(?:io|app|dev)$|\.trycloudflare\.com$|\.loca\.lt$|(?:^|\.)serveo\.net$/ },
  { what: 'the Pastebin posting API', host: /(?:^|\.)pastebin\.com$/, path: /^\/api\b/ },
  { what: 'an anonymous file-drop service', host: /(?:^|\.)transfer\.sh$|^0x0\.st$/ },
  { what: 'a Discord webhook', host: /(?:^|\.)discord(?:app)?\.com$/, path: /^\/api\/(?:v\d+\/)?webhooks\/\d/, secret: true },
  { what: 'a Slack incoming webhook', host: /^hooks\.slack\.com$/, path: /^\/(?:services|workflows|triggers)\/[A-Z0-9]/, secret: true },
  { what: 'a Telegram bot API URL with its bot token', host: /^api\.telegram\.org$/, path: /^\/bot\d{5,}:[\w-]/, secret: true },
  { what: 'an out-of-band interaction (OAST) host', host: /(?:^|\.)oast\.(?:pro|live|site|online|fun|me)$|(?:^|\.)interact\.sh$|\.burpcollaborator\.net$|\.oastify\.com$|\.dnslog\.cn$|\.ceye\.io$/ },
];

/** A bare host name (DNS exfiltration needs no URL) under an OAST domain, with at least one label of its own. */
const BARE_OAST = /^[\w{}…-][\w.{}…-]{0,250}\.(oast\.(?:pro|live|site|online|fun|me)|interact\.sh|burpcollaborator\.net|oastify\.com|dnslog\.cn|ceye\.io)\.?$/;
/** URLs inside a string: scheme, host, optional port, then the rest up to whitespace or a quote. */
const URL_IN_TEXT = /\b(?:https?|wss?|ftp):\/\/([^\s/?#:'"`<>@]{1,253})(?::\d{1,5})?([/?#][^\s'"`<>]{0,2000})?/gi;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** Public DNS resolvers, whose DNS-over-HTTPS endpoints are addressed by IP on purpose. */
const PUBLIC_RESOLVERS = new Set(['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4', '9.9.9.9', '149.112.112.112', '208.67.222.222', '208.67.220.220']);
const EMAIL = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/;
const BCC_HEADER = /(?:^|[\r\n])\s{0,8}bcc:[ \t]{0,8}[\w.+-]{1,64}@/i;
const BCC_KEY = /^bcc$/i;

/** Folders and files of tests, where such URLs are usually test data: still reported, at low confidence. */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|specs|fixtures?|testdata|mocks?)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

const STRING_TYPES: Record<'python' | 'js' | 'go', string[]> = {
  python: ['string'],
  js: ['string', 'template_string'],
  go: ['interpreted_string_literal', 'raw_string_literal'],
};
/** Places where a key names a mail recipient field: `{"bcc": …}`, `bcc=…`, `msg["Bcc"] = …`, `Bcc: []string{…}`. */
const KEYED_TYPES: Record<'python' | 'js' | 'go', string[]> = {
  python: ['pair', 'keyword_argument', 'assignment'],
  js: ['pair', 'assignment_expression'],
  go: ['keyed_element'],
};

interface Hit {
  node: Node;
  what: string;
  host: string;
  redact?: string;
}

export default defineRule({
  meta: {
    id: 'MV2701',
    slug: 'suspicious-egress-endpoint',
    title: 'Hard-coded exfiltration or back-door destination',
    category: 'network',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-506', 'CWE-200'],
    owaspMcp: ['MCP04'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} is hard-coded ({host}); whatever the server sends there leaves the user\'s control',
    docs: {
      summary:
        'The code contains a destination that legitimate MCP servers have no reason to hard-code: request-capture bins (webhook.site, RequestBin, Pipedream), public tunnels (ngrok, Cloudflare quick tunnels), paste and file-drop services, Discord/Slack webhooks and Telegram bot URLs with their tokens, out-of-band interaction hosts (interactsh, Burp Collaborator), raw public IP addresses, or a fixed BCC recipient in mail-sending code.',
      risk:
        'An MCP server runs on the user\'s machine or next to their data with whatever access its tools need, and the user rarely reads its code after installing it. A malicious or compromised release only has to add one destination to quietly copy tool arguments, file contents, tokens or e-mails out: postmark-mcp 1.0.16 did exactly this by adding a hidden BCC address to every message its send-email tool sent, after fifteen clean versions. Capture bins, tunnels and chat webhooks are what such payloads use because they need no infrastructure and cannot be traced to a company.',
      detection:
        'Every string literal in Python, JavaScript/TypeScript and Go files (docstrings excepted) is searched for URLs. A URL fires when its host is `webhook.site`, `requestbin.com`/`.net`, `*.m.pipedream.net`/`*.x.pipedream.net`, `requestcatcher.com`, `hookb.in`, `*.ngrok.io`/`*.ngrok.app`/`*.ngrok-free.app`/`*.ngrok.dev`, `*.trycloudflare.com`, `*.loca.lt`, `serveo.net`, `transfer.sh`, `0x0.st`, an interactsh/OAST domain (`oast.pro`, `oast.live`, `oast.site`, `oast.online`, `oast.fun`, `oast.me`, `interact.sh`, `*.burpcollaborator.net`, `*.oastify.com`, `*.dnslog.cn`, `*.ceye.io`) or a public IPv4 address (private, loopback, link-local, CGNAT, documentation, multicast and reserved ranges, and the well-known public DNS resolvers such as `1.1.1.1` and `8.8.8.8` with their DNS-over-HTTPS endpoints, do not fire); `pastebin.com` fires only for its `/api` paths, Discord only for `/api/webhooks/<id>…`, Slack only for `hooks.slack.com/services/T…`, and Telegram only when the URL contains a literal bot token (`/bot123456:…`) — so a notification server that builds these URLs from the user\'s own configuration stays quiet. A bare host name under an OAST domain with a label of its own (`{data}.abc.oast.fun`, used for DNS exfiltration) also fires. Mail code fires when a `bcc`/`Bcc` key — a dict or object key, a keyword argument, `msg["Bcc"] = …`, a Go struct field, or `SetHeader("Bcc", …)`/`add_header("Bcc", …)` — gets a constant e-mail address (or a list of them), and when a literal header block contains `Bcc: someone@…`. Findings in test files are reported at low confidence. Webhook and bot tokens are masked in reports.',
      fix:
        'Remove the destination. If the server legitimately sends data somewhere, make the endpoint part of the user\'s configuration, document it, and show it in the tool description; never add recipients the user did not choose — put every recipient in the tool arguments so that the client shows them for approval. If you found this in a dependency, treat the package as compromised: stop using it, rotate the credentials it could reach, and report it to the registry.',
      references: [
        { title: 'Koi Security: first malicious MCP server found in the wild (postmark-mcp)', url: 'https://www.koi.security/blog/postmark-mcp-npm-malicious-backdoor-email-theft' },
        { title: 'CWE-506: Embedded Malicious Code', url: 'https://cwe.mitre.org/data/definitions/506.html' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
        { title: 'MCP specification: security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /:\/\/|oast|interact\.sh|burpcollaborator|oastify|dnslog|ceye|bcc|Bcc|BCC/,
    detect(ctx) {
      const lang = ctx.codeLanguage!;
      const fam = lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
      const stringTypes = new Set(STRING_TYPES[fam]);
      const hits: Hit[] = [];
      const mentionsBcc = /bcc/i.test(ctx.text);
      const types = mentionsBcc ? [...STRING_TYPES[fam], ...KEYED_TYPES[fam]] : STRING_TYPES[fam];
      const markers = markerPositions(ctx.text);
      let m = 0;
      const { nodes, types: nodeTypes } = NodeIndex.of(ctx.tree!, lang).typed(types);
      for (let i = 0; i < nodes.length; i++) {
        const node = nodes[i]!;
        if (stringTypes.has(nodeTypes[i]!)) {
          // A literal without a marker in its source cannot hit: skip it before asking the tree anything about it.
          while (m < markers.length && markers[m]! < node.startIndex) m++;
          if (m === markers.length || markers[m]! >= node.endIndex) continue;
          // Strings nested in an f-string or template are part of their parent, which is checked as a whole.
          if (isNestedString(node) || isDocstring(node, lang)) continue;
          const value = decodeString(node, lang)?.value;
          if (value) hits.push(...stringHits(node, value));
        } else {
          const hit = bccAssignment(node, ctx);
          if (hit) hits.push(hit);
        }
      }
      if (mentionsBcc) hits.push(...bccHeaderCalls(ctx));
      const confidence: Confidence | undefined = TEST_PATH.test(ctx.path) ? 'low' : undefined;
      const seen = new Set<string>();
      const out: RawFinding[] = [];
      for (const h of hits) {
        const key = `${h.node.startPosition.row}:${h.what}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ span: nodeSpan(h.node), data: { what: h.what, host: h.host }, ...(h.redact ? { redact: [h.redact] } : {}), ...(confidence ? { confidence } : {}) });
      }
      return out;
    },
  },
});

/**
 * Every hit of a string literal needs one of these in its decoded value: `://` (URLs), an OAST domain (bare hosts) or
 * `bcc:` (mail headers). Without escapes (a backslash) the decoded value is the literal's own text with interpolations
 * left out, so a literal whose source holds none of them (and no backslash) has no hit.
 */
const MARKERS = /:\/\/|\\|bcc:|oast\.|interact\.sh|burpcollaborator\.net|oastify\.com|dnslog\.cn|ceye\.io/gi;

/** Start offsets of every marker in the text, overlapping ones included, in order. */
function markerPositions(text: string): number[] {
  const out: number[] = [];
  MARKERS.lastIndex = 0;
  for (let m = MARKERS.exec(text); m; m = MARKERS.exec(text)) {
    out.push(m.index);
    MARKERS.lastIndex = m.index + 1;
  }
  return out;
}

function isNestedString(node: Node): boolean {
  const p = node.parent;
  return p?.type === 'interpolation' || p?.type === 'template_substitution' || p?.type === 'concatenated_string';
}

function isDocstring(node: Node, lang: CodeLanguage): boolean {
  return lang === 'python' && node.parent?.type === 'expression_statement' && node.parent.namedChildCount === 1;
}

function stringHits(node: Node, value: string): Hit[] {
  const out: Hit[] = [];
  if (value.includes('://')) {
    for (const m of value.matchAll(URL_IN_TEXT)) {
      const host = m[1]!.toLowerCase().replace(/\.$/, '');
      const path = m[2] ?? '';
      const ip = IPV4.exec(host);
      if (ip) {
        if (isPublicIpv4(ip.slice(1, 5).map(Number)) && !PUBLIC_RESOLVERS.has(host)) out.push({ node, what: 'a raw public IP address', host });
        continue;
      }
      for (const d of DESTINATIONS) {
        if (!d.host.test(host) || (d.path && !d.path.test(path))) continue;
        out.push({ node, what: d.what, host, ...(d.secret ? { redact: m[0] } : {}) });
        break;
      }
    }
  } else {
    const oast = BARE_OAST.exec(value);
    if (oast) out.push({ node, what: 'an out-of-band interaction (OAST) host', host: oast[1]! });
  }
  if (BCC_HEADER.test(value)) out.push({ node, what: 'a fixed BCC recipient in a mail header', host: (EMAIL.exec(value.slice(value.toLowerCase().indexOf('bcc:')))?.[0] ?? 'bcc').replace(/^.*@/, '@') });
  return out;
}

/** False for loopback, private, link-local, CGNAT, documentation, benchmarking, multicast and reserved ranges. */
function isPublicIpv4([a, b, c]: number[]): boolean {
  if ([a, b, c].some((n) => n! > 255)) return false;
  if (a === 0 || a === 10 || a === 127 || a! >= 224) return false;
  if (a === 100 && b! >= 64 && b! <= 127) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b! >= 16 && b! <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false;
  if (a === 198 && (b === 18 || b === 19)) return false;
  if (a === 198 && b === 51 && c === 100) return false;
  if (a === 203 && b === 0 && c === 113) return false;
  return true;
}

/** `{"bcc": "x@y"}`, `bcc="x@y"`, `msg["Bcc"] = "x@y"`, `msg.bcc = …`, `Bcc: []string{"x@y"}` with a constant address. */
function bccAssignment(node: Node, ctx: FileContext): Hit | undefined {
  const lang = ctx.codeLanguage!;
  let key: Node | null | undefined;
  let value: Node | null | undefined;
  if (node.type === 'pair' || node.type === 'keyword_argument') {
    key = node.childForFieldName(node.type === 'pair' ? 'key' : 'name');
    value = node.childForFieldName('value');
  } else if (node.type === 'assignment' || node.type === 'assignment_expression') {
    key = node.childForFieldName('left');
    value = node.childForFieldName('right');
  } else if (node.type === 'keyed_element') {
    [key, value] = node.namedChildren;
    if (key?.type === 'literal_element') key = key.namedChildren[0];
    if (value?.type === 'literal_element') value = value.namedChildren[0];
  }
  if (!key || !value || !BCC_KEY.test(keyName(key, lang) ?? '')) return undefined;
  const address = constantAddress(value, ctx);
  return address ? { node, what: 'a fixed BCC recipient', host: address.replace(/^.*@/, '@') } : undefined;
}

/** The name a key node stands for: identifier, property, string key, subscript index or attribute name. */
function keyName(key: Node, lang: CodeLanguage): string | undefined {
  switch (key.type) {
    case 'identifier':
    case 'property_identifier':
    case 'field_identifier':
      return key.text;
    case 'subscript':
    case 'subscript_expression': {
      const idx = key.childForFieldName(key.type === 'subscript' ? 'subscript' : 'index');
      return idx ? decodeString(idx, lang)?.value : undefined;
    }
    case 'attribute':
      return key.childForFieldName('attribute')?.text;
    case 'member_expression':
      return key.childForFieldName('property')?.text;
    default:
      return decodeString(key, lang)?.value;
  }
}

/** A constant e-mail address: a static string, or a list/array/slice literal holding one. */
function constantAddress(value: Node, ctx: FileContext): string | undefined {
  const lang = ctx.codeLanguage!;
  const one = (n: Node): string | undefined => {
    const s = staticString(n, lang, ctx.assignments());
    return s?.complete ? EMAIL.exec(s.value)?.[0] : undefined;
  };
  const direct = one(value);
  if (direct) return direct;
  let list: Node | null = value;
  if (list.type === 'identifier') {
    const values = ctx.assignments().get(list.text);
    list = values?.length === 1 ? values[0]! : null;
  }
  if (!list) return undefined;
  if (list.type === 'composite_literal') list = list.childForFieldName('body');
  if (!list || !['list', 'tuple', 'array', 'literal_value', 'set'].includes(list.type)) return undefined;
  for (const el of list.namedChildren) {
    const item = el?.type === 'literal_element' ? el.namedChildren[0] : el;
    const a = item ? one(item) : undefined;
    if (a) return a;
  }
  return undefined;
}

/** `msg.add_header("Bcc", "x@y")`, `m.SetHeader("Bcc", "x@y")`, `headers.set("bcc", …)`. */
function bccHeaderCalls(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  const lang = ctx.codeLanguage!;
  for (const call of ctx.calls()) {
    const [k, v] = call.args;
    if (!k || !v || !BCC_KEY.test(decodeString(k, lang)?.value ?? '')) continue;
    const address = constantAddress(v, ctx);
    if (address) out.push({ node: call.node, what: 'a fixed BCC recipient', host: address.replace(/^.*@/, '@') });
  }
  return out;
}
