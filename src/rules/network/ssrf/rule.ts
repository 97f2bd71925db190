// MV2105 (MCPSafe MCP-060): a tool argument chooses the host of an outbound request the server makes (SSRF).
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule } from '../../../rule/rule.js';
import { modelInputFindings, type TraceText } from '../../injection/model-input-flows.js';

/** `scheme://host/`, `scheme://host:port?`: text after this cannot move the request to another host. */
// U+FFFC marks another value in the solver's prefix: inside the host it leaves the origin open.
const FIXED_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s"'`\\\uFFFC]+[/?#]/i;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The prefix a `startswith`/`startsWith`/`HasPrefix` check on the guard line compares with, when it is a literal. */
const PREFIX_LITERAL = /(?:startswith|startsWith|HasPrefix)\(\s*(?:[\w.]{1,80}\s*,\s*)?(?:"([^"\n]{0,300})"|'([^'\n]{0,300})'|`([^`$\n]{0,300})`)/;

/**
 * Checks of the destination the solver does not model, read from the trace's text: an allow-list test on the parsed
 * host (`urlparse(u).hostname not in ALLOWED`, `ALLOWED.has(new URL(u).hostname)`, `slices.Contains(allowed,
 * u.Hostname())`), and a refusal of private, loopback and link-local addresses (`ipaddress…is_private`,
 * `ip.IsPrivate()`, ipaddr.js ranges, the `private-ip`/`is-ip` style helpers).
 */
const HOST_NAMES = String.raw`(?:hostname|netloc|host|origin|Hostname\(\)|Host)`;
const HOST_ALLOW_LIST = new RegExp(
  [
    // Python membership in a condition (`for host in hosts:` is a loop, not a check).
    String.raw`^\s*(?:if|elif|assert)\b[^\n]{0,160}?\b${HOST_NAMES}\b[^\n]{0,120}?\b(?:not\s+in|in)\s+[\w.]{0,80}[A-Za-z_]`,
    String.raw`\.(?:includes|has)\([^\n]{0,120}?\b${HOST_NAMES}`,
    String.raw`Contains\([^\n]{0,120}?\b${HOST_NAMES}`,
    String.raw`\b(?:switch|case)\b[^\n]{0,120}?\b${HOST_NAMES}\b`,
  ].join('|'),
);
const PRIVATE_ADDRESS_CHECK = /\b(?:is_private|is_loopback|is_link_local|is_reserved|is_global|IsPrivate|IsLoopback|IsLinkLocalUnicast|IsGlobalUnicast|IsUnspecified|isPrivate|isLoopback|isPrivateIP|isPublicIP|isInternalIP)\b|\.range\(\)\s*(?:===?|!==?)\s*["']/;

/**
 * The value cannot change where the request goes: it sits after a fixed `scheme://host/` — in the text right before
 * it, in a constant URL written right before it (`f"{API}/items/{name}"`, `` `${BASE}/x/${id}` ``), or after another
 * value of the same call whose context fixed the origin (`https://api.github.com/repos/{owner}/{repo}`: the solver
 * only keeps the literal text right before each value).
 */
function originFixed(flow: TaintFlow, text: TraceText, group: readonly TaintFlow[]): boolean {
  const ctx = flow.sink.context;
  if (ctx === undefined || ctx === '') return false;
  if (FIXED_ORIGIN.test(ctx) || (flow.sink.prefix !== undefined && FIXED_ORIGIN.test(flow.sink.prefix))) return true;
  if (!/^[/?#]/.test(ctx)) return false;
  if (group.some((g) => g !== flow && g.sink.context !== undefined && FIXED_ORIGIN.test(g.sink.context))) return true;
  return constantOriginBefore(flow, ctx, text);
}

/** `{API}/items/`, `${BASE}/x`, `API + "/items/"`, `base + "/items/"` where the name is a constant URL of the file. */
function constantOriginBefore(flow: TaintFlow, ctx: string, text: TraceText): boolean {
  const before = new RegExp(String.raw`\b([A-Za-z_]\w*)\s*(?:\}|\+\s*["'\`])` + esc(ctx.slice(0, 40)));
  const lines = [text.sinkText(flow), ...flow.steps.filter((s) => s.label.startsWith('assigned to ')).map((s) => text.line(s.location.path, s.location.startLine))];
  const files = new Set([flow.sink.location.path, ...flow.steps.map((s) => s.location.path)]);
  for (const l of lines) {
    const m = before.exec(l);
    if (m && [...files].some((f) => text.declaresConstantUrl(f, m[1]!))) return true;
  }
  return false;
}

/**
 * A `startswith` check on the URL: the solver judges it as a path prefix. For a URL it is sound when the prefix fixes
 * the origin, and broken otherwise, for a reason the finding states.
 */
function urlPrefix(flow: TaintFlow, text: TraceText): { sound: boolean; detail?: string } | undefined {
  const b = flow.broken;
  if (!b || !b.kind.startsWith('prefix') && b.kind !== 'normalize-without-realpath') return undefined;
  const m = PREFIX_LITERAL.exec(text.line(b.location.path, b.location.startLine));
  const prefix = m ? m[1] ?? m[2] ?? m[3] : undefined;
  if (prefix !== undefined && FIXED_ORIGIN.test(prefix)) return { sound: true };
  const where = `${b.location.path}:${b.location.startLine}`;
  return {
    sound: false,
    detail:
      prefix !== undefined
        ? `; the check at ${where} accepts any URL that starts with "${prefix}", which does not fix the host (add the "/" after the host, or compare the parsed host)`
        : `; the prefix check at ${where} does not fix the host of the URL`,
  };
}

function keepSsrf(flow: TaintFlow, text: TraceText, group: readonly TaintFlow[]): boolean {
  if (originFixed(flow, text, group)) return false;
  if (urlPrefix(flow, text)?.sound) return false;
  const region = text.region(flow);
  if (region.some((l) => HOST_ALLOW_LIST.test(l) || PRIVATE_ADDRESS_CHECK.test(l))) return false;
  return true;
}

export default defineRule({
  meta: {
    id: 'MV2105',
    slug: 'ssrf',
    title: 'Tool argument chooses where the server sends a request (SSRF)',
    category: 'network',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-918'],
    owaspMcp: ['MCP05', 'MCP02'],
    aliases: ['MCP-060'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}{also}',
    docs: {
      summary:
        'A tool, prompt or resource-template argument becomes the URL (or the host) of an HTTP request, socket connection or browser navigation the server makes, with no allow-list or private-address check in between.',
      risk:
        'The server sends the request from where it runs — inside a cloud VPC, a corporate network, or the user\'s machine — with access the model and the client do not have. A model steered by text it read can pass `http://169.254.169.254/latest/meta-data/iam/security-credentials/` (cloud credentials), `http://127.0.0.1:6379/` or an internal admin panel, and the tool returns the response into the model\'s context. "Fetch a URL" tools are among the most common MCP tools, and SSRF through them is a recurring advisory; OAuth metadata discovery URLs are another entry point the MCP security guidance calls out.',
      detection:
        'Deep mode only. Sources: tool and prompt arguments and resource-template variables. Sinks (concept `url`): Python `requests.*`/`Session.*`, `httpx.*`/`Client`/`AsyncClient` methods and `base_url`, `aiohttp.ClientSession` methods, `urllib.request.urlopen`/`Request`, `urllib3`, `http.client.HTTPConnection`, `socket.create_connection`/`connect`, `websockets.connect`, Playwright `goto`, Selenium `get`; Node `fetch`, axios/got/ky/node-fetch/undici/superagent (URL, `url`, `baseURL`, `prefixUrl`), `http.get`/`request` (URL or `host`/`hostname`), `net.connect`, WebSocket/EventSource, `page.goto`, MCP client transports; Go `http.Get`/`Post`/`Head`, `http.Client` methods, `http.NewRequest`/`NewRequestWithContext`, `net.Dial`, `websocket.Dial`, `grpc.Dial`, chromedp `Navigate`. Reported when the value is the whole URL, or when the literal text before it has no complete `scheme://host/` yet (a value after `https://` or after `https://api.example.com` without a `/` can change the host, e.g. with `@evil.example/`). Not reported: a value after a fixed `scheme://host/` (also when that prefix is a constant URL of the file written right before it, or another value of the same call already follows a fixed origin), URL-encoded components (`quote`, `encodeURIComponent`, `url.PathEscape`), the request body or query parameters (other rules), numbers, enum or strict-pattern schemas. Silenced by: an allow-list of whole URLs (`if url not in ALLOWED`), an allow-list test on the parsed host (`urlparse(url).hostname in ALLOWED_HOSTS`, `ALLOWED.has(new URL(u).hostname)`, `slices.Contains(allowed, u.Hostname())`), a private/loopback/link-local address check (`ipaddress.ip_address(...).is_private`, `ip.IsPrivate()`, `IsLoopback`), and a `startswith` check whose prefix fixes the origin (`url.startswith("https://docs.python.org/")`). A prefix check that does not fix the host (`startswith("https://")`, or a host without the following `/`) is reported with the finding. The host checks are recognised by their text between the argument and the request, not by data flow: a check that does not actually guard the request silences the finding too. Limits: redirects followed by the client, DNS rebinding between the check and the request, and URLs stored and fetched later are not considered.',
      fix:
        'Decide which hosts the tool may reach and enforce it: compare the parsed host (`urllib.parse.urlparse`, `new URL()`, `url.Parse`) against an allow-list, and require `https`. When arbitrary public URLs are the point of the tool, resolve the host and refuse private, loopback, link-local and metadata addresses (`ipaddress.ip_address(...).is_private`, Go `ip.IsPrivate()`/`IsLoopback()`), re-check after redirects (or disable them), and pin the resolved address for the connection so DNS rebinding cannot swap it. Build API URLs as a fixed origin plus an encoded path segment (`f"https://api.example.com/users/{quote(name, safe=\'\')}"`).',
      references: [
        { title: 'CWE-918: Server-Side Request Forgery (SSRF)', url: 'https://cwe.mitre.org/data/definitions/918.html' },
        { title: 'OWASP SSRF Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html' },
        { title: 'MCP specification: security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  project: {
    detect: (ctx) =>
      modelInputFindings(ctx, {
        sinks: ['url'],
        keep: keepSsrf,
        extra: (flow, text): Record<string, string> => {
          const p = urlPrefix(flow, text);
          return p?.detail ? { broken: p.detail } : {};
        },
      }),
  },
});
