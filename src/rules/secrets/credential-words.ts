// Which identifiers, keys and texts name a credential: shared by the rules about credentials in logs and elicitation forms.

/** Words that make a name hold a credential (`password`, `github_token`, `clientSecret`). */
const SECRET_WORDS = new Set([
  'password', 'passwd', 'passphrase', 'passcode', 'secret', 'token', 'apikey', 'authorization', 'cookie', 'credential', 'credentials',
  'privatekey', 'accesstoken', 'refreshtoken', 'clientsecret', 'bearer', 'secrets',
]);
/** Adjacent word pairs that do the same (`api_key`, `privateKey`, `set-cookie`). */
const SECRET_PAIRS = new Set(['api key', 'private key', 'secret key', 'access key', 'signing key', 'session key', 'master key', 'auth header', 'set cookie']);
/**
 * A last word that makes the name describe a credential rather than hold it (`token_count`, `password_length`,
 * `secret_name`, `token_url`) or hold an object around it (`secret_manager`, `token_store`).
 */
const NOT_A_VALUE = new Set([
  'count', 'counts', 'max', 'min', 'limit', 'limits', 'len', 'length', 'size', 'type', 'types', 'kind', 'name', 'names', 'url', 'uri', 'urls',
  'endpoint', 'path', 'file', 'dir', 'id', 'ids', 'expiry', 'expires', 'expiration', 'exp', 'ttl', 'age', 'lifetime', 'usage', 'budget',
  'hash', 'hashed', 'digest', 'fingerprint', 'checksum', 'enabled', 'required', 'present', 'set', 'valid', 'invalid', 'missing', 'timeout',
  'format', 'field', 'fields', 'env', 'var', 'variable', 'source', 'provider', 'manager', 'client', 'store', 'service', 'backend', 'loader',
  'cache', 'domain', 'host', 'server', 'scope', 'scopes', 'policy', 'prefix', 'suffix', 'label', 'hint', 'help', 'description', 'title',
  'placeholder', 'error', 'errors', 'status', 'state', 'mode', 'strategy', 'version', 'index', 'key', 'jar', 'param', 'option', 'options',
  'config', 'settings', 'rotation', 'rotated', 'refreshed', 'created', 'updated', 'at', 'mask', 'masked', 'redacted', 'preview', 'hint',
  'strength', 'rules', 'regex', 'pattern', 'validator', 'generator', 'count', 'estimate', 'estimator', 'tokenizer', 'encoding', 'budgeted',
]);
/** A first word that makes the name a flag or a number (`has_token`, `is_secret`, `num_tokens`). */
const NOT_A_VALUE_FIRST = new Set(['is', 'has', 'have', 'use', 'uses', 'should', 'needs', 'need', 'require', 'requires', 'no', 'num', 'n', 'max', 'min', 'total', 'with', 'without', 'can', 'did', 'was']);

/** `apiKey` → `api key`, `GITHUB_TOKEN` → `github token`, `x-api-key` → `x api key`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when a variable, attribute, key or header name holds a credential. */
export function isCredentialName(name: string): boolean {
  if (name.length > 80) return false;
  const words = nameWords(name);
  if (words.length === 0 || words.length > 6) return false;
  const last = words[words.length - 1]!;
  if (NOT_A_VALUE.has(last) && !(last === 'key' && hasPair(words))) return false;
  if (NOT_A_VALUE_FIRST.has(words[0]!) && words.length > 1) return false;
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  if (SECRET_WORDS.has(words.join(''))) return true;
  return hasPair(words);
}

function hasPair(words: string[]): boolean {
  for (let i = 0; i + 1 < words.length; i++) if (SECRET_PAIRS.has(`${words[i]} ${words[i + 1]}`)) return true;
  return false;
}

/**
 * Credential and payment words in free text (an elicitation message or field description). Each alternative is a
 * literal or a short bounded group, so matching is linear.
 */
const SENSITIVE_TEXT =
  /\b(?:pass(?:word|words|wd|phrase|code)|api[ _-]?keys?|access[ _-]?keys?|secret(?:s| keys?)?|private[ _-]?keys?|(?:access|auth|api|bearer|refresh|session|personal access|github|gitlab|slack|oauth|bot) tokens?|token|credentials?|credit[ _-]?card(?: number)?|card number|cvv|cvc|security code|ssn|social security(?: number)?|one[ -]time (?:code|password)|otp|2fa code|mfa code|pin code|iban|routing number|bank account number)\b/i;
/** `token` in these phrases is an LLM or crypto quantity, not a credential. */
const TOKEN_NOT_CREDENTIAL = /\b(?:max(?:imum)?|number of|how many|token (?:count|limit|budget|usage)|tokens? per)\b/i;

/** The credential word a text asks for, if any. */
export function sensitiveTerm(text: string): string | undefined {
  const m = SENSITIVE_TEXT.exec(text);
  if (!m) return undefined;
  const term = m[0].toLowerCase();
  if (term === 'token' && TOKEN_NOT_CREDENTIAL.test(text)) return undefined;
  return term;
}
