// MV8003: a remote MCP server is reached over plain HTTP off the machine, or with a token in its URL's query string.
import type { ConfigValue, ConfiguredServer } from '../../../model/client-config.js';
import type { Confidence, Severity } from '../../../model/severity.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { isCredentialName } from '../../secrets/credential-words.js';
import { activeServers, isLoopbackHost, parseUrl, serverLabel, spanOf } from '../config-helpers.js';

/** Query parameter names that carry credentials, besides the general credential words. */
const TOKEN_PARAMS = new Set(['key', 'apikey', 'api_key', 'token', 'access_token', 'auth', 'sig', 'signature', 'code', 'jwt', 'session', 'sessionid', 'session_id', 'client_secret']);
/** Local bridges that connect a stdio-only client to a remote URL given in their arguments. */
const BRIDGES = new Set(['mcp-remote', 'supergateway', 'mcp-proxy', '@modelcontextprotocol/inspector']);

export default defineRule({
  meta: {
    id: 'MV8003',
    slug: 'insecure-remote-server-url',
    title: 'Remote MCP server over plain HTTP or with a token in the URL',
    category: 'client-config',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-319', 'CWE-598'],
    owaspMcp: ['MCP01', 'MCP07'],
    aliases: [],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{server} connects to {url} {problem}',
    docs: {
      summary:
        'A remote server entry (`url`, `serverUrl`, `httpUrl`, or the URL handed to a bridge such as `mcp-remote`) uses `http://` to a host other than this machine, or puts a credential in the query string (`?api_key=…`, `?token=…`).',
      risk:
        'Everything the model sends to and receives from a remote MCP server — tool arguments with file contents and secrets, tool results that steer the model, OAuth bearer tokens in headers — crosses the network. Over plain HTTP, anyone on the path (public Wi-Fi, a compromised router, a corporate proxy) can read it and, worse, rewrite tool descriptions and results to inject instructions. A token in the query string is written to server access logs, proxy logs and browser-style history, and travels in `Referer` headers; the MCP authorization rules forbid access tokens in URIs for this reason.',
      detection:
        'For each enabled server with a URL, and each `mcp-remote`, `supergateway` or `mcp-proxy` bridge with a URL argument: `http://` URLs are reported unless the host is loopback (`localhost`, `127.0.0.0/8`, `::1`) or a variable the host fills in. Query parameters are reported when their name is a credential name (`api_key`, `apiKey`, `token`, `access_token`, `key`, `auth`, `sig`…) and their value is not empty; a value supplied through a variable (`?key=${env:KEY}`) is reported at lower confidence, since the credential still ends up in the URL. `mcp-remote … --allow-http` is treated as plain HTTP by intent.',
      fix:
        'Use `https://` for every server that is not on this machine. Send credentials in a header instead of the URL (`"headers": { "Authorization": "Bearer ${env:TOKEN}" }`, Codex `bearer_token_env_var`), or better, let the client run the OAuth flow the server advertises. If a provider only supports query-string keys, treat the URL as a secret: keep it out of committed configs.',
      references: [
        { title: 'MCP specification 2025-11-25: authorization (token handling, HTTPS)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'OWASP: information exposure through query strings in URL', url: 'https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url' },
        { title: 'CWE-319: Cleartext Transmission of Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/319.html' },
        { title: 'CWE-598: Use of GET Request Method With Sensitive Query Strings', url: 'https://cwe.mitre.org/data/definitions/598.html' },
      ],
    },
  },
  file: {
    languages: ['json', 'toml'],
    requires: /http/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const s of activeServers(ctx.clientConfig)) {
        if (s.url) check(out, s, s.url, false);
        const pkg = s.launch?.package;
        if (pkg && BRIDGES.has(pkg.name)) {
          const allowHttp = s.args.some((a) => a.value === '--allow-http');
          for (const a of s.args) if (/^https?:\/\//i.test(a.value)) check(out, s, a, allowHttp);
        }
      }
      return out;
    },
  },
});

function check(out: RawFinding[], s: ConfiguredServer, v: ConfigValue, allowHttp: boolean): void {
  const url = parseUrl(v.value);
  if (!url) return;
  // `http://${HOST}:8080/mcp`: the host is filled in by the client, so where it points is not known here.
  const hostIsVariable = /\$|\{env:/.test(v.value.split('/').slice(0, 3).join('/'));
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !hostIsVariable) {
    push(out, s, v, url, `over plain HTTP${allowHttp ? ' (--allow-http)' : ''}: traffic and tokens can be read and tool results rewritten on the way`, 'high', 'high');
  }
  for (const [name, value] of url.searchParams) {
    if (!value || !(TOKEN_PARAMS.has(name.toLowerCase()) || isCredentialName(name))) continue;
    const viaVariable = /\$\{|\$[A-Za-z_]|\{env:/.test(value);
    push(
      out,
      s,
      v,
      url,
      `with a credential in the query string (${name}=${viaVariable ? 'a value from the host' : '…'}); it is written to server and proxy logs`,
      viaVariable ? 'medium' : 'high',
      viaVariable ? 'medium' : 'high',
    );
    break;
  }
}

function push(out: RawFinding[], s: ConfiguredServer, v: ConfigValue, url: URL, problem: string, severity: Severity, confidence: Confidence): void {
  const shown = `${url.protocol}//${url.host}${url.pathname}`;
  const secrets = [...url.searchParams.values()].filter((x) => x.length >= 6);
  out.push({ span: spanOf(v.location), data: { server: serverLabel(s), url: shown, problem }, severity, confidence, redact: secrets });
}
