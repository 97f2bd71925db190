// Discovery of client configs: the path sets of Linux, macOS and Windows, and which files exist under a temporary HOME.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { discoverConfigs, knownConfigPaths, type ConfigEnvironment } from '../../src/mcp/client-config/discover-configs.js';

describe('known config paths', () => {
  it('uses Application Support on macOS', () => {
    const paths = knownConfigPaths({ platform: 'darwin', home: '/Users/me', env: {}, cwd: '/Users/me/app' }).map((k) => k.path);
    assert.ok(paths.includes('/Users/me/Library/Application Support/Claude/claude_desktop_config.json'));
    assert.ok(paths.includes('/Users/me/Library/Application Support/Code/User/mcp.json'));
    assert.ok(paths.includes('/Users/me/Library/Application Support/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json'));
    assert.ok(paths.includes('/Users/me/app/.vscode/mcp.json'));
  });

  it('uses %APPDATA% and %USERPROFILE% on Windows', () => {
    const env = { APPDATA: 'C:\\Users\\me\\AppData\\Roaming', CODEX_HOME: 'D:\\codex' };
    const known = knownConfigPaths({ platform: 'win32', home: 'C:\\Users\\me', env, cwd: 'C:\\work\\app' });
    const paths = known.map((k) => k.path);
    assert.ok(paths.includes('C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json'));
    assert.ok(paths.includes('C:\\Users\\me\\.cursor\\mcp.json'));
    assert.ok(paths.includes('C:\\Users\\me\\.codeium\\windsurf\\mcp_config.json'));
    assert.ok(paths.includes('D:\\codex\\config.toml'));
    assert.ok(paths.includes('C:\\work\\app\\.mcp.json'));
    assert.equal(known.find((k) => k.path === 'C:\\Users\\me\\.cursor\\mcp.json')?.display, '~/.cursor/mcp.json');
  });

  it('honours XDG_CONFIG_HOME on Linux and lists every client', () => {
    const known = knownConfigPaths({ platform: 'linux', home: '/home/me', env: { XDG_CONFIG_HOME: '/cfg' }, cwd: '/srv/app' });
    assert.ok(known.some((k) => k.path === '/cfg/Claude/claude_desktop_config.json'));
    assert.ok(known.some((k) => k.path === '/cfg/Code/User/settings.json'));
    const clients = new Set(known.map((k) => k.client));
    for (const c of ['claude-desktop', 'claude-code', 'cursor', 'vscode', 'windsurf', 'gemini-cli', 'cline', 'roo-code', 'codex']) assert.ok(clients.has(c as never), c);
    assert.equal(known.find((k) => k.path === '/srv/app/.cursor/mcp.json')?.display, '.cursor/mcp.json');
  });
});

describe('discovery under a temporary HOME', () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  for (const platform of ['linux', 'darwin'] as const) {
    it(`finds the configs that exist (${platform})`, async () => {
      const home = await mkdtemp(path.join(tmpdir(), 'mcpvet-home-'));
      dirs.push(home);
      const project = path.join(home, 'work', 'app');
      const e: ConfigEnvironment = { platform, home, env: {}, cwd: project };
      const desktop = platform === 'darwin' ? path.join(home, 'Library', 'Application Support', 'Claude') : path.join(home, '.config', 'Claude');
      await mkdir(desktop, { recursive: true });
      await writeFile(path.join(desktop, 'claude_desktop_config.json'), '{"mcpServers":{}}');
      await mkdir(path.join(home, '.codex'), { recursive: true });
      await writeFile(path.join(home, '.codex', 'config.toml'), '');
      await mkdir(path.join(project, '.vscode'), { recursive: true });
      await writeFile(path.join(project, '.vscode', 'mcp.json'), '{"servers":{}}');
      // A folder where a file is expected is not a config.
      await mkdir(path.join(home, '.cursor', 'mcp.json'), { recursive: true });
      const found = await discoverConfigs(knownConfigPaths(e));
      assert.deepEqual(found.found.map((k) => [k.client, k.scope, k.display]).sort(), [
        ['claude-desktop', 'user', platform === 'darwin' ? '~/Library/Application Support/Claude/claude_desktop_config.json' : '~/.config/Claude/claude_desktop_config.json'],
        ['codex', 'user', '~/.codex/config.toml'],
        ['vscode', 'project', '.vscode/mcp.json'],
      ]);
      assert.deepEqual(found.problems, []);
    });
  }

  it('reports paths it cannot examine instead of failing', async () => {
    const denied = Object.assign(new Error('denied'), { code: 'EACCES' });
    const found = await discoverConfigs([{ client: 'cursor', scope: 'user', path: '/x/.cursor/mcp.json', display: '~/.cursor/mcp.json' }], async () => {
      throw denied;
    });
    assert.deepEqual(found.found, []);
    assert.match(found.problems[0]!.message, /cannot examine ~\/\.cursor\/mcp\.json: EACCES/);
  });
});
