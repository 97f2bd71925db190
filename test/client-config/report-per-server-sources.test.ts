// What each configured server resolves to for --resolve (packages, scripts, folders, remotes, images), and the engine's grouping with a fake fetcher.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scanClientConfigs, type FetchedPackage } from '../../src/engine/scan-configs.js';
import { serverSource } from '../../src/engine/server-source.js';
import { parseClientConfig } from '../../src/mcp/client-config/parse-client-config.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { renderText } from '../../src/report/text-report.js';
import { builtinRules } from '../../src/rules/index.js';

const EXEC_SERVER_JS = `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { exec } from "node:child_process";
import { z } from "zod";
const server = new McpServer({ name: "runner", version: "1.0.0" });
server.registerTool("run_it", { description: "Run a command.", inputSchema: { cmd: z.string() } }, async ({ cmd }) => {
  exec(cmd);
  return { content: [{ type: "text", text: "started" }] };
});
`;

const EXEC_SERVER_PY = `from mcp.server.fastmcp import FastMCP
import subprocess

mcp = FastMCP("runner")

@mcp.tool()
def run_it(cmd: str) -> str:
    """Run a command."""
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout
`;

let scratch: string;
before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-per-server-src-'));
});
after(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function servers(config: unknown, file = '.mcp.json') {
  const parsed = parseClientConfig(file, JSON.stringify(config, null, 2), { force: true });
  assert.ok(parsed);
  return parsed.servers;
}

describe('serverSource', () => {
  const base = path.join(path.sep, 'projects', 'app');
  it('resolves packages, scripts and folders, and says why anything else is not scanned', () => {
    const list = servers({
      mcpServers: {
        npmPinned: { command: 'npx', args: ['-y', '@acme/files-mcp@2.1.0'] },
        npmLatest: { command: 'npx', args: ['-y', 'files-mcp'] },
        pyPinned: { command: 'uvx', args: ['mcp-server-time==1.2.0'] },
        pyLatest: { command: 'uvx', args: ['mcp-server-time@latest'] },
        pyRange: { command: 'uvx', args: ['mcp-server-time>=1.0'] },
        script: { command: 'python3', args: ['-u', '/opt/mcp/server.py'] },
        relative: { command: 'node', args: ['build/index.js'] },
        withCwd: { command: 'node', args: ['index.js'], cwd: '/srv/tool' },
        uvDir: { command: 'uv', args: ['--directory', '/srv/weather', 'run', 'weather.py'] },
        executable: { command: '/opt/mcp/run.py' },
        oneString: { command: 'node /srv/one/server.mjs' },
        variable: { command: 'node', args: ['${workspaceFolder}/server.js'] },
        module: { command: 'python', args: ['-m', 'some_server'] },
        image: { command: 'docker', args: ['run', '-i', 'acme/mcp@sha256:' + 'a'.repeat(64)] },
        remote: { url: 'https://user:pw@mcp.example.test/sse?token=secret', type: 'sse' },
        shell: { command: 'sh', args: ['-c', 'curl https://x | sh'] },
        binary: { command: 'acme-mcp' },
      },
    });
    const got = Object.fromEntries(servers.length ? list.map((s) => [s.name, serverSource(s, base)]) : []);
    assert.deepEqual([got.npmPinned!.kind, got.npmPinned!.spec], ['npm', 'npm:@acme/files-mcp@2.1.0']);
    assert.equal(got.npmLatest!.spec, 'npm:files-mcp');
    assert.equal(got.pyPinned!.spec, 'pypi:mcp-server-time==1.2.0');
    assert.equal(got.pyLatest!.spec, 'pypi:mcp-server-time');
    assert.equal(got.pyRange!.spec, 'pypi:mcp-server-time>=1.0');
    assert.deepEqual(got.script, { kind: 'local', scannable: true, spec: '/opt/mcp/server.py', path: path.resolve('/opt/mcp/server.py'), folder: false });
    assert.equal(got.relative!.scannable && got.relative!.kind === 'local' ? got.relative!.path : '', path.join(base, 'build', 'index.js'));
    assert.equal(got.withCwd!.scannable && got.withCwd!.kind === 'local' ? got.withCwd!.path : '', path.resolve('/srv/tool', 'index.js'));
    assert.deepEqual(got.uvDir!.kind === 'local' && got.uvDir!.scannable ? [got.uvDir!.path, got.uvDir!.folder] : [], [path.resolve('/srv/weather'), true]);
    assert.equal(got.executable!.kind, 'local');
    assert.equal(got.oneString!.scannable && got.oneString!.kind === 'local' ? got.oneString!.path : '', path.resolve('/srv/one/server.mjs'));
    for (const [name, kind, reason] of [
      ['variable', 'local', /host variable \(\$\{workspaceFolder\}\)/],
      ['module', 'unknown', /inline code or an installed module/],
      ['image', 'docker', /docker image/],
      ['remote', 'remote', /^remote server — use `mcpvet scan --live https:\/\/mcp\.example\.test\/sse\?…`$/],
      ['shell', 'unknown', /shell/],
      ['binary', 'unknown', /"acme-mcp" is not a package runner/],
    ] as const) {
      const s = got[name]!;
      assert.equal(s.kind, kind, name);
      assert.equal(s.scannable, false, name);
      assert.match(s.scannable ? '' : s.reason, reason, name);
    }
    assert.ok(!JSON.stringify(got.remote).includes('secret') && !JSON.stringify(got.remote).includes('pw@'));
  });
});

describe('scanClientConfigs with scanServers', () => {
  /** A fake fetcher: serves packages from folders written by the test, and records what it was asked. */
  function fetcher(packages: Record<string, { dir: string; name: string; version: string }>, asked: string[]) {
    return async (spec: string): Promise<FetchedPackage> => {
      asked.push(spec);
      const p = packages[spec];
      if (!p) throw new Error(`404 for ${spec}`);
      return { root: p.dir, input: spec, resolved: { name: p.name, version: p.version }, problems: [], published: true, dispose: async () => {} };
    };
  }

  it('scans a Python script project and a uv folder, scans a package shared by two configs once, and reports fetch failures', async () => {
    const root = path.join(scratch, 'case1');
    const pyProject = path.join(root, 'py-server');
    await mkdir(path.join(pyProject, 'src'), { recursive: true });
    await writeFile(path.join(pyProject, 'pyproject.toml'), '[project]\nname = "py-server"\nversion = "0.1.0"\ndependencies = ["mcp"]\n');
    await writeFile(path.join(pyProject, 'src', 'server.py'), EXEC_SERVER_PY);
    const pkgDir = path.join(root, 'pkg');
    await mkdir(pkgDir, { recursive: true });
    await writeFile(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'runner-mcp', version: '3.0.0', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' } }));
    await writeFile(path.join(pkgDir, 'index.js'), EXEC_SERVER_JS);
    const project = path.join(root, 'project');
    await mkdir(path.join(project, '.cursor'), { recursive: true });
    await writeFile(
      path.join(project, '.mcp.json'),
      JSON.stringify({
        mcpServers: {
          py: { command: 'python', args: [path.join(pyProject, 'src', 'server.py')] },
          uvdir: { command: 'uv', args: ['--directory', pyProject, 'run', 'src/server.py'] },
          runner: { command: 'npx', args: ['-y', 'runner-mcp@3.0.0'] },
          gone: { command: 'npx', args: ['-y', 'gone-mcp@1.0.0'] },
          off: { command: 'npx', args: ['-y', 'runner-mcp@3.0.0'], disabled: true },
        },
      }, null, 2),
    );
    await writeFile(path.join(project, '.cursor', 'mcp.json'), JSON.stringify({ mcpServers: { runner: { command: 'npx', args: ['-y', 'runner-mcp@3.0.0'] } } }, null, 2));
    const asked: string[] = [];
    const result: ScanResult = await scanClientConfigs({
      path: project,
      rules: builtinRules(),
      config: false,
      workers: 1,
      scanServers: fetcher({ 'npm:runner-mcp@3.0.0': { dir: pkgDir, name: 'runner-mcp', version: '3.0.0' } }, asked),
    });
    assert.deepEqual(asked.sort(), ['npm:gone-mcp@1.0.0', 'npm:runner-mcp@3.0.0'], 'each package is fetched once; disabled servers are not fetched');
    const s = result.servers!;
    assert.deepEqual(
      s.map((x) => `${x.config} ${x.name} ${x.source.kind} ${x.status}`).sort(),
      [
        '.cursor/mcp.json runner npm scanned',
        '.mcp.json gone npm not-scanned',
        '.mcp.json off npm not-scanned',
        '.mcp.json py local scanned',
        '.mcp.json runner npm scanned',
        '.mcp.json uvdir local scanned',
      ],
    );
    const by = (config: string, name: string) => s.find((x) => x.config === config && x.name === name)!;
    assert.match(by('.mcp.json', 'gone').reason!, /404 for npm:gone-mcp@1\.0\.0/);
    assert.equal(by('.mcp.json', 'off').reason, 'disabled in the config');
    assert.match(result.errors.map((e) => e.message).join('\n'), /server "gone": npm:gone-mcp@1\.0\.0 could not be scanned: 404/);
    // The Python script is scanned with its project (pyproject.toml one folder up) and the same folder via uv is scanned once.
    const py = by('.mcp.json', 'py');
    assert.equal(py.pathPrefix, 'servers/py/');
    assert.equal(by('.mcp.json', 'uvdir').pathPrefix, 'servers/py/');
    const pyFindings = result.findings.filter((f) => py.findingIds.includes(f.fingerprint) && f.location.path.startsWith('servers/py/'));
    assert.ok(pyFindings.some((f) => f.location.path === 'servers/py/src/server.py'), 'the exec in the Python server is found');
    // The package named by both configs: one scan, listed for both servers, its findings counted once overall.
    const a = by('.mcp.json', 'runner');
    const b = by('.cursor/mcp.json', 'runner');
    const pkgIds = (x: typeof a) => x.findingIds.filter((id) => result.findings.find((f) => f.fingerprint === id)!.location.path.startsWith('servers/'));
    assert.ok(pkgIds(a).length > 0);
    assert.deepEqual(pkgIds(a), pkgIds(b));
    const paths = result.findings.map((f) => `${f.ruleId} ${f.location.path}:${f.location.startLine}`);
    assert.equal(new Set(paths).size, paths.length, 'no finding is listed twice');
  });

  it('fingerprints package findings on their grouped paths, so a baseline written from the report silences them', async () => {
    const root = path.join(scratch, 'case2');
    const pkgDir = path.join(root, 'pkg');
    await mkdir(pkgDir, { recursive: true });
    await writeFile(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'runner-mcp', version: '3.0.0', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' } }));
    await writeFile(path.join(pkgDir, 'index.js'), EXEC_SERVER_JS);
    const file = path.join(root, 'servers.json');
    // Two names running the same code from different folders: each gets its own findings and prefixes.
    const copy = path.join(root, 'copy');
    await mkdir(copy);
    await writeFile(path.join(copy, 'package.json'), JSON.stringify({ name: 'copy', version: '1.0.0' }));
    await writeFile(path.join(copy, 'index.js'), EXEC_SERVER_JS);
    await writeFile(file, JSON.stringify({ mcpServers: { runner: { command: 'npx', args: ['-y', 'runner-mcp@3.0.0'] }, copy: { command: 'node', args: [path.join(copy, 'index.js')] } } }, null, 2));
    const scanServers = fetcher({ 'npm:runner-mcp@3.0.0': { dir: pkgDir, name: 'runner-mcp', version: '3.0.0' } }, []);
    const first = await scanClientConfigs({ path: file, rules: builtinRules(), config: false, workers: 1, scanServers });
    const pkg = first.findings.filter((f) => f.location.path.startsWith('servers/'));
    assert.ok(pkg.some((f) => f.location.path === 'servers/runner/index.js') && pkg.some((f) => f.location.path === 'servers/copy/index.js'));
    const ids = pkg.map((f) => f.fingerprint);
    assert.equal(new Set(ids).size, ids.length, 'the same file in two servers gets two fingerprints');
    const baselineFile = path.join(root, 'baseline.json');
    await writeFile(baselineFile, JSON.stringify({ version: 1, tool: 'mcpvet', findings: first.findings.map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.location.path, message: f.message })) }));
    const again = await scanClientConfigs({ path: file, rules: builtinRules(), config: false, workers: 1, scanServers, baseline: baselineFile });
    assert.deepEqual(again.findings, []);
    assert.equal(again.suppressed.length, first.findings.length);
    assert.equal(again.stats.suppressed.baseline, first.findings.length);
    for (const s of again.servers!) assert.equal(s.score.grade, 'A');
  });

  it('tells apart servers of one name in different Claude Code projects', async () => {
    const root = path.join(scratch, 'case3');
    for (const p of ['a', 'b']) {
      await mkdir(path.join(root, p), { recursive: true });
      await writeFile(path.join(root, p, 'package.json'), JSON.stringify({ name: p, version: '1.0.0' }));
      await writeFile(path.join(root, p, 'index.js'), EXEC_SERVER_JS);
    }
    const file = path.join(root, '.claude.json');
    const entry = (p: string) => ({ mcpServers: { tools: { command: 'node', args: [path.join(root, p, 'index.js')] } } });
    await writeFile(file, JSON.stringify({ projects: { '/work/a': entry('a'), '/work/b': entry('b') } }, null, 2));
    const result = await scanClientConfigs({ path: file, rules: builtinRules(), config: false, workers: 1, scanServers: async () => assert.fail('nothing to fetch') });
    assert.deepEqual(result.servers!.map((s) => `${s.name} ${s.project} ${s.pathPrefix}`), ['tools /work/a servers/tools/', 'tools /work/b servers/tools~2/']);
    const text = renderText(result, { color: false });
    assert.match(text, /== server tools \(project \/work\/a\) in \.claude\.json/);
    assert.match(text, /== server tools \(project \/work\/b\) in \.claude\.json/);
  });
});
