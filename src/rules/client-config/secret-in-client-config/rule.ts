// MV8001: an MCP client config holds a credential as literal text in a server's env, headers, arguments or URL.
import type { ClientConfigFile, ConfigValue, ConfiguredServer } from '../../../model/client-config.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { isCredentialName } from '../../secrets/credential-words.js';
import { activeServers, literalSecret, mask, parseUrl, referenceHint, serverLabel, spanOf } from '../config-helpers.js';

/** `--api-key=…`, `--token …`, `-p …` are credential flags when their name is a credential word. */
const FLAG = /^--?([A-Za-z][\w-]{0,60})(?:=(.*))?$/s;

export default defineRule({
  meta: {
    id: 'MV8001',
    slug: 'secret-in-client-config',
    title: 'Credential written inline in an MCP client config',
    category: 'client-config',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-798', 'CWE-312'],
    owaspMcp: ['MCP01'],
    aliases: [],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    supersedes: ['MV3001'],
    message: '{where} of {server} holds a literal credential ({masked}); let the host supply it instead: {hint}',
    docs: {
      summary:
        'A server entry in an MCP client config (`claude_desktop_config.json`, `.cursor/mcp.json`, `.vscode/mcp.json`, `.mcp.json`, Codex `config.toml`…) carries an API key, token or password as plain text: in its `env` block, an HTTP header, a command-line flag such as `--api-key=…`, or a URL with `user:password@`.',
      risk:
        'Client configs are copied between machines, pasted into issues and chat, synced by dotfile managers and backup tools, and — for project configs such as `.mcp.json` or `.vscode/mcp.json` — committed to repositories. Every copy of the file is a copy of the key. Keys given to MCP servers are usually broad (a GitHub token with repo scope, a database password, a cloud API key), and a key in `args` or a URL also shows up in process listings and logs of the client.',
      detection:
        'Parses the config (JSON, JSONC or TOML, per client) and checks every server, enabled or not: `env` entries and HTTP headers whose name is a credential name (`GITHUB_PERSONAL_ACCESS_TOKEN`, `API_KEY`, `Authorization`, `X-Api-Key`…), arguments that follow or embed a credential flag (`--api-key`, `--token=…`, `--password`), and URLs in `url` or `args` with a password in their user-info part. The value must be literal text of at least eight characters without spaces, with two character classes and some randomness; placeholders (`your-key`, `<token>`, `xxxx`, `changeme`), variable names and paths are not reported. Values that come from the host are never reported: `${input:id}` (VS Code prompts for it), `${env:NAME}` (VS Code, Cursor, Windsurf), `${NAME}` (Claude Code, Gemini CLI), `$NAME`, `{env:NAME}`, and Codex `env_vars`, `bearer_token_env_var` and `env_http_headers`, which name variables rather than hold values. Where this rule reports a line, the generic hard-coded secret rule (MV3001) is not reported again.',
      fix:
        'Revoke the key, then reference it instead of writing it: VS Code `"${input:github_token}"` with an `inputs` entry of `"password": true`; Cursor and Windsurf `"${env:GITHUB_TOKEN}"`; Claude Code and Gemini CLI `"${GITHUB_TOKEN}"`; Codex `env_vars = ["GITHUB_TOKEN"]`, `bearer_token_env_var` or `env_http_headers`. Clients without expansion (Claude Desktop) can start the server through a small wrapper that reads the key from the OS keychain. Keep project configs free of secrets before committing them.',
      references: [
        { title: 'VS Code: MCP configuration reference (input variables)', url: 'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration' },
        { title: 'Claude Code: environment variable expansion in .mcp.json', url: 'https://code.claude.com/docs/en/mcp' },
        { title: 'Trail of Bits: insecure credential storage plagues MCP', url: 'https://blog.trailofbits.com/2025/04/30/insecure-credential-storage-plagues-mcp/' },
        { title: 'CWE-798: Use of Hard-coded Credentials', url: 'https://cwe.mitre.org/data/definitions/798.html' },
      ],
    },
  },
  file: {
    languages: ['json', 'toml'],
    requires: /mcp|servers/i,
    detect(ctx) {
      const config = ctx.clientConfig;
      if (!config) return [];
      const out: RawFinding[] = [];
      // Disabled entries too: a key in the file leaks whether or not the client starts the server.
      for (const s of config.servers) {
        for (const [name, v] of Object.entries(s.env)) if (isCredentialName(name)) report(out, config, s, `env ${name}`, name, v);
        for (const [name, v] of Object.entries(s.headers)) if (isCredentialHeader(name)) report(out, config, s, `header ${name}`, envNameFor(name), v);
        argSecrets(out, config, s);
        if (s.url) urlPassword(out, config, s, 'url', s.url);
      }
      return out;
    },
  },
});

function report(out: RawFinding[], config: ClientConfigFile, s: ConfiguredServer, where: string, envName: string, v: ConfigValue, secret = literalSecret(v)): void {
  if (!secret) return;
  out.push({
    span: spanOf(v.location),
    data: { where, server: serverLabel(s), masked: mask(secret), hint: referenceHint(config.client, envName) },
    redact: [secret, v.value],
  });
}

function isCredentialHeader(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'authorization' || n === 'proxy-authorization' || n === 'cookie' || isCredentialName(name);
}

/** `X-Api-Key` → `X_API_KEY`, for the hint. */
function envNameFor(header: string): string {
  const n = header.toLowerCase() === 'authorization' ? 'API_TOKEN' : header;
  return n.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function argSecrets(out: RawFinding[], config: ClientConfigFile, s: ConfiguredServer): void {
  const args = s.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = FLAG.exec(a.value);
    if (m) {
      const flag = m[1]!;
      if (!isCredentialName(flag)) continue;
      if (m[2] !== undefined) {
        const glued: ConfigValue = { ...a, value: m[2] };
        report(out, config, s, `argument --${flag}`, flag, a, literalSecret(glued));
      } else if (args[i + 1] && !args[i + 1]!.value.startsWith('-')) {
        report(out, config, s, `argument ${a.value}`, flag, args[i + 1]!);
        i++;
      }
      continue;
    }
    urlPassword(out, config, s, `argument ${i + 1}`, a);
  }
}

/** `postgresql://user:secret@host/db`, `https://user:token@host/mcp`: a password in the URL's user-info part. */
function urlPassword(out: RawFinding[], config: ClientConfigFile, s: ConfiguredServer, where: string, v: ConfigValue): void {
  if (!v.value.includes('@')) return;
  const url = parseUrl(v.value);
  if (!url?.password) return;
  const password = decodeURIComponent(url.password);
  const literal = literalSecret({ ...v, value: password, variables: v.variables.filter((r) => password.includes(r.raw)), hostSupplied: false });
  // A short password still counts here: the URL shape leaves no doubt about what it is.
  const secret = literal ?? (password.length >= 4 && !/^\$|^\{|^<|^x+$|^\*+$|password|changeme|secret$/i.test(password) ? password : undefined);
  if (!secret) return;
  out.push({
    span: spanOf(v.location),
    data: { where: `${where} (password in the URL)`, server: serverLabel(s), masked: mask(secret), hint: referenceHint(config.client, 'DATABASE_URL') },
    redact: [secret, url.password],
  });
}
