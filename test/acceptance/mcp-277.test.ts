// The MCP-277 acceptance cases from the issue: vulnerable → 1, secure → 0, sibling module → 0, nosem → 0, explain.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../src/engine/scan.js';
import { builtinRules } from '../../src/rules/index.js';

const RULE_DIR = path.resolve('src/rules/auth/protected-resource-metadata-missing');

async function mcp277(target: string) {
  const result = await scan({ target, rules: builtinRules(), config: false, workers: 1 });
  return result.findings.filter((f) => f.aliases.includes('MCP-277'));
}

describe('MCP-277 protected resource metadata missing', () => {
  it('fires once on the vulnerable example and points at the token check', async () => {
    const found = await mcp277(path.join(RULE_DIR, 'examples', 'vulnerable.py'));
    assert.equal(found.length, 1);
    assert.match(found[0]!.snippet, /jwt\.decode/);
    assert.match(found[0]!.message, /searched vulnerable\.py/);
  });

  it('stays quiet on the secure example', async () => {
    assert.equal((await mcp277(path.join(RULE_DIR, 'examples', 'secure.py'))).length, 0);
  });

  it('is satisfied by a metadata route in a sibling module in project mode, not when the server file is scanned alone', async () => {
    const project = path.join(RULE_DIR, 'fixtures', 'sibling-module');
    assert.equal((await mcp277(project)).length, 0);
    assert.equal((await mcp277(path.join(project, 'server.py'))).length, 1);
  });

  it('is silenced by a nosem comment on the reported line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mcpvet-277-'));
    cpSync(path.join(RULE_DIR, 'examples', 'vulnerable.py'), path.join(dir, 'server.py'));
    const file = path.join(dir, 'server.py');
    const withNosem = readFileSync(file, 'utf8').replace(/(return jwt\.decode\([^\n]*)/, '$1  # nosem');
    writeFileSync(file, withNosem);
    const result = await scan({ target: dir, rules: builtinRules(), config: false, workers: 1 });
    assert.equal(result.findings.filter((f) => f.aliases.includes('MCP-277')).length, 0);
    assert.equal(result.suppressed.filter((f) => f.aliases.includes('MCP-277')).length, 1);
    assert.equal(result.stats.suppressed.inline, result.suppressed.filter((f) => f.suppression?.kind === 'inline').length);
  });

  it('`mcpvet explain MCP-277` prints the full page', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(['node', 'mcpvet', 'explain', 'MCP-277']); })"], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    for (const heading of ['# Protected resource metadata endpoint missing', '## Why it matters for MCP', '## Vulnerable example', '## Secure example', '## How mcpvet detects it', '## How to fix it', '## References']) {
      assert.ok(r.stdout.includes(heading), `missing ${heading}`);
    }
    assert.match(r.stdout, /MCP-277/);
  });
});
