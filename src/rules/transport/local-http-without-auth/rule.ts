// MV4004 (MCPSafe MCP-268): MCP tools served over HTTP/SSE on a loopback address with no authentication anywhere in the project.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { authEvidence, exposedTools, onePerServer, servedEndpoints } from '../http-guard-facts.js';

export default defineRule({
  meta: {
    id: 'MV4004',
    slug: 'local-http-without-auth',
    title: 'Local MCP HTTP endpoint without authentication',
    category: 'transport',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-306'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: ['MCP-268'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} serves {what} on {address} with no authentication; {who} can call them',
    docs: {
      summary:
        'An MCP server is served over Streamable HTTP or SSE on a loopback address (127.0.0.1, localhost, ::1, or the SDK\'s loopback default) and nothing in the project checks who is calling: no bearer-token verifier, no auth middleware, no API-key or `Authorization` header check.',
      risk:
        'Loopback is not a security boundary. Every process of every user on the machine can connect to 127.0.0.1, including a compromised dependency, a container sharing the network namespace or another account on a shared host, and a web page can reach it through DNS rebinding or a permissive CORS policy. Local MCP servers hold exactly what those attackers want: tools that read files, run commands and act with the user\'s tokens. The MCP security best practices tell local servers to use stdio, or to restrict HTTP access with an authorization token or an IPC mechanism; the unauthenticated Inspector proxy (CVE-2025-49596) became remote code execution this way.',
      detection:
        'A project rule over the MCP inventory. It looks at each Streamable HTTP/SSE transport and the HTTP listener serving it: Python `mcp.run(transport="streamable-http"|"sse"|"http")`, `FastMCP(host=…)`, app factories served by `uvicorn.run`; TypeScript `StreamableHTTPServerTransport`/`SSEServerTransport` with the `app.listen(port, host)` of the same file, `createMcpExpressApp()`, fastmcp `start({ transportType: "httpStream" })`; Go mcp-go `NewStreamableHTTPServer(s).Start(addr)`, go-sdk `NewStreamableHTTPHandler` served by `http.ListenAndServe(addr, …)`. It fires once per server when the address is a loopback host written in code, or no host is given and the API\'s default is loopback (Python `mcp`/`fastmcp` run methods and uvicorn bind 127.0.0.1; fastmcp and `createMcpExpressApp` bind localhost), the server exposes at least one tool, prompt or resource, and the whole project shows no authentication: no token verifier, bearer middleware, JWT verification or OAuth provider in the inventory (`requireBearerAuth`, `token_verifier=`, `auth=`, `auth.RequireBearerToken`, `jwt.verify`…), and no code that reads a request\'s `Authorization` or API-key header, uses FastAPI `APIKeyHeader`/`HTTPBearer`/`HTTPBasic`, parses a `Bearer ` prefix, or requires client certificates. Hosts computed at run time, wildcard and other non-loopback hosts (see MV4001 and MV4005) and stdio servers do not fire. Authentication done by a reverse proxy cannot be seen: suppress the finding with a reason.',
      fix:
        'Prefer the stdio transport for servers that only serve the local user. If HTTP is needed, require a token on every request: TypeScript — `app.use("/mcp", requireBearerAuth({ verifier }))` from `@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js`; Python — `FastMCP(..., token_verifier=MyVerifier(), auth=AuthSettings(...))` or a fastmcp `auth=` provider; Go — wrap the handler in `auth.RequireBearerToken(verify, opts)`. For a local tool a random per-launch token printed to the terminal (as the Inspector now does) is enough. Keep DNS-rebinding protection on as well.',
      references: [
        { title: 'MCP security best practices: local MCP server compromise', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'MCP specification 2025-11-25: transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
        { title: 'CVE-2025-49596: MCP Inspector proxy without authentication', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-49596' },
        { title: 'CWE-306: Missing Authentication for Critical Function', url: 'https://cwe.mitre.org/data/definitions/306.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      if (authEvidence(ctx)) return [];
      const out: RawFinding[] = [];
      for (const e of onePerServer(servedEndpoints(ctx).filter((x) => x.reach === 'loopback'))) {
        const { tools, capabilities } = exposedTools(ctx.inventory, e.server);
        if (capabilities === 0) continue;
        const what = tools.length > 0 ? `${tools.length} tool(s) (${tools.slice(0, 3).map((t) => t.name).join(', ')}${tools.length > 3 ? ', …' : ''})` : `${capabilities} prompt(s)/resource(s)`;
        // Host validation keeps rebinding web pages out, but not local processes.
        const who =
          e.transport.dnsRebindingProtection === 'enabled' ? 'every local process and every other account on the machine' : 'every local process, every other account on the machine and web pages reaching it through DNS rebinding';
        out.push({
          ...at(e.transport.location),
          data: { api: e.transport.api, what, address: e.address, who },
          related: e.listener ? [{ location: e.listener.location, message: `listener ${e.listener.api} on ${e.address}` }] : undefined,
        });
      }
      return out;
    },
  },
});
