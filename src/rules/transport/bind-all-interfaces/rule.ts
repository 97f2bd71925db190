// MV4001: an MCP server's HTTP transport listens on every network interface instead of loopback.
import type { Inventory, ServerDef } from '../../../model/inventory.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { isWildcardHost, networkTransports, wildcardDefault } from '../transports-of.js';

export default defineRule({
  meta: {
    id: 'MV4001',
    slug: 'bind-all-interfaces',
    title: 'MCP HTTP transport listens on all interfaces',
    category: 'transport',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-1327', 'CWE-668'],
    owaspMcp: ['MCP09', 'MCP07'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} listens on {where}{noAuth}',
    docs: {
      summary:
        'The HTTP/SSE endpoint of an MCP server binds to `0.0.0.0`, `::` or an empty host — or to nothing at all with an API whose default is every interface — so anyone who can reach the machine can connect.',
      risk:
        'MCP servers meant for one user on one machine expose tools that read files, run commands and use the user\'s credentials. The specification asks local servers to bind to 127.0.0.1. Bound to every interface, the same endpoint is reachable from the coffee-shop Wi-Fi, other containers and the rest of the corporate network, and most such servers have no authentication at all (the MCP Inspector proxy, CVE-2025-49596, is the best-known case).',
      detection:
        'Reads the transports in the inventory: Python `mcp.run(transport=…, host=…)`, `FastMCP(host=…)`, `mcp.settings.host = …`, `uvicorn.run(…, host=…)`; TypeScript `app.listen(port)` without a host (Node binds every interface), `listen(port, "0.0.0.0")`, `createMcpExpressApp({ host })`, fastmcp `httpStream` options; Go `http.ListenAndServe(":8080", …)`, mcp-go `Start(":8080")`, `net.Listen("tcp", ":port")`. Fires when the host is a wildcard address, empty, defaults to every interface, or is read from the environment with a wildcard default (`os.getenv("HOST", "0.0.0.0")`). Raised to high severity when the server has no token verification anywhere in the project. Stdio servers never fire.',
      fix:
        'Bind to `127.0.0.1` (or `localhost`) for local use. If the server must be reachable from other machines, put it behind TLS and authentication (OAuth bearer tokens with protected resource metadata) and bind to the specific interface that needs it.',
      references: [
        { title: 'MCP specification 2025-11-25: transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
        { title: 'MCP security best practices: local MCP server compromise', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'CWE-1327: Binding to an Unrestricted IP Address', url: 'https://cwe.mitre.org/data/definitions/1327.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const { transport: t, server } of networkTransports(ctx.inventory)) {
        let where: string | undefined;
        if (t.host !== undefined && isWildcardHost(t.host)) where = t.host.trim() === '' ? 'every interface (empty host)' : `every interface (${t.host})`;
        else if (t.host !== undefined && wildcardDefault(t.host)) where = `every interface unless HOST is set (${t.host})`;
        else if (t.host === undefined && t.hostDefaultsToAll) where = 'every interface (no host given, and that is the default)';
        if (!where) continue;
        const noAuth = !hasAuth(ctx.inventory, server);
        out.push({
          ...at(t.location),
          data: { api: t.api, where: t.port ? `${where}, port ${t.port}` : where, noAuth: noAuth ? ', and no token verification was found' : '' },
          severity: noAuth ? 'high' : undefined,
        });
      }
      return out;
    },
  },
});

function hasAuth(inv: Inventory, server: ServerDef | undefined): boolean {
  if (server && server.auth.length > 0) return true;
  return inv.servers.some((s) => s.auth.length > 0) || inv.files.some((f) => f.auth.length > 0);
}
