// MV5101 (MCPSafe MCP-047): heuristic — a server that authenticates its callers calls another service with one server-wide credential for whichever caller asked, without checking who that is.
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { flowFinding } from '../../../rule/taint-findings.js';
import { dedupe, locKey, mentionsCallerIdentity, secretEnv, siteOfFlow, textAt, toolSites } from '../../network/tool-flow-facts.js';

export default defineRule({
  meta: {
    id: 'MV5101',
    slug: 'confused-deputy',
    title: 'Authenticated server acts for any caller with one server-wide credential (heuristic)',
    category: 'auth',
    severity: 'high',
    confidence: 'low',
    cwe: ['CWE-441', 'CWE-862'],
    owaspMcp: ['MCP07', 'MCP02'],
    aliases: ['MCP-047'],
    mode: 'deep',
    languages: ['python', 'typescript'],
    status: 'experimental',
    enabledByDefault: false,
    message: '{source} reaches {api} in {sink}{via}{broken}: every authenticated caller{ofTool} acts with this one server-wide credential, and nothing in the handler checks who is asking',
    docs: {
      summary:
        'A remote MCP server authenticates its callers, but a tool handler calls another service with a credential from the server\'s own environment — an API key or token used as a header, query parameter or body field — and never looks at who the caller is. Whatever the credential may do, every caller may now do, through the server.',
      risk:
        'This is the confused-deputy problem the MCP authorization specification warns about: the server holds more authority (an admin API key, an organisation-wide bot token, a service account) than the individual callers it serves, and lends it to each of them. A caller with a minimal account — or an agent steered by injected text on that caller\'s behalf — reads or changes data in the downstream system that belongs to other users, because the downstream service only sees the server\'s credential. Per-caller authorization must happen in the server (scopes, ownership checks) or the server must act with a credential tied to the caller (OAuth token exchange / on-behalf-of flows), never with a shared key alone.',
      detection:
        'Heuristic, deep mode, off by default (turn it on with `--rule MV5101`, `--all-rules` or the config). Only in projects that authenticate callers (the inventory has an auth set-up: bearer middleware, a token verifier, JWT verification, an OAuth provider). Fires on a flow from an `env-secret` read whose key names a credential (`CRM_API_KEY`, `GITHUB_TOKEN`, `SERVICE_PASSWORD`: Python `os.environ[…]`, `os.getenv`; TypeScript `process.env.K`) into an outbound request — `outbound-data` (Python `requests`/`httpx` `headers=`, `json=`, `params=`, Node `fetch(…, { body })`, axios bodies) or `url` (`?api_key=…` in the URL) — inside a tool handler or a function it calls, when neither the handler nor the functions the value passes through mention the caller: identifiers containing `user`, `owner`, `tenant`, `principal`, `claims`, `caller`, `identity`, the `sub` claim, `authInfo`, `get_access_token`, `current_user` (a scope or ownership check reads the caller through one of these). One finding per request. Limits: Go request headers (`req.Header.Set`) are not outbound sinks in the tables yet; credentials held by client objects built at import time (`httpx.AsyncClient(headers=…)` at the top of the file) are not followed (module-level variables holding the secret itself are); an authorization check under an unrelated name is not recognised.',
      fix:
        'Decide per caller: check the caller\'s scopes or ownership in the handler before using the server\'s credential (`get_access_token()` in Python, `extra.authInfo` in TypeScript), and scope what the downstream call may touch to that caller. Better, act with a credential tied to the caller — exchange the caller\'s token for a downstream token (OAuth 2.0 Token Exchange, RFC 8693) or use the downstream service\'s per-user OAuth — and keep the shared key, if any, limited to what every caller may do.',
      references: [
        { title: 'MCP specification 2025-11-25: Security best practices — confused deputy problem', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'MCP specification 2025-11-25: Authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'RFC 8693: OAuth 2.0 Token Exchange', url: 'https://www.rfc-editor.org/rfc/rfc8693' },
        { title: 'CWE-441: Unintended Proxy or Intermediary (Confused Deputy)', url: 'https://cwe.mitre.org/data/definitions/441.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const authenticated = ctx.inventory.servers.some((s) => s.auth.length > 0) || ctx.inventory.files.some((f) => f.auth.length > 0);
      if (!authenticated) return [];
      const sites = toolSites(ctx).filter((s) => s.server.language === 'python' || s.server.language === 'typescript');
      const flows = ctx.flows().filter((f) => f.source.kind === 'env-secret' && (f.sink.kind === 'outbound-data' || f.sink.kind === 'url'));
      const out: RawFinding[] = [];
      for (const flow of dedupe(flows, (f) => locKey(f.sink.location))) {
        const secret = secretEnv(ctx, flow.source);
        if (!secret || !secret.keys.length) continue;
        const site = siteOfFlow(sites, flow);
        if (!site) continue;
        const exclude = new Set(site.tool.params.map((p) => p.name));
        for (const b of site.handler.bindings) if (/^[A-Za-z_$][\w$]*$/.test(b.local)) exclude.add(b.local);
        const code = [textAt(ctx, site.handler.location, 400), ...flow.via.map((v) => textAt(ctx, v.location, 200))].join('\n');
        if (mentionsCallerIdentity(code, exclude)) continue;
        const f = flowFinding(flow, { source: secret.label, broken: '', ofTool: ` of tool "${site.tool.name}"` });
        f.related = undefined;
        f.tool = site.tool.name;
        out.push(f);
      }
      return out;
    },
  },
});
