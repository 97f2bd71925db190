// MV5001 (MCPSafe MCP-277): a server verifies OAuth/JWT bearer tokens but publishes no RFC 9728 protected resource metadata.
import type { AuthSetup } from '../../../model/inventory.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

/** How many searched files the message names before summarising the rest. */
const LISTED_FILES = 5;

export default defineRule({
  meta: {
    id: 'MV5001',
    slug: 'protected-resource-metadata-missing',
    title: 'Protected resource metadata endpoint missing',
    category: 'auth',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-1390', 'CWE-573'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-277'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'tools are protected by {auth} but no OAuth protected resource metadata (/.well-known/oauth-protected-resource) is published; searched {searched}',
    docs: {
      summary:
        'The server checks OAuth or JWT bearer tokens on its tools, yet nothing in the code serves the RFC 9728 Protected Resource Metadata document that tells clients which authorization servers it trusts.',
      risk:
        'The MCP authorization specification (2025-06-18 and later) requires a protected MCP server to publish Protected Resource Metadata, either at `/.well-known/oauth-protected-resource` or through the `resource_metadata` parameter of its 401 `WWW-Authenticate` challenge. Clients use it to discover the authorization server and to request a token bound to this resource (RFC 8707). Without it, spec-following clients cannot complete authorization at all, and users fall back to pasting long-lived tokens into configs or to tokens minted for some other audience — exactly the token-confusion and passthrough problems the audience binding exists to prevent.',
      detection:
        'Per file, the rule fires when all three hold, which is MCPSafe\'s MCP-277 trigger: (1) the file registers MCP tools (any SDK the inventory understands: Python FastMCP/`fastmcp`/low-level `Server`, TypeScript `McpServer`/low-level `Server`/`fastmcp`, Go mcp-go and go-sdk); (2) the file sets up token verification — a JWT library call (`jwt.decode`, `jwt.verify`, `jose` verification, golang-jwt `Parse`), an OAuth bearer dependency (`OAuth2*Bearer`), OAuth endpoint configuration (`authorization_endpoint`), or an SDK bearer middleware / token verifier (`requireBearerAuth`, `token_verifier=`, `auth=` providers, `auth.RequireBearerToken`); (3) the file contains no `.well-known/oauth-protected-resource` or `.well-known/oauth-authorization-server` route or string. Beyond MCPSafe, when the target is a project the rule looks in every scanned file: a metadata route served from a sibling module, the TypeScript SDK\'s `mcpAuthMetadataRouter`/`mcpAuthRouter`, or Python `AuthSettings(resource_server_url=…)` (with which the SDK serves the document itself) satisfies it. The finding sits on the first token-verification call of the file, names the verification it found, and lists the files that were searched. Metadata served only by an API gateway or reverse proxy cannot be seen in source: silence the finding with a `nosem` or `mcpvet-ignore MV5001 -- served by the gateway` comment on that line or the line above.',
      fix:
        'Serve a Protected Resource Metadata document next to the MCP endpoint — at minimum `resource` (the canonical server URL) and a non-empty `authorization_servers` list — and reference it from the 401 challenge. With the TypeScript SDK use `mcpAuthMetadataRouter(...)` and `requireBearerAuth({ verifier, resourceMetadataUrl })`; with the Python SDK pass `auth=AuthSettings(issuer_url=..., resource_server_url=...)` together with a `token_verifier`; in Go pass `ResourceMetadataURL` to `auth.RequireBearerToken` and register a handler for the well-known path.',
      references: [
        { title: 'MCP specification 2025-11-25: Authorization — authorization server location', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'RFC 9728: OAuth 2.0 Protected Resource Metadata', url: 'https://www.rfc-editor.org/rfc/rfc9728' },
        { title: 'RFC 8707: Resource Indicators for OAuth 2.0', url: 'https://www.rfc-editor.org/rfc/rfc8707' },
        { title: 'CWE-1390: Weak Authentication', url: 'https://cwe.mitre.org/data/definitions/1390.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const inv = ctx.inventory;
      if (inv.files.some((f) => f.metadataRoutes.length > 0)) return [];
      // Token checks that guard tools: set up in a file that registers tools (MCPSafe's condition), or attached
      // to a server object that has tools wherever they are registered.
      const guarding = new Map<string, AuthSetup[]>();
      const add = (a: AuthSetup) => {
        const list = guarding.get(a.location.path) ?? [];
        if (!list.some((b) => sameLocation(a, b))) list.push(a);
        guarding.set(a.location.path, list);
      };
      const fileAuth = new Map(inv.files.map((f) => [f.path, f.auth]));
      for (const server of inv.servers) {
        if (server.tools.length === 0) continue;
        server.auth.forEach(add);
        for (const path of new Set(server.tools.map((t) => t.location.path))) {
          fileAuth.get(path)?.forEach(add);
          for (const other of inv.servers) if (other.location.path === path) other.auth.forEach(add);
        }
      }
      const searched = ctx.files.filter((f) => f.language !== 'json' && f.language !== 'toml' && f.language !== 'yaml').map((f) => f.path);
      const searchedText = searched.length <= LISTED_FILES ? searched.join(', ') : `${searched.slice(0, LISTED_FILES).join(', ')} and ${searched.length - LISTED_FILES} more file(s)`;
      const out: RawFinding[] = [];
      for (const [path, auth] of [...guarding.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        auth.sort((a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn);
        const first = auth[0]!;
        out.push({
          ...at(first.location),
          data: { auth: [...new Set(auth.map((a) => a.api))].slice(0, 3).join(', '), searched: searchedText || path },
          related: auth.slice(1).map((a) => ({ location: a.location, message: `token verification via ${a.api}` })),
        });
      }
      return out;
    },
  },
});

function sameLocation(a: AuthSetup, b: AuthSetup): boolean {
  return a.location.path === b.location.path && a.location.startLine === b.location.startLine && a.location.startColumn === b.location.startColumn;
}
