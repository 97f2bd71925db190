// MV3001: a credential is written into source or config, where everyone who can read the package can use it.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Confidence } from '../../../model/severity.js';
import { decodeEscapes, decodeString } from '../../../parse/string-literal.js';
import { dottedParts } from '../../../parse/imports.js';
import { NodeIndex, sourceOf } from '../../../parse/node-index.js';
import { defineRule, type FileContext, type RawFinding } from '../../../rule/rule.js';

/** Lines longer than this are not checked for `name = value` secrets (minified or generated data). */
const MAX_GENERIC_LINE = 4000;
/** Generic values: minimum length and Shannon entropy (bits per character). Password-like names use the lower pair. */
const MIN_LENGTH = 16;
const MIN_ENTROPY = 3.3;
const MIN_PASSWORD_LENGTH = 8;
const MIN_PASSWORD_ENTROPY = 2.5;
/** Token formats whose random part is this predictable are placeholders (`ghp_aaaa…`, `AKIAXXXX…`). */
const MIN_FORMAT_ENTROPY = 3.0;

interface TokenFormat {
  kind: string;
  re: RegExp;
  /** Optional extra check on the match. */
  valid?: (m: string) => boolean;
}

// Every pattern is a single pass with bounded, non-nested quantifiers, so matching stays linear in the line length.
const FORMATS: TokenFormat[] = [
  { kind: 'GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g },
  { kind: 'Slack token', re: /\bxox[abpr]-[A-Za-z0-9-]{10,250}/g, valid: (m) => /\d/.test(m) },
  { kind: 'Stripe live key', re: /\b[rs]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9])/g },
  { kind: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  { kind: 'Anthropic API key', re: /\bsk-ant-[a-z]{2,8}\d{2}-[A-Za-z0-9_-]{32,250}/g },
  { kind: 'OpenAI API key', re: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{32,300}/g },
  { kind: 'OpenAI API key', re: /\bsk-[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g },
];
/** A literal every pattern of FORMATS starts with: lines without one cannot match any of them. */
const TOKEN_PREFIX = /gh[pousr]_|github_pat_|xox[abpr]-|[rs]k_live_|AIza|sk-/;
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])/g;
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** How many lines above or below an AWS key id its secret may sit. */
const AWS_WINDOW = 3;
const PEM_HEADER = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g;
const PEM_BODY = /[A-Za-z0-9+/]{40}/;
const JWT = /^eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{10,2000}$/;
/** The signature of the sample token on jwt.io, pasted into countless docs and tests. */
const JWT_IO_SAMPLE = 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/** Whole words of a name that make its value a credential. */
const SECRET_WORDS = new Set([
  'secret', 'secrets', 'token', 'password', 'passwd', 'pwd', 'passphrase', 'apikey', 'auth', 'authorization', 'credential',
  'credentials', 'bearer', 'privatekey', 'accesskey', 'secretkey', 'clientsecret', 'apitoken', 'authtoken', 'accesstoken',
  'refreshtoken', 'xapikey',
]);
/** Adjacent word pairs that do the same (`api_key`, `signingKey`). */
const SECRET_PAIRS = new Set(['api key', 'access key', 'private key', 'secret key', 'signing key', 'encryption key', 'master key', 'app key', 'api token']);
const PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase']);
/** A last word that makes the value a description of the secret rather than the secret. */
const NOT_A_VALUE = new Set([
  'url', 'uri', 'endpoint', 'path', 'file', 'filename', 'dir', 'directory', 'name', 'type', 'header', 'headers', 'prefix', 'suffix',
  'length', 'len', 'size', 'count', 'env', 'var', 'variable', 'field', 'param', 'id', 'ids', 'kind', 'mode', 'format', 'method',
  'provider', 'scheme', 'policy', 'expiry', 'expires', 'expiration', 'ttl', 'timeout', 'limit', 'max', 'min', 'hash', 'regex',
  'pattern', 'label', 'description', 'placeholder', 'hint', 'help', 'message', 'msg', 'error', 'text', 'title', 'template',
  'location', 'source', 'store', 'hdr', 'version', 'enabled', 'required', 'strategy', 'class', 'cls', 'style', 'sha1', 'sha256', 'sha512',
  'md5', 'digest', 'checksum', 'fingerprint', 'thumbprint', 'algorithm', 'alg', 'salt',
]);
const FAKE_NAME_WORDS = new Set(['fake', 'dummy', 'example', 'sample', 'mock', 'placeholder']);

/** Test data and documentation markers inside a value. */
const PLACEHOLDER = /changeme|change[_-]me|your[_-]?|example|dummy|fake|sample|placeholder|redacted|insert|replace[_-]?me|todo|test|xxxx|\*\*\*\*|\.\.\.|…|0123456789|1234567890|abcdefghij/i;
const TEMPLATE = /\$\{|\{\{|%\(|%s|<[^>]{1,80}>|^\$|^\{[\w.-]{0,80}\}$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]{1,100}$/;
const URLISH = /^[a-z][a-z0-9+.-]{1,20}:\/\//i;
const PATHISH = /^(?:\.{0,2}\/|~\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|json|ya?ml|toml|txt|env|p12|pfx)$/i;
const AUTH_SCHEME = /^(?:bearer|basic|token)\s+/i;
const PRINTABLE = /^[\x21-\x7e]+$/;
/** Names of more words than this are sentences (message catalogs keyed by their text), not variables. */
const MAX_NAME_WORDS = 6;

/** Folders and files whose secrets are usually test data: still reported, at low confidence. */
const TEST_PATH =
  /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|fixtures?|testdata|test-data|mocks?|examples?|samples?|e2e|docs?)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py|\.env\.(?:example|sample|template|dist|test|defaults))$/i;

interface Hit {
  row: number;
  start: number;
  end: number;
  endRow?: number;
  kind: string;
  value: string;
  confidence: Confidence;
}

interface Candidate {
  row: number;
  start: number;
  endRow: number;
  end: number;
  name: string;
  value: string;
}

export default defineRule({
  meta: {
    id: 'MV3001',
    slug: 'hardcoded-secret',
    title: 'Secret written in source or config',
    category: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-798'],
    owaspMcp: ['MCP01'],
    aliases: ['MCP-030', 'MCP-210'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go', 'dotenv', 'manifest'],
    status: 'stable',
    message: '{kind} is hard-coded ({masked}); anyone who can read the repository or the published package can use it',
    docs: {
      summary: 'An API key, token, password or private key is written directly into code, a `.env` file or a JSON/TOML/YAML config that ships with the server.',
      risk:
        'MCP servers are small packages that are published to npm and PyPI, copied into client configs and forked freely, so whatever is written in them is effectively public. A server usually holds the keys to the service it wraps — GitHub, Slack, Stripe, a cloud account, an LLM API — and a leaked key gives anyone the same reach as the server, without the tool boundaries or approval prompts. A hard-coded bearer token that the server compares incoming requests against is worse: it is the password of every deployment of that server. Client configs such as `claude_desktop_config.json` or `.cursor/mcp.json` with literal keys in their `env` block leak the same way when committed.',
      detection:
        'Two checks. Known token formats anywhere in a line, including comments: GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), Slack (`xoxa-`/`xoxb-`/`xoxp-`/`xoxr-`), Stripe live keys (`sk_live_`, `rk_live_`), Google API keys (`AIza…`), OpenAI (`sk-…`, `sk-proj-…`), Anthropic (`sk-ant-…`), PEM private keys (`-----BEGIN … PRIVATE KEY-----` followed by key data, not a bare header), and AWS access key ids (`AKIA…`/`ASIA…`) when a 40-character secret sits within three lines. These are high confidence. Second, a string assigned to a credential-like name — `api_key`, `secret`, `token`, `password`, `client_secret`, `auth`, `Authorization` … as a variable, attribute, keyword argument, default parameter, dictionary/object/struct key, the default of `os.getenv`/`os.environ.get` or `process.env.X ?? "…"`, a header set with `set`/`setHeader`, a comparison such as `token == "…"`, or a `KEY=value`/`key: value` entry in `.env`, JSON, TOML and YAML. The value must be at least 16 characters with a Shannon entropy of at least 3.3 bits per character (8 characters and 2.5 bits for password-like names), use at least two character classes, contain no whitespace (after a `Bearer`/`Basic` prefix), and not be a run of lowercase words; JWTs (`eyJ….eyJ….…`) assigned to such names are always reported. Names ending in `url`, `path`, `file`, `name`, `type`, `header`, `id` and similar describe a secret rather than hold one and are skipped, as are lines over 4,000 characters. Placeholders never fire: values containing `changeme`, `your…`, `example`, `dummy`, `fake`, `sample`, `test`, `placeholder`, `xxxx`, `***`, `...`, `<…>`, `${VAR}`, `{{…}}`, values made of one repeated character, environment-variable names, URLs and file paths, and references such as `os.environ[...]` or `process.env.X` (which are not strings). Files under `test`, `tests`, `fixtures`, `testdata`, `mocks`, `examples`, `docs` folders, test files (`test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`) and `.env.example`/`.env.sample`/`.env.template` are still checked but reported at low confidence, as are names containing `test`. The message shows only the first four characters of the value.',
      fix: 'Revoke the key at its provider first — it is already exposed in history and published packages — then load it at run time: `os.environ["GITHUB_TOKEN"]`, `process.env.GITHUB_TOKEN`, `os.Getenv("GITHUB_TOKEN")`, or a secret manager. Let MCP clients pass keys through the `env` block of their server config, fed from the user\'s keychain or environment, instead of committing configs with literal values; keep `.env` files out of version control and publish a `.env.example` with placeholders. For inbound authentication, use per-user tokens validated against an authorization server instead of one shared string in the code.',
      references: [
        { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
        { title: 'GitHub: about secret scanning', url: 'https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning' },
        { title: 'MCP specification: security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go', 'dotenv', 'json', 'toml', 'yaml'],
    requires: /key|secret|token|passw|passphrase|pwd|auth|bearer|credential|AKIA|ASIA|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|xox|_live_|AIza|sk-|PRIVATE KEY|eyJ/i,
    detect(ctx) {
      const hits: Hit[] = [];
      const claimed = scanFormats(ctx.text, ctx.lines, hits);
      const candidates = ctx.tree && ctx.codeLanguage ? codeCandidates(ctx) : textCandidates(ctx);
      for (const c of candidates) {
        if ((ctx.lines[c.row]?.length ?? 0) > MAX_GENERIC_LINE) continue;
        if (coversClaimed(c, claimed)) continue;
        const kind = genericKind(c.name, c.value);
        if (kind) hits.push({ row: c.row, start: c.start, endRow: c.endRow, end: c.end, kind: kind.kind, value: kind.value, confidence: kind.confidence });
      }
      const lowered = TEST_PATH.test(ctx.path);
      return hits.map(
        (h): RawFinding => ({
          span: { start: { row: h.row, column: h.start }, end: { row: h.endRow ?? h.row, column: h.end } },
          data: { kind: h.kind, masked: mask(h.value) },
          redact: [h.value],
          confidence: lowered ? 'low' : h.confidence,
        }),
      );
    },
  },
});

/**
 * Well-known token formats, private keys and AWS key pairs, line by line. Returns the rows these findings cover
 * (with the secret half of each AWS pair), which the generic check then leaves alone.
 */
function scanFormats(text: string, lines: readonly string[], hits: Hit[]): Set<number> {
  const claimed = new Set<number>();
  // Each check needs a literal somewhere in the file; most files have none, and then no line is looked at.
  const anyToken = TOKEN_PREFIX.test(text);
  const anyPem = text.includes('PRIVATE KEY');
  const anyAws = text.includes('AKIA') || text.includes('ASIA');
  if (!anyToken && !anyPem && !anyAws) return claimed;
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row]!;
    if (anyToken && TOKEN_PREFIX.test(line)) {
      for (const f of FORMATS) {
        for (const m of line.matchAll(f.re)) {
          const v = m[0];
          if ((f.valid && !f.valid(v)) || looksFake(v)) continue;
          hits.push({ row, start: m.index, end: m.index + v.length, kind: f.kind, value: v, confidence: 'high' });
          claimed.add(row);
        }
      }
    }
    if (line.includes('PRIVATE KEY')) {
      for (const m of line.matchAll(PEM_HEADER)) {
        const after = [line.slice(m.index + m[0].length), lines[row + 1] ?? '', lines[row + 2] ?? ''].join('').replace(/\\n|\\r|["'\s,+]/g, '');
        if (!PEM_BODY.test(after) || PLACEHOLDER.test(after.slice(0, 200))) continue;
        hits.push({ row, start: m.index, end: m.index + m[0].length, kind: 'Private key', value: m[0], confidence: 'high' });
        claimed.add(row);
      }
    }
    if (line.includes('AKIA') || line.includes('ASIA')) {
      for (const m of line.matchAll(AWS_KEY_ID)) {
        if (looksFake(m[0])) continue;
        const secretRow = findAwsSecret(lines, row);
        if (secretRow === undefined) continue;
        claimed.add(secretRow);
        hits.push({ row, start: m.index, end: m.index + m[0].length, kind: 'AWS access key pair', value: m[0], confidence: 'high' });
        claimed.add(row);
      }
    }
  }
  return claimed;
}

function findAwsSecret(lines: readonly string[], row: number): number | undefined {
  for (let r = Math.max(0, row - AWS_WINDOW); r <= Math.min(lines.length - 1, row + AWS_WINDOW); r++) {
    for (const m of lines[r]!.matchAll(AWS_SECRET)) {
      const s = m[0];
      if (/[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9/+]/.test(s) && entropy(s) >= 4 && !PLACEHOLDER.test(s)) return r;
    }
  }
  return undefined;
}

function coversClaimed(c: Candidate, claimed: ReadonlySet<number>): boolean {
  for (let r = c.row; r <= c.endRow; r++) if (claimed.has(r)) return true;
  return false;
}

/** A well-known format whose variable part is a placeholder or test value. */
function looksFake(token: string): boolean {
  if (PLACEHOLDER.test(token)) return true;
  const body = token.replace(/^(?:gh[pousr]_|github_pat_|xox[abpr]-|[rs]k_live_|AIza|sk-ant-[a-z]{2,8}\d{2}-|sk-proj-|sk-svcacct-|sk-admin-|sk-|AKIA|ASIA)/, '');
  return entropy(body) < MIN_FORMAT_ENTROPY;
}

/** Classifies a `name = value` pair: the finding's kind and confidence, or undefined when it is not a secret. */
function genericKind(name: string, raw: string): { kind: string; value: string; confidence: Confidence } | undefined {
  const words = nameWords(name);
  if (!words || !isSecretName(words)) return undefined;
  const value = raw.replace(AUTH_SCHEME, '');
  // Credentials are printable ASCII without spaces; anything else is prose, a label or a translated message.
  if (!value || value.length > 10000 || !PRINTABLE.test(value)) return undefined;
  if (PLACEHOLDER.test(value) || TEMPLATE.test(value) || ENV_NAME.test(value) || URLISH.test(value) || PATHISH.test(value)) return undefined;
  if (new Set(value).size <= 2) return undefined;
  const confidence: Confidence = words.some((w) => w.includes('test')) ? 'low' : 'medium';
  if (JWT.test(value)) return value.endsWith(JWT_IO_SAMPLE) ? undefined : { kind: `JWT assigned to ${name}`, value, confidence };
  const password = words.some((w) => PASSWORD_WORDS.has(w));
  const [minLength, minEntropy] = password ? [MIN_PASSWORD_LENGTH, MIN_PASSWORD_ENTROPY] : [MIN_LENGTH, MIN_ENTROPY];
  if (value.length < minLength || entropy(value) < minEntropy || characterClasses(value) < 2 || isWordish(value)) return undefined;
  return { kind: `${password ? 'Password' : 'Secret'} assigned to ${name}`, value, confidence };
}

/** `clientSecret`, `CLIENT_SECRET`, `client-secret`, `x.client_secret` → [`client`, `secret`]. */
function nameWords(name: string): string[] | undefined {
  if (!name || name.length > 100) return undefined;
  const spaced = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
  const words = spaced.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.length && words.length <= MAX_NAME_WORDS ? words : undefined;
}

function isSecretName(words: readonly string[]): boolean {
  if (words.some((w) => FAKE_NAME_WORDS.has(w))) return false;
  if (NOT_A_VALUE.has(words[words.length - 1]!)) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  for (let i = 0; i + 1 < words.length; i++) if (SECRET_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  return SECRET_WORDS.has(words.join(''));
}

/**
 * `refresh_token`, `Proxy-Authorization`, `challengePassword`: letters-only words joined by separators or camel
 * case. Random letters rarely split into word-shaped humps (`Ab`, `word`), so real keys are not caught by this.
 */
function isWordish(value: string): boolean {
  // The same test as splitting on separators and before capitals, written as patterns (this runs on every literal).
  return SEPARATED_WORDS.test(value) || (HUMPED_WORDS.test(value) && !ONE_HUMP.test(value));
}

/** Letters-only words joined by separators. */
const SEPARATED_WORDS = /^[A-Za-z]{1,40}(?:[_.:/-][A-Za-z]{1,40})+$/;
const CAMEL_WORDS = '[A-Z]?[a-z]{2,40}(?:[A-Z][a-z]{2,40})*';
/** Camel-case humps (`Ab`, `word`) in every separated part; with at least two humps in all it is wordish. */
const HUMPED_WORDS = new RegExp(`^${CAMEL_WORDS}(?:[_.:/-]${CAMEL_WORDS})*$`);
const ONE_HUMP = /^[A-Z]?[a-z]{2,40}$/;

const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

function characterClasses(s: string): number {
  let n = 0;
  for (const re of CHARACTER_CLASSES) if (re.test(s)) n++;
  return n;
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  const n = [...s].length;
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

function mask(value: string): string {
  return `${[...value].slice(0, 4).join('')}…`;
}

// ---- code files: string literals in a name-giving position -------------------------------------------------------

const STRING_NODES: Record<'python' | 'js' | 'go', string[]> = {
  python: ['string'],
  js: ['string', 'template_string'],
  go: ['interpreted_string_literal', 'raw_string_literal'],
};
const COMPARISON_OPS = new Set(['==', '!=', '===', '!==']);
const FALLBACK_OPS = new Set(['||', '??']);
const HEADER_SETTERS = new Set(['set', 'setHeader', 'append', 'header', 'Set', 'Add']);
const PY_GETENV = new Set(['os.getenv', 'os.environ.get', 'environ.get', 'os.environ.setdefault', 'getenv']);

function codeCandidates(ctx: FileContext): Candidate[] {
  const lang = ctx.codeLanguage!;
  const fam = lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
  const text = ctx.text;
  // The shape of a literal's text says what its value holds only when the tree parsed without errors.
  const clean = sourceOf(ctx.tree!)?.clean === true;
  const literals = clean ? literalsFromText(ctx.tree!.rootNode, text, fam) : NodeIndex.of(ctx.tree!, lang).nodes(STRING_NODES[fam]);
  const out: Candidate[] = [];
  let byNode: Map<number, string | undefined> | undefined;
  const calleeOf = (call: Node) => (byNode ??= new Map(ctx.calls().map((c) => [c.node.id, c.name]))).get(call.id);
  for (const node of literals) {
    // Cheap tests on the source text first: a decoded value is never longer than the literal minus its quotes.
    const endIndex = node.endIndex;
    if (endIndex - node.startIndex < MIN_PASSWORD_LENGTH + 2) continue;
    if (clean && unprintableLiteral(text.slice(node.startIndex, endIndex))) continue;
    const decoded = decodeString(node, lang);
    if (!decoded?.complete || decoded.value.length < MIN_PASSWORD_LENGTH) continue;
    // Looking up the name costs several tree lookups; a value no name could make a secret is dropped before that.
    if (!couldBeSecretValue(decoded.value)) continue;
    const name = nameFor(node, lang, calleeOf);
    if (!name) continue;
    out.push({ row: node.startPosition.row, start: node.startPosition.column, endRow: node.endPosition.row, end: node.endPosition.column, name, value: decoded.value });
  }
  return out;
}

/** String delimiters per language; a backtick opens a template (escapes apply) in JS and a raw string in Go. */
const DELIMITERS: Record<'python' | 'js' | 'go', readonly string[]> = { python: ['"', "'"], js: ['"', "'", '`'], go: ['"', '`'] };
const STRING_NODE_TYPES: Record<'python' | 'js' | 'go', ReadonlySet<string>> = {
  python: new Set(STRING_NODES.python),
  js: new Set(STRING_NODES.js),
  go: new Set(STRING_NODES.go),
};

/**
 * The string literals of a cleanly parsed file whose value could pass the value checks, in document order, found
 * without walking the tree. The body of every literal lies between two consecutive unescaped occurrences of its
 * quote (a triple-quoted one between an occurrence of its triple quote and the next), so every such stretch of text
 * that could be a passing value is looked up with one descent from the root; stretches of code between literals
 * lead to nodes that are no literal and are dropped. Most files have no such stretch at all.
 */
function literalsFromText(root: Node, text: string, fam: 'python' | 'js' | 'go'): Node[] {
  const found = new Map<number, Node>();
  const consider = (start: number, end: number, quote: number, escapes: boolean) => {
    if (end - start < MIN_PASSWORD_LENGTH || settledByText(text, start, end)) return;
    if (!bodyMayPass(text.slice(start, end), fam, escapes)) return;
    const node = root.descendantForIndex(start - quote, end + quote);
    if (node && STRING_NODE_TYPES[fam].has(node.type)) found.set(node.id, node);
  };
  for (const q of DELIMITERS[fam]) {
    const escapes = !(fam === 'go' && q === '`');
    let start = -1;
    for (let pos = text.indexOf(q); pos >= 0; pos = text.indexOf(q, pos + 1)) {
      if (escapes && escapedAt(text, pos)) continue;
      if (start >= 0) consider(start, pos, 1, escapes);
      start = pos + 1;
    }
    if (fam !== 'python') continue;
    // Every unescaped occurrence (overlapping ones too) may open a triple-quoted literal, which ends at the next one at
    // least three characters on; those ends only move forward, so one pass over the occurrences finds them all.
    const triple = q.repeat(3);
    const occurrences: number[] = [];
    for (let pos = text.indexOf(triple); pos >= 0; pos = text.indexOf(triple, pos + 1)) if (!escapedAt(text, pos)) occurrences.push(pos);
    let next = 0;
    for (const pos of occurrences) {
      while (next < occurrences.length && occurrences[next]! < pos + 3) next++;
      if (next === occurrences.length) break;
      consider(pos + 3, occurrences[next]!, 3, true);
    }
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex);
}

/** True when the character at `pos` follows an odd number of backslashes. */
function escapedAt(text: string, pos: number): boolean {
  let n = 0;
  while (pos - n - 1 >= 0 && text.charCodeAt(pos - n - 1) === 92) n++;
  return n % 2 === 1;
}

/**
 * True when the stretch `[start, end)` has a character outside printable ASCII that no escape comes before (after a
 * leading auth scheme, which the value checks remove): that character is in the value too, which therefore fails.
 * Settles most stretches, which are code, after a few characters and without copying them.
 */
function settledByText(text: string, start: number, end: number): boolean {
  let from = start;
  const first = text.charCodeAt(start) | 0x20;
  if (first === 0x62 || first === 0x74) {
    AUTH_SCHEME_AT.lastIndex = start;
    const scheme = AUTH_SCHEME_AT.exec(text);
    if (scheme) from = Math.min(end, start + scheme[0].length);
  }
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) return false;
    if (i >= from && (c < 0x21 || c > 0x7e) && c !== 13) return true;
  }
  return false;
}

/** The literal's value is its body (raw strings), the body with escapes decoded, or (Go raw strings) without `\r`. */
function bodyMayPass(body: string, fam: 'python' | 'js' | 'go', escapes: boolean): boolean {
  if (!body.includes('\\')) return couldBeSecretValue(body.includes('\r') ? body.replace(/\r/g, '') : body);
  if (couldBeSecretValue(body)) return true;
  if (escapes && couldBeSecretValue(decodeEscapes(body, fam))) return true;
  return body.includes('\r') && couldBeSecretValue(body.replace(/\r/g, ''));
}

/** Outside the printable ASCII range (Go raw strings drop `\r`, so it does not count). */
const UNPRINTABLE = /[^\x21-\x7e\r]/;
const AUTH_SCHEME_AT = /(?:bearer|basic|token)\s+/iy;
const OPENING_QUOTE = /^[A-Za-z]*(?:'''|"""|['"`])/;
const CLOSING_QUOTE = /(?:'''|"""|['"`])$/;

/**
 * True when a literal's source text shows that its value has whitespace or other unprintable characters (after an
 * auth scheme): without escapes and braces, every character between the quotes is part of the value.
 */
function unprintableLiteral(raw: string): boolean {
  // Braces first: nested literals always have one early, so checking them costs little whatever the nesting depth.
  if (raw.includes('{') || raw.includes('\\')) return false;
  const inner = raw.replace(OPENING_QUOTE, '').replace(CLOSING_QUOTE, '');
  return UNPRINTABLE.test(inner.replace(AUTH_SCHEME, ''));
}

/**
 * The checks of `genericKind` that depend on the value alone, at their most lenient: failing them, no name helps.
 * Ordered cheapest and most selective first (identifiers and words fail on their character classes or shape).
 */
function couldBeSecretValue(raw: string): boolean {
  const value = raw.replace(AUTH_SCHEME, '');
  if (!value || value.length > 10000 || !PRINTABLE.test(value)) return false;
  const jwt = JWT.test(value);
  if (!jwt && (value.length < MIN_PASSWORD_LENGTH || characterClasses(value) < 2 || isWordish(value))) return false;
  if (PLACEHOLDER.test(value) || TEMPLATE.test(value) || ENV_NAME.test(value) || URLISH.test(value) || PATHISH.test(value)) return false;
  if (new Set(value).size <= 2) return false;
  return jwt || entropy(value) >= MIN_PASSWORD_ENTROPY;
}

/** The name a string literal is bound to, compared with or used as the default of, if any. */
function nameFor(node: Node, lang: CodeLanguage, calleeOf: (call: Node) => string | undefined): string | undefined {
  let value = node;
  let parent = node.parent;
  if (parent?.type === 'literal_element' || parent?.type === 'expression_list') {
    value = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  const field = (f: string) => parent!.childForFieldName(f);
  const isValue = (f: string) => field(f)?.id === value.id;
  switch (parent.type) {
    case 'assignment':
    case 'assignment_expression':
    case 'augmented_assignment':
      return isValue('right') ? targetName(field('left'), lang) : undefined;
    case 'variable_declarator':
      return isValue('value') ? targetName(field('name'), lang) : undefined;
    case 'keyword_argument':
    case 'default_parameter':
    case 'typed_default_parameter':
      return isValue('value') ? field('name')?.text : undefined;
    case 'required_parameter':
    case 'optional_parameter':
      return isValue('value') ? targetName(field('pattern'), lang) : undefined;
    case 'assignment_pattern':
      return isValue('right') ? targetName(field('left'), lang) : undefined;
    case 'public_field_definition':
    case 'field_definition':
      return isValue('value') ? (field('name') ?? field('property'))?.text : undefined;
    case 'pair':
      return isValue('value') ? keyText(field('key'), lang) : undefined;
    case 'keyed_element': {
      const [k, v] = parent.namedChildren;
      if (v?.id !== value.id || !k) return undefined;
      return keyText(k.type === 'literal_element' ? k.namedChildren[0] : k, lang);
    }
    case 'const_spec':
    case 'var_spec':
    case 'short_var_declaration':
    case 'assignment_statement': {
      const names = parent.type === 'short_var_declaration' || parent.type === 'assignment_statement' ? field('left')?.namedChildren ?? [] : parent.childrenForFieldName('name');
      const values = value.type === 'expression_list' ? value.namedChildren : [];
      const i = values.findIndex((v) => v?.id === node.id);
      return i >= 0 ? targetName(names[i], lang) : undefined;
    }
    case 'comparison_operator': {
      if (!parent.children.some((c) => c && COMPARISON_OPS.has(c.type))) return undefined;
      const other = parent.namedChildren.find((c) => c && c.id !== value.id);
      return targetName(other, lang);
    }
    case 'binary_expression': {
      const op = field('operator')?.text ?? parent.children.find((c) => c && !c.isNamed)?.text ?? '';
      const other = isValue('right') ? field('left') : field('right');
      if (COMPARISON_OPS.has(op)) return targetName(other, lang);
      // `process.env.API_KEY ?? "sk-…"`: the literal is the fallback value of that variable.
      if (FALLBACK_OPS.has(op) && isValue('right')) return targetName(other, lang);
      return undefined;
    }
    case 'argument_list':
    case 'arguments':
      return argumentName(parent, value, lang, calleeOf);
    default:
      return undefined;
  }
}

/** `os.getenv("TOKEN", "…")` and `headers.set("Authorization", "…")`: the first argument names the second. */
function argumentName(args: Node, value: Node, lang: CodeLanguage, calleeOf: (call: Node) => string | undefined): string | undefined {
  const list = args.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
  if (list.length < 2 || list[1]!.id !== value.id) return undefined;
  const call = args.parent;
  const fn = call?.childForFieldName('function');
  if (!fn) return undefined;
  const parts = dottedParts(fn, lang);
  const last = parts?.[parts.length - 1];
  const canonical = calleeOf(call!) ?? parts?.join('.');
  const first = decodeString(list[0]!, lang);
  if (!first?.complete) return undefined;
  if (lang === 'python' ? canonical !== undefined && PY_GETENV.has(canonical) : last !== undefined && HEADER_SETTERS.has(last)) return first.value;
  if (lang === 'python' && last !== undefined && HEADER_SETTERS.has(last)) return first.value;
  return undefined;
}

/** The name of an assignment target: `x`, `self.api_key` → `api_key`, `env["TOKEN"]` → `TOKEN`, `process.env.X` → `X`. */
function targetName(node: Node | null | undefined, lang: CodeLanguage): string | undefined {
  if (!node) return undefined;
  switch (node.type) {
    case 'identifier':
    case 'property_identifier':
    case 'field_identifier':
    case 'shorthand_property_identifier_pattern':
      return node.text;
    case 'attribute':
      return node.childForFieldName('attribute')?.text;
    case 'member_expression':
      return node.childForFieldName('property')?.text;
    case 'selector_expression':
      return node.childForFieldName('field')?.text;
    case 'subscript':
    case 'subscript_expression':
    case 'index_expression': {
      const index = node.childForFieldName(node.type === 'subscript' ? 'subscript' : 'index');
      const d = index ? decodeString(index, lang) : undefined;
      return d?.complete ? d.value : undefined;
    }
    case 'parenthesized_expression':
      return targetName(node.namedChildren[0], lang);
    default:
      return undefined;
  }
}

function keyText(node: Node | null | undefined, lang: CodeLanguage): string | undefined {
  if (!node) return undefined;
  const d = decodeString(node, lang);
  if (d) return d.complete ? d.value : undefined;
  return targetName(node, lang) ?? (node.type === 'computed_property_name' ? undefined : node.text);
}

// ---- .env, JSON, TOML and YAML: `name = value` lines ---------------------------------------------------------

// Matched against the line after its indentation (and `export ` / `- `) is removed, so no pattern starts with two
// competing runs of whitespace.
const DOTENV_PAIR = /^([A-Za-z_][A-Za-z0-9_.-]{0,100})\s*=(.*)$/;
const TOML_PAIR = /^([A-Za-z_][\w.-]{0,100}|"[^"\n]{1,100}")\s*=(.*)$/;
const YAML_PAIR = /^([A-Za-z_][\w.-]{0,100})\s*:\s(.*)$/;
const YAML_ENV_ITEM = /^([A-Za-z_][\w.-]{0,100})=(.*)$/;
const JSON_PAIR = /"((?:[^"\\\n]|\\.){1,200})"\s{0,20}:\s{0,20}"((?:[^"\\\n]|\\.){1,4000})"/g;

function textCandidates(ctx: FileContext): Candidate[] {
  const out: Candidate[] = [];
  ctx.lines.forEach((line, row) => {
    if (line.length > MAX_GENERIC_LINE) return;
    if (ctx.language === 'json') {
      for (const m of line.matchAll(JSON_PAIR)) {
        const name = jsonString(m[1]!);
        const value = jsonString(m[2]!);
        if (name === undefined || value === undefined) continue;
        const start = m.index + m[0].length - m[2]!.length - 1;
        out.push({ row, start, endRow: row, end: m.index + m[0].length - 1, name, value });
      }
      return;
    }
    let offset = line.length - line.trimStart().length;
    let rest = line.slice(offset);
    let re = ctx.language === 'dotenv' ? DOTENV_PAIR : ctx.language === 'toml' ? TOML_PAIR : YAML_PAIR;
    const lead = ctx.language === 'dotenv' ? /^export\s/.exec(rest) : ctx.language === 'yaml' ? /^-\s/.exec(rest) : null;
    if (lead) {
      const skipped = rest.length - rest.slice(lead[0].length).trimStart().length;
      offset += skipped;
      rest = rest.slice(skipped);
      if (ctx.language === 'yaml' && YAML_ENV_ITEM.test(rest)) re = YAML_ENV_ITEM;
    }
    const m = re.exec(rest);
    if (!m) return;
    const value = scalarValue(m[2]!);
    if (value === undefined) return;
    const found = line.indexOf(value, offset + m[1]!.length);
    const start = found >= 0 ? found : offset + m[1]!.length;
    out.push({ row, start, endRow: row, end: start + value.length, name: m[1]!.replace(/^"|"$/g, ''), value });
  });
  return out;
}

/** The value of an unquoted or quoted scalar, with a trailing ` # comment` removed from unquoted ones. */
function scalarValue(raw: string): string | undefined {
  const s = raw.trim();
  const q = s[0];
  if (q === '"' || q === "'") {
    const end = s.indexOf(q, 1);
    return end > 0 ? s.slice(1, end) : undefined;
  }
  if (s.startsWith('|') || s.startsWith('>') || s.startsWith('&') || s.startsWith('*') || s.startsWith('[') || s.startsWith('{')) return undefined;
  return s.replace(/\s+#.*$/, '').trim();
}

function jsonString(raw: string): string | undefined {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return undefined;
  }
}
