// MV4903 (MCPSafe MCP-274, live): a loopback server answers requests whose Host names another site (DNS rebinding).
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV4903',
    slug: 'live-host-header-not-validated',
    title: 'Loopback server does not validate the Host header',
    category: 'transport',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-346'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: ['MCP-274'],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'the loopback server accepted initialize with Host {host} (HTTP {status})',
    docs: {
      summary:
        'A server listening on a loopback address answered an MCP `initialize` request whose `Host` header named another site (`mcpvet-rebinding.invalid`).',
      risk:
        'DNS rebinding works by making an attacker\'s domain resolve to 127.0.0.1 after the page has loaded: the browser then talks to the local MCP server while still sending the attacker\'s host name. Checking `Host` against the names the server actually serves (localhost, 127.0.0.1) is the one defence that still works when the request carries no `Origin` (non-browser tooling, some fetch modes). Advisories against the MCP TypeScript and Python SDKs fixed exactly this default.',
      detection:
        'Live check, passive, loopback targets only (127.0.0.0/8, ::1, localhost): mcpvet sends `initialize` with the user\'s credentials and `Host: mcpvet-rebinding.invalid`, dialling the loopback address directly, and fires on any 2xx answer.',
      fix:
        'Validate `Host` on every request (`localhostHostValidation()` in the TypeScript SDK, `TransportSecuritySettings(allowed_hosts=[...])` in Python, or the framework\'s trusted-host middleware) and answer others with 403/421.',
      references: [
        { title: 'MCP specification 2025-11-25: Transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
        { title: 'GHSA-w48q-cv73-mx4w: DNS rebinding protection not enabled by default (TypeScript SDK)', url: 'https://github.com/advisories/GHSA-w48q-cv73-mx4w' },
        { title: 'MCPSafe MCP-274', url: 'https://mcpsafe.io/threats/MCP-274' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const h = ctx.live?.http;
      const x = h?.foreignHost;
      if (!h?.loopback || !x?.accepted) return [];
      return [{ ...at(x.location), data: { host: x.host, status: x.status ?? 0 } }];
    },
  },
});
