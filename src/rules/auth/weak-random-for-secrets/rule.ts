// MV5012 (MCPSafe MCP-082): tokens, passwords, keys and nonces drawn from a non-cryptographic random generator.
import { defineRule, nodeSpan, type RawFinding } from '../../../rule/rule.js';
import { isOauthFile, isTestPath, namedValues, targetKind, weakSource } from '../oauth-flow-facts.js';

export default defineRule({
  meta: {
    id: 'MV5012',
    slug: 'weak-random-for-secrets',
    title: 'Secret value drawn from a non-cryptographic random generator',
    category: 'auth',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-338'],
    owaspMcp: ['MCP01'],
    aliases: ['MCP-082'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '`{name}` is made with {source}, which is not a cryptographic generator; its values can be predicted from earlier output',
    docs: {
      summary: 'A token, password, API key, nonce, salt, one-time code, CSRF token or PKCE verifier is generated with Python\'s `random` module, JavaScript\'s `Math.random` or Go\'s `math/rand`.',
      risk:
        'MCP servers mint their own secrets more often than ordinary web apps: share links and API keys handed out by tools, one-time codes for pairing a client, PKCE verifiers and nonces in OAuth proxies, passwords for accounts a tool creates. These PRNGs are fast and statistically good but not unpredictable — Python\'s Mersenne Twister state can be rebuilt from 624 outputs, V8\'s `Math.random` (xorshift128+) from a handful, and Go\'s `math/rand` is a deterministic generator whose whole output follows from its seed. Anyone who can see some generated values (their own invite links, say) can compute the ones issued to other users or to the agent, and a model-driven client tends to reveal its tokens in transcripts and logs.',
      detection:
        'Fires where a value is given a secret-like name — `token`, `secret`, `password`/`passwd`, `passphrase`, `api_key`/`apiKey`, `signing_key`, `secret_key` and other `*_key` names with a credential qualifier, `nonce`, `otp`, `salt`, `csrf`/`xsrf`, `code_verifier`, `verification_code`/`reset_code`/`invite_code` — as a variable, attribute, field, keyword argument, dictionary/object/struct key or `params.set("…", v)`, or is returned by a function with such a name, and the value draws only on Python `random.*` (not `random.SystemRandom`) or `numpy.random`, JavaScript `Math.random`, or Go `math/rand` (directly, through a name assigned once, or through a file-local helper function that uses them). Values that also use a cryptographic source do not fire. Names that describe a secret instead of holding it (`token_length`, `password_hint`, `max_tokens`, `token_type`, `api_key_header`) are ignored. Session ids are left to MV5011 and the OAuth `state` parameter to MV5008, so a value is reported by at most one of the three. Time stamps and counters are not reported here. Test files (`test_*.py`, `*_test.go`, `*.test.ts`, `tests/`) are skipped.',
      fix: 'Use the platform CSPRNG: Python `secrets.token_urlsafe(32)`, `secrets.token_hex(32)`, `secrets.choice(alphabet)` for passwords; Node `crypto.randomBytes(32).toString("base64url")`, `crypto.randomInt(n)` or `crypto.getRandomValues`; Go `crypto/rand` (`rand.Text()`, `rand.Read`, `rand.Int(rand.Reader, max)`). Use at least 128 bits for anything that authenticates.',
      references: [
        { title: 'CWE-338: Use of Cryptographically Weak Pseudo-Random Number Generator', url: 'https://cwe.mitre.org/data/definitions/338.html' },
        { title: 'Python random module: not for security purposes', url: 'https://docs.python.org/3/library/random.html' },
        { title: 'Python secrets module', url: 'https://docs.python.org/3/library/secrets.html' },
        { title: 'MDN: Math.random() is not cryptographically secure', url: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Global_Objects/Math/random' },
        { title: 'Go crypto/rand', url: 'https://pkg.go.dev/crypto/rand' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /random|rand/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const oauthFile = isOauthFile(ctx);
      const out: RawFinding[] = [];
      const seen = new Set<number>();
      for (const nv of namedValues(ctx, (name) => targetKind(name, oauthFile) === 'secret')) {
        if (targetKind(nv.name, oauthFile) !== 'secret' || seen.has(nv.at.id)) continue;
        const weak = weakSource(nv.value, ctx, 'secret');
        if (weak?.kind !== 'rng') continue;
        seen.add(nv.at.id);
        out.push({ span: nodeSpan(nv.at), data: { name: nv.name, source: weak.what } });
      }
      return out;
    },
  },
});
