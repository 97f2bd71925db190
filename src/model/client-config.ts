// MCP client configuration files (Claude Desktop, Cursor, VS Code, Codex…) as parsed data: servers, values, variables.
import type { Location } from './location.js';

/** The host application a config file belongs to; `generic` is an `mcpServers` file of no known client. */
export const CLIENT_IDS = [
  'claude-desktop',
  'claude-code',
  'cursor',
  'vscode',
  'windsurf',
  'gemini-cli',
  'cline',
  'roo-code',
  'codex',
  'generic',
] as const;
export type ClientId = (typeof CLIENT_IDS)[number];

export const CLIENT_NAMES: Record<ClientId, string> = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  vscode: 'VS Code',
  windsurf: 'Windsurf',
  'gemini-cli': 'Gemini CLI',
  cline: 'Cline',
  'roo-code': 'Roo Code',
  codex: 'Codex',
  generic: 'MCP client',
};

export type ConfigFormat = 'json' | 'jsonc' | 'toml';

/**
 * A variable reference inside a config value. The host substitutes it when it starts the server; mcpvet never
 * expands it. `input`: `${input:id}` (VS Code prompts for it); `env`: `${env:NAME}` (VS Code, Cursor, Windsurf);
 * `braced`: `${NAME}` / `${NAME:-default}` (Claude Code, Gemini CLI); `bare`: `$NAME` (Gemini CLI);
 * `opencode`: `{env:NAME}`; `host`: `${workspaceFolder}`, `${userHome}` and other host-defined paths.
 */
export interface VariableRef {
  syntax: 'input' | 'env' | 'braced' | 'bare' | 'opencode' | 'host';
  name: string;
  /** The reference as written, e.g. `${input:github_token}`. */
  raw: string;
}

/** One string value of a config, where it is written, and the variables it refers to. */
export interface ConfigValue {
  value: string;
  /** The value itself (for JSON, inside the quotes). */
  location: Location;
  /** The key it is stored under (`env` entries, `headers`), when there is one. */
  key?: string;
  keyLocation?: Location;
  variables: VariableRef[];
  /**
   * True when the whole secret-bearing part comes from the host: the value is only variable references (plus
   * a scheme such as `Bearer `), or the client reads the value as the name of an environment variable
   * (Codex `bearer_token_env_var`, `env_vars`, `env_http_headers`).
   */
  hostSupplied: boolean;
}

export type ServerTransport = 'stdio' | 'http' | 'sse';

/** How a stdio server is started, read from `command` and `args`. */
export interface LaunchSpec {
  /**
   * `npx`, `bunx`, `pnpm-dlx`, `yarn-dlx`, `npm-exec`: npm package runners; `uvx`, `pipx`, `uv-run`: Python runners;
   * `docker`/`podman`: container runs; `shell`: `sh -c` and friends; `interpreter`: node/python/deno running a file or
   * inline code; `binary`: anything else.
   */
  runner: 'npx' | 'bunx' | 'pnpm-dlx' | 'yarn-dlx' | 'npm-exec' | 'uvx' | 'pipx' | 'uv-run' | 'docker' | 'podman' | 'shell' | 'interpreter' | 'binary';
  /** The program as written in `command` (or the first word of a whole command line). */
  program: string;
  /** The package or image the runner fetches, when there is one. */
  package?: LaunchPackage;
  /** Inline script of a shell or interpreter (`sh -c "…"`, `node -e "…"`). */
  script?: ConfigValue;
  /** `-y`/`--yes` given to an npm runner: installs without asking. */
  autoInstall?: boolean;
}

export interface LaunchPackage {
  ecosystem: 'npm' | 'pypi' | 'docker';
  name: string;
  /** Version, tag or range as written (`1.2.3`, `latest`, `^1.2`); image tag for docker. */
  version?: string;
  /** Docker image digest (`sha256:…`). */
  digest?: string;
  /** True for an exact version (npm/PyPI) or a digest (docker). */
  pinned: boolean;
  /** The argument that names it, for locating findings. */
  at: ConfigValue;
}

export interface ConfiguredServer {
  /** The key the server is configured under. */
  name: string;
  /** Where the server's key (or Codex table header) is. */
  location: Location;
  transport: ServerTransport;
  command?: ConfigValue;
  args: ConfigValue[];
  env: Record<string, ConfigValue>;
  url?: ConfigValue;
  headers: Record<string, ConfigValue>;
  cwd?: ConfigValue;
  disabled?: boolean;
  /** Claude Code `~/.claude.json` per-project servers: the project folder they apply to. */
  project?: string;
  /**
   * Tool names the config itself names for this server: allow lists (Gemini `includeTools`, Codex `enabled_tools`)
   * and auto-approval lists (Cline `autoApprove`, Roo `alwaysAllow`).
   */
  declaredTools: ConfigValue[];
  launch?: LaunchSpec;
}

export interface ClientConfigProblem {
  message: string;
  line?: number;
  column?: number;
  /** `error`: part of the file was not read; `warning`: read, but the client may reject or misread it. */
  level: 'error' | 'warning';
}

export interface ClientConfigFile {
  /** Scan-relative path, `/` separators. */
  path: string;
  client: ClientId;
  format: ConfigFormat;
  servers: ConfiguredServer[];
  /** VS Code `inputs`: ids of values the host prompts for, and whether they are masked (`password: true`). */
  inputs: { id: string; password: boolean }[];
  errors: ClientConfigProblem[];
}

/**
 * What scanning a configured server's package found, for the rules that compare servers (duplicate tool names,
 * toxic combinations). Filled by `--resolve`; tools named by the config itself are used without it.
 */
export interface ResolvedServer {
  /** Config file path and server name, as in `ClientConfigFile`. */
  configPath: string;
  server: string;
  /** What was scanned, e.g. `npm:@scope/pkg@1.2.3`. */
  source: string;
  tools: ResolvedTool[];
}

export interface ResolvedTool {
  name: string;
  description?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  openWorldHint?: boolean;
  /** Kinds of effect seen in the handler (`network`, `file-read`, `exec`…) when the scan computed them. */
  effects?: string[];
}
