// MV5016 (MCPSafe MCP-050): passwords are hashed with a fast hash (MD5, SHA-1, SHA-2) or a too-cheap bcrypt/PBKDF2 setting.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { family, methodName, nameWords, receiverOf, resolveOnce, staticNumber, unwrap, literalString, isTestPath } from '../token-api-facts.js';

/** Python fast digests. */
const PY_FAST = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s']);
/** Algorithm names for `hashlib.new(name)` / `crypto.createHash(name)`. */
const FAST_NAMES = /^(?:md4|md5|sha-?1|sha-?224|sha-?256|sha-?384|sha-?512|sha3-?(?:224|256|384|512)|sha512-256|blake2[bs](?:512|256)?|ripemd160|rmd160)$/i;
const JS_CRYPTOJS = /^crypto-js(?:\/(?:md5|sha1|sha256|sha512|sha3|sha224|sha384))?(?:\.(?:MD5|SHA1|SHA256|SHA224|SHA384|SHA512|SHA3))?$/;
const JS_MD5_PACKAGES = new Set(['md5', 'js-md5', 'blueimp-md5', 'sha1', 'js-sha256', 'js-sha256.sha256', 'js-sha1']);
const GO_FAST = /^crypto\/(?:md5\.Sum|sha1\.Sum|sha256\.Sum256|sha256\.Sum224|sha512\.Sum512|sha512\.Sum384|sha512\.Sum512_256|sha3\.Sum256|sha3\.Sum512)$|^golang\.org\/x\/crypto\/sha3\.Sum(?:256|512)$/;
const GO_FAST_NEW = /^crypto\/(?:md5|sha1|sha256|sha512)\.New(?:224|384)?$/;
/** Words of a variable name that mean "a password". */
const PASSWORD_WORDS = new Set(['password', 'passwd', 'passphrase', 'pwd', 'pass', 'pw', 'passcode', 'pword', 'pswd']);
/** Words that turn a password-ish name into something else (a reset token, a stored digest, a length). */
const NOT_PASSWORD = new Set(['token', 'reset', 'hash', 'hashed', 'digest', 'length', 'len', 'policy', 'field', 'label', 'prompt', 'hint']);

const MIN_BCRYPT_COST = 10;
/** OWASP currently asks for 600,000 (PBKDF2-HMAC-SHA256); below 100,000 is clearly outdated. */
const MIN_PBKDF2_ITERATIONS = 100_000;

interface Hit {
  node: Node;
  what: string;
}

export default defineRule({
  meta: {
    id: 'MV5016',
    slug: 'weak-password-hashing',
    title: 'Password hashed with a fast or under-strength algorithm',
    category: 'auth',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-916', 'CWE-328'],
    owaspMcp: ['MCP01', 'MCP07'],
    aliases: ['MCP-050'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what}; a leaked password store hashed this way can be cracked at billions of guesses per second',
    docs: {
      summary: 'A value named like a password is hashed with MD5, SHA-1 or a SHA-2/SHA-3 digest, or with bcrypt/PBKDF2 set to a work factor far below current guidance.',
      risk:
        'MCP servers that manage their own users — admin consoles of self-hosted servers, OAuth proxies with a login page, tools that create accounts in a backing service — store password verifiers. General-purpose digests are designed to be fast: a single GPU tries billions of MD5 or SHA-256 candidates per second, salted or not, so a leaked table gives up most human-chosen passwords within hours, and those passwords are reused elsewhere. Password hashing functions (Argon2id, scrypt, bcrypt, PBKDF2 with a high iteration count) make each guess expensive. Agents make the leak itself more likely: a prompt-injected database or file tool can be asked to read the credential table.',
      detection:
        'Fast digests applied to an argument containing a password-like name (a word such as `password`, `passwd`, `passphrase`, `pwd`, `pass`, `pw`, `passcode` in a variable, attribute or key name; names that also say `token`, `reset`, `hash`, `digest` or `length` do not count): Python `hashlib.md5/sha1/sha224/sha256/sha384/sha512/sha3_*/blake2*(…)`, `hashlib.new("md5", …)` and `h.update(password)` on such an object; JavaScript/TypeScript `crypto.createHash("md5"|"sha1"|"sha256"|…).update(password)` (chained or through a variable), the `md5`/`js-sha256` packages and CryptoJS `MD5`/`SHA1`/`SHA256`; Go `md5.Sum`, `sha1.Sum`, `sha256.Sum256`, `sha512.Sum512` and `h.Write(...)` on `sha256.New()` and friends. Work factors: bcrypt cost below 10 (`bcrypt.gensalt(rounds=8)`, Node `bcrypt.hash(p, 8)`/`genSalt(8)`, Go `bcrypt.GenerateFromPassword(p, 8)` or `bcrypt.MinCost`) and PBKDF2 below 100,000 iterations (`hashlib.pbkdf2_hmac`, `cryptography` `PBKDF2HMAC`, Node `crypto.pbkdf2`/`pbkdf2Sync`, Go `pbkdf2.Key`); both limits are options (`minBcryptCost`, `minPbkdf2Iterations`). The 100,000 floor is deliberately lower than the OWASP Password Storage Cheat Sheet\'s current 600,000 (PBKDF2-HMAC-SHA256) / 210,000 (SHA-512) so that only clearly outdated settings fire; raise it to enforce OWASP\'s figures. Checksums of files and data, HMACs, and hashes of high-entropy secrets such as API tokens are not reported. Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'Use a password hashing function with a per-password salt: Argon2id (`argon2-cffi` `PasswordHasher().hash(pw)`, Node `argon2.hash(pw)`, Go `golang.org/x/crypto/argon2.IDKey`), scrypt, or bcrypt with cost 12 or more (`bcrypt.hashpw(pw, bcrypt.gensalt(rounds=12))`, Node `bcrypt.hash(pw, 12)`, Go `bcrypt.GenerateFromPassword(pw, 12)`). If PBKDF2 is required, use HMAC-SHA256 with at least 600,000 iterations. Rehash existing verifiers on the next successful login.',
      references: [
        { title: 'OWASP Password Storage Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html' },
        { title: 'CWE-916: Use of Password Hash With Insufficient Computational Effort', url: 'https://cwe.mitre.org/data/definitions/916.html' },
        { title: 'CWE-328: Use of Weak Hash', url: 'https://cwe.mitre.org/data/definitions/328.html' },
        { title: 'NIST SP 800-63B: memorized secret verifiers', url: 'https://pages.nist.gov/800-63-4/sp800-63b.html' },
      ],
    },
  },
  defaultOptions: { minBcryptCost: MIN_BCRYPT_COST, minPbkdf2Iterations: MIN_PBKDF2_ITERATIONS },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /pass|pwd|Pass|PASS|Pwd|PWD|pw|bcrypt|pbkdf2|PBKDF2|gensalt|genSalt|GenerateFromPassword/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const minCost = typeof ctx.options.minBcryptCost === 'number' ? ctx.options.minBcryptCost : MIN_BCRYPT_COST;
      const minIter = typeof ctx.options.minPbkdf2Iterations === 'number' ? ctx.options.minPbkdf2Iterations : MIN_PBKDF2_ITERATIONS;
      const hits: Hit[] = [];
      const fam = family(ctx.codeLanguage!);
      for (const call of ctx.calls()) {
        const hit = fam === 'python' ? python(call, ctx, minCost, minIter) : fam === 'go' ? go(call, ctx, minCost, minIter) : js(call, ctx, minCost, minIter);
        if (hit) hits.push(hit);
      }
      return hits.map((h): RawFinding => ({ span: nodeSpan(h.node), data: { what: h.what } }));
    },
  },
});

/** True when a name (variable, attribute, key) reads as a password. */
function passwordName(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => PASSWORD_WORDS.has(w)) && !words.some((w) => NOT_PASSWORD.has(w));
}

/** Whether the expression contains a password-named value (identifiers, attributes, and identifier-like string keys). */
function mentionsPassword(node: Node | undefined, ctx: FileContext): boolean {
  if (!node) return false;
  const lang = ctx.codeLanguage!;
  const named = ['identifier', 'property_identifier', 'field_identifier', 'shorthand_property_identifier'];
  const strings = lang === 'python' ? ['string'] : lang === 'go' ? ['interpreted_string_literal'] : ['string'];
  const nodes = [node, ...node.descendantsOfType([...named, ...strings]).filter((n): n is Node => n !== null)];
  for (const n of nodes) {
    if (named.includes(n.type)) {
      if (passwordName(n.text)) return true;
    } else if (strings.includes(n.type) && isLookupKey(n)) {
      // Only keys such as form["password"] or body.get("password"): a literal hashed as-is is not a user's password.
      const v = decodeString(n, lang)?.value;
      if (v && /^[A-Za-z_][\w-]{0,40}$/.test(v) && passwordName(v)) return true;
    }
  }
  return false;
}

function isLookupKey(str: Node): boolean {
  const p = str.parent;
  if (!p) return false;
  if (['subscript', 'subscript_expression', 'index_expression'].includes(p.type)) return p.namedChildren[0]?.id !== str.id;
  if (p.type !== 'argument_list' && p.type !== 'arguments') return false;
  const fn = p.parent?.childForFieldName('function');
  return fn !== null && fn !== undefined && /\.(?:get|Get|getlist|FormValue|PostFormValue)$/.test(fn.text);
}

function below(value: number | undefined, min: number): value is number {
  return value !== undefined && value < min;
}

function python(call: CallSite, ctx: FileContext, minCost: number, minIter: number): Hit | undefined {
  const name = call.name ?? '';
  if (name.startsWith('hashlib.')) {
    const fn = name.slice(8);
    if (PY_FAST.has(fn) && mentionsPassword(call.args[0] ?? call.kwargs.get('data') ?? call.kwargs.get('string'), ctx)) return { node: call.node, what: `${name} hashes a password with a fast digest` };
    if (fn === 'new' && FAST_NAMES.test(literalString(call.args[0] ?? call.kwargs.get('name'), ctx) ?? '') && mentionsPassword(call.args[1] ?? call.kwargs.get('data'), ctx)) {
      return { node: call.node, what: `hashlib.new("${literalString(call.args[0] ?? call.kwargs.get('name'), ctx)}") hashes a password with a fast digest` };
    }
    if (fn === 'pbkdf2_hmac') {
      const iterations = staticNumber(call.args[3] ?? call.kwargs.get('iterations'), ctx);
      if (below(iterations, minIter)) return { node: call.node, what: `hashlib.pbkdf2_hmac uses ${iterations} iterations (minimum ${minIter})` };
    }
    return undefined;
  }
  if (methodName(call) === 'update' && mentionsPassword(call.args[0], ctx) && pyFastHashObject(receiverOf(call), ctx)) {
    return { node: call.node, what: 'a fast digest is updated with a password' };
  }
  if (name === 'bcrypt.gensalt') {
    const rounds = staticNumber(call.kwargs.get('rounds') ?? call.args[0], ctx);
    if (below(rounds, minCost)) return { node: call.node, what: `bcrypt.gensalt(rounds=${rounds}) is below cost ${minCost}` };
  }
  if (/^passlib\.hash\.bcrypt(?:_sha256)?\.using$/.test(name)) {
    const rounds = staticNumber(call.kwargs.get('rounds'), ctx);
    if (below(rounds, minCost)) return { node: call.node, what: `passlib bcrypt rounds=${rounds} is below cost ${minCost}` };
  }
  if (/^passlib\.hash\.pbkdf2_sha(?:1|256|512)\.using$/.test(name) || /\.PBKDF2HMAC$/.test(name)) {
    const iterations = staticNumber(call.kwargs.get('rounds') ?? call.kwargs.get('iterations') ?? call.args[3], ctx);
    if (below(iterations, minIter)) return { node: call.node, what: `PBKDF2 with ${iterations} iterations (minimum ${minIter})` };
  }
  return undefined;
}

/** `h` assigned from `hashlib.sha256()` (or `hashlib.new("md5")`) in the same function. */
function pyFastHashObject(recv: Node | undefined, ctx: FileContext): boolean {
  const value = unwrap(resolveOnce(recv, ctx));
  if (value?.type !== 'call') return false;
  const site = ctx.calls().find((c) => c.node.id === value.id);
  const name = site?.name ?? '';
  if (!name.startsWith('hashlib.')) return false;
  return PY_FAST.has(name.slice(8)) || (name === 'hashlib.new' && FAST_NAMES.test(literalString(site!.args[0], ctx) ?? ''));
}

function js(call: CallSite, ctx: FileContext, minCost: number, minIter: number): Hit | undefined {
  const name = call.name ?? '';
  const method = methodName(call);
  if (method === 'update' && mentionsPassword(call.args[0], ctx)) {
    const alg = jsFastHashAlgorithm(receiverOf(call), ctx);
    if (alg) return { node: call.node, what: `crypto.createHash("${alg}") hashes a password with a fast digest` };
  }
  if ((JS_CRYPTOJS.test(name) && name !== 'crypto-js') || JS_MD5_PACKAGES.has(name)) {
    if (mentionsPassword(call.args[0], ctx)) return { node: call.node, what: `${name} hashes a password with a fast digest` };
    return undefined;
  }
  if (/^bcrypt(?:js)?\.(?:hash|hashSync)$/.test(name)) {
    const cost = staticNumber(call.args[1], ctx);
    if (below(cost, minCost)) return { node: call.node, what: `${name} uses cost ${cost} (minimum ${minCost})` };
  }
  if (/^bcrypt(?:js)?\.(?:genSalt|genSaltSync)$/.test(name)) {
    const cost = staticNumber(call.args[0], ctx);
    if (below(cost, minCost)) return { node: call.node, what: `${name} uses cost ${cost} (minimum ${minCost})` };
  }
  if (/^crypto\.pbkdf2(?:Sync)?$/.test(name)) {
    const iterations = staticNumber(call.args[2], ctx);
    if (below(iterations, minIter)) return { node: call.node, what: `${name} uses ${iterations} iterations (minimum ${minIter})` };
  }
  return undefined;
}

/** The algorithm of `crypto.createHash(alg)` behind an `.update(...)` receiver (chained or held in a name), if fast. */
function jsFastHashAlgorithm(recv: Node | undefined, ctx: FileContext): string | undefined {
  let cur = unwrap(resolveOnce(unwrap(recv), ctx));
  // `createHash("md5").update(salt).update(password)`: walk down the chain to the constructor.
  for (let i = 0; i < 8 && cur?.type === 'call_expression'; i++) {
    const site = ctx.calls().find((c) => c.node.id === cur!.id);
    if (site?.name === 'crypto.createHash') {
      const alg = literalString(site.args[0], ctx);
      return alg && FAST_NAMES.test(alg) ? alg : undefined;
    }
    if (site && methodName(site) === 'update') cur = unwrap(receiverOf(site));
    else return undefined;
  }
  return undefined;
}

function go(call: CallSite, ctx: FileContext, minCost: number, minIter: number): Hit | undefined {
  const name = call.name ?? '';
  if (GO_FAST.test(name)) {
    if (mentionsPassword(call.args[0], ctx)) return { node: call.node, what: `${name.slice(name.indexOf('/') + 1)} hashes a password with a fast digest` };
    return undefined;
  }
  if (methodName(call) === 'Write' && mentionsPassword(call.args[0], ctx)) {
    const value = unwrap(resolveOnce(receiverOf(call), ctx));
    const site = value ? ctx.calls().find((c) => c.node.id === value.id) : undefined;
    if (site?.name && GO_FAST_NEW.test(site.name)) return { node: call.node, what: `a password is written into a ${site.name.slice(site.name.indexOf('/') + 1)}() digest` };
  }
  if (name === 'golang.org/x/crypto/bcrypt.GenerateFromPassword') {
    const arg = unwrap(call.args[1]);
    const cost = arg?.type === 'selector_expression' && arg.childForFieldName('field')?.text === 'MinCost' ? 4 : staticNumber(arg, ctx);
    if (below(cost, minCost)) return { node: call.node, what: `bcrypt.GenerateFromPassword uses cost ${cost} (minimum ${minCost})` };
  }
  if (name === 'golang.org/x/crypto/pbkdf2.Key' || name === 'crypto/pbkdf2.Key') {
    const iterations = staticNumber(call.args[name.startsWith('crypto/') ? 3 : 2], ctx);
    if (below(iterations, minIter)) return { node: call.node, what: `pbkdf2.Key uses ${iterations} iterations (minimum ${minIter})` };
  }
  return undefined;
}
