// MV3101 (MCPSafe MCP-202): a secret read from the environment reaches a tool's result, a log line or data sent out.
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { flowFinding } from '../../../rule/taint-findings.js';
import { dedupe, linesAt, locKey, secretEnv, siteOfFlow, textAt, toolSites, type ToolSite } from '../../network/tool-flow-facts.js';

const SINKS = new Set(['tool-output', 'prompt-output', 'log', 'outbound-data']);

/** Helpers that hide most of a value: masking, redaction, hashing, previews. */
const REDACTING_NAME = /mask|redact|obfuscat|censor|anonymi|hash|digest|fingerprint|preview|truncat/i;
/** Code that keeps only a few characters of a value or hashes it. */
const REDACTING_CODE =
  /\b(?:mask|redact|obfuscate|censor)\w{0,30}\s*\(|\[\s*:\s*-?\d{1,2}\s*\]|\[\s*-\d{1,2}\s*:\s*\]|\[len\(\w{1,40}\)\s*-\s*\d{1,2}\s*:\s*\]|\.slice\(\s*-?\d{1,2}\s*[,)]|\.substring\(\s*\d|\.substr\(|hexdigest\(|\.digest\(|hashlib\.|createHash\(|sha256\.Sum256|\*\*\*/;
/**
 * A request that uses the secret as the credential it is (a header, an `auth=` argument, an API-key or token field):
 * that is what the secret is for, not an exposure.
 */
const CREDENTIAL_USE =
  /\bheaders?\s*[=:]|["']headers["']|Authorization|\bauth\s*=|Bearer|X-[\w-]{0,30}(?:Key|Token)\b|["'](?:api[_-]?key|apikey|access_?token|token|key|password|secret|client_secret)["']\s*:|\b(?:api_key|apikey|access_token|token|key|password)\s*=\s*[A-Za-z_]|\b(?:api_?key|apiKey|apikey|access_?token|accessToken|token|password|client_?secret|clientSecret)\s*:\s*[A-Za-z_$]|SetBasicAuth|basic_auth/i;

export default defineRule({
  meta: {
    id: 'MV3101',
    slug: 'secret-exposure',
    title: 'Secret from the environment reaches tool output, logs or an outbound request',
    category: 'secrets',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-200', 'CWE-532', 'CWE-201'],
    owaspMcp: ['MCP01', 'MCP10'],
    aliases: ['MCP-202'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    supersedes: ['MV3004'],
    message: '{source} reaches {api} in {sink}{via}{broken}',
    docs: {
      summary:
        'A credential the server reads from its environment — an API key, token, password or database URL, or the whole environment — is returned to the model as part of a tool result, written to a log, or put into the body of a request or message sent elsewhere.',
      risk:
        'An MCP server usually runs with the user\'s own credentials in its environment (GitHub tokens, cloud keys, database URLs), because that is how clients such as Claude Desktop or Cursor pass configuration to local servers. Anything a tool returns lands in the model\'s context, where a prompt injection in a web page, issue or file can ask the model to repeat it in a message, a URL or another tool call; from there the secret reaches the attacker. Logs of MCP servers are kept by the client (and sent to the client through MCP logging notifications), and data sent in a request body goes to whoever runs that endpoint. A secret that should only ever authenticate the server to one API ends up readable by the model, the log reader or a third party.',
      detection:
        'Deep mode. Sources: `env-secret` reads whose key names a credential — Python `os.environ["K"]`, `os.environ.get("K")`, `os.getenv("K")`, `decouple.config("K")`, `keyring.get_password(…)`; TypeScript `process.env.K`, `process.env["K"]`, `const { K } = process.env`, `import.meta.env.K`; Go `os.Getenv("K")`, `os.LookupEnv("K")`, `viper.GetString("k")` — where the key contains a credential word (`TOKEN`, `SECRET`, `PASSWORD`, `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `COOKIE`, `CREDENTIAL`…, but not `TOKEN_URL`, `SECRET_NAME`, `MAX_TOKENS`) or is a connection string (`DATABASE_URL`, `*_DSN`), and reads of the whole environment (`dict(os.environ)`, `os.Environ()`, `process.env` passed as a whole, `dotenv_values()`). Sinks: `tool-output` and `prompt-output` (what a tool or prompt handler returns), `log` (Python `logging`/logger methods, `print`; Node `console.*`, logger methods, `sendLoggingMessage`; Go `log.Printf`, `slog`, logger methods) and `outbound-data` (request bodies, query parameters and headers: `requests`/`httpx` `json=`/`data=`/`params=`, `fetch(…, { body })`, axios bodies, `sendMail`, Slack `chat.postMessage`, Go `http.NewRequest` bodies, `smtp.SendMail`). The flow may cross functions and files. It stays quiet when the value is masked, hashed or cut down first (`mask(…)`, `token[:4]`, `.slice(-4)`, `hashlib`, `createHash`, helpers named `redact`/`mask`/`fingerprint`), and for `outbound-data` when the secret is used as the credential it is — in headers, an `auth=` argument, a `token`/`key`/`api_key` field or an `Authorization`/`Bearer` value. The key must be a literal: `os.environ[name]` with a computed name is not judged. Secrets read into module-level variables (`TOKEN = os.environ["TOKEN"]` at the top of the file) are followed into the handlers of that file, and tools without parameters are analysed too. Limits: a secret held only inside a client object built at import time (`OpenAI(api_key=…)`) is treated as used as a credential, not followed through the object\'s methods.',
      fix:
        'Never return, log or forward a credential. Report whether a key is configured (`"configured" if os.environ.get("API_KEY") else "missing"`), or at most a short fingerprint (last four characters, a hash prefix). Pass secrets only to the client library or header that needs them (`Authorization: Bearer …`), keep them out of exception messages that reach the result, and for logging use a redacting filter. Prefer scoped, short-lived tokens so that a leaked value is worth less.',
      references: [
        { title: 'MCP specification 2025-11-25: Security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'OWASP MCP Top 10: MCP01 Token Mismanagement & Secret Exposure', url: 'https://owasp.org/www-project-mcp-top-10/' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
        { title: 'CWE-532: Insertion of Sensitive Information into Log File', url: 'https://cwe.mitre.org/data/definitions/532.html' },
        { title: 'OWASP Secrets Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const sites = toolSites(ctx);
      const out: RawFinding[] = [];
      const flows = ctx.flows().filter((f) => f.source.kind === 'env-secret' && SINKS.has(f.sink.kind));
      for (const flow of dedupe(flows, (f) => `${f.sink.kind}\0${locKey(f.sink.location)}\0${locKey(f.source.location)}`)) {
        const secret = secretEnv(ctx, flow.source);
        if (!secret) continue;
        const site = siteOfFlow(sites, flow);
        if (redacted(ctx, flow, site)) continue;
        if (flow.sink.kind === 'outbound-data' && secret.keys.length > 0 && usedAsCredential(ctx, flow)) continue;
        // Broken path checks say nothing about a secret: leave them out of the message.
        const f = flowFinding(flow, { source: secret.label, broken: '' });
        f.related = undefined;
        if (site && !f.tool) f.tool = site.tool.name;
        if (flow.sink.kind === 'outbound-data') f.confidence = 'medium';
        out.push(f);
      }
      return out;
    },
  },
});

/** The steps of a flow (without the final sink step, which may be a whole handler), as source text. */
function stepTexts(ctx: ProjectContext, flow: TaintFlow): string[] {
  return flow.steps.slice(0, -1).map((s) => linesAt(ctx, s.location, 6));
}

function redacted(ctx: ProjectContext, flow: TaintFlow, site: ToolSite | undefined): boolean {
  if (flow.via.some((v) => REDACTING_NAME.test(v.name))) return true;
  const texts = stepTexts(ctx, flow);
  // A handler's result is the whole handler: the return statement is not a step, so look at the handler's code.
  if ((flow.sink.kind === 'tool-output' || flow.sink.kind === 'prompt-output') && site) texts.push(textAt(ctx, site.handler.location, 200));
  else texts.push(linesAt(ctx, flow.sink.location, 6));
  return texts.some((t) => REDACTING_CODE.test(t));
}

function usedAsCredential(ctx: ProjectContext, flow: TaintFlow): boolean {
  if (flow.sink.context && /(?:bearer|token|basic|key|auth|authorization|password|secret)\s*[=: ]\s*$/i.test(flow.sink.context)) return true;
  // The line that reads the secret says nothing about its use (`api_key = os.environ[…]`): skip steps on it.
  const srcLine = flow.source.location.startLine;
  const texts = flow.steps
    .slice(1, -1)
    .filter((s) => s.location.path !== flow.source.location.path || s.location.startLine !== srcLine)
    .map((s) => linesAt(ctx, s.location, 6));
  texts.push(linesAt(ctx, flow.sink.location, 8));
  return texts.some((t) => CREDENTIAL_USE.test(t));
}
