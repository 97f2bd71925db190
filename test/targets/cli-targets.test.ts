// End to end: `mcpvet scan npm:<pkg>@<version> --registry http://127.0.0.1:<port>` and friends, through the CLI.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildProgram, EXIT_ERROR, EXIT_FINDINGS } from '../../src/cli/main.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { TargetError } from '../../src/targets/limits.js';
import { npmTarball, serveNpmPackage, sri, VULNERABLE_SERVER_JS, vulnerableNpmPackage } from './helpers/fixture-registries.js';
import { startServer, type LocalServer } from './helpers/local-server.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
let server: LocalServer;
let scratch: string;
let tmp: string;
const saved = { TMPDIR: process.env.TMPDIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-cli-targets-'));
  tmp = path.join(scratch, 'tmp');
  await mkdir(tmp);
  // The CLI takes its temp parent from TMPDIR and its cache from XDG_CACHE_HOME: point both into the scratch folder.
  process.env.TMPDIR = tmp;
  process.env.XDG_CACHE_HOME = path.join(scratch, 'cache');
  server = await startServer();
  serveNpmPackage(server, 'disk-usage-mcp', [{ version: '1.0.0', tarball: vulnerableNpmPackage('disk-usage-mcp', '1.0.0') }]);
  serveNpmPackage(server, 'plain-lib', [{ version: '2.0.0', tarball: npmTarball({ 'package.json': '{"name":"plain-lib","version":"2.0.0"}', 'index.js': 'export const add = (a, b) => a + b;\n' }) }]);
  // A package that ships a project config turning the shell rule off, and an entry that tries to leave the folder.
  serveNpmPackage(server, 'sneaky-mcp', [
    {
      version: '1.0.0',
      tarball: npmTarball(
        { 'package.json': '{"name":"sneaky-mcp","version":"1.0.0","dependencies":{"@modelcontextprotocol/sdk":"^1.24.0"}}', 'index.js': VULNERABLE_SERVER_JS, '.mcpvet.json': '{"rules":{"MV2001":"off"}}' },
        [{ name: 'package/../../../evil.sh', body: 'x' }],
      ),
    },
  ]);
  // Published code lives in dist/, and the package tries to hide it with its own ignore files.
  serveNpmPackage(server, 'bundled-mcp', [
    {
      version: '1.0.0',
      tarball: npmTarball({
        'package.json': '{"name":"bundled-mcp","version":"1.0.0","bin":"dist/index.js","dependencies":{"@modelcontextprotocol/sdk":"^1.24.0"}}',
        'dist/index.js': VULNERABLE_SERVER_JS,
        '.mcpvetignore': 'dist/\n',
        '.gitignore': '*.js\n',
      }),
    },
  ]);
  serveNpmPackage(server, 'tampered-mcp', [{ version: '1.0.0', tarball: npmTarball({ 'index.js': 'evil()' }), integrity: sri(npmTarball({ 'index.js': 'good()' })) }]);
});

after(async () => {
  process.env.TMPDIR = saved.TMPDIR;
  process.env.XDG_CACHE_HOME = saved.XDG_CACHE_HOME;
  if (saved.TMPDIR === undefined) delete process.env.TMPDIR;
  if (saved.XDG_CACHE_HOME === undefined) delete process.env.XDG_CACHE_HOME;
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});


interface Run {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

async function cli(args: string[]): Promise<Run> {
  const run: Run = { code: undefined, stdout: '', stderr: '' };
  const program = buildProgram({ stdout: (s) => (run.stdout += s), stderr: (s) => (run.stderr += s), isTTY: false, stderrTTY: false, setExit: (c) => (run.code = c) });
  await program.parseAsync(['node', 'mcpvet', ...args]);
  return run;
}

async function noTempLeft(): Promise<void> {
  assert.deepEqual((await readdir(tmp)).filter((f) => f.startsWith('mcpvet-')), [], 'every private temp folder was removed');
}

describe('mcpvet scan <package spec>', () => {
  it('scans an npm package from a local registry and reports its findings and what it resolved to', async () => {
    const run = await cli(['scan', 'npm:disk-usage-mcp@1.0.0', '--registry', server.url, '--format', 'json']);
    const result = JSON.parse(run.stdout) as ScanResult;
    assert.equal(run.code, EXIT_FINDINGS);
    assert.deepEqual(result.target.input, 'npm:disk-usage-mcp@1.0.0');
    assert.equal(result.target.kind, 'npm');
    assert.equal(result.target.resolved?.version, '1.0.0');
    assert.equal(result.target.resolved?.integrity, sri(vulnerableNpmPackage('disk-usage-mcp', '1.0.0')));
    const shell = result.findings.find((f) => f.ruleId === 'MV2001');
    assert.ok(shell, result.findings.map((f) => f.ruleId).join(','));
    assert.equal(shell.location.path, 'index.js');
    assert.equal(shell.location.startLine, 13);
    assert.equal(result.inventory.servers[0]?.tools[0]?.name, 'folder_size');
    assert.equal(result.complete, true);
    await noTempLeft();
  });

  it('rescans the same pinned version from the cache with zero requests, and the report is identical', async () => {
    const first = await cli(['scan', 'disk-usage-mcp@1.0.0', '--registry', server.url, '--format', 'json']);
    const n = server.requests.length;
    const second = await cli(['scan', 'disk-usage-mcp@1.0.0', '--registry', server.url, '--format', 'json']);
    assert.equal(server.requests.length, n, 'no request on the cached rescan');
    const strip = (s: string) => ({ ...(JSON.parse(s) as ScanResult), timing: undefined });
    assert.deepEqual(strip(second.stdout), strip(first.stdout));
  });

  it('says "not an MCP server" in every report format for a package that is not one', async () => {
    const base = ['scan', 'npm:plain-lib@2.0.0', '--registry', server.url];
    assert.match((await cli([...base, '--format', 'text'])).stdout, /not an MCP server/);
    assert.match((await cli([...base, '--format', 'markdown'])).stdout, /\*\*Not an MCP server\*\*/);
    assert.match((await cli([...base, '--format', 'html'])).stdout, /Not an MCP server/);
    const json = JSON.parse((await cli([...base, '--format', 'json'])).stdout) as ScanResult;
    assert.equal(json.inventory.isMcpServer, false);
    assert.equal(json.complete, true);
    await noTempLeft();
  });

  it("ignores a downloaded package's own .mcpvet.json and reports dropped entries as target errors", async () => {
    const run = await cli(['scan', 'sneaky-mcp@1.0.0', '--registry', server.url, '--format', 'json']);
    const result = JSON.parse(run.stdout) as ScanResult;
    assert.ok(result.findings.some((f) => f.ruleId === 'MV2001'), 'the package cannot switch rules off');
    const target = result.errors.filter((e) => e.kind === 'target');
    assert.equal(target.length, 1);
    assert.match(target[0]!.message, /archive entry skipped: path traversal/);
    assert.equal(target[0]!.path, 'package/../../../evil.sh');
    assert.equal(result.complete, false);
    const text = await cli(['scan', 'sneaky-mcp@1.0.0', '--registry', server.url]);
    assert.match(text.stdout, /error target package\/\.\.\/\.\.\/\.\.\/evil\.sh: archive entry skipped: path traversal/);
    assert.match(text.stdout, /resolved: npm sneaky-mcp@1\.0\.0, sha512-/);
    await noTempLeft();
  });

  it("scans a published package's dist/ folder and ignores the package's own ignore files", async () => {
    const result = JSON.parse((await cli(['scan', 'bundled-mcp@1.0.0', '--registry', server.url, '--format', 'json'])).stdout) as ScanResult;
    assert.ok(result.findings.some((f) => f.ruleId === 'MV2001' && f.location.path === 'dist/index.js'), result.findings.map((f) => `${f.ruleId} ${f.location.path}`).join(','));
    assert.ok(!result.skipped.some((x) => x.path.startsWith('dist')), JSON.stringify(result.skipped));
    await noTempLeft();
  });

  it('inventory accepts the same specs', async () => {
    const run = await cli(['inventory', 'npm:disk-usage-mcp@1.0.0', '--registry', server.url, '--format', 'json']);
    const inv = JSON.parse(run.stdout) as ScanResult['inventory'];
    assert.deepEqual(inv.servers.flatMap((s) => s.tools.map((t) => t.name)), ['folder_size']);
    await noTempLeft();
  });

  it('fails an integrity mismatch before scanning, in-process and as exit code 2', async () => {
    await assert.rejects(cli(['scan', 'tampered-mcp@1.0.0', '--registry', server.url]), (e: unknown) => e instanceof TargetError && /integrity check failed/.test(e.message));
    await noTempLeft();
    const child = await mainProcess(['scan', 'tampered-mcp@1.0.0', '--registry', server.url, '--no-cache']);
    assert.equal(child.code, EXIT_ERROR);
    assert.match(child.stderr, /^mcpvet: integrity check failed for tampered-mcp@1\.0\.0/);
    assert.equal(child.stdout, '');
    const badSpec = await mainProcess(['scan', 'npm:pkg@github:acme/repo']);
    assert.equal(badSpec.code, EXIT_ERROR);
    assert.match(badSpec.stderr, /^mcpvet: npm:pkg@github:acme\/repo: only registry versions, ranges and dist-tags are accepted/);
    await noTempLeft();
  });
});

function mainProcess(args: string[]): Promise<Run> {
  const entry = `import { main } from ${JSON.stringify(path.join(REPO_ROOT, 'src', 'cli', 'main.ts'))}; process.exitCode = await main(['node', 'mcpvet', ...process.argv.slice(1)]);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', entry, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? undefined, stdout, stderr }));
  });
}
