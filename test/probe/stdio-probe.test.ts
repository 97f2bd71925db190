// Real MCP servers (v1 and v2 SDKs) over stdio inside the sandbox: surface, protocol versions, the same metadata rules.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { probe } from '../../src/probe/probe.js';
import { scanLive } from '../../src/probe/scan-live.js';
import { builtinRules } from '../../src/rules/index.js';
import { render } from '../../src/report/render.js';
import { codes, needsSandbox, probeScript, ROOT, SERVERS } from './helpers.js';

function liveScan(r: Awaited<ReturnType<typeof probeScript>>) {
  return scanLive(r, { rules: builtinRules() });
}

describe('stdio servers in the sandbox', { skip: needsSandbox }, () => {
  for (const protocol of ['2025-06-18', '2025-11-25']) {
    it(`v1 McpServer, protocol ${protocol}: server info, tools, prompts, resources; secure metadata has no findings`, async () => {
      const r = await probeScript(`${SERVERS}/v1-stdio.mjs`, ['secure'], { protocol });
      assert.deepEqual(r.issues, []);
      assert.equal(r.sandbox.used, true);
      const s = r.surface!;
      assert.deepEqual(s.server, { name: 'v1-secure', version: '1.0.0' });
      assert.equal(s.protocolVersion, protocol);
      assert.equal(s.instructions, 'Weather look-ups for a city.');
      assert.deepEqual(s.tools.map((t) => t.name), ['get_forecast']);
      assert.deepEqual(s.tools[0]!.annotations, { readOnlyHint: true });
      assert.deepEqual(s.prompts.map((p) => p.name), ['summary']);
      assert.deepEqual(s.resources.map((x) => x.uri), ['weather://readme']);
      const { result } = liveScan(r);
      assert.deepEqual(result.findings.map((f) => f.ruleId), []);
      assert.equal(result.inventory.servers[0]!.tools[0]!.params.find((p) => p.name === 'city')?.maxLength, 80);
    });
  }

  it('v1 poisoned description: MV1001 points at the description line of the probe document', async () => {
    const r = await probeScript(`${SERVERS}/v1-stdio.mjs`, ['poisoned']);
    const { result, document } = liveScan(r);
    const f = result.findings.find((x) => x.ruleId === 'MV1001');
    assert.ok(f, JSON.stringify(result.findings));
    assert.equal(f.location.path, 'live/v1-poisoned.json');
    assert.equal(f.tool, 'get_forecast');
    const line = document.doc.text.split('\n')[f.location.startLine - 1]!;
    assert.match(line, /^\s*"description": "Returns the forecast\. <IMPORTANT>/);
    assert.equal(f.snippet.trim(), line.trim());
    // Every report format takes the live result as it is.
    const sarif = JSON.parse(render('sarif', result, { color: false, rules: [] })) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const loc = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation).find((p) => p.region.startLine === f.location.startLine);
    assert.equal(loc?.artifactLocation.uri, 'live/v1-poisoned.json');
    assert.match(render('html', result, { color: false, rules: [] }), /live\/v1-poisoned\.json/);
  });

  it('v2 server via serveStdio negotiates the 2026 revision; hidden Unicode and poisoning fire', async () => {
    const r = await probeScript(`${SERVERS}/v2-stdio.mjs`, ['poisoned'], { protocol: 'auto' });
    assert.deepEqual(codes(r), []);
    assert.equal(r.surface?.protocolVersion, '2026-07-28');
    assert.equal(r.surface?.era, 'modern');
    const ids = liveScan(r).result.findings.map((f) => f.ruleId).sort();
    assert.ok(ids.includes('MV1001') && ids.includes('MV1002'), ids.join(','));
  });

  it('v2 server speaks 2025-11-25 when the client offers only the 2025 handshake', async () => {
    const r = await probeScript(`${SERVERS}/v2-stdio.mjs`, ['secure'], { protocol: '2025-11-25' });
    assert.equal(r.surface?.protocolVersion, '2025-11-25');
    assert.equal(r.surface?.era, 'legacy');
    assert.deepEqual(liveScan(r).result.findings, []);
  });

  it('a description that changes after the first listing fires MV1901, and the new text is checked too', async () => {
    const r = await probeScript(`${SERVERS}/v1-rug-pull.mjs`);
    assert.deepEqual(r.changes, [{ tool: 'add', change: 'changed', fields: ['description'] }]);
    const { result } = liveScan(r);
    const rug = result.findings.find((f) => f.ruleId === 'MV1901');
    assert.ok(rug);
    assert.equal(rug.tool, 'add');
    const poisoned = result.findings.find((f) => f.ruleId === 'MV1001');
    assert.ok(poisoned, 'the relisted description was not checked');
    assert.match(poisoned.snippet, /SYSTEM/);
  });

  it('the same rules run on source and on the live surface: only rules marked live or of mode live', () => {
    const rules = builtinRules().rules;
    const { result } = scanLive({ target: 'x', transport: 'stdio', changes: [], relisted: [], listChangedNotifications: 0, refusedRequests: [], issues: [], sandbox: { used: true, notes: [] }, durationMs: 0 }, { rules: { rules } });
    const live = rules.filter((r) => r.meta.live === true || r.meta.mode === 'live');
    assert.deepEqual(result.ruleIds, live.filter((r) => r.meta.enabledByDefault !== false).map((r) => r.meta.id).sort());
    const ids = live.map((r) => r.meta.id);
    for (const id of ['MV1001', 'MV1002', 'MV1003', 'MV1004', 'MV1005', 'MV1006', 'MV1007', 'MV1008']) assert.ok(ids.includes(id), id);
    const all = scanLive({ target: 'x', transport: 'stdio', changes: [], relisted: [], listChangedNotifications: 0, refusedRequests: [], issues: [], sandbox: { used: true, notes: [] }, durationMs: 0 }, { rules: { rules }, allRules: true });
    assert.deepEqual(all.result.ruleIds, ids.sort());
  });
});

describe('fail closed without a sandbox', () => {
  it('refuses to start the server, says why, and runs it only with --allow-unsandboxed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mcpvet-started-'));
    const marker = path.join(dir, 'started');
    const args = ['-e', 'require("fs").writeFileSync(process.argv[1], "x")', marker];
    try {
      const refused = await probe({ kind: 'stdio', command: process.execPath, args, cwd: ROOT }, { bwrap: '/nonexistent/bwrap', limits: { connectTimeoutMs: 2000 } });
      assert.deepEqual(codes(refused), ['sandbox-unavailable']);
      assert.match(refused.issues[0]!.message, /not installed.*--allow-unsandboxed/);
      assert.equal(existsSync(marker), false);
      const allowed = await probe({ kind: 'stdio', command: process.execPath, args, cwd: ROOT }, { bwrap: '/nonexistent/bwrap', allowUnsandboxed: true, limits: { connectTimeoutMs: 2000 } });
      assert.equal(allowed.sandbox.used, false);
      assert.equal(existsSync(marker), true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
