// MV5901 (MCPSafe MCP-277, live): a server that demands authorization publishes no usable RFC 9728 metadata.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { resourceMatches } from '../live-checks.js';

export default defineRule({
  meta: {
    id: 'MV5901',
    slug: 'live-protected-resource-metadata-missing',
    title: 'Server demands authorization but publishes no usable protected resource metadata',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-1390', 'CWE-573'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-277'],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'the server {why}',
    docs: {
      summary:
        'The MCP endpoint requires authorization (it answered 401/403, or credentials were supplied), but none of the RFC 9728 discovery URLs serves a protected resource metadata document — or the document names another resource or no authorization server.',
      risk:
        'MCP clients find out where to get a token from the protected resource metadata: the `resource_metadata` URL in the 401 challenge, then `/.well-known/oauth-protected-resource` with the endpoint\'s path appended, then the root form. Without it, standard clients cannot authorize at all, and integrators fall back to pasting long-lived tokens into configs or to guessing an authorization server — exactly what the specification\'s discovery flow exists to prevent. A document whose `resource` names a different server lets a token minted for one resource be replayed against another.',
      detection:
        'Live check, passive: mcpvet sends `initialize` without credentials. When the answer is 401 or 403, or the user supplied credentials, it fetches (through the SSRF guard) the challenge\'s `resource_metadata` URL, `<origin>/.well-known/oauth-protected-resource<path>` and `<origin>/.well-known/oauth-protected-resource`, and takes the first JSON document. It fires when none answers, when `resource` is missing or names another resource than the probed URL (compared case-insensitively without trailing slash; a path prefix of the URL is accepted), or when `authorization_servers` is empty.',
      fix:
        'Serve a protected resource metadata document (the SDKs ship routers for it: `mcpAuthMetadataRouter`, `AuthSettings(resource_server_url=...)`) at the path-suffixed well-known URL, with `resource` set to the server\'s canonical URL and `authorization_servers` listing your issuer, and point to it from the `WWW-Authenticate` header.',
      references: [
        { title: 'MCP specification 2025-11-25: Authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'RFC 9728: OAuth 2.0 Protected Resource Metadata', url: 'https://www.rfc-editor.org/rfc/rfc9728' },
        { title: 'MCPSafe MCP-277: protected resource metadata endpoint missing', url: 'https://mcpsafe.io/threats/MCP-277' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const h = ctx.live?.http;
      if (!h || !(h.authRequired || h.credentialsSupplied)) return [];
      const prm = h.protectedResourceMetadata;
      if (!prm) return [];
      let why: string | undefined;
      if (!prm.foundAt) why = `requires authorization but publishes no protected resource metadata (tried ${prm.tried.join(', ')})${prm.problem ? `; ${prm.problem}` : ''}`;
      else if (!prm.resource) why = `publishes protected resource metadata at ${prm.foundAt} without a "resource" value`;
      else if (!resourceMatches(prm.resource, h.url)) why = `publishes protected resource metadata for "${prm.resource}", not for ${h.url}`;
      else if (!prm.authorizationServers.length) why = `publishes protected resource metadata at ${prm.foundAt} that lists no authorization server`;
      return why ? [{ ...at(prm.location), data: { why } }] : [];
    },
  },
});
