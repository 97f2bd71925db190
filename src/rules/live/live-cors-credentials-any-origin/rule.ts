// MV4904: the endpoint lets any origin make credentialed cross-site requests (wildcard or reflected Origin).
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { corsProblem } from '../live-checks.js';

export default defineRule({
  meta: {
    id: 'MV4904',
    slug: 'live-cors-credentials-any-origin',
    title: 'CORS allows credentials from any origin',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-942', 'CWE-346'],
    owaspMcp: ['MCP07'],
    aliases: [],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'the {what} {problem}',
    docs: {
      summary:
        'The endpoint\'s CORS answer to a foreign origin combines `Access-Control-Allow-Credentials: true` with `Access-Control-Allow-Origin: *` or with the foreign origin echoed back.',
      risk:
        'With credentials allowed for an arbitrary origin, any web page the user visits can send requests to the MCP server with the user\'s cookies or HTTP auth and read the answers: list tools, call them, read resources. Echoing the request\'s Origin is the usual way frameworks end up here (`origin: true` with `credentials: true`). Browsers refuse the literal wildcard with credentials, so that combination also signals a policy written without knowing what it allows.',
      detection:
        'Live check, passive: mcpvet sends a CORS preflight (`OPTIONS` with `Origin: https://mcpvet-rebinding.invalid`, `Access-Control-Request-Method: POST`) and looks at the answer to the foreign-Origin `initialize` as well. It fires when either response has `Access-Control-Allow-Credentials: true` together with `Access-Control-Allow-Origin` equal to `*`, `null` or the foreign origin.',
      fix:
        'List the exact origins that may call the server; do not reflect the request\'s Origin. MCP clients are not browsers — most servers need no CORS at all; if a browser client must call it, use bearer tokens instead of cookies and leave credentials off.',
      references: [
        { title: 'MDN: CORS requests with credentials', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#requests_with_credentials' },
        { title: 'PortSwigger: CORS vulnerabilities', url: 'https://portswigger.net/web-security/cors' },
        { title: 'MCP specification 2025-11-25: Transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const h = ctx.live?.http;
      if (!h) return [];
      for (const [x, what] of [[h.corsPreflight, 'CORS preflight'], [h.foreignOrigin, 'answer to a foreign-Origin request']] as const) {
        const origin = x && 'origin' in x ? x.origin : '';
        const problem = corsProblem(x, origin);
        if (x && problem) return [{ ...at(x.location), data: { what, problem } }];
      }
      return [];
    },
  },
});
