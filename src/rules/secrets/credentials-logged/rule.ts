// MV3004: a logging call writes a credential (a secret-named value, whole request headers, or the whole environment).
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import { calleeMemberOf, type CallSite } from '../../../parse/call-sites.js';
import { calleeName, dottedParts } from '../../../parse/imports.js';
import { decodeString } from '../../../parse/string-literal.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { isCredentialName, nameWords } from '../credential-words.js';

const PY_LEVELS = new Set(['debug', 'info', 'warning', 'warn', 'error', 'exception', 'critical', 'fatal', 'log', 'msg']);
const JS_LEVELS = new Set(['log', 'info', 'warn', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http', 'notice', 'dir']);
const GO_LEVEL = /^(?:Print|Fatal|Panic|Debug|Info|Warn|Warning|Error|DPanic|Log)(?:f|ln|w|Context)?$/;
/** Receivers that are loggers by convention: `logger`, `self._log`, `app.logger`, `LOG`, `requestLogger`, `sugar`. */
const LOGGER_RECEIVER = /^(?:_*log(?:ger)?|_*LOG(?:GER)?|\w*_log(?:ger)?|\w*Log(?:ger)?|logging|console|sugar|slog|zlog|lg)$/;
/** MCP context objects whose log methods notify the client (`ctx.info(...)`, `context.warning(...)`). */
const MCP_CONTEXT = /^(?:ctx|context|mcp_ctx)$/;
const MCP_LOG_METHODS = new Set(['debug', 'info', 'warning', 'error', 'log', 'send_log_message', 'sendLoggingMessage']);
/** Methods a Python logging call can have (`loggingSink` returns undefined for any other). */
const PY_SINK_METHODS = new Set([...PY_LEVELS, ...MCP_LOG_METHODS, 'send_log_message']);
/** Objects that are the incoming HTTP request by convention. */
const REQUEST_OBJECT = /^(?:req|request|r|http_request|httpRequest|incoming|incomingRequest)$/;
/** Calls whose arguments end up in the text as they are (formatting and serialisation), so they are looked through. */
const PASS_THROUGH = new Set([
  'str', 'repr', 'format', 'json.dumps', 'pprint.pformat', 'String', 'JSON.stringify', 'util.inspect', 'util.format', 'fmt.Sprintf',
  'fmt.Sprint', 'fmt.Sprintln', 'string', 'dict',
]);
/** Structured-logging field constructors: the value is logged as is (`zap.String("token", t)`, `slog.Any("h", r.Header)`). */
const FIELD_CONSTRUCTOR = /^(?:go\.uber\.org\/zap\.(?:String|Any|Reflect|Stringer|ByteString|Strings|Object)|log\/slog\.(?:String|Any|Group))$/;
/** Calls that read one value by name: `os.getenv("X")`, `environ.get("X")`, `headers.get("Authorization")`, `r.Header.Get(...)`. */
const NAMED_READ_METHODS = new Set(['get', 'Get', 'getenv', 'Getenv', 'LookupEnv', 'header', 'getHeader', 'get_header', 'getenvb']);

/** Folders and files of tests: what they log is test output. */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|spec|specs|fixtures?|testdata|mocks?)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;
/** CSPRNG calls whose result is a freshly generated secret. */
const MINTED = /^(?:await\s+)?(?:secrets\.token_(?:hex|urlsafe|bytes)|(?:crypto\.)?random(?:Bytes|UUID)|(?:crypto\.)?getRandomValues|uuid\.uuid4|uuid4|rand\.Text)\(/;
/** Bound on argument nodes inspected per call, so giant literals cost nothing. */
const MAX_NODES = 2000;

export default defineRule({
  meta: {
    id: 'MV3004',
    slug: 'credentials-logged',
    title: 'Credential written to a log',
    category: 'secrets',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-532'],
    owaspMcp: ['MCP01', 'MCP08'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{sink} writes {what} to the log; anyone who can read the logs can use the credential',
    docs: {
      summary:
        'A logging call — the language logger, `print`/`console`, Go `log`/`slog`/zap, or MCP log notifications sent to the client — includes a value named like a credential (`token`, `password`, `api_key`, `client_secret`, `Authorization`…), the whole incoming request headers, or the whole process environment.',
      risk:
        'MCP servers hold the keys of the services they wrap and, over HTTP, receive bearer tokens on every request. Logs travel further than the process: stdio servers write them to files the client keeps (Claude Desktop keeps one per server), hosted servers ship them to log platforms, and MCP log notifications (`ctx.info`, `sendLoggingMessage`) go to the client and can land in the model\'s context. The MCP logging specification says log messages MUST NOT contain credentials or secrets. A token in a log line is a token anyone with log access can replay.',
      detection:
        'Logging calls are Python `logging.*` and logger objects (`logger`, `log`, `self.logger`, `app.logger`… with `debug`/`info`/`warning`/`error`/`exception`/`critical`/`log`), `print`, and MCP context logging (`ctx.info`/`debug`/`warning`/`error`/`log`, `session.send_log_message`); JavaScript/TypeScript `console.*`, logger objects (winston, pino, bunyan style `logger.info`…) and `sendLoggingMessage`; Go `log.Print*`/`Fatal*`/`Panic*`, `slog.*`, `fmt.Print*`/`fmt.Fprint*`, and logger objects (zap, logrus, slog instances) with `Info`/`Infof`/`Infow`/`Debug`/`Warn`/`Error`…. Their arguments are searched, through f-strings, template literals, concatenation, `%`/`.format`/`Sprintf` formatting, `str()`/`JSON.stringify`, dict/object values and zap/slog fields, for: a variable, attribute or object property whose name holds a credential (`password`, `passwd`, `passphrase`, `secret`, `token`, `api_key`/`apiKey`, `authorization`, `access_token`, `refresh_token`, `client_secret`, `private_key`, `cookie`, `credentials`…); a read of a header or environment variable by such a name (`request.headers["Authorization"]`, `headers.get("cookie")`, `os.environ["GITHUB_TOKEN"]`, `os.getenv("API_KEY")`, `process.env.OPENAI_API_KEY`, `os.Getenv("DB_PASSWORD")`, `r.Header.Get("Authorization")`); the whole request headers (`request.headers`, `req.headers`, `r.Header`); and the whole environment (`os.environ`, `dict(os.environ)`, `process.env`, `os.Environ()`). Names that describe a credential rather than hold it do not fire (`token_count`, `max_tokens`, `tokenizer`, `token_url`, `password_length`, `secret_name`, `has_token`, `api_key_env`), nor do values passed through any other call, which is how masking looks (`mask(token)`, `redact(headers)`, `len(password)`, `hash(...)`), slices and prefixes (`token[:4]`, `token.slice(0, 4)`), or properties of a credential (`token.length`, `token.expires_at`). String literals only mention words and never fire, nor does a token the process itself just generated with a CSPRNG and prints for the user to copy into the client (a Jupyter-style launch token: `token = secrets.token_urlsafe(32)`, `randomBytes(32).toString("hex")`, `rand.Text()`). Test files are skipped.',
      fix:
        'Log that a credential was used, never its value: log its source (`"token from GITHUB_TOKEN"`), a short fingerprint (`sha256(token)[:8]`) or a masked prefix. Log only the headers you need, by name, and leave out `Authorization`, `Cookie` and API-key headers; never log the whole environment. Add a redaction filter to the logger (`logging.Filter`, pino `redact`, a zap/slog `ReplaceAttr` hook) as a safety net.',
      references: [
        { title: 'MCP specification: logging, security', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging#security' },
        { title: 'CWE-532: Insertion of Sensitive Information into Log File', url: 'https://cwe.mitre.org/data/definitions/532.html' },
        { title: 'OWASP Logging Cheat Sheet: data to exclude', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /log|print|console|Print|Info|Warn|Error|Debug|info|warn|error|debug|Fatal|Panic|Fprint/,
    detect(ctx) {
      if (TEST_PATH.test(ctx.path)) return [];
      const out: RawFinding[] = [];
      for (const call of ctx.calls()) {
        const sink = loggingSink(call, ctx);
        if (!sink) continue;
        const what = loggedCredential(call, ctx);
        if (what) out.push({ span: nodeSpan(call.node), data: { sink, what } });
      }
      return out;
    },
  },
});

/** The logging API this call is, or undefined. */
function loggingSink(call: CallSite, ctx: FileContext): string | undefined {
  const lang = ctx.codeLanguage!;
  const name = call.name ?? '';
  if (lang === 'python') {
    if (name === 'print' && !ctx.imports().has('print')) return 'print';
  } else if (lang === 'go') {
    if (/^(?:log\.|log\/slog\.)\w+$/.test(name)) return GO_LEVEL.test(name.slice(name.lastIndexOf('.') + 1)) ? name : undefined;
    if (/^fmt\.(?:Print|Println|Printf)$/.test(name)) return name;
    if (/^fmt\.(?:Fprint|Fprintln|Fprintf)$/.test(name) && /^os\.(?:Stderr|Stdout)$/.test(call.args[0]?.text ?? '')) return name;
  } else if (name === 'process.stderr.write' || name === 'process.stdout.write') return name;
  // Every logging method has one of a few names: other calls are dismissed before their callee is read.
  const method = calleeMemberOf(call) ?? '';
  if (lang === 'python' ? !PY_SINK_METHODS.has(method) : lang === 'go' ? !GO_LEVEL.test(method) : method !== 'sendLoggingMessage' && !JS_LEVELS.has(method)) return undefined;
  const callee = call.callee;
  const objectField = lang === 'python' ? 'object' : lang === 'go' ? 'operand' : 'object';
  if (!['attribute', 'member_expression', 'selector_expression'].includes(callee.type)) return undefined;
  const receiver = callee.childForFieldName(objectField);
  if (!receiver) return undefined;
  const receiverName = lastName(receiver, lang);
  const shown = `${receiverName ?? receiver.text.slice(0, 30)}.${method}`;
  if (lang === 'python') {
    if (MCP_CONTEXT.test(receiverName ?? '') && MCP_LOG_METHODS.has(method) && ctx.inventory) return shown;
    if (method === 'send_log_message') return shown;
    if (!PY_LEVELS.has(method)) return undefined;
    if (receiverName && LOGGER_RECEIVER.test(receiverName)) return shown;
    // `logging.getLogger(__name__).info(...)`
    if (receiver.type === 'call' && calleeName(receiver.childForFieldName('function')!, ctx.imports(), lang) === 'logging.getLogger') return 'logging.getLogger().' + method;
    return undefined;
  }
  if (lang === 'go') {
    if (!GO_LEVEL.test(method)) return undefined;
    if (receiverName && (LOGGER_RECEIVER.test(receiverName) || /^(?:l|s\.logger|logger)$/.test(receiverName))) return shown;
    if (receiver.type === 'call_expression' && /^go\.uber\.org\/zap\.[LS]$/.test(calleeName(receiver.childForFieldName('function')!, ctx.imports(), lang) ?? '')) return `zap.${method}`;
    return undefined;
  }
  if (method === 'sendLoggingMessage') return shown;
  if (JS_LEVELS.has(method) && receiverName && LOGGER_RECEIVER.test(receiverName)) return shown;
  return undefined;
}

/** The last name of a receiver chain (`self.logger` → `logger`, `app.log` → `log`). */
function lastName(n: Node, lang: CodeLanguage): string | undefined {
  const parts = dottedParts(n, lang);
  return parts ? parts[parts.length - 1] : undefined;
}

/** Describes the first credential among the logged values, or undefined. */
function loggedCredential(call: CallSite, ctx: FileContext): string | undefined {
  const lang = ctx.codeLanguage!;
  const roots: Node[] = [...call.args];
  if (lang === 'python') {
    const extra = call.kwargs.get('extra');
    if (extra) roots.push(extra);
  }
  // Explicit stack over the argument subtrees; only value-carrying constructs are descended.
  const stack = roots.reverse();
  let budget = MAX_NODES;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop()!;
    const found = credentialLeaf(n, ctx);
    if (found) return found;
    for (const child of valueChildren(n, ctx).reverse()) stack.push(child);
  }
  return undefined;
}

/** Children of a node whose values reach the log text unchanged. */
function valueChildren(n: Node, ctx: FileContext): Node[] {
  const lang = ctx.codeLanguage!;
  const named = (x: Node) => x.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  switch (n.type) {
    case 'binary_operator':
    case 'binary_expression':
    case 'boolean_operator': {
      // Concatenation, `%` formatting and `a || b` carry a value; comparisons (`token != ""`) only carry a boolean.
      const op = n.childForFieldName('operator')?.text ?? n.children.find((c) => c && !c.isNamed)?.text;
      return op === '+' || op === '%' || op === '||' || op === '??' || op === 'or' ? named(n) : [];
    }
    case 'parenthesized_expression':
    case 'concatenated_string':
    case 'tuple':
    case 'list':
    case 'array':
    case 'expression_list':
    case 'await':
    case 'await_expression':
    case 'as_expression':
    case 'non_null_expression':
    case 'spread_element':
    case 'template_substitution':
    case 'literal_value':
    case 'literal_element':
    case 'keyed_element':
      return named(n);
    case 'string':
      return lang === 'python' ? named(n).filter((c) => c.type === 'interpolation') : [];
    case 'interpolation': {
      const e = n.childForFieldName('expression') ?? n.namedChildren[0];
      return e ? [e] : [];
    }
    case 'template_string':
      return named(n).filter((c) => c.type === 'template_substitution');
    case 'dictionary':
    case 'object':
      return named(n).flatMap((p) => (p.type === 'pair' ? [p.childForFieldName('value')].filter((v): v is Node => !!v) : p.type === 'shorthand_property_identifier' || p.type === 'spread_element' || p.type === 'dictionary_splat' ? [p] : []));
    case 'dictionary_splat':
      return named(n);
    case 'keyword_argument': {
      const v = n.childForFieldName('value');
      return v ? [v] : [];
    }
    case 'conditional_expression':
      // `a if cond else b`: both branches can be logged, the condition cannot.
      return named(n).filter((_, i) => i !== 1);
    case 'ternary_expression':
      return [n.childForFieldName('consequence'), n.childForFieldName('alternative')].filter((v): v is Node => !!v);
    case 'composite_literal': {
      const body = n.childForFieldName('body');
      return body ? [body] : [];
    }
    case 'unary_expression':
      return n.childForFieldName('operator')?.text === '&' || n.child(0)?.text === '&' ? named(n) : [];
    case 'call':
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const name = fn ? calleeName(fn, ctx.imports(), lang) : undefined;
      const args = named(n.childForFieldName('arguments') ?? n).filter((a) => a !== fn);
      if (name && (PASS_THROUGH.has(name) || FIELD_CONSTRUCTOR.test(name))) return args;
      // `"token=%s".format(token)`, `"…{}".format(t)`
      if (fn && /\.format$/.test(fn.text) && (fn.childForFieldName('object')?.type === 'string')) return args;
      return [];
    }
    default:
      return [];
  }
}

/** What credential this node is, when it is one. */
function credentialLeaf(n: Node, ctx: FileContext): string | undefined {
  const lang = ctx.codeLanguage!;
  switch (n.type) {
    case 'identifier':
    case 'shorthand_property_identifier':
      return isCredentialName(n.text) && !mintedHere(n.text, ctx) ? `\`${n.text}\`` : undefined;
    case 'attribute':
    case 'member_expression':
    case 'selector_expression': {
      const parts = dottedParts(n, lang);
      if (!parts) return undefined;
      const canonical = calleeName(n, ctx.imports(), lang) ?? parts.join('.');
      if (isWholeEnvironment(canonical)) return 'the whole environment';
      if (isRequestHeaders(parts)) return 'the whole request headers';
      // `process.env.GITHUB_TOKEN`, `os.environ.X` never is; `config.api_key`, `self.token`, `creds.password`.
      const last = parts[parts.length - 1]!;
      if (canonical.startsWith('process.env.')) return isCredentialName(last) ? `environment variable ${last}` : undefined;
      return isCredentialName(last) ? `\`${parts.join('.')}\`` : undefined;
    }
    case 'subscript':
    case 'subscript_expression':
    case 'index_expression': {
      const obj = n.childForFieldName(lang === 'python' ? 'value' : lang === 'go' ? 'operand' : 'object');
      const idx = n.childForFieldName(lang === 'python' ? 'subscript' : 'index');
      const key = idx ? decodeString(idx, lang) : undefined;
      if (!obj || !key?.complete) return undefined;
      return namedRead(obj, key.value, ctx);
    }
    case 'call':
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      if (!fn) return undefined;
      const name = calleeName(fn, ctx.imports(), lang) ?? '';
      if (name === 'os.Environ' || name === 'os.environ.copy' || name === 'dict' && isWholeEnvironment(argText(n, ctx))) return 'the whole environment';
      if (name === 'Object.entries' || name === 'Object.keys') return isWholeEnvironment(argText(n, ctx)) && name === 'Object.entries' ? 'the whole environment' : undefined;
      const method = fn.type === 'identifier' ? fn.text : fn.childForFieldName(lang === 'python' ? 'attribute' : lang === 'go' ? 'field' : 'property')?.text;
      if (!method || !NAMED_READ_METHODS.has(method)) return undefined;
      const first = n.childForFieldName('arguments')?.namedChildren.find((a) => a && a.type !== 'comment');
      const key = first ? decodeString(first, lang) : undefined;
      if (!key?.complete) return undefined;
      if (name === 'os.getenv' || name === 'os.Getenv' || name === 'os.LookupEnv' || name === 'os.getenvb') return isCredentialName(key.value) ? `environment variable ${key.value}` : undefined;
      const obj = fn.childForFieldName(lang === 'python' ? 'object' : lang === 'go' ? 'operand' : 'object');
      return obj ? namedRead(obj, key.value, ctx) : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A token this process just generated with a CSPRNG (`secrets.token_urlsafe()`, `randomBytes(32)`, `rand.Text()`):
 * printing it is how a Jupyter-style launch token reaches the user who must paste it into the client.
 */
function mintedHere(name: string, ctx: FileContext): boolean {
  const values = ctx.assignments().get(name);
  return values?.length === 1 && MINTED.test(values[0]!.text);
}

/** `X["key"]` or `X.get("key")`: an environment variable, a header, or any mapping entry named like a credential. */
function namedRead(obj: Node, key: string, ctx: FileContext): string | undefined {
  if (!isCredentialName(key) && !/^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-auth-token)$/i.test(key)) return undefined;
  const lang = ctx.codeLanguage!;
  const parts = dottedParts(obj, lang);
  const canonical = parts ? calleeName(obj, ctx.imports(), lang) ?? parts.join('.') : '';
  if (isWholeEnvironment(canonical)) return `environment variable ${key}`;
  if (parts && (isRequestHeaders(parts) || /^headers?$/i.test(parts[parts.length - 1]!))) return `the ${key} header`;
  return `\`${key}\``;
}

function argText(call: Node, ctx: FileContext): string {
  const first = call.childForFieldName('arguments')?.namedChildren[0];
  if (!first) return '';
  const parts = dottedParts(first, ctx.codeLanguage!);
  return parts ? calleeName(first, ctx.imports(), ctx.codeLanguage!) ?? parts.join('.') : '';
}

function isWholeEnvironment(canonical: string): boolean {
  return canonical === 'os.environ' || canonical === 'process.env';
}

/** `request.headers`, `req.headers`, `ctx.request.headers`, Go `r.Header`. */
function isRequestHeaders(parts: string[]): boolean {
  const last = parts[parts.length - 1];
  const owner = parts[parts.length - 2];
  if (!owner || (last !== 'headers' && last !== 'Header')) return false;
  return REQUEST_OBJECT.test(owner) || nameWords(owner).includes('request');
}
