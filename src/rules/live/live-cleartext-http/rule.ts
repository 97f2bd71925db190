// MV4905 (MCPSafe MCP-052, live): an MCP endpoint off loopback is served over plain HTTP.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV4905',
    slug: 'live-cleartext-http',
    title: 'MCP endpoint off loopback uses plain HTTP',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-319'],
    owaspMcp: ['MCP01', 'MCP07'],
    aliases: ['MCP-052'],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'the MCP endpoint {url} is plain HTTP on a non-loopback host',
    docs: {
      summary:
        'The probed MCP endpoint uses `http://` and its host is not a loopback name or address.',
      risk:
        'Everything an MCP session carries crosses the network in clear text: bearer tokens and session ids in headers, tool arguments (often file contents, queries, credentials), tool results. Anyone on the path — shared Wi-Fi, a compromised router, a cloud neighbour — can read them, replay the token and inject responses, including poisoned tool descriptions. The MCP authorization specification requires HTTPS for all authorization endpoints and resource servers other than localhost.',
      detection:
        'Live check: fires when the URL given to `mcpvet scan --live` / `mcpvet probe` has the `http` scheme and its host is neither `localhost`/`*.localhost` nor an address in 127.0.0.0/8 or ::1.',
      fix:
        'Serve the endpoint over HTTPS (terminate TLS at the server or a reverse proxy) and redirect or refuse plain HTTP.',
      references: [
        { title: 'MCP specification 2025-11-25: Authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'MCPSafe MCP-052', url: 'https://mcpsafe.io/threats/MCP-052' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const h = ctx.live?.http;
      if (!h || h.scheme !== 'http' || h.loopback) return [];
      return [{ ...at(h.location), data: { url: h.url } }];
    },
  },
});
