// The CLI contract: exit codes, --fail-on, every --format, --output, explain, rules --json, and deterministic reports.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import { buildProgram, EXIT_ERROR, EXIT_FINDINGS, EXIT_OK } from '../../src/cli/main.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { atLeast } from '../../src/model/severity.js';
import { FORMATS } from '../../src/report/render.js';
import { REPO_ROOT, SHELL_EXAMPLES } from '../report/scan-fixtures.js';

const VULNERABLE = path.join(SHELL_EXAMPLES, 'vulnerable.py');
const SECURE = path.join(SHELL_EXAMPLES, 'secure.py');

interface Run {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (what `main` does, minus its error-to-exit-code mapping). */
async function cli(args: string[], tty = false): Promise<Run> {
  const run: Run = { code: undefined, stdout: '', stderr: '' };
  const program = buildProgram({
    stdout: (s) => (run.stdout += s),
    stderr: (s) => (run.stderr += s),
    isTTY: tty,
    stderrTTY: false,
    setExit: (c) => (run.code = c),
  });
  await program.parseAsync(['node', 'mcpvet', ...args]);
  return run;
}

/** Runs `main` in a child process, so that exit codes and error output are exactly what a user gets. */
function mainProcess(args: string[]): Promise<Run> {
  const entry = `import { main } from ${JSON.stringify(path.join(REPO_ROOT, 'src', 'cli', 'main.ts'))}; process.exitCode = await main(['node', 'mcpvet', ...process.argv.slice(1)]);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', entry, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? undefined, stdout, stderr }));
  });
}

describe('mcpvet CLI (in-process)', () => {
  let out: string;

  before(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'mcpvet-cli-'));
  });
  after(() => rm(out, { recursive: true, force: true }));

  it('exits 1 when a finding is at or above the default --fail-on (high), and the JSON says why', async () => {
    const run = await cli(['scan', VULNERABLE, '--format', 'json', '--no-project-config']);
    const result = JSON.parse(run.stdout) as ScanResult;
    assert.ok(result.findings.some((f) => f.ruleId === 'MV2001' && atLeast(f.severity, 'high')));
    assert.equal(run.code, EXIT_FINDINGS);
  });

  it('applies --fail-on to the findings that were reported', async () => {
    for (const failOn of ['critical', 'high', 'medium', 'low', 'info', 'none'] as const) {
      const run = await cli(['scan', VULNERABLE, '--format', 'json', '--fail-on', failOn]);
      const result = JSON.parse(run.stdout) as ScanResult;
      const failing = failOn !== 'none' && result.findings.some((f) => atLeast(f.severity, failOn));
      assert.equal(run.code, failing ? EXIT_FINDINGS : EXIT_OK, `--fail-on ${failOn}`);
    }
  });

  it('exits 0 when nothing is at or above --fail-on', async () => {
    const onlyHigh = await cli(['scan', VULNERABLE, '--rule', 'MV2001', '--fail-on', 'critical', '--format', 'json']);
    assert.ok((JSON.parse(onlyHigh.stdout) as ScanResult).findings.length > 0, 'the high finding is still reported');
    assert.equal(onlyHigh.code, EXIT_OK);
    const clean = await cli(['scan', SECURE, '--rule', 'MV2001', '--format', 'json']);
    assert.deepEqual((JSON.parse(clean.stdout) as ScanResult).findings, []);
    assert.equal(clean.code, EXIT_OK);
  });

  it('renders every --format', async () => {
    const checks: Record<(typeof FORMATS)[number], (s: string) => void> = {
      text: (s) => assert.match(s, /MV2001 shell-command-non-literal .*vulnerable\.py:\d+:\d+/),
      json: (s) => assert.equal((JSON.parse(s) as ScanResult).schemaVersion, '1.0.0'),
      sarif: (s) => {
        const log = JSON.parse(s) as Sarif.Log;
        assert.equal(log.version, '2.1.0');
        assert.ok(log.runs[0]!.results!.some((r) => r.ruleId === 'MV2001'));
      },
      html: (s) => {
        assert.match(s, /^<!doctype html>/);
        assert.match(s, /Content-Security-Policy/);
      },
      markdown: (s) => {
        assert.match(s, /^### mcpvet: \d+ finding\(s\)/);
        assert.match(s, /\| \*\*high\*\* \| \[MV2001\]/);
      },
    };
    for (const format of FORMATS) {
      const run = await cli(['scan', VULNERABLE, '--format', format]);
      checks[format](run.stdout);
      assert.equal(run.code, EXIT_FINDINGS, `${format} exit code`);
    }
  });

  it('--output writes the report to a file instead of stdout', async () => {
    const file = path.join(out, 'report.sarif');
    const run = await cli(['scan', VULNERABLE, '--format', 'sarif', '--output', file]);
    assert.equal(run.stdout, '');
    assert.equal((JSON.parse(await readFile(file, 'utf8')) as Sarif.Log).version, '2.1.0');
    assert.equal(run.code, EXIT_FINDINGS);
  });

  it('colours text only for a terminal, and never other formats or files', async () => {
    assert.doesNotMatch((await cli(['scan', VULNERABLE])).stdout, /\x1b\[/);
    assert.match((await cli(['scan', VULNERABLE], true)).stdout, /\x1b\[/);
    assert.doesNotMatch((await cli(['scan', VULNERABLE, '--format', 'markdown'], true)).stdout, /\x1b\[/);
    const file = path.join(out, 'report.txt');
    await cli(['scan', VULNERABLE, '--output', file], true);
    assert.doesNotMatch(await readFile(file, 'utf8'), /\x1b\[/);
  });

  it('explain MCP-002 prints the pages of every rule carrying the alias, fast rule first', async () => {
    const run = await cli(['explain', 'MCP-002']);
    assert.match(run.stdout, /^# Shell runs a command built at run time/);
    assert.match(run.stdout, /\*\*MV2001\*\*/);
    assert.match(run.stdout, /\n---\n\n# [^\n]+\n[\s\S]*\*\*MV2101\*\*/);
    assert.match(run.stdout, /## How to fix it/);
    assert.match(run.stdout, /## Vulnerable example/);
    assert.equal(run.code, EXIT_OK);
  });

  it('rules --json prints parseable metadata for every rule', async () => {
    const run = await cli(['rules', '--json']);
    const metas = JSON.parse(run.stdout) as { id: string; slug: string; docs: { summary: string } }[];
    assert.ok(Array.isArray(metas) && metas.length > 0);
    assert.ok(metas.some((m) => m.id === 'MV2001' && m.slug === 'shell-command-non-literal'));
    for (const m of metas) assert.match(m.id, /^MV\d{4}$/);
    assert.equal(run.code, EXIT_OK);
  });

  it('produces byte-identical JSON and SARIF for two runs once timing is removed', async () => {
    for (const format of ['json', 'sarif'] as const) {
      const [a, b] = [await cli(['scan', SHELL_EXAMPLES, '--format', format]), await cli(['scan', SHELL_EXAMPLES, '--format', format])];
      const strip = (s: string): string => {
        const data = JSON.parse(s) as Record<string, any>;
        if (format === 'json') delete data.timing;
        else {
          for (const inv of data.runs[0].invocations) {
            delete inv.startTimeUtc;
            delete inv.endTimeUtc;
          }
        }
        return JSON.stringify(data);
      };
      assert.notEqual(a.stdout, '', `${format} output`);
      assert.equal(strip(a.stdout), strip(b.stdout), `${format} differs between runs`);
    }
  });
});

describe('mcpvet CLI (process exit codes)', () => {
  it('exits 0 for a clean target, 1 for findings at or above --fail-on', async () => {
    const clean = await mainProcess(['scan', SECURE, '--rule', 'MV2001']);
    assert.equal(clean.code, EXIT_OK, clean.stderr);
    const dirty = await mainProcess(['scan', VULNERABLE, '--format', 'json']);
    assert.equal(dirty.code, EXIT_FINDINGS, dirty.stderr);
    assert.ok((JSON.parse(dirty.stdout) as ScanResult).findings.length > 0);
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['an unknown option', ['scan', SECURE, '--bogus'], /unknown option '--bogus'/],
    ['an unknown format', ['scan', SECURE, '--format', 'pdf'], /argument 'pdf' is invalid/],
    ['an unknown --fail-on severity', ['scan', SECURE, '--fail-on', 'urgent'], /argument 'urgent' is invalid/],
    ['a target that does not exist', ['scan', path.join(REPO_ROOT, 'no', 'such', 'target')], /cannot read target/],
    ['an unknown rule in explain', ['explain', 'MV0000'], /no rule matches "MV0000"/],
    ['an unknown command', ['scna', SECURE], /unknown command 'scna'/],
  ];
  for (const [what, args, message] of usageErrors) {
    it(`exits 2 for ${what}`, async () => {
      const run = await mainProcess(args);
      assert.equal(run.code, EXIT_ERROR, `stdout: ${run.stdout}\nstderr: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }
});
