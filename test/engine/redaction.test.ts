// Secrets found by MV3001 never appear in full in any report format, only masked.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import { FORMATS, render } from '../../src/report/render.js';
import { builtinRules } from '../../src/rules/index.js';

it('masks the secret in snippets, messages and every report format', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcpvet-redact-'));
  // Built at run time so this test file itself holds no token-shaped literal.
  const secret = ['ghp', '_', 'R8kZq2Lw5Nx7Vb3Tc9Yh1Jd4Mf6Gs0Pa2Ke8'].join('');
  const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEAz3Kd9Qp2Lx8Vw1Tb5Nc7Hy0Ja4Me6Gr2Sf8Ud3Ok9Pl1Wq5', '-----END RSA PRIVATE KEY-----'].join('\n');
  writeFileSync(path.join(dir, 'server.py'), `GITHUB_TOKEN = "${secret}"\nKEY = """${pem}"""\n`);
  const rules = builtinRules();
  const result = await scan({ target: dir, rules, select: ['MV3001'], config: false, workers: 1 });
  assert.ok(result.findings.length >= 2, `expected findings, got ${result.findings.length}`);
  const metas = rules.rules.map((r) => r.meta);
  for (const format of FORMATS) {
    const out = render(format, result, { color: false, rules: metas });
    assert.ok(!out.includes(secret), `${format} report contains the token`);
    assert.ok(!out.includes('MIIEowIBAAKCAQEAz3Kd9Qp2Lx8Vw1Tb5Nc7Hy0Ja4Me6Gr2Sf8Ud3Ok9Pl1Wq5'), `${format} report contains the key body`);
  }
  assert.ok(result.findings.some((f) => f.snippet.includes(`${secret.slice(0, 4)}…`)), 'snippet keeps a masked prefix');
});
