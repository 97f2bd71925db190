// Section D of the reliability notes: every hostile stdio server ends as a recorded issue, never a hung or crashed scan.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cgroupSupport } from '../../src/probe/sandbox.js';
import { scanLive } from '../../src/probe/scan-live.js';
import { builtinRules } from '../../src/rules/index.js';
import { codes, HOSTILE, needsSandbox, probeScript } from './helpers.js';

const cgroups = await cgroupSupport();
const needsMemoryCgroup = needsSandbox || (cgroups.memory ? false : `memory cgroup unavailable: ${cgroups.notes.join('; ')}`);
const needsPidsCgroup = needsSandbox || (cgroups.pids ? false : `pids cgroup unavailable: ${cgroups.notes.join('; ')}`);

function running(marker: string): number {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(marker) && !l.includes('ps -eo')).length;
}

describe('hostile stdio servers (sandboxed)', { skip: needsSandbox }, () => {
  it('D1 a server that never answers ends as no-response and is killed', async () => {
    const r = await probeScript(`${HOSTILE}/hang.mjs`);
    assert.ok(codes(r).includes('no-response'), JSON.stringify(r.issues));
    assert.equal(r.surface, undefined);
    assert.ok(r.exit, 'the server process was not reaped');
  });

  it('D2 an endless stdout flood is cut off at the byte cap', async () => {
    const r = await probeScript(`${HOSTILE}/output-flood.mjs`);
    assert.ok(codes(r).includes('output-limit'), JSON.stringify(r.issues));
    assert.ok(r.exit);
  });

  it('D2 a line without a newline is cut off at the message cap', async () => {
    const r = await probeScript(`${HOSTILE}/endless-line.mjs`);
    assert.ok(codes(r).includes('output-limit'), JSON.stringify(r.issues));
  });

  it('D3 stdout chatter and broken JSON are recorded while valid messages still count', async () => {
    const r = await probeScript(`${HOSTILE}/invalid-json.mjs`);
    assert.ok(r.issues.some((i) => i.code === 'protocol-error' && i.level === 'warning'), JSON.stringify(r.issues));
    assert.deepEqual(r.surface?.tools.map((t) => t.name), ['ping']);
  });

  it('D3 a message over the size cap is refused', async () => {
    const r = await probeScript(`${HOSTILE}/huge-message.mjs`);
    assert.ok(codes(r).includes('output-limit'), JSON.stringify(r.issues));
    assert.equal(r.surface?.tools.length ?? 0, 0);
  });

  it('D3 JSON nested 100,000 levels deep is refused before parsing', async () => {
    const r = await probeScript(`${HOSTILE}/deep-json.mjs`);
    assert.ok(r.issues.some((i) => i.code === 'protocol-error' && /nested/.test(i.message)), JSON.stringify(r.issues));
  });

  it('D3 a notification flood is cut off at the message cap', async () => {
    const r = await probeScript(`${HOSTILE}/notification-flood.mjs`, [], { limits: { maxMessages: 2000, totalTimeoutMs: 20_000, connectTimeoutMs: 4000, requestTimeoutMs: 4000 } });
    assert.ok(codes(r).includes('notification-flood'), JSON.stringify(r.issues));
  });

  it('D4 daemonized grandchildren do not outlive the probe', async () => {
    const marker = `mcpvet-daemon-${process.pid}-${Date.now()}`;
    const r = await probeScript(`${HOSTILE}/daemonize.mjs`, [marker]);
    assert.deepEqual(r.surface?.tools.map((t) => t.name), ['noop']);
    for (let i = 0; i < 50 && running(marker) > 0; i++) await new Promise((res) => setTimeout(res, 100));
    assert.equal(running(marker), 0);
  });

  it('D5 a fork bomb hits the process limit; nothing is left running', { skip: needsPidsCgroup }, async () => {
    const marker = `mcpvet-bomb-${process.pid}-${Date.now()}`;
    const r = await probeScript(`${HOSTILE}/fork-bomb.mjs`, [marker], { sandboxLimits: { maxProcesses: 40 } });
    assert.ok(codes(r).includes('process-limit'), JSON.stringify(r.issues));
    for (let i = 0; i < 50 && running(marker) > 0; i++) await new Promise((res) => setTimeout(res, 100));
    assert.equal(running(marker), 0);
  });

  it('D6 a memory hog is killed by the memory limit', { skip: needsMemoryCgroup }, async () => {
    const r = await probeScript(`${HOSTILE}/memory-hog.mjs`, [], { sandboxLimits: { memoryBytes: 256 * 1024 * 1024 } });
    assert.ok(codes(r).includes('out-of-memory'), JSON.stringify(r.issues));
  });

  it('D7 a CPU spin is stopped by the CPU-time limit', async () => {
    const r = await probeScript(`${HOSTILE}/cpu-spin.mjs`, [], { sandboxLimits: { cpuSeconds: 1 } });
    assert.ok(codes(r).some((c) => c === 'cpu-limit' || c === 'timeout'), JSON.stringify(r.issues));
    assert.ok(r.exit);
  });

  it('D8 the server has no network: the host loopback and the metadata address are unreachable', async () => {
    let connections = 0;
    const listener = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((res) => listener.listen(0, '127.0.0.1', res));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      const r = await probeScript(`${HOSTILE}/network.mjs`, [String(port)]);
      const report = r.surface?.tools[0]?.description ?? '';
      assert.match(report, /^loopback: (?!connected)\w+; metadata: (?!connected)\w+$/, report);
      assert.equal(connections, 0);
    } finally {
      listener.close();
    }
  });

  it('D9 D10 D12 host files and environment are out of reach, /tmp is capped, no nested user namespace', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcpvet-secret-'));
    const secretFile = path.join(dir, 'secret.txt');
    writeFileSync(secretFile, 'hunter2-file-secret');
    process.env.MCPVET_TEST_SECRET = 'hunter2-env-secret';
    try {
      const r = await probeScript(`${HOSTILE}/file-access.mjs`, [secretFile], { sandboxLimits: { tmpfsBytes: 8 * 1024 * 1024 } });
      const report = r.surface?.tools[0]?.description ?? '';
      assert.match(report, /secret: ENOENT/, report);
      assert.doesNotMatch(report, /hunter2/);
      assert.match(report, /env: HOME,LANG,PATH,PWD,TMPDIR \|/);
      assert.match(report, /fill: (ENOSPC|EFBIG)/);
      assert.match(report, /userns: [1-9]/);
      assert.match(report, /uid: 65534/);
    } finally {
      delete process.env.MCPVET_TEST_SECRET;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--env passes a named variable through, and only that one', async () => {
    process.env.MCPVET_TEST_PASS = 'visible-value';
    try {
      const { probe } = await import('../../src/probe/probe.js');
      const r = await probe({ kind: 'stdio', command: process.execPath, args: [`${HOSTILE}/file-access.mjs`, '/nonexistent'], cwd: '.', env: ['MCPVET_TEST_PASS'] }, { limits: { relistDelayMs: 50 } });
      assert.match(r.surface?.tools[0]?.description ?? '', /env: HOME,LANG,MCPVET_TEST_PASS,PATH,PWD,TMPDIR \|/);
    } finally {
      delete process.env.MCPVET_TEST_PASS;
    }
  });

  it('D13 sampling, roots and elicitation requests are refused with an error, never answered', async () => {
    const r = await probeScript(`${HOSTILE}/server-requests.mjs`);
    assert.deepEqual([...r.refusedRequests].sort(), ['elicitation/create', 'roots/list', 'sampling/createMessage']);
    assert.ok(codes(r).includes('server-request-refused'));
  });

  it('D14 100k-style tool lists are capped and endless pagination stops, with a notice', async () => {
    const r = await probeScript(`${HOSTILE}/many-tools.mjs`, [], { limits: { maxItems: 100, maxPages: 5, relistDelayMs: 50 } });
    assert.equal(r.surface?.tools.length, 100);
    assert.ok(r.surface?.notices.some((n) => /first 100 items/.test(n)), JSON.stringify(r.surface?.notices));
    assert.ok(codes(r).includes('truncated'));
  });

  it('a server that exits during the handshake is reported with its stderr', async () => {
    const r = await probeScript(`${HOSTILE}/crash.mjs`);
    const exited = r.issues.find((i) => i.code === 'server-exited');
    assert.ok(exited, JSON.stringify(r.issues));
    assert.match(exited.message, /code 3.*cannot start/);
  });

  it('every hostile outcome lands in errors[] of a live scan result', async () => {
    const r = await probeScript(`${HOSTILE}/hang.mjs`);
    const { result } = scanLive(r, { rules: builtinRules() });
    assert.equal(result.complete, false);
    assert.ok(result.errors.some((e) => e.kind === 'timeout' && e.message.startsWith('no-response:')), JSON.stringify(result.errors));
  });
});
