// End to end: `mcpvet scan --config`, discovery with a temporary HOME, malformed configs, and --resolve feeding cross-server rules.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildProgram } from '../../src/cli/main.js';
import { scanClientConfigs } from '../../src/engine/scan-configs.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { builtinRules } from '../../src/rules/index.js';

const EXAMPLES = path.resolve('examples', 'configs');

async function cli(args: string[]): Promise<{ code: number | undefined; stdout: string }> {
  const run = { code: undefined as number | undefined, stdout: '' };
  const program = buildProgram({ stdout: (s) => (run.stdout += s), stderr: () => {}, isTTY: false, stderrTTY: false, setExit: (c) => (run.code = c) });
  await program.parseAsync(['node', 'mcpvet', ...args]);
  return run;
}

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'mcpvet-cfg-'));
  dirs.push(d);
  return d;
}

describe('mcpvet scan --config', () => {
  it('scans the bundled vulnerable configs: exit 1 and every config rule fires where expected', async () => {
    const run = await cli(['scan', '--config', path.join(EXAMPLES, 'vulnerable'), '-f', 'json', '--no-project-config']);
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as ScanResult;
    assert.equal(result.target.kind, 'client-config');
    const got = result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`).sort();
    assert.deepEqual(got, [
      'MV8001 .mcp.json:16',
      'MV8002 .mcp.json:10',
      'MV8002 .mcp.json:15',
      'MV8002 .mcp.json:5',
      'MV8003 .mcp.json:20',
      'MV8004 .mcp.json:15',
      'MV8004 .vscode/mcp.json:7',
      'MV8005 .mcp.json:20',
      'MV8006 .mcp.json:24',
      'MV8008 .mcp.json:8',
    ]);
    // The secret never leaves the scanner in full, and the generic secret rule does not report it a second time.
    assert.ok(!run.stdout.includes('Zk2vT9qLw4RnX7cB1mP8sD3fQ1'));
    assert.ok(!result.findings.some((f) => f.ruleId === 'MV3001'));
    const toxic = result.findings.find((f) => f.ruleId === 'MV8008')!;
    assert.match(toxic.message, /"web" in \.mcp\.json takes in untrusted content \(fetch\) → "files" in \.mcp\.json reads private data \(read_text_file, list_directory\)/);
  });

  it('scans the bundled secure configs: exit 0, no findings', async () => {
    const run = await cli(['scan', '--config', path.join(EXAMPLES, 'secure'), '-f', 'json', '--no-project-config']);
    const result = JSON.parse(run.stdout) as ScanResult;
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`), []);
    assert.equal(run.code, 0);
  });

  it('scans one file of any name when it is named with --config', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'team-servers.json');
    await writeFile(file, JSON.stringify({ servers: { a: { command: 'npx', args: ['-y', 'tavily-mcp'] } } }));
    const run = await cli(['scan', '--config', file, '-f', 'json', '--no-project-config']);
    const result = JSON.parse(run.stdout) as ScanResult;
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['MV8002']);
    assert.equal(run.code, 0, 'medium findings stay under the default --fail-on high');
  });
});

describe('discovery and malformed configs', () => {
  it('reports a config that does not parse, with its path and reason, and scans the others', async () => {
    const home = await tempDir();
    const project = path.join(home, 'app');
    await mkdir(path.join(home, '.cursor'), { recursive: true });
    await writeFile(path.join(home, '.cursor', 'mcp.json'), '{ "mcpServers": { "a": { "command": "npx", ');
    await mkdir(path.join(home, '.codex'), { recursive: true });
    await writeFile(path.join(home, '.codex', 'config.toml'), '[mcp_servers.web]\ncommand = "uvx"\nargs = ["mcp-server-fetch"]\n');
    await mkdir(project, { recursive: true });
    const result = await scanClientConfigs({ rules: builtinRules(), config: false, workers: 1, environment: { platform: 'linux', home, env: {}, cwd: project } });
    const broken = result.errors.filter((e) => e.kind === 'config' && e.level === 'error');
    assert.equal(broken.length > 0, true);
    assert.equal(broken[0]!.path, '~/.cursor/mcp.json');
    assert.match(broken[0]!.message, /Cursor config could not be parsed: .* at line 1, column \d+/);
    assert.equal(result.complete, false);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId} ${f.location.path}`), ['MV8002 ~/.codex/config.toml']);
  });

  it('says when nothing was found', async () => {
    const home = await tempDir();
    const result = await scanClientConfigs({ rules: builtinRules(), config: false, workers: 1, environment: { platform: 'darwin', home, env: {}, cwd: home } });
    assert.equal(result.stats.files, 0);
    assert.match(result.errors.map((e) => e.message).join('\n'), /no MCP client config found \(looked at \d+ known paths\)/);
  });
});

describe('--resolve', () => {
  it('feeds package tools to the cross-server rules, and notes when it has none', async () => {
    const dir = await tempDir();
    await writeFile(
      path.join(dir, '.mcp.json'),
      JSON.stringify({ mcpServers: { mail: { command: 'npx', args: ['-y', '@acme/mail@1.0.0'] }, crm: { command: 'npx', args: ['-y', '@acme/crm@2.0.0'] } } }, null, 2),
    );
    const without = await scanClientConfigs({ path: dir, rules: builtinRules(), config: false, workers: 1 });
    assert.equal(without.findings.filter((f) => f.ruleId === 'MV8007').length, 0);
    assert.match(without.errors.map((e) => e.message).join('\n'), /know the tools of 0 of 2 configured servers \(run with --resolve/);

    const asked: string[] = [];
    const resolve = async (pkg: { name: string; version?: string }) => {
      asked.push(`${pkg.name}@${pkg.version}`);
      return { source: `npm:${pkg.name}@${pkg.version}`, tools: [{ name: 'send_email' }, { name: pkg.name === '@acme/mail' ? 'read_inbox' : 'lookup_contact' }] };
    };
    const withTools = await scanClientConfigs({ path: dir, rules: builtinRules(), config: false, workers: 1, resolve });
    assert.deepEqual(asked.sort(), ['@acme/crm@2.0.0', '@acme/mail@1.0.0']);
    const dup = withTools.findings.filter((f) => f.ruleId === 'MV8007');
    assert.equal(dup.length, 1);
    assert.match(dup[0]!.message, /tool "send_email" of "crm" in \.mcp\.json duplicates tool "send_email" of "mail" in \.mcp\.json/);
    assert.ok(!withTools.errors.some((e) => /know the tools/.test(e.message)));
  });

  it('reports a package that cannot be fetched and goes on', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { a: { command: 'npx', args: ['-y', 'gone-pkg@1.0.0'] }, b: { command: 'docker', args: ['run', 'img:1'] } } }));
    const result = await scanClientConfigs({ path: dir, rules: builtinRules(), config: false, workers: 1, resolve: async () => { throw new Error('404 from registry'); } });
    const messages = result.errors.map((e) => e.message).join('\n');
    assert.match(messages, /server "a": npm:gone-pkg@1\.0\.0 could not be scanned: 404 from registry/);
    assert.match(messages, /server "b": docker image img not scanned/);
  });
});
