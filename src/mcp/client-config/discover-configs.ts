// Where each MCP client keeps its config on Linux, macOS and Windows, and which of those files exist.
//
// Paths, as the clients document them: Claude Desktop `~/Library/Application Support/Claude/` and
// `%APPDATA%\Claude\` (modelcontextprotocol.io quickstart; `~/.config/Claude/` is where Linux builds put it);
// Claude Code `~/.claude.json`, `.mcp.json`, `.claude/settings*.json` (code.claude.com/docs/en/mcp, settings);
// Cursor `~/.cursor/mcp.json` and `.cursor/mcp.json` (cursor.com/docs/mcp); VS Code `<user>/mcp.json`,
// `<user>/settings.json`, `.vscode/mcp.json` (code.visualstudio.com/docs/copilot/reference/mcp-configuration);
// Windsurf `~/.codeium/windsurf/mcp_config.json` (docs.windsurf.com cascade/mcp); Gemini CLI `~/.gemini/settings.json`,
// `.gemini/settings.json`, `/etc/gemini-cli/settings.json`, `C:\ProgramData\gemini-cli\settings.json`
// (geminicli.com/docs/cli/configuration); Cline `<user>/globalStorage/saoudrizwan.claude-dev/settings/
// cline_mcp_settings.json` (docs.cline.bot); Roo Code `<user>/globalStorage/rooveterinaryinc.roo-cline/settings/
// mcp_settings.json` and `.roo/mcp.json`; Codex `~/.codex/config.toml` (or `$CODEX_HOME`) and `.codex/config.toml`
// (developers.openai.com/codex/mcp).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ClientId } from '../../model/client-config.js';

export type ConfigPlatform = 'linux' | 'darwin' | 'win32';

/** Everything discovery depends on, injectable so that tests can compute every platform's paths on any machine. */
export interface ConfigEnvironment {
  platform: ConfigPlatform;
  home: string;
  env: Readonly<Record<string, string | undefined>>;
  /** The project folder: project-scoped configs (`.mcp.json`, `.vscode/mcp.json`…) are looked for here. */
  cwd: string;
}

export interface KnownConfigPath {
  client: ClientId;
  /** `user`: the user's own config; `project`: inside the project folder; `system`: machine-wide. */
  scope: 'user' | 'project' | 'system';
  /** Absolute, in the platform's own syntax. */
  path: string;
  /** For reports: `~/…` under the home folder, relative under the project folder, otherwise absolute, `/` separators. */
  display: string;
}

export interface DiscoveredConfigs {
  /** Every known path that exists as a file, in the order of `knownConfigPaths`. */
  found: KnownConfigPath[];
  /** How many paths were looked at. */
  checked: number;
  /** Paths that exist but could not be examined (permissions), with the reason. */
  problems: { path: string; display: string; message: string }[];
}

/** The config paths of every supported client for this environment, user and system scope first, then the project's. */
export function knownConfigPaths(e: ConfigEnvironment): KnownConfigPath[] {
  const p = e.platform === 'win32' ? path.win32 : path.posix;
  const home = e.home;
  const appData = e.platform === 'win32' ? e.env.APPDATA || p.join(home, 'AppData', 'Roaming') : undefined;
  const configHome = e.platform === 'linux' ? e.env.XDG_CONFIG_HOME || p.join(home, '.config') : undefined;
  const appDir = (name: string) =>
    e.platform === 'darwin' ? p.join(home, 'Library', 'Application Support', name) : e.platform === 'win32' ? p.join(appData!, name) : p.join(configHome!, name);
  const out: KnownConfigPath[] = [];
  const add = (client: ClientId, scope: KnownConfigPath['scope'], file: string) => out.push({ client, scope, path: file, display: display(e, p, file) });

  add('claude-desktop', 'user', p.join(appDir('Claude'), 'claude_desktop_config.json'));
  add('claude-code', 'user', p.join(home, '.claude.json'));
  add('claude-code', 'user', p.join(home, '.claude', 'settings.json'));
  add('cursor', 'user', p.join(home, '.cursor', 'mcp.json'));
  for (const app of ['Code', 'Code - Insiders']) {
    add('vscode', 'user', p.join(appDir(app), 'User', 'mcp.json'));
    add('vscode', 'user', p.join(appDir(app), 'User', 'settings.json'));
  }
  add('windsurf', 'user', p.join(home, '.codeium', 'windsurf', 'mcp_config.json'));
  add('gemini-cli', 'user', p.join(home, '.gemini', 'settings.json'));
  // Cline and Roo Code are extensions: they keep their settings in the global storage of whichever editor hosts them.
  for (const app of ['Code', 'Code - Insiders', 'Cursor', 'Windsurf']) {
    const storage = p.join(appDir(app), 'User', 'globalStorage');
    add('cline', 'user', p.join(storage, 'saoudrizwan.claude-dev', 'settings', 'cline_mcp_settings.json'));
    add('roo-code', 'user', p.join(storage, 'rooveterinaryinc.roo-cline', 'settings', 'mcp_settings.json'));
  }
  add('codex', 'user', p.join(e.env.CODEX_HOME || p.join(home, '.codex'), 'config.toml'));
  if (e.platform === 'linux') add('gemini-cli', 'system', '/etc/gemini-cli/settings.json');
  if (e.platform === 'win32') add('gemini-cli', 'system', p.join(e.env.ProgramData || 'C:\\ProgramData', 'gemini-cli', 'settings.json'));

  const cwd = e.cwd;
  add('claude-code', 'project', p.join(cwd, '.mcp.json'));
  add('claude-code', 'project', p.join(cwd, '.claude', 'settings.json'));
  add('claude-code', 'project', p.join(cwd, '.claude', 'settings.local.json'));
  add('cursor', 'project', p.join(cwd, '.cursor', 'mcp.json'));
  add('vscode', 'project', p.join(cwd, '.vscode', 'mcp.json'));
  add('vscode', 'project', p.join(cwd, '.vscode', 'settings.json'));
  add('gemini-cli', 'project', p.join(cwd, '.gemini', 'settings.json'));
  add('roo-code', 'project', p.join(cwd, '.roo', 'mcp.json'));
  add('codex', 'project', p.join(cwd, '.codex', 'config.toml'));

  // The project folder may be the home folder itself: one file, listed once.
  const seen = new Set<string>();
  return out.filter((k) => (seen.has(k.path) ? false : (seen.add(k.path), true)));
}

/** The project-scoped config paths under one folder (what `mcpvet scan --config <folder>` looks at). */
export function projectConfigPaths(e: ConfigEnvironment): KnownConfigPath[] {
  return knownConfigPaths(e).filter((k) => k.scope === 'project');
}

/** Checks which known paths exist as files. `statFile` is injectable for tests. */
export async function discoverConfigs(
  candidates: readonly KnownConfigPath[],
  statFile: (p: string) => Promise<{ isFile(): boolean }> = stat,
): Promise<DiscoveredConfigs> {
  const result: DiscoveredConfigs = { found: [], checked: candidates.length, problems: [] };
  for (const c of candidates) {
    try {
      if ((await statFile(c.path)).isFile()) result.found.push(c);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      result.problems.push({ path: c.path, display: c.display, message: `cannot examine ${c.display}: ${code ?? (e as Error).message}` });
    }
  }
  return result;
}

/** The environment of this process. */
export function currentEnvironment(cwd = process.cwd()): ConfigEnvironment {
  const platform: ConfigPlatform = process.platform === 'win32' ? 'win32' : process.platform === 'darwin' ? 'darwin' : 'linux';
  const home = process.env.HOME || process.env.USERPROFILE || cwd;
  return { platform, home, env: process.env, cwd };
}

function display(e: ConfigEnvironment, p: typeof path.posix, file: string): string {
  const rel = (base: string) => {
    const r = p.relative(base, file);
    return r && !r.startsWith('..') && !p.isAbsolute(r) ? r.split(p.sep).join('/') : undefined;
  };
  const inProject = rel(e.cwd);
  if (inProject !== undefined && e.cwd !== e.home) return inProject;
  const inHome = rel(e.home);
  if (inHome !== undefined) return `~/${inHome}`;
  return file.split(p.sep).join('/');
}
