// MV4902 (MCPSafe MCP-274, live): the endpoint accepts MCP requests carrying a foreign Origin (DNS rebinding, CSRF).
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV4902',
    slug: 'live-foreign-origin-accepted',
    title: 'MCP requests from a foreign Origin are accepted',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-346', 'CWE-352'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: ['MCP-274'],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'the server accepted initialize with Origin {origin} (HTTP {status}){note}',
    docs: {
      summary:
        'The Streamable HTTP endpoint answered an `initialize` request that carried `Origin: https://mcpvet-rebinding.invalid` with a success status instead of rejecting it.',
      risk:
        'The MCP transport specification says servers MUST validate the `Origin` header of every incoming connection to prevent DNS rebinding. A browser tab on any site can send requests to a local or intranet MCP server; with DNS rebinding it can also read the answers. If the server does not check `Origin`, that page can list and call tools with the user\'s local privileges — the class of bug fixed in the MCP Inspector and several SDKs.',
      detection:
        'Live check, passive: mcpvet sends `initialize` (with the user\'s credentials, so that an auth check does not hide the result) carrying a foreign `Origin` and fires on any 2xx answer. A 401/403/400 answer passes. The severity is lowered to medium for non-loopback servers that require authorization.',
      fix:
        'Validate `Origin` on every request against an allow-list of the origins you serve (the SDKs provide `localhostOriginValidation()` / `originValidation([...])`, or enable DNS-rebinding protection on the transport) and reject others with 403.',
      references: [
        { title: 'MCP specification 2025-11-25: Transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
        { title: 'MCP security best practices', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices' },
        { title: 'MCPSafe MCP-274: missing Host/Origin check on a local server', url: 'https://mcpsafe.io/threats/MCP-274' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const h = ctx.live?.http;
      const o = h?.foreignOrigin;
      if (!h || !o?.accepted) return [];
      const lower = !h.loopback && h.authRequired;
      return [{ ...at(o.location), data: { origin: o.origin, status: o.status ?? 0, note: h.loopback ? ' — any web page can drive this local server' : '' }, ...(lower ? { severity: 'medium' as const } : {}) }];
    },
  },
});
