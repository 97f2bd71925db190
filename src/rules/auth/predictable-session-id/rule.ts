// MV5011 (MCPSafe MCP-267): MCP session ids minted from guessable sources — Math.random, the clock, counters, uuid1, short ids.
import { defineRule, nodeSpan, type RawFinding } from '../../../rule/rule.js';
import { describeWeak, isOauthFile, isTestPath, namedValues, targetKind, weakSource } from '../oauth-flow-facts.js';

export default defineRule({
  meta: {
    id: 'MV5011',
    slug: 'predictable-session-id',
    title: 'Session id built from a predictable source',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-330', 'CWE-338'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-267'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'session id `{name}` comes from {source}; someone who sees a few ids can predict others and take over those sessions',
    docs: {
      summary: 'An MCP session id (`Mcp-Session-Id`) or another session identifier is generated from a non-cryptographic random generator, the clock, a counter, a version-1 UUID or too few random bytes.',
      risk:
        'On the Streamable HTTP transport the `Mcp-Session-Id` header is the only thing that ties a request to an existing session: whoever presents it can post tool calls into that session and read the server-sent events meant for it — tool results, elicitation prompts, sampling requests and anything else the agent sees. The MCP specification requires session ids to be globally unique and cryptographically secure. `Math.random`, Python\'s `random` module and Go\'s `math/rand` are seeded PRNGs whose future output can be reconstructed from a few observed values; timestamps, counters and `uuid1` (time plus host MAC) can be enumerated outright. An attacker who learns one id — from a log, a proxy or their own session — can then guess the ids of sessions belonging to other users or other agents.',
      detection:
        'Fires where a value is given a session-id name — `session_id`, `sessionId`, `sid`, `sess_id`, `session_token`, `mcp_session_id` and their camelCase/PascalCase forms — or is returned by the generator the SDK calls: TypeScript `sessionIdGenerator: () => …` (`StreamableHTTPServerTransport`), go-sdk `GetSessionID: func() string {…}` (`mcp.ServerOptions`) and the `Generate()` method of an mcp-go `SessionIdManager`; functions named like a session id (`new_session_id()`) count by their return values. It reports when the value\'s only sources are Python `random.*` (not `random.SystemRandom`), `numpy.random`, `time.time`/`datetime.now`, `uuid.uuid1`/`uuid3`/`uuid5`, `itertools.count`; JavaScript `Math.random`, `Date.now`/`new Date()`/`performance.now`, `uuid` `v1`/`v3`/`v5`, an increment (`++n`), `nanoid(n)` with n < 21, `crypto.randomBytes(n)` with n < 16, or a `.slice()`/`[:n]` that cuts the id to fewer than 16 characters; Go `math/rand`, `time.Now`, `uuid.NewUUID`, `atomic.Add*` and counters the generator increments. File-local helper functions that build strings from a weak generator are followed one level, and a name assigned once is followed one step. Values that include a cryptographic source — `secrets.*`, `os.urandom`, `uuid.uuid4`, `crypto.randomUUID`, `crypto.randomBytes(16+)`, `uuid.v4`, default `nanoid()`, Go `crypto/rand`, `uuid.New`/`NewString` — never fire. Other secrets made with weak randomness are reported by MV5012 and OAuth `state` values by MV5008; each value is reported by exactly one of them. Test files (`test_*.py`, `*_test.go`, `*.test.ts`, `tests/`) are skipped.',
      fix: 'Leave session ids to the SDK (the TypeScript SDK examples use `sessionIdGenerator: () => randomUUID()`, the Python SDK\'s session manager uses `uuid4`, go-sdk defaults to `crypto/rand.Text`), or generate them from a CSPRNG with at least 128 bits: Python `secrets.token_urlsafe(32)`, Node `crypto.randomUUID()` or `randomBytes(32).toString("base64url")`, Go `rand.Text()` from `crypto/rand`. Then bind each session to the authenticated user (see MV5010) so that an id alone is never enough.',
      references: [
        { title: 'MCP specification: Streamable HTTP session management', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management' },
        { title: 'MCP security best practices: session hijacking', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#session-hijacking' },
        { title: 'CWE-330: Use of Insufficiently Random Values', url: 'https://cwe.mitre.org/data/definitions/330.html' },
        { title: 'OWASP Session Management Cheat Sheet: session ID entropy', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html' },
        { title: 'Python secrets module', url: 'https://docs.python.org/3/library/secrets.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /session|Session|sid|SID|sess/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const oauthFile = isOauthFile(ctx);
      const out: RawFinding[] = [];
      const seen = new Set<number>();
      for (const nv of namedValues(ctx, (name) => targetKind(name, oauthFile) === 'session-id')) {
        if (targetKind(nv.name, oauthFile) !== 'session-id' || seen.has(nv.at.id)) continue;
        const weak = weakSource(nv.value, ctx, 'session-id', nv.fn);
        if (!weak) continue;
        seen.add(nv.at.id);
        out.push({ span: nodeSpan(nv.at), data: { name: nv.name, source: describeWeak(weak) } });
      }
      return out;
    },
  },
});
