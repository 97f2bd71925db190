// Parses MCP client config files (JSON, JSONC, TOML) into servers with a location for every value.
//
// Shapes, as each client documents them:
// - Claude Desktop `claude_desktop_config.json`, Cursor `mcp.json`, Windsurf `mcp_config.json` (`serverUrl`), Cline
//   `cline_mcp_settings.json` (`autoApprove`, `disabled`), Roo `mcp_settings.json` (`alwaysAllow`): root `mcpServers`
//   (modelcontextprotocol.io quickstart; docs.cursor.com/context/model-context-protocol; docs.windsurf.com
//   cascade/mcp; docs.cline.bot/mcp/configuring-mcp-servers).
// - Claude Code: `.mcp.json` root `mcpServers` with `type` stdio|http|sse, `~/.claude.json` root `mcpServers` and
//   `projects.<folder>.mcpServers`; `${VAR}` / `${VAR:-default}` expansion (code.claude.com/docs/en/mcp).
// - VS Code: `mcp.json` root `servers` (`type` stdio|http|sse) and `inputs` (`promptString`, `password`);
//   `settings.json` key `mcp` with `servers`; `${input:id}`, `${env:NAME}` (code.visualstudio.com/docs/copilot/
//   reference/mcp-configuration).
// - Gemini CLI `settings.json`: `mcpServers` with `url` (SSE), `httpUrl` (streamable HTTP), `headers`, `cwd`,
//   `trust`, `includeTools`; `$VAR` / `${VAR}` in values (github.com/google-gemini/gemini-cli docs/tools/mcp-server.md).
// - Codex `config.toml`: `[mcp_servers.<name>]` with `command`, `args`, `env`, `env_vars`, `cwd`, `url`,
//   `bearer_token_env_var`, `http_headers`, `env_http_headers`, `enabled`, `enabled_tools`; no `${VAR}` expansion
//   (developers.openai.com/codex/mcp; openai/codex docs/config.md).
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { ClientConfigFile, ClientConfigProblem, ClientId, ConfigValue, ConfiguredServer, ServerTransport } from '../../model/client-config.js';
import type { Location } from '../../model/location.js';
import { findVariables, onlyReferences } from './config-variables.js';
import { identifyClient, type ClientGuess, type ConfigShape } from './identify-client.js';
import { readLaunch } from './read-launch.js';
import { TomlPositions } from './toml-positions.js';

export interface ParseClientConfigOptions {
  /** The user named this file as a client config: parse it whatever its name, and say so when it holds no servers. */
  force?: boolean;
  /** The client, when the caller knows it (discovery does). */
  client?: ClientId;
}

/** JSON nested deeper than this is not read: the parser recurses, and no client config comes near it. */
const MAX_JSON_DEPTH = 256;
/** At most this many syntax errors are reported per file; the first ones explain the rest. */
const MAX_ERRORS = 5;

/**
 * The parsed config, or undefined when the file is not an MCP client config (by name and, for JSON and TOML files
 * of other names, by content: a root `mcpServers` object or `[mcp_servers]` tables).
 */
export function parseClientConfig(filePath: string, text: string, options: ParseClientConfigOptions = {}): ClientConfigFile | undefined {
  const lower = filePath.toLowerCase();
  const guess = identifyClient(filePath);
  const isToml = lower.endsWith('.toml') || guess?.shape === 'codex';
  if (isToml) {
    if (!guess && !options.force && !/^\s*\[\s*mcp_servers\b|^\s*mcp_servers\s*[.=]/m.test(text)) return undefined;
    return parseCodexToml(filePath, text, options.client ?? guess?.client ?? 'codex');
  }
  if (!guess && !options.force && !text.includes('"mcpServers"')) return undefined;
  return parseJsonConfig(filePath, text, guess, options);
}

// ---- JSON and JSONC -------------------------------------------------------------------------------------------

function parseJsonConfig(filePath: string, text: string, guess: ClientGuess | undefined, options: ParseClientConfigOptions): ClientConfigFile | undefined {
  const lines = new LineIndex(filePath, text);
  const file: ClientConfigFile = { path: filePath, client: options.client ?? guess?.client ?? 'generic', format: 'json', servers: [], inputs: [], errors: [] };
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    file.errors.push({ level: 'error', message: `JSON nested ${depth} levels deep (limit ${MAX_JSON_DEPTH}); not read` });
    return file;
  }
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  } catch (e) {
    file.errors.push({ level: 'error', message: `JSON could not be read: ${(e as Error).message}` });
    return file;
  }
  const seen = new Set<string>();
  for (const e of errors.slice(0, MAX_ERRORS)) {
    const at = lines.position(e.offset);
    const message = `${describeJsonError(e)} at line ${at.line}, column ${at.column}`;
    if (seen.has(message)) continue;
    seen.add(message);
    file.errors.push({ level: 'error', message, line: at.line, column: at.column });
  }
  if (errors.length > MAX_ERRORS) file.errors.push({ level: 'error', message: `${errors.length - MAX_ERRORS} more syntax errors` });
  file.format = lower(filePath).endsWith('.jsonc') || usesJsoncSyntax(text) ? 'jsonc' : 'json';
  if (!root) {
    if (!errors.length) file.errors.push({ level: 'error', message: 'file is empty' });
    return options.force || guess ? file : undefined;
  }
  if (root.type !== 'object') {
    file.errors.push({ level: 'error', message: `the top level is a JSON ${root.type}, not an object` });
    return options.force || guess ? file : undefined;
  }

  const shape: ConfigShape = guess?.shape ?? shapeOf(root, options.force === true);
  if (!guess && !options.client && (shape === 'vscode-mcp' || shape === 'vscode-settings')) file.client = 'vscode';
  if (!guess && !options.client && shape === 'claude-json') file.client = 'claude-code';
  const reader = new JsonServerReader(lines, file.client);
  let found = false;
  const mcpServers = prop(root, 'mcpServers');
  if (shape === 'mcpServers' || shape === 'claude-json') {
    if (mcpServers?.type === 'object') {
      found = true;
      file.servers.push(...reader.servers(mcpServers));
    }
  }
  if (shape === 'claude-json') {
    const projects = prop(root, 'projects');
    for (const p of projects?.type === 'object' ? properties(projects) : []) {
      const servers = p.value.type === 'object' ? prop(p.value, 'mcpServers') : undefined;
      if (servers?.type !== 'object') continue;
      found = true;
      file.servers.push(...reader.servers(servers, p.key));
    }
  }
  if (shape === 'vscode-mcp' || shape === 'vscode-settings') {
    const section = shape === 'vscode-mcp' ? root : prop(root, 'mcp');
    const servers = (section?.type === 'object' ? prop(section, 'servers') : undefined) ?? (shape === 'vscode-settings' ? prop(root, 'mcp.servers') : undefined);
    if (servers?.type === 'object') {
      found = true;
      file.servers.push(...reader.servers(servers));
    }
    const inputs = (section?.type === 'object' ? prop(section, 'inputs') : undefined) ?? (shape === 'vscode-settings' ? prop(root, 'mcp.inputs') : undefined);
    for (const input of inputs?.type === 'array' ? inputs.children ?? [] : []) {
      if (input.type !== 'object') continue;
      const id = prop(input, 'id');
      if (id?.type === 'string') file.inputs.push({ id: String(id.value), password: prop(input, 'password')?.value === true });
    }
    // `mcpServers` in a VS Code file is a frequent copy-paste from other clients; VS Code ignores it.
    if (mcpServers?.type === 'object' && shape === 'vscode-mcp') {
      const at = lines.position(mcpServers.parent?.offset ?? 0);
      file.errors.push({ level: 'warning', message: 'VS Code reads servers from "servers", not "mcpServers"; the servers under "mcpServers" are scanned but VS Code does not start them', line: at.line, column: at.column });
      file.servers.push(...reader.servers(mcpServers));
      found = true;
    }
  }
  if (!found && !guess && !options.force) return undefined;
  if (!found && options.force && !file.errors.length) {
    file.errors.push({ level: 'warning', message: 'no MCP server section found (mcpServers, servers, mcp.servers or [mcp_servers])' });
  }
  return file;
}

/** Reads server entries from a JSON object of `name: { … }` entries. */
class JsonServerReader {
  constructor(
    private readonly lines: LineIndex,
    private readonly client: ClientId,
  ) {}

  servers(obj: Node, project?: string): ConfiguredServer[] {
    const out: ConfiguredServer[] = [];
    for (const { key, keyNode, value } of properties(obj)) {
      if (value.type !== 'object') continue;
      out.push(this.server(key, keyNode, value, project));
    }
    return out;
  }

  private server(name: string, keyNode: Node, entry: Node, project?: string): ConfiguredServer {
    const type = this.string(prop(entry, 'type'))?.value.toLowerCase();
    const httpUrl = this.string(prop(entry, 'httpUrl'));
    const serverUrl = this.string(prop(entry, 'serverUrl'));
    const plainUrl = this.string(prop(entry, 'url'));
    const url = httpUrl ?? serverUrl ?? plainUrl;
    const command = this.string(prop(entry, 'command'));
    const server: ConfiguredServer = {
      name,
      location: this.lines.location(keyNode.offset + 1, keyNode.offset + keyNode.length - 1),
      transport: transportOf(type, { httpUrl: Boolean(httpUrl), serverUrl: Boolean(serverUrl), url: url?.value, command: Boolean(command), client: this.client }),
      args: this.strings(prop(entry, 'args')),
      env: this.map(prop(entry, 'env')),
      headers: this.map(prop(entry, 'headers')),
      declaredTools: [...this.strings(prop(entry, 'includeTools')), ...this.strings(prop(entry, 'autoApprove')), ...this.strings(prop(entry, 'alwaysAllow'))],
    };
    if (command) server.command = command;
    if (url) server.url = url;
    const cwd = this.string(prop(entry, 'cwd'));
    if (cwd) server.cwd = cwd;
    const disabled = prop(entry, 'disabled')?.value;
    const enabled = prop(entry, 'enabled')?.value;
    if (disabled === true || enabled === false) server.disabled = true;
    if (project !== undefined) server.project = project;
    if (server.transport === 'stdio') {
      const launch = readLaunch(command, server.args);
      if (launch) server.launch = launch;
    }
    return server;
  }

  /** A string (numbers and booleans as text: `"PORT": 3000` is passed to the server as "3000"). */
  private string(node: Node | undefined): ConfigValue | undefined {
    if (!node || !['string', 'number', 'boolean'].includes(node.type)) return undefined;
    const quoted = node.type === 'string' ? 1 : 0;
    return configValue(String(node.value), this.lines.location(node.offset + quoted, node.offset + node.length - quoted));
  }

  private strings(node: Node | undefined): ConfigValue[] {
    if (node?.type !== 'array') return [];
    return (node.children ?? []).map((c) => this.string(c)).filter((v): v is ConfigValue => v !== undefined);
  }

  private map(node: Node | undefined): Record<string, ConfigValue> {
    const out: Record<string, ConfigValue> = {};
    if (node?.type !== 'object') return out;
    for (const { key, keyNode, value } of properties(node)) {
      const v = this.string(value);
      if (!v) continue;
      v.key = key;
      v.keyLocation = this.lines.location(keyNode.offset + 1, keyNode.offset + keyNode.length - 1);
      out[key] = v;
    }
    return out;
  }
}

/** The shape of a file whose name says nothing: from its top-level keys (`servers` and `mcp` only when the user named the file). */
function shapeOf(root: Node, forced: boolean): ConfigShape {
  if (prop(root, 'mcpServers')) return prop(root, 'projects') ? 'claude-json' : 'mcpServers';
  if (forced && prop(root, 'servers')?.type === 'object') return 'vscode-mcp';
  if (forced && (prop(root, 'mcp')?.type === 'object' || prop(root, 'mcp.servers'))) return 'vscode-settings';
  if (forced && prop(root, 'projects')) return 'claude-json';
  return 'mcpServers';
}

function transportOf(type: string | undefined, has: { httpUrl: boolean; serverUrl: boolean; url?: string; command: boolean; client: ClientId }): ServerTransport {
  if (type === 'sse') return 'sse';
  if (type === 'http' || type === 'streamable-http' || type === 'streamablehttp' || type === 'streamable_http') return 'http';
  if (type === 'stdio') return 'stdio';
  if (has.httpUrl || has.serverUrl) return 'http';
  if (has.url !== undefined) {
    // Gemini CLI documents `url` as the SSE endpoint and `httpUrl` as streamable HTTP.
    if (has.client === 'gemini-cli') return 'sse';
    return /\/sse\/?(?:[?#]|$)/.test(has.url) ? 'sse' : 'http';
  }
  return 'stdio';
}

function properties(obj: Node): { key: string; keyNode: Node; value: Node }[] {
  const out: { key: string; keyNode: Node; value: Node }[] = [];
  for (const p of obj.children ?? []) {
    const [k, v] = p.children ?? [];
    if (p.type === 'property' && k?.type === 'string' && v) out.push({ key: String(k.value), keyNode: k, value: v });
  }
  return out;
}

function prop(obj: Node, key: string): Node | undefined {
  // The last occurrence wins, as in JSON.parse.
  let found: Node | undefined;
  for (const p of properties(obj)) if (p.key === key) found = p.value;
  return found;
}

function describeJsonError(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Deepest bracket nesting outside strings, counted without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Comments or trailing commas: the file is JSONC, which strict JSON readers reject. */
function usesJsoncSyntax(text: string): boolean {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  } catch {
    return false;
  }
  const lenient: ParseError[] = [];
  parseTree(text, lenient, { allowTrailingComma: true, disallowComments: false });
  return errors.length > lenient.length;
}

function lower(s: string): string {
  return s.toLowerCase();
}

// ---- Codex TOML -----------------------------------------------------------------------------------------------

function parseCodexToml(filePath: string, text: string, client: ClientId): ClientConfigFile {
  const file: ClientConfigFile = { path: filePath, client, format: 'toml', servers: [], inputs: [], errors: [] };
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const problem: ClientConfigProblem = { level: 'error', message: (e as Error).message.split('\n')[0]!.replace(/^Invalid TOML document: /, '') };
    if (e instanceof TomlError) {
      problem.line = e.line;
      problem.column = e.column;
      problem.message += ` at line ${e.line}, column ${e.column}`;
    }
    file.errors.push(problem);
    return file;
  }
  const pos = new TomlPositions(filePath, text);
  const servers = doc.mcp_servers;
  if (!isTable(servers)) return file;
  for (const [name, raw] of Object.entries(servers)) {
    if (!isTable(raw)) continue;
    const base = ['mcp_servers', name];
    const val = (key: string[], value: unknown): ConfigValue | undefined =>
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? configValue(String(value), pos.locate([...base, ...key], String(value))) : undefined;
    const list = (key: string): ConfigValue[] => (Array.isArray(raw[key]) ? (raw[key] as unknown[]).map((v) => val([key], v)).filter((v): v is ConfigValue => v !== undefined) : []);
    const map = (key: string, hostSupplied = false): Record<string, ConfigValue> => {
      const out: Record<string, ConfigValue> = {};
      const table = raw[key];
      if (!isTable(table)) return out;
      for (const [k, v] of Object.entries(table)) {
        const cv = val([key, k], v);
        if (!cv) continue;
        cv.key = k;
        cv.keyLocation = pos.locate([...base, key, k]);
        if (hostSupplied) markEnvName(cv);
        out[k] = cv;
      }
      return out;
    };
    const server: ConfiguredServer = {
      name,
      location: pos.header(base) ?? pos.locate(base),
      transport: typeof raw.url === 'string' ? 'http' : 'stdio',
      args: list('args'),
      env: map('env'),
      // A header named in both tables: the literal one is what matters for secrets, so it wins.
      headers: { ...map('env_http_headers', true), ...map('http_headers') },
      declaredTools: list('enabled_tools'),
    };
    // `env_vars` forwards variables from Codex's own environment by name.
    for (const v of list('env_vars')) {
      v.key = v.value;
      v.keyLocation = v.location;
      markEnvName(v);
      server.env[v.value] = v;
    }
    const token = val(['bearer_token_env_var'], raw.bearer_token_env_var);
    if (token) {
      token.key = 'Authorization';
      token.keyLocation = token.location;
      markEnvName(token);
      server.headers.Authorization = token;
    }
    const command = val(['command'], raw.command);
    if (command) server.command = command;
    const url = val(['url'], raw.url);
    if (url) server.url = url;
    const cwd = val(['cwd'], raw.cwd);
    if (cwd) server.cwd = cwd;
    if (raw.enabled === false) server.disabled = true;
    if (server.transport === 'stdio') {
      const launch = readLaunch(command, server.args);
      if (launch) server.launch = launch;
    }
    file.servers.push(server);
  }
  return file;
}

function isTable(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** The value names an environment variable that the client reads: the credential comes from the host. */
function markEnvName(v: ConfigValue): void {
  v.hostSupplied = true;
  v.variables = [{ syntax: 'env', name: v.value, raw: v.value }];
}

// ---- shared ---------------------------------------------------------------------------------------------------

function configValue(value: string, location: Location): ConfigValue {
  const variables = findVariables(value);
  return { value, location, variables, hostSupplied: onlyReferences(value, variables) };
}

/** Offsets to 1-based lines and columns. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(
    private readonly file: string,
    text: string,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }

  location(start: number, end: number): Location {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { path: this.file, startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }
}
