// MV4005 (MCPSafe MCP-217): MCP tools served over HTTP/SSE on a non-loopback address with no authentication in the project.
import type { ToolDef } from '../../../model/inventory.js';
import { at, defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { authEvidence, exposedTools, onePerServer, servedEndpoints } from '../http-guard-facts.js';

/** Tool names that announce command execution, deletion or writes. */
const RISKY_NAME = /^(?:run|exec|execute|shell|bash|sh|cmd|command|eval|spawn|kill|sudo|terminal|system|delete|remove|rm|drop|truncate|purge|destroy|write|overwrite|upload)(?:$|[_\-.\s]|[A-Z])|(?:^|[_\-.])(?:exec|execute|shell|command|cmd|delete|remove|drop|write)(?:$|[_\-.])/i;
/** Handler code that runs programs or changes files, by language-neutral spelling. */
const RISKY_SINK =
  /\bsubprocess\.|\bos\.(?:system|popen|remove|unlink|rmdir)\s*\(|\bshutil\.rmtree\s*\(|\.write_(?:text|bytes)\s*\(|\bopen\s*\([^)\n]*,\s*["'][wa]b?\+?["']|child_process|\bexecSync\s*\(|\bspawn(?:Sync)?\s*\(|\bexecFile(?:Sync)?\s*\(|\bwriteFile(?:Sync)?\s*\(|\bunlink(?:Sync)?\s*\(|\brmSync\s*\(|\bexec\.Command(?:Context)?\s*\(|\bos\.(?:WriteFile|Remove|RemoveAll)\s*\(/;
const HANDLER_LINES = 400;

export default defineRule({
  meta: {
    id: 'MV4005',
    slug: 'tools-list-unauthenticated',
    title: 'MCP tools reachable over the network without authentication',
    category: 'transport',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-306', 'CWE-862'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: ['MCP-217'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} serves {what} on {address} with no authentication: anyone who can reach it can call tools/list and then the tools{danger}',
    docs: {
      summary:
        'An MCP server listens for Streamable HTTP or SSE on an address other machines can reach — every interface, an empty host, or a named non-loopback host — and nothing in the project authenticates the caller, so `tools/list` and `tools/call` answer anyone.',
      risk:
        'A remote MCP endpoint without authentication is an open remote-procedure interface to whatever its tools do: query internal databases, read files, send mail, run commands, all with the server\'s credentials. Scanners enumerate such endpoints the way they find open Redis or Jupyter instances, and `tools/list` tells them exactly what they can do next. The MCP specification says servers should authenticate all connections and, for HTTP, defines OAuth 2.1 bearer tokens for it. Severity is raised to critical when a tool looks able to execute or destroy: its name starts with run/exec/shell/delete/write…, it is annotated `destructiveHint: true`, or its handler calls `subprocess`, `child_process`, `exec.Command` or writes/removes files.',
      detection:
        'A project rule over the MCP inventory, the remote counterpart of MV4004. It reads the Streamable HTTP/SSE transports and their listeners (Python `mcp.run(transport=…, host=…)`, `FastMCP(host=…)`, `uvicorn.run(app, host=…)`; TypeScript SDK transports with the `app.listen(...)` of their file, `createMcpExpressApp` + `listen(port)`, fastmcp `start({ httpStream: { host } })`, Hono `serve`; Go mcp-go `Start(addr)`, go-sdk handlers served by `http.ListenAndServe(addr, …)`) and fires once per server when the address is a wildcard (`0.0.0.0`, `::`, empty host, `":8080"`), defaults to every interface (Node `listen(port)`), comes from an environment lookup whose default is a wildcard, or is a non-loopback host or IP literal — and the project shows no authentication: no token verifier, bearer middleware, JWT verification or OAuth provider in the inventory, and no hand-written check of a request\'s `Authorization` or API-key header, FastAPI `APIKeyHeader`/`HTTPBearer`/`HTTPBasic`, `Bearer ` prefix parsing or client-certificate TLS. MV4001 reports the wildcard address itself; this rule reports the missing authentication, so both can fire on one listener. Loopback endpoints are MV4004\'s, hosts computed at run time and stdio servers never fire. Authentication enforced by an API gateway in front of the server cannot be seen: suppress with a reason.',
      fix:
        'Require an OAuth bearer token on every MCP request and publish protected resource metadata: TypeScript — `app.use("/mcp", requireBearerAuth({ verifier, resourceMetadataUrl }))` plus `mcpAuthMetadataRouter(...)`; Python — `FastMCP(..., token_verifier=..., auth=AuthSettings(issuer_url=..., resource_server_url=...))` or a fastmcp `auth=` provider; Go — `auth.RequireBearerToken(verify, &auth.RequireBearerTokenOptions{ResourceMetadataURL: ...})`. If the server is only for local use, bind it to 127.0.0.1 or switch to stdio.',
      references: [
        { title: 'MCP specification 2025-11-25: authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'MCP specification 2025-11-25: transports, security warning', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#security-warning' },
        { title: 'CWE-306: Missing Authentication for Critical Function', url: 'https://cwe.mitre.org/data/definitions/306.html' },
        { title: 'OWASP MCP Top 10', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  project: {
    detect(ctx) {
      if (authEvidence(ctx)) return [];
      const out: RawFinding[] = [];
      for (const e of onePerServer(servedEndpoints(ctx).filter((x) => x.reach === 'exposed'))) {
        const { tools, capabilities } = exposedTools(ctx.inventory, e.server);
        if (capabilities === 0) continue;
        const what = tools.length > 0 ? `${tools.length} tool(s) (${tools.slice(0, 3).map((t) => t.name).join(', ')}${tools.length > 3 ? ', …' : ''})` : `${capabilities} prompt(s)/resource(s)`;
        const risky = tools.map((t) => ({ t, why: riskyTool(t, ctx) })).find((r) => r.why);
        out.push({
          ...at(e.transport.location),
          data: { api: e.transport.api, what, address: e.address, danger: risky ? `, including ${risky.t.name} (${risky.why})` : '' },
          tool: risky?.t.name,
          severity: risky ? 'critical' : undefined,
          related: e.listener ? [{ location: e.listener.location, message: `listener ${e.listener.api} on ${e.address}` }] : undefined,
        });
      }
      return out;
    },
  },
});

/** Why a tool looks able to execute or destroy, or undefined. */
function riskyTool(t: ToolDef, ctx: ProjectContext): string | undefined {
  if (t.nameResolved && RISKY_NAME.test(t.name)) return 'its name suggests execution or deletion';
  if (t.annotations?.destructiveHint === true) return 'annotated destructiveHint';
  const h = t.handler?.location;
  if (!h) return undefined;
  const lines = ctx.lines(h.path).slice(h.startLine - 1, Math.min(h.endLine, h.startLine - 1 + HANDLER_LINES));
  return lines.some((l) => l.length < 4000 && RISKY_SINK.test(l)) ? 'its handler runs programs or changes files' : undefined;
}
