// MV4901 (MCPSafe MCP-217, live): the endpoint lists its tools to a client that sent no credentials.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV4901',
    slug: 'live-tools-list-unauthenticated',
    title: 'Tools listed without credentials',
    category: 'transport',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-306', 'CWE-862'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: ['MCP-217'],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'the server answered tools/list without credentials ({count} tools){note}',
    docs: {
      summary:
        'An HTTP MCP endpoint completed `initialize` and answered `tools/list` for a client that sent no `Authorization` header, cookie or API key.',
      risk:
        'Anyone who can reach the endpoint can enumerate the tools and, in the same session, call them. On a loopback server "anyone" includes every web page the user visits (through DNS rebinding or a permissive Origin check) and every local process; on a remote server it is the whole network. When the operator expected the server to be protected — credentials were configured for it — it means the auth check is missing on the MCP route.',
      detection:
        'Live check, passive: mcpvet removes every credential-looking header (`Authorization`, `Cookie`, `*api-key*`, `*token*`, `*secret*`, `*session*`), sends `initialize`, `notifications/initialized` and `tools/list`, and fires when the list comes back. The finding is raised to high when the user supplied credentials for the server (protection was expected). No tool is called.',
      fix:
        'Require authentication on the MCP endpoint (the SDKs\' bearer-token middleware, or an API gateway) before the JSON-RPC handler runs, including for `initialize` and `tools/list`. For local development servers, prefer stdio.',
      references: [
        { title: 'MCP specification 2025-11-25: Authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'MCP specification 2025-11-25: Transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
        { title: 'MCPSafe MCP-217: tools/list exposed without authentication', url: 'https://mcpsafe.io/threats/MCP-217' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const h = ctx.live?.http;
      const list = h?.unauthenticatedToolsList;
      if (!h || !list || list.toolCount === undefined) return [];
      return [
        {
          ...at(list.location),
          data: { count: list.toolCount, note: h.credentialsSupplied ? ', although credentials were configured for it' : h.loopback ? '; on loopback this includes any web page the user opens' : '' },
          ...(h.credentialsSupplied ? { severity: 'high' as const } : {}),
        },
      ];
    },
  },
});
