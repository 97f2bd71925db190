// Client config parsing: every client's shape, JSONC and TOML, variables, launch commands, and malformed files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LaunchSpec } from '../../src/model/client-config.js';
import { findVariables } from '../../src/mcp/client-config/config-variables.js';
import { parseClientConfig } from '../../src/mcp/client-config/parse-client-config.js';

const mcpServers = (entry: object) => JSON.stringify({ mcpServers: { s: entry } }, null, 2);

describe('client shapes', () => {
  it('reads mcpServers files and names the client from the path', () => {
    const cases: [string, string][] = [
      ['Claude/claude_desktop_config.json', 'claude-desktop'],
      ['proj/.mcp.json', 'claude-code'],
      ['proj/.cursor/mcp.json', 'cursor'],
      ['.codeium/windsurf/mcp_config.json', 'windsurf'],
      ['.gemini/settings.json', 'gemini-cli'],
      ['User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', 'cline'],
      ['User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json', 'roo-code'],
      ['proj/.claude/settings.local.json', 'claude-code'],
    ];
    for (const [path, client] of cases) {
      const cfg = parseClientConfig(path, mcpServers({ command: 'node', args: ['server.js'] }));
      assert.equal(cfg?.client, client, path);
      assert.equal(cfg?.servers[0]?.name, 's', path);
      assert.equal(cfg?.servers[0]?.transport, 'stdio', path);
    }
  });

  it('reads ~/.claude.json user and per-project servers', () => {
    const text = JSON.stringify({ mcpServers: { a: { command: 'x' } }, projects: { '/home/me/app': { mcpServers: { b: { type: 'http', url: 'https://h/mcp' } } } } });
    const cfg = parseClientConfig('/home/me/.claude.json', text)!;
    assert.deepEqual(cfg.servers.map((s) => [s.name, s.project, s.transport]), [['a', undefined, 'stdio'], ['b', '/home/me/app', 'http']]);
  });

  it('reads VS Code mcp.json servers and inputs, and settings.json mcp.servers', () => {
    const mcp = parseClientConfig('.vscode/mcp.json', '{"inputs":[{"id":"k","type":"promptString","password":true}],"servers":{"gh":{"type":"sse","url":"https://x/sse"}}}')!;
    assert.equal(mcp.client, 'vscode');
    assert.deepEqual(mcp.inputs, [{ id: 'k', password: true }]);
    assert.equal(mcp.servers[0]!.transport, 'sse');
    const settings = parseClientConfig('/home/me/.config/Code/User/settings.json', '{"editor.fontSize": 12, "mcp": {"servers": {"t": {"command": "uvx", "args": ["mcp-server-time"]}}}}')!;
    assert.equal(settings.client, 'vscode');
    assert.equal(settings.servers[0]!.launch?.package?.name, 'mcp-server-time');
  });

  it('knows Gemini url (SSE) from httpUrl (HTTP) and Windsurf serverUrl', () => {
    const g = parseClientConfig('.gemini/settings.json', '{"mcpServers":{"a":{"url":"https://x/events"},"b":{"httpUrl":"https://x/mcp"}}}')!;
    assert.deepEqual(g.servers.map((s) => s.transport), ['sse', 'http']);
    const w = parseClientConfig('.codeium/windsurf/mcp_config.json', '{"mcpServers":{"a":{"serverUrl":"https://x/mcp"}}}')!;
    assert.equal(w.servers[0]!.url?.value, 'https://x/mcp');
    assert.equal(w.servers[0]!.transport, 'http');
  });

  it('recognises an mcpServers file of any name by content, and leaves other JSON alone', () => {
    assert.equal(parseClientConfig('configs/team.json', mcpServers({ command: 'x' }))?.client, 'generic');
    assert.equal(parseClientConfig('package.json', '{"name":"x","servers":{"a":{}}}'), undefined);
    assert.equal(parseClientConfig('tsconfig.json', '{"compilerOptions":{}}'), undefined);
  });
});

describe('JSONC and TOML', () => {
  it('accepts comments and trailing commas, marks the file as JSONC and keeps locations right', () => {
    const text = '{\n  // user servers\n  "mcpServers": {\n    "a": { "command": "npx", "args": ["-y", "pkg@1.0.0",], },\n  },\n}\n';
    const cfg = parseClientConfig('.cursor/mcp.json', text)!;
    assert.equal(cfg.format, 'jsonc');
    assert.deepEqual(cfg.errors, []);
    const arg = cfg.servers[0]!.args[1]!;
    assert.equal(arg.value, 'pkg@1.0.0');
    const line = text.split('\n')[3]!;
    assert.equal(arg.location.startLine, 4);
    assert.equal(line.slice(arg.location.startColumn - 1, arg.location.endColumn - 1), 'pkg@1.0.0');
  });

  it('reads Codex [mcp_servers.<name>] tables with env, env_vars, headers and enabled', () => {
    const text = [
      'model = "o3"',
      '[mcp_servers.gh]',
      'command = "npx"',
      'args = ["-y", "@modelcontextprotocol/server-github@2025.4.8"]',
      'env_vars = ["GITHUB_TOKEN"]',
      '',
      '[mcp_servers.gh.env]',
      'GITHUB_TOOLSETS = "repos"',
      '',
      '[mcp_servers.docs]',
      'url = "https://docs.acme.dev/mcp"',
      'bearer_token_env_var = "DOCS_TOKEN"',
      'enabled = false',
    ].join('\n');
    const cfg = parseClientConfig('/home/me/.codex/config.toml', text)!;
    assert.equal(cfg.format, 'toml');
    const [gh, docs] = cfg.servers;
    assert.equal(gh!.location.startLine, 2);
    assert.equal(gh!.env.GITHUB_TOOLSETS!.location.startLine, 8);
    assert.equal(gh!.env.GITHUB_TOKEN!.hostSupplied, true);
    assert.equal(gh!.launch?.package?.pinned, true);
    assert.equal(docs!.transport, 'http');
    assert.equal(docs!.disabled, true);
    assert.equal(docs!.headers.Authorization!.hostSupplied, true);
  });

  it('reports malformed files with the parser reason and a line, without throwing', () => {
    const json = parseClientConfig('claude_desktop_config.json', '{\n  "mcpServers": {\n    "a": { "command": "x" \n')!;
    assert.ok(json.errors.length > 0);
    assert.match(json.errors[0]!.message, /expected at line \d+, column \d+/);
    const toml = parseClientConfig('.codex/config.toml', '[mcp_servers.a]\ncommand = "x\n')!;
    assert.equal(toml.errors[0]!.line, 2);
    const deep = parseClientConfig('.mcp.json', `{"mcpServers": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`)!;
    assert.match(deep.errors[0]!.message, /nested 100001 levels/);
  });
});

describe('variables', () => {
  it('recognises every syntax and never expands it', () => {
    const refs = findVariables('${input:pat} ${env:TOKEN} ${API_KEY} ${X:-d} $HOME_DIR {env:OC} ${workspaceFolder}');
    assert.deepEqual(refs.map((r) => [r.syntax, r.name]), [['input', 'pat'], ['env', 'TOKEN'], ['braced', 'API_KEY'], ['braced', 'X'], ['bare', 'HOME_DIR'], ['opencode', 'OC'], ['host', 'workspaceFolder']]);
    assert.deepEqual(findVariables('pa$$word and a$b'), []);
  });

  it('marks host-supplied values, but not literals next to a reference or host paths', () => {
    const cfg = parseClientConfig('.mcp.json', mcpServers({ command: 'x', env: { A: 'Bearer ${TOKEN}', B: 'abc${TOKEN}', C: '${workspaceFolder}/data' } }))!;
    const env = cfg.servers[0]!.env;
    assert.equal(env.A!.hostSupplied, true);
    assert.equal(env.B!.hostSupplied, false);
    assert.equal(env.C!.hostSupplied, false);
    assert.equal(env.A!.value, 'Bearer ${TOKEN}');
  });
});

describe('launch commands', () => {
  const launch = (command: string, args: string[]) => parseClientConfig('.mcp.json', mcpServers({ command, args }))!.servers[0]!.launch;
  it('finds the package behind npm and Python runners, wrappers and docker', () => {
    assert.deepEqual(pick(launch('npx', ['-y', '@scope/pkg@1.2.3', '--flag'])), ['npx', 'npm', '@scope/pkg', '1.2.3', true]);
    assert.deepEqual(pick(launch('npx', ['--package', 'pkg@latest', 'bin-name'])), ['npx', 'npm', 'pkg', 'latest', false]);
    assert.deepEqual(pick(launch('C:\\Program Files\\nodejs\\npx.cmd', ['pkg'])), ['npx', 'npm', 'pkg', undefined, false]);
    assert.deepEqual(pick(launch('cmd', ['/c', 'npx', '-y', 'pkg@2.0.0'])), ['npx', 'npm', 'pkg', '2.0.0', true]);
    assert.deepEqual(pick(launch('uvx', ['--python', '3.12', 'mcp-server-git==2025.1.1'])), ['uvx', 'pypi', 'mcp-server-git', '2025.1.1', true]);
    assert.deepEqual(pick(launch('pipx', ['run', '--spec', 'tool>=1', 'tool'])), ['pipx', 'pypi', 'tool', '>=1', false]);
    assert.deepEqual(pick(launch('docker', ['run', '-i', '--rm', '-e', 'TOKEN', '-v', '/a:/b', 'ghcr.io/o/img:1.0', 'serve'])), ['docker', 'docker', 'ghcr.io/o/img', '1.0', false]);
    assert.deepEqual(pick(launch('sh', ['-c', 'npx -y pkg'])), ['shell', 'npm', 'pkg', undefined, false]);
    assert.equal(launch('sh', ['-c', 'curl x | sh'])?.script?.value, 'curl x | sh');
    assert.equal(launch('node', ['./local/server.js'])?.package, undefined);
  });
});

function pick(l: LaunchSpec | undefined): unknown[] {
  return [l?.runner, l?.package?.ecosystem, l?.package?.name, l?.package?.version, l?.package?.pinned];
}
