// Which MCP client a config file belongs to, and where in it the servers are, judged from its path.
import type { ClientId } from '../../model/client-config.js';

/**
 * `mcpServers`: a root `mcpServers` object (Claude Desktop, Cursor, Windsurf, Gemini CLI, Cline, Roo);
 * `claude-json`: `~/.claude.json`, root `mcpServers` plus `projects.<folder>.mcpServers`;
 * `vscode-mcp`: VS Code `mcp.json`, root `servers` and `inputs`; `vscode-settings`: VS Code `settings.json`, the
 * `mcp` key; `codex`: Codex `config.toml`, `[mcp_servers.<name>]` tables.
 */
export type ConfigShape = 'mcpServers' | 'claude-json' | 'vscode-mcp' | 'vscode-settings' | 'codex';

export interface ClientGuess {
  client: ClientId;
  shape: ConfigShape;
}

/** VS Code and its forks keep user settings and `mcp.json` under `<app>/User/`. */
const VSCODE_APPS = /(?:^|\/)(?:code|code - insiders|vscodium|code - oss)\/user\/(?:profiles\/[^/]+\/)?(?:settings|mcp)\.json$/;

/** The client and shape for a path (any separators, absolute or relative), or undefined when the name says nothing. */
export function identifyClient(filePath: string): ClientGuess | undefined {
  const p = filePath.replace(/\\/g, '/').toLowerCase();
  const base = p.slice(p.lastIndexOf('/') + 1);
  const under = (dir: string) => p.endsWith(`/${dir}/${base}`) || p === `${dir}/${base}` || p.includes(`/${dir}/`) || p.startsWith(`${dir}/`);
  switch (base) {
    case 'claude_desktop_config.json':
      return { client: 'claude-desktop', shape: 'mcpServers' };
    case '.mcp.json':
      return { client: 'claude-code', shape: 'mcpServers' };
    case '.claude.json':
      return { client: 'claude-code', shape: 'claude-json' };
    case 'cline_mcp_settings.json':
      return { client: 'cline', shape: 'mcpServers' };
    case 'mcp_config.json':
      if (under('windsurf') || under('.codeium')) return { client: 'windsurf', shape: 'mcpServers' };
      return undefined;
    case 'mcp_settings.json':
      if (p.includes('rooveterinaryinc.roo-cline')) return { client: 'roo-code', shape: 'mcpServers' };
      return undefined;
    case 'config.toml':
      if (under('.codex')) return { client: 'codex', shape: 'codex' };
      return undefined;
    case 'mcp.json':
      if (under('.cursor')) return { client: 'cursor', shape: 'mcpServers' };
      if (under('.roo')) return { client: 'roo-code', shape: 'mcpServers' };
      if (under('.vscode') || VSCODE_APPS.test(p)) return { client: 'vscode', shape: 'vscode-mcp' };
      return undefined;
    case 'settings.json':
    case 'settings.local.json':
      if (under('.gemini')) return { client: 'gemini-cli', shape: 'mcpServers' };
      if (under('.claude')) return { client: 'claude-code', shape: 'mcpServers' };
      if (base === 'settings.json' && (under('.vscode') || VSCODE_APPS.test(p))) return { client: 'vscode', shape: 'vscode-settings' };
      return undefined;
    default:
      return undefined;
  }
}
