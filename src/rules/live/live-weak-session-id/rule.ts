// MV5904 (MCPSafe MCP-267, live): Mcp-Session-Id values that are short, sequential or reused across sessions.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { judgeSessionIds } from '../live-checks.js';

export default defineRule({
  meta: {
    id: 'MV5904',
    slug: 'live-weak-session-id',
    title: 'Session ids are short, sequential or reused',
    category: 'auth',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-330', 'CWE-384'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-267'],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'session ids from separate initialize requests: {problems}',
    docs: {
      summary:
        'The `Mcp-Session-Id` values the server handed to separate `initialize` requests are reused, count upwards, or are too short to be unguessable.',
      risk:
        'A Streamable HTTP session id is the handle to a session\'s state, and on many servers the only thing tying later requests to the client that initialized it. Predictable or shared ids let another client guess or reuse a live session: inject events into it, read its responses, or act in it. The MCP specification requires session ids to be globally unique and cryptographically secure.',
      detection:
        'Live check, passive: mcpvet collects the `Mcp-Session-Id` of each successful `initialize` it sends (at least two separate requests, with the user\'s credentials) and fires when two are equal, when the ids share a prefix and end in numbers that increase by small steps, or when an id has fewer than 16 characters. The sessions are ended with `DELETE` afterwards.',
      fix:
        'Generate session ids with a cryptographically secure generator (`crypto.randomUUID()`, `secrets.token_urlsafe(32)`), one per session, and bind them to the authenticated user.',
      references: [
        { title: 'MCP specification 2025-11-25: Streamable HTTP session management', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management' },
        { title: 'MCP security best practices', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices' },
        { title: 'MCPSafe MCP-267: predictable session id', url: 'https://mcpsafe.io/threats/MCP-267' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const s = ctx.live?.http?.sessions;
      if (!s || s.ids.length < 1) return [];
      const v = judgeSessionIds(s.ids);
      return v.problems.length ? [{ ...at(s.location), data: { problems: v.problems.join('; ') } }] : [];
    },
  },
});
