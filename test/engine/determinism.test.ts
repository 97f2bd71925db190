// Determinism: everything but `timing` is byte-identical across runs, worker counts and checkout locations, and
// fingerprints survive inserted lines while still telling identical findings apart.
import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, type TestContext } from 'node:test';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import type { Finding } from '../../src/model/finding.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { render } from '../../src/report/render.js';
import { builtinRules } from '../../src/rules/index.js';
import { tempTree, VULNERABLE_PY, type TempTree } from './temp-tree.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../examples');

/** Two findings with the same rule, file and code: only the occurrence index tells them apart. */
const TWIN_PY = ['import os', '', '', 'def a(cmd):', '    os.system(f"echo {cmd}")', '', '', 'def b(cmd):', '    os.system(f"echo {cmd}")', ''].join('\n');

/** The example servers plus a few extra files, so that many rules, files and languages take part. */
async function corpus(t: TestContext, prefix = 'mcpvet-det-'): Promise<TempTree> {
  const tree = await tempTree({}, prefix);
  t.after(() => tree.remove());
  await cp(EXAMPLES, tree.abs('examples'), { recursive: true });
  await tree.write('twins.py', TWIN_PY);
  await tree.write('lib/helpers.py', VULNERABLE_PY);
  await tree.write('lib/run.ts', 'import { execSync } from "node:child_process";\nexport const sh = (c: string) => execSync(`sh -c ${c}`);\n');
  await tree.write('cmd/tool.go', 'package main\n\nimport "os/exec"\n\nfunc run(c string) { _ = exec.Command("bash", "-c", c).Run() }\n');
  return tree;
}

function scanTree(target: string, extra: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scan({ target, rules: builtinRules(), config: false, workers: 1, ...extra });
}

/** The result with its wall-clock facts removed (and optionally the target as typed), serialised. */
function stable(r: ScanResult, dropInput = false): string {
  const { timing: _timing, ...rest } = r;
  return JSON.stringify(dropInput ? { ...rest, target: { ...rest.target, input: '' } } : rest);
}

function rendered(r: ScanResult): string[] {
  const { timing: _timing, ...rest } = r;
  const metas = builtinRules().rules.filter((x) => r.ruleIds.includes(x.meta.id)).map((x) => x.meta);
  return (['json', 'sarif', 'markdown', 'html', 'text'] as const).map((f) => render(f, rest, { color: false, rules: metas }));
}

function fingerprintsByIdentity(findings: readonly Finding[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of findings) {
    const key = `${f.ruleId} ${f.location.path} ${f.snippet}`;
    m.set(key, [...(m.get(key) ?? []), f.fingerprint]);
  }
  return m;
}

describe('determinism', () => {
  it('gives byte-identical results and reports for the same tree scanned twice', async (t) => {
    const tree = await corpus(t);
    const a = await scanTree(tree.root);
    const b = await scanTree(tree.root);
    assert.ok(a.findings.length >= 10, `the corpus should exercise the rules; got ${a.findings.length} findings`);
    assert.ok(a.timing && b.timing, 'timing is where wall-clock facts belong');
    assert.equal(stable(a), stable(b));
    assert.deepEqual(rendered(a), rendered(b));
  });

  it('gives identical results with workers: 1 and workers: 2', async (t) => {
    const tree = await corpus(t);
    const one = await scanTree(tree.root, { workers: 1 });
    const two = await scanTree(tree.root, { workers: 2 });
    assert.equal(one.timing?.workers, 1);
    assert.equal(two.timing?.workers, 2);
    assert.ok(two.findings.length > 0);
    assert.equal(stable(two), stable(one));
  });

  it('gives identical deep-mode results (flows, traces) with workers: 1 and workers: 2, and twice', async (t) => {
    const tree = await corpus(t);
    const one = await scanTree(tree.root, { workers: 1, mode: 'deep' });
    const two = await scanTree(tree.root, { workers: 2, mode: 'deep' });
    const again = await scanTree(tree.root, { workers: 2, mode: 'deep' });
    assert.equal(two.timing?.workers, 2);
    assert.ok(one.findings.some((f) => (f.trace?.length ?? 0) > 1), 'the corpus should produce deep findings with traces');
    assert.equal(stable(two), stable(one));
    assert.equal(stable(again), stable(two));
  });

  it('does not depend on where the tree lives or how its path is spelled', async (t) => {
    const a = await corpus(t, 'mcpvet-det-a-');
    const b = await corpus(t, 'mcpvet-det-elsewhere-');
    const ra = await scanTree(a.root);
    // Same content, another temp folder, named through a detour and a trailing separator.
    const rb = await scanTree(`${path.join(b.root, 'lib')}${path.sep}..${path.sep}`);
    assert.notEqual(ra.target.input, rb.target.input);
    assert.deepEqual(rb.findings.map((f) => f.fingerprint), ra.findings.map((f) => f.fingerprint));
    // No absolute path leaks anywhere into the result.
    assert.equal(stable(rb, true), stable(ra, true));
    assert.ok(!stable(ra, true).includes(a.root), 'the temp folder appears in the result');
  });

  it('keeps every fingerprint when lines are inserted at the top of each file', async (t) => {
    const tree = await corpus(t);
    const before = await scanTree(tree.root);
    const comment: Record<string, string> = { '.py': '#', '.ts': '//', '.go': '//', '.toml': '#', '.txt': '#', '.mod': '//' };
    // JSON has no comments: findings in package.json files are left where they are (their fingerprints are still compared).
    const files = [...new Set(before.findings.map((f) => f.location.path))].filter((rel) => !rel.endsWith('.json'));
    for (const rel of files) {
      const marker = comment[path.extname(rel)];
      assert.ok(marker, `no comment syntax for ${rel}`);
      const text = await readFile(tree.abs(rel), 'utf8');
      // Go needs the package clause first; a comment block above it is still legal.
      await writeFile(tree.abs(rel), `${marker} licence header\n${marker} added later\n\n${text}`);
    }
    const after = await scanTree(tree.root);
    assert.equal(after.findings.length, before.findings.length);
    const moved = new Set(files);
    for (const [i, f] of after.findings.entries()) {
      const shift = moved.has(f.location.path) ? 3 : 0;
      assert.equal(f.location.startLine, before.findings[i]!.location.startLine + shift, `${f.location.path}: line did not move`);
    }
    assert.deepEqual(fingerprintsByIdentity(after.findings), fingerprintsByIdentity(before.findings));
  });

  it('gives two identical findings in one file different fingerprints, stably', async (t) => {
    const tree = await corpus(t);
    const r = await scanTree(tree.root);
    const twins = r.findings.filter((f) => f.location.path === 'twins.py' && f.ruleId === 'MV2001');
    assert.equal(twins.length, 2);
    assert.equal(twins[0]!.snippet, twins[1]!.snippet);
    assert.notEqual(twins[0]!.fingerprint, twins[1]!.fingerprint);
    const all = [...r.findings, ...r.suppressed].map((f) => f.fingerprint);
    assert.equal(new Set(all).size, all.length, 'fingerprints are unique within a scan');
    assert.ok(all.every((fp) => /^v1:[0-9a-f]{32}$/.test(fp)), 'fingerprints carry their algorithm version');
    const again = await scanTree(tree.root);
    assert.deepEqual(
      again.findings.filter((f) => f.location.path === 'twins.py').map((f) => f.fingerprint),
      twins.map((f) => f.fingerprint),
    );
  });
});
