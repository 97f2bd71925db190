// MV5903: the authorization server named by the metadata cannot be discovered, or does not advertise PKCE S256.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV5903',
    slug: 'live-authorization-server-without-pkce-s256',
    title: 'Authorization server metadata unreachable or PKCE S256 not advertised',
    category: 'auth',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-757', 'CWE-1390'],
    owaspMcp: ['MCP07'],
    aliases: [],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'authorization server {issuer}: {why}',
    docs: {
      summary:
        'The authorization server listed in the protected resource metadata has no reachable RFC 8414 / OpenID Connect discovery document, or the document does not list `S256` in `code_challenge_methods_supported`.',
      risk:
        'MCP clients are public clients and must use PKCE with S256. The specification tells them to refuse to proceed when the authorization server metadata does not advertise S256 support; an authorization server that omits it (or cannot be discovered at all) breaks standards-compliant clients and invites insecure fallbacks — `plain` challenges or hand-configured tokens.',
      detection:
        'Live check, passive: after the protected resource metadata names an authorization server, mcpvet fetches its metadata with the MCP client SDK\'s `discoverAuthorizationServerMetadata` (RFC 8414 path-inserted and OpenID Connect forms) through the SSRF guard. It fires when no document is found, when fetching fails, or when `code_challenge_methods_supported` is missing or lacks `S256`.',
      fix:
        'Publish authorization server metadata at the RFC 8414 well-known URL and include `"code_challenge_methods_supported": ["S256"]`; reject `plain`.',
      references: [
        { title: 'MCP specification 2025-11-25: Authorization — authorization code protection', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-code-protection' },
        { title: 'RFC 8414: OAuth 2.0 Authorization Server Metadata', url: 'https://www.rfc-editor.org/rfc/rfc8414' },
        { title: 'RFC 7636: Proof Key for Code Exchange', url: 'https://www.rfc-editor.org/rfc/rfc7636' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const a = ctx.live?.http?.authorizationServer;
      if (!a) return [];
      let why: string | undefined;
      if (!a.reachable) why = `no metadata could be read (${a.error ?? 'not found'})`;
      else if (!a.codeChallengeMethods?.includes('S256')) why = a.codeChallengeMethods?.length ? `advertises PKCE methods ${a.codeChallengeMethods.join(', ')} but not S256` : 'does not advertise code_challenge_methods_supported (PKCE S256)';
      return why ? [{ ...at(a.location), data: { issuer: a.issuer, why } }] : [];
    },
  },
});
