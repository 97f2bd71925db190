// End to end: `mcpvet scan --config <file> --resolve` against a local npm registry — one report, grouped by server, graded per server and overall.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { buildProgram } from '../../src/cli/main.js';
import { computeScore } from '../../src/engine/score.js';
import type { ScanResult, ServerReport } from '../../src/model/scan-result.js';
import { severityRank } from '../../src/model/severity.js';
import { npmTarball, sdist, serveNpmPackage, servePypiProject, vulnerableNpmPackage } from '../targets/helpers/fixture-registries.js';
import { startServer, type LocalServer } from '../targets/helpers/local-server.js';

/** A harmless notes server; the local server below exposes the same tool name, for the duplicate-tool rule. */
function notesServer(version: string): string {
  return `import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "${version}" });
const notes = [];

server.registerTool(
  "add_note",
  { description: "Keep a short note in memory for this session.", inputSchema: { text: z.string().max(500) } },
  async ({ text }) => {
    notes.push(text);
    return { content: [{ type: "text", text: "saved" }] };
  },
);

await server.connect(new StdioServerTransport());
`;
}

function notesPackage(name: string, version: string): Buffer {
  return npmTarball({
    'package.json': JSON.stringify({ name, version, type: 'module', bin: { [name]: 'index.js' }, dependencies: { '@modelcontextprotocol/sdk': '^1.24.0', zod: '^3.25.0' } }),
    'index.js': notesServer(version),
  });
}

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const REMOTE_TOKEN = 'q7Zt2LmV9xW4pR8sK1';
let registry: LocalServer;
let scratch: string;
let tmp: string;
let configFile: string;
let cleanOnlyFile: string;
let pypiFile: string;
let localDir: string;
const saved = { TMPDIR: process.env.TMPDIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-per-server-'));
  tmp = path.join(scratch, 'tmp');
  await mkdir(tmp);
  process.env.TMPDIR = tmp;
  process.env.XDG_CACHE_HOME = path.join(scratch, 'cache');
  registry = await startServer();
  serveNpmPackage(registry, 'disk-usage-mcp', [{ version: '1.0.0', tarball: vulnerableNpmPackage('disk-usage-mcp', '1.0.0') }]);
  // Two versions: the config does not pin, so the report must say that the latest (1.1.0) was scanned.
  serveNpmPackage(registry, 'quiet-notes-mcp', [
    { version: '1.0.0', tarball: notesPackage('quiet-notes-mcp', '1.0.0') },
    { version: '1.1.0', tarball: notesPackage('quiet-notes-mcp', '1.1.0') },
  ]);

  // A PyPI server whose tool runs a shell command, in two releases; the config pins the older one.
  const pyServer = (v: string) =>
    sdist('shell-helper-mcp', v, {
      'pyproject.toml': `[project]\nname = "shell-helper-mcp"\nversion = "${v}"\ndependencies = ["mcp"]\n`,
      'shell_helper/server.py': `from mcp.server.fastmcp import FastMCP\nimport subprocess\n\nmcp = FastMCP("shell-helper")\n\n@mcp.tool()\ndef run_command(command: str) -> str:\n    """Run a shell command."""\n    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout\n`,
    });
  servePypiProject(registry, 'shell-helper-mcp', [
    { version: '0.3.0', files: [{ filename: 'shell_helper_mcp-0.3.0.tar.gz', body: pyServer('0.3.0') }] },
    { version: '0.4.0', files: [{ filename: 'shell_helper_mcp-0.4.0.tar.gz', body: pyServer('0.4.0') }] },
  ]);

  localDir = path.join(scratch, 'home', 'servers', 'local-notes');
  await mkdir(localDir, { recursive: true });
  await writeFile(path.join(localDir, 'package.json'), JSON.stringify({ name: 'local-notes', version: '0.0.1', type: 'module', dependencies: { '@modelcontextprotocol/sdk': '^1.24.0' } }));
  await writeFile(path.join(localDir, 'server.js'), notesServer('0.0.1'));

  const project = path.join(scratch, 'project');
  await mkdir(project);
  configFile = path.join(project, '.mcp.json');
  await writeFile(
    configFile,
    JSON.stringify(
      {
        mcpServers: {
          disk: { command: 'npx', args: ['-y', 'disk-usage-mcp@1.0.0'] },
          notes: { command: 'npx', args: ['-y', 'quiet-notes-mcp'] },
          mine: { command: 'node', args: [path.join(localDir, 'server.js')] },
          box: { command: 'docker', args: ['run', '-i', '--rm', 'ghcr.io/acme/box-mcp:1.2.0'] },
          hosted: { type: 'http', url: `https://mcp.example.test/mcp?api_key=${REMOTE_TOKEN}` },
          tool: { command: 'acme-mcp-binary', args: ['--stdio'] },
        },
      },
      null,
      2,
    ),
  );
  pypiFile = path.join(project, 'python.json');
  await writeFile(pypiFile, JSON.stringify({ mcpServers: { shell: { command: 'uvx', args: ['shell-helper-mcp==0.3.0'] } } }, null, 2));
  cleanOnlyFile = path.join(project, 'clean.json');
  await writeFile(cleanOnlyFile, JSON.stringify({ mcpServers: { notes: { command: 'npx', args: ['-y', 'quiet-notes-mcp@1.1.0'] } } }, null, 2));
});

after(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await registry.close();
  await rm(scratch, { recursive: true, force: true });
});

interface Run {
  code: number | undefined;
  stdout: string;
}

async function cli(args: string[]): Promise<Run> {
  const run: Run = { code: undefined, stdout: '' };
  const program = buildProgram({ stdout: (s) => (run.stdout += s), stderr: () => {}, isTTY: false, stderrTTY: false, setExit: (c) => (run.code = c) });
  await program.parseAsync(['node', 'mcpvet', ...args]);
  return run;
}

function resolveArgs(file: string, ...more: string[]): string[] {
  return ['scan', '--config', file, '--resolve', '--registry', registry.url, '--no-project-config', ...more];
}

function byName(result: ScanResult): Map<string, ServerReport> {
  return new Map((result.servers ?? []).map((s) => [s.name, s]));
}

function findingsOf(result: ScanResult, server: ServerReport) {
  const ids = new Set(server.findingIds);
  return result.findings.filter((f) => ids.has(f.fingerprint));
}

describe('scan --config --resolve: one report grouped by server', () => {
  let result: ScanResult;
  let run: Run;
  before(async () => {
    run = await cli(resolveArgs(configFile, '-f', 'json'));
    result = JSON.parse(run.stdout) as ScanResult;
  });

  it('lists every configured server with what it resolved to, and why the others were not scanned', () => {
    const s = byName(result);
    assert.deepEqual([...s.keys()], ['disk', 'notes', 'mine', 'box', 'hosted', 'tool']);
    assert.deepEqual(
      [...s.values()].map((x) => `${x.name} ${x.source.kind} ${x.status}`),
      ['disk npm scanned', 'notes npm scanned', 'mine local scanned', 'box docker not-scanned', 'hosted remote not-scanned', 'tool unknown not-scanned'],
    );
    assert.equal(s.get('disk')!.source.version, '1.0.0');
    assert.equal(s.get('notes')!.source.version, '1.1.0', 'an unpinned package is scanned at its latest version');
    assert.match(s.get('notes')!.reason ?? '', /not pinned.*scanned 1\.1\.0/);
    assert.match(s.get('box')!.reason ?? '', /docker image/);
    assert.match(s.get('hosted')!.reason ?? '', /remote server — use `mcpvet scan --live https:\/\/mcp\.example\.test\/mcp\?…`/);
    assert.match(s.get('tool')!.reason ?? '', /acme-mcp-binary/);
    assert.ok(!run.stdout.includes(REMOTE_TOKEN), 'the token in the remote URL is never repeated');
  });

  it('keeps every finding in one list, package findings under servers/<name>/, and each server lists its own', () => {
    const s = byName(result);
    const disk = findingsOf(result, s.get('disk')!);
    const diskCode = disk.filter((f) => f.location.path.startsWith('servers/disk/'));
    assert.ok(diskCode.length > 0, 'the vulnerable package was scanned with the rules');
    assert.ok(diskCode.some((f) => f.location.path === 'servers/disk/index.js' && severityRank(f.severity) >= severityRank('high')));
    // Its config findings (the unpinned-runner rule does not fire: it is pinned) sit in the config file.
    for (const f of disk) assert.ok(f.location.path.startsWith('servers/disk/') || f.location.path === '.mcp.json');
    const notes = findingsOf(result, s.get('notes')!);
    assert.ok(notes.some((f) => f.ruleId === 'MV8002' && f.location.path === '.mcp.json'), 'the unpinned notes server carries its config finding');
    const hosted = findingsOf(result, s.get('hosted')!);
    assert.ok(hosted.some((f) => f.location.path === '.mcp.json'), 'the token in the remote URL is a finding of that server');
    // Every finding id is in the one list, and no package path belongs to two servers.
    const all = new Set(result.findings.map((f) => f.fingerprint));
    for (const server of result.servers!) for (const id of server.findingIds) assert.ok(all.has(id));
    for (const f of result.findings.filter((x) => x.location.path.startsWith('servers/'))) {
      const owners = result.servers!.filter((x) => x.findingIds.includes(f.fingerprint)).map((x) => x.name);
      assert.equal(owners.length, 1, `${f.location.path} belongs to one server`);
      assert.ok(f.location.path.startsWith(`servers/${owners[0]}/`));
    }
  });

  it('grades each server on its own findings, and overall over all of them (never better than the worst server)', () => {
    for (const server of result.servers!) assert.deepEqual(server.score, computeScore(findingsOf(result, server)), server.name);
    assert.deepEqual(result.score, computeScore(result.findings));
    const s = byName(result);
    assert.ok(s.get('disk')!.score.score < s.get('notes')!.score.score, 'the vulnerable package grades worse than the clean one');
    assert.ok(result.score.score <= Math.min(...result.servers!.map((x) => x.score.score)));
    const counted = result.servers!.map((x) => Object.values(x.counts).reduce((a, b) => a + b, 0));
    assert.deepEqual(counted, result.servers!.map((x) => x.findingIds.length));
  });

  it('feeds the scanned inventories to the cross-server rules', () => {
    const dup = result.findings.filter((f) => f.ruleId === 'MV8007');
    assert.equal(dup.length, 1);
    assert.match(dup[0]!.message, /"add_note"/);
    // The note counts the servers whose tools came from their scans: only the scanned ones.
    const scanned = result.servers!.filter((x) => x.status === 'scanned').length;
    assert.ok(result.errors.some((e) => e.message.includes(`know the tools of ${scanned} of ${result.servers!.length} configured servers`)));
  });

  it('validates against the published JSON schema', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.resolve('schema', 'scan-result.schema.json'), 'utf8')));
    assert.ok(validate(result), (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n'));
    const broken = structuredClone(result) as unknown as { servers: Record<string, unknown>[] };
    broken.servers[0]!.status = 'skipped';
    assert.equal(validate(broken), false, 'the schema checks the server entries');
  });

  it('removes every temporary folder', async () => {
    assert.deepEqual((await readdir(tmp)).filter((f) => f.startsWith('mcpvet-')), []);
  });

  it('exits 1 under the default --fail-on high, and 0 with --fail-on none', async () => {
    assert.equal(run.code, 1);
    assert.equal((await cli(resolveArgs(configFile, '-f', 'json', '--fail-on', 'none'))).code, 0);
    const clean = await cli(resolveArgs(cleanOnlyFile, '-f', 'json'));
    assert.equal(clean.code, 0, 'a config whose only server is clean and pinned passes');
    const cleanResult = JSON.parse(clean.stdout) as ScanResult;
    assert.deepEqual(cleanResult.servers!.map((x) => `${x.name} ${x.status} ${x.source.version}`), ['notes scanned 1.1.0']);
    assert.deepEqual(cleanResult.score, cleanResult.servers![0]!.score);
  });

  it('scans a PyPI server at the pinned version from --index-url', async () => {
    const py = await cli(['scan', '--config', pypiFile, '--resolve', '--index-url', registry.url, '--no-project-config', '-f', 'json']);
    const r = JSON.parse(py.stdout) as ScanResult;
    assert.deepEqual(r.servers!.map((x) => `${x.name} ${x.source.kind} ${x.source.spec} ${x.source.version} ${x.status}`), ['shell pypi pypi:shell-helper-mcp==0.3.0 0.3.0 scanned']);
    const own = findingsOf(r, r.servers![0]!);
    assert.ok(own.some((f) => f.location.path === 'servers/shell/shell_helper/server.py' && severityRank(f.severity) >= severityRank('high')));
    assert.equal(py.code, 1);
  });

  it('renders the grouping in text, Markdown, HTML and SARIF', async () => {
    const text = (await cli(resolveArgs(configFile, '-f', 'text'))).stdout;
    for (const name of ['disk', 'notes', 'mine', 'box', 'hosted', 'tool']) assert.match(text, new RegExp(`== server ${name} in \\.mcp\\.json`));
    assert.match(text, /box \(\.mcp\.json\): docker ghcr\.io\/acme\/box-mcp:1\.2\.0 — not scanned: docker image/);
    assert.match(text, new RegExp(`overall score ${result.score.score}/100, grade ${result.score.grade}`));
    assert.match(text, new RegExp(`== server disk in \\.mcp\\.json: npm:disk-usage-mcp@1\\.0\\.0, grade ${byName(result).get('disk')!.score.grade}`));

    const md = (await cli(resolveArgs(configFile, '-f', 'markdown'))).stdout;
    for (const s of result.servers!) assert.ok(md.includes(`| ${s.name} |`), `markdown lists ${s.name}`);
    assert.match(md, new RegExp(`overall score ${result.score.score}/100 \\(grade ${result.score.grade}\\)`));
    assert.match(md, /not scanned: remote server/);

    const html = (await cli(resolveArgs(configFile, '-f', 'html'))).stdout;
    assert.match(html, /<h2>Configured servers \(6\)<\/h2>/);
    for (const s of result.servers!) assert.ok(html.includes(`<code>${s.name}</code>`));

    const sarif = JSON.parse((await cli(resolveArgs(configFile, '-f', 'sarif'))).stdout) as { runs: { results: { properties: { server?: string } }[] }[] };
    assert.equal(sarif.runs.length, 1);
    const servers = sarif.runs[0]!.results.map((r) => r.properties.server);
    assert.ok(servers.includes('disk') && servers.includes('notes'));
  });
});
