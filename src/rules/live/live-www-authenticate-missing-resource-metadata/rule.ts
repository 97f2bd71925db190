// MV5902: a 401 from the MCP endpoint does not tell the client where the protected resource metadata is.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV5902',
    slug: 'live-www-authenticate-missing-resource-metadata',
    title: '401 response without a resource_metadata challenge',
    category: 'auth',
    severity: 'medium',
    confidence: 'high',
    cwe: ['CWE-573'],
    owaspMcp: ['MCP07'],
    aliases: [],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'the 401 answer to an unauthenticated initialize {why}',
    docs: {
      summary:
        'The MCP endpoint answers an unauthenticated request with 401 but its `WWW-Authenticate` header is missing or carries no `resource_metadata` parameter.',
      risk:
        'The MCP authorization specification requires servers to use `WWW-Authenticate` to point clients to the protected resource metadata (RFC 9728 §5.1). Clients that follow the specification start discovery from that parameter; without it they must guess well-known URLs, which fails for servers mounted under a path or behind a gateway, and users end up configuring static tokens by hand.',
      detection:
        'Live check, passive: fires when the unauthenticated `initialize` gets a 401 whose `WWW-Authenticate` header is absent, or has no `resource_metadata="…"` parameter (parsed with the MCP client SDK\'s `extractWWWAuthenticateParams`). 403 answers are not judged.',
      fix:
        'Answer unauthenticated requests with `401` and `WWW-Authenticate: Bearer resource_metadata="https://<server>/.well-known/oauth-protected-resource/<path>"` (the SDKs\' bearer middleware does this when given the metadata URL).',
      references: [
        { title: 'MCP specification 2025-11-25: Authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'RFC 9728 §5.1: WWW-Authenticate response', url: 'https://www.rfc-editor.org/rfc/rfc9728#section-5.1' },
        { title: 'RFC 6750 §3: The WWW-Authenticate response header field', url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const h = ctx.live?.http;
      if (!h || h.unauthenticatedInitialize.status !== 401 || !h.challenge) return [];
      if (h.challenge.resourceMetadata) return [];
      const why = h.challenge.header === undefined ? 'has no WWW-Authenticate header' : `has a WWW-Authenticate header without resource_metadata ("${h.challenge.header}")`;
      return [{ ...at(h.challenge.location), data: { why } }];
    },
  },
});
