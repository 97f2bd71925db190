// Inline suppression comments, the project config file and baselines, with MV2001 (shell-command-non-literal) as
// the finding generator.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it, type TestContext } from 'node:test';
import { buildProgram } from '../../src/cli/main.js';
import { ConfigError } from '../../src/engine/project-config.js';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { builtinRules } from '../../src/rules/index.js';
import { tempTree, type TempTree } from './temp-tree.js';

const RULE = 'MV2001';
const SLUG = 'shell-command-non-literal';
const ALIAS = 'MCP-002';
const SHELL_PY = 'os.system(f"echo {cmd}")';

async function withTree(t: TestContext, files: Record<string, string>): Promise<TempTree> {
  const tree = await tempTree(files);
  t.after(() => tree.remove());
  return tree;
}

/** Only MV2001 runs, so every finding and suppression below is one of its. */
function scanTree(tree: TempTree, extra: Partial<ScanOptions> = {}): Promise<ScanResult> {
  return scan({ target: tree.root, rules: builtinRules(), select: [RULE], workers: 1, ...extra });
}

/** A Python module whose body lines are given; each is one statement inside `def run(cmd):` starting at line 4. */
function pyModule(...body: string[]): string {
  return ['import os', '', '', 'def run(cmd):', ...body.map((l) => `    ${l}`), ''].join('\n');
}

const lines = (r: ScanResult) => r.findings.map((f) => f.location.startLine);
const suppressedLines = (r: ScanResult) => r.suppressed.map((f) => `${f.location.startLine} ${f.suppression?.kind}`);

describe('inline suppressions', () => {
  it('honours a bare mcpvet-ignore at the end of the line', async (t) => {
    const tree = await withTree(t, { 's.py': pyModule(`${SHELL_PY}  # mcpvet-ignore`, SHELL_PY) });
    const r = await scanTree(tree);
    assert.deepEqual(lines(r), [6]);
    assert.deepEqual(suppressedLines(r), ['5 inline']);
    assert.equal(r.stats.suppressed.inline, 1);
    assert.equal(r.stats.findings, 1);
  });

  it('applies no inline comment when told not to (downloaded targets)', async (t) => {
    const tree = await withTree(t, { 's.py': pyModule(`${SHELL_PY}  # mcpvet-ignore`, `${SHELL_PY}  # nosem`) });
    const r = await scanTree(tree, { inlineSuppressions: false });
    assert.deepEqual(lines(r), [5, 6]);
    assert.deepEqual(r.suppressed, []);
  });

  it('matches rule ids, slugs and aliases case-insensitively, and ignores other rules', async (t) => {
    const tree = await withTree(t, {
      's.py': pyModule(
        `${SHELL_PY}  # mcpvet-ignore ${RULE}`,
        `${SHELL_PY}  # mcpvet-ignore ${SLUG}`,
        `${SHELL_PY}  # mcpvet-ignore ${ALIAS.toLowerCase()}`,
        `${SHELL_PY}  # mcpvet-ignore[MV9999, ${RULE.toLowerCase()}]: wrapper validates cmd`,
        `${SHELL_PY}  # mcpvet-ignore MV9999`,
        `${SHELL_PY}  # mcpvet-ignore code-eval-non-literal`,
      ),
    });
    const r = await scanTree(tree);
    assert.deepEqual(suppressedLines(r), ['5 inline', '6 inline', '7 inline', '8 inline']);
    assert.deepEqual(lines(r), [9, 10]);
    assert.equal(r.suppressed[3]!.suppression?.justification, 'wrapper validates cmd');
  });

  it('records the reason after -- as the justification, and the marker text otherwise', async (t) => {
    const tree = await withTree(t, { 's.py': pyModule(`${SHELL_PY}  # mcpvet-ignore ${RULE} -- cmd is one of three fixed words`, `${SHELL_PY}  # nosem`) });
    const r = await scanTree(tree);
    assert.deepEqual(
      r.suppressed.map((f) => f.suppression),
      [
        { kind: 'inline', justification: 'cmd is one of three fixed words' },
        { kind: 'inline', justification: 'nosem' },
      ],
    );
  });

  it('covers the next line only from a comment that stands alone on its line', async (t) => {
    const tree = await withTree(t, {
      's.py': pyModule(
        '# mcpvet-ignore -- checked by the allow-list above',
        SHELL_PY,
        `x = 1  # mcpvet-ignore ${RULE}`,
        SHELL_PY,
        '# mcpvet-ignore',
        '',
        SHELL_PY,
      ),
    });
    const r = await scanTree(tree);
    assert.deepEqual(suppressedLines(r), ['6 inline']);
    // A trailing comment belongs to its own line; a blank line breaks the link to the comment above.
    assert.deepEqual(lines(r), [8, 11]);
  });

  it('understands nosem and nosemgrep, with and without a rule', async (t) => {
    const tree = await withTree(t, {
      's.py': pyModule(`${SHELL_PY}  # nosem`, `${SHELL_PY}  # nosemgrep: ${SLUG}`, `${SHELL_PY}  # nosemgrep: ${RULE}`, `${SHELL_PY}  # nosemgrep: python.lang.security.audit.eval`),
    });
    const r = await scanTree(tree);
    assert.deepEqual(suppressedLines(r), ['5 inline', '6 inline', '7 inline']);
    assert.deepEqual(lines(r), [8]);
  });

  it('ignores markers inside string literals, docstrings and template strings', async (t) => {
    const tree = await withTree(t, {
      's.py': pyModule('os.system(f"echo {cmd}  # nosem")', '"""mcpvet-ignore"""', SHELL_PY, `os.system(f"echo {cmd} mcpvet-ignore ${RULE}")`),
      'q.ts': ['import { exec } from "node:child_process";', 'export const go = (c: string) => exec(`echo ${c} // mcpvet-ignore`);', ''].join('\n'),
    });
    const r = await scanTree(tree);
    assert.deepEqual(r.suppressed, []);
    assert.deepEqual(
      r.findings.map((f) => `${f.location.path}:${f.location.startLine}`),
      ['q.ts:2', 's.py:5', 's.py:7', 's.py:8'],
    );
  });

  it('works with // and /* */ comments in TypeScript and Go', async (t) => {
    const tree = await withTree(t, {
      'a.ts': [
        'import { exec } from "node:child_process";',
        'export function a(c: string) {',
        '  exec(`echo ${c}`); // mcpvet-ignore MV2001',
        '  // nosemgrep: shell-command-non-literal',
        '  exec(`echo ${c}`);',
        '  exec(`echo ${c}`); /* mcpvet-ignore -- fixed input */',
        '  exec(`echo ${c}`);',
        '}',
        '',
      ].join('\n'),
      'b.go': ['package main', '', 'import "os/exec"', '', 'func b(c string) {', '\t// mcpvet-ignore', '\t_ = exec.Command("sh", "-c", "echo "+c).Run()', '\t_ = exec.Command("sh", "-c", "echo "+c).Run()', '}', ''].join('\n'),
    });
    const r = await scanTree(tree);
    assert.deepEqual(
      r.suppressed.map((f) => `${f.location.path}:${f.location.startLine} ${f.suppression?.justification}`),
      ['a.ts:3 mcpvet-ignore MV2001', 'a.ts:5 nosemgrep: shell-command-non-literal', 'a.ts:6 fixed input', 'b.go:7 mcpvet-ignore'],
    );
    assert.deepEqual(r.findings.map((f) => `${f.location.path}:${f.location.startLine}`), ['a.ts:7', 'b.go:8']);
  });
});

describe('project config (.mcpvet.json)', () => {
  const twoFiles = { 'app/server.py': pyModule(SHELL_PY), 'generated/client.py': pyModule(SHELL_PY) };
  const all = (tree: TempTree, extra: Partial<ScanOptions> = {}) => scan({ target: tree.root, rules: builtinRules(), workers: 1, ...extra });

  it('turns a rule off by id, slug or alias', async (t) => {
    for (const ref of [RULE, SLUG, ALIAS]) {
      const tree = await withTree(t, { ...twoFiles, '.mcpvet.json': JSON.stringify({ rules: { [ref]: 'off' } }) });
      const r = await all(tree);
      assert.ok(!r.ruleIds.includes(RULE), `${ref}: MV2001 still ran`);
      assert.deepEqual(r.findings.filter((f) => f.ruleId === RULE), [], ref);
      assert.ok(r.ruleIds.length > 0, 'the other rules still run');
    }
  });

  it('overrides severity and excludes paths', async (t) => {
    const tree = await withTree(t, {
      ...twoFiles,
      '.mcpvet.json': JSON.stringify({ rules: { [SLUG]: { severity: 'low' } }, exclude: ['generated/'] }),
    });
    const r = await scanTree(tree);
    assert.deepEqual(r.findings.map((f) => `${f.location.path} ${f.severity}`), ['app/server.py low']);
    assert.deepEqual(r.skipped, [{ path: 'generated', reason: 'excluded', detail: 'exclude pattern' }]);
    assert.equal(r.stats.bySeverity.low, 1);
    assert.equal(r.stats.bySeverity.high, 0);
  });

  it('accepts // and /* */ comments, and reads mcpvet.config.json too', async (t) => {
    const jsonc = '{\n  // generated code is checked upstream\n  "exclude": ["generated/"], /* one rule off */\n  "rules": { "MV2001": { "severity": "medium" } }\n}\n';
    for (const name of ['.mcpvet.json', 'mcpvet.config.json']) {
      const tree = await withTree(t, { ...twoFiles, [name]: jsonc });
      const r = await scanTree(tree);
      assert.deepEqual(r.findings.map((f) => `${f.location.path} ${f.severity}`), ['app/server.py medium'], name);
    }
  });

  it('is ignored with config: false and can be given as a path', async (t) => {
    const tree = await withTree(t, { ...twoFiles, '.mcpvet.json': JSON.stringify({ exclude: ['app/', 'generated/'] }), 'other.json': JSON.stringify({ exclude: ['app/'] }) });
    assert.equal((await scanTree(tree)).findings.length, 0);
    assert.equal((await scanTree(tree, { config: false })).findings.length, 2);
    assert.deepEqual((await scanTree(tree, { config: tree.abs('other.json') })).findings.map((f) => f.location.path), ['generated/client.py']);
  });

  it('reports an unknown rule in the config as a warning and still scans', async (t) => {
    const tree = await withTree(t, { ...twoFiles, '.mcpvet.json': JSON.stringify({ rules: { 'no-such-rule': 'off' } }) });
    const r = await scanTree(tree);
    assert.deepEqual(r.errors.map((e) => `${e.kind} ${e.level} ${e.message}`), ['config warning unknown rule "no-such-rule" in config "rules"']);
    assert.equal(r.findings.length, 2);
  });

  for (const [what, text, message] of [
    ['malformed JSON', '{ "rules": { "MV2001": "off", } ', /is not valid JSON/],
    ['an unknown key', '{ "rulez": {} }', /is invalid: \(root\): Unrecognized key/i],
    ['a bad severity', '{ "rules": { "MV2001": { "severity": "urgent" } } }', /is invalid: rules\.MV2001(\.severity)?: /],
    ['a wrong type', '{ "exclude": "generated/" }', /is invalid: exclude: /],
  ] as const) {
    it(`rejects ${what} with a clear error naming the file`, async (t) => {
      const tree = await withTree(t, { ...twoFiles, '.mcpvet.json': text });
      await assert.rejects(scanTree(tree), (e: unknown) => {
        assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
        assert.ok(e.message.includes(tree.abs('.mcpvet.json')), e.message);
        assert.match(e.message, message);
        return true;
      });
    });
  }
});

describe('baselines (CLI)', () => {
  async function cli(...args: string[]): Promise<{ code: number; result: ScanResult }> {
    let out = '';
    let code = -1;
    const program = buildProgram({ stdout: (s) => (out += s), stderr: () => {}, isTTY: false, stderrTTY: false, setExit: (c) => (code = c) });
    await program.parseAsync(['node', 'mcpvet', ...args]);
    return { code, result: JSON.parse(out) as ScanResult };
  }

  it('--write-baseline then --baseline suppresses exactly the recorded findings, even after they move', async (t) => {
    const tree = await withTree(t, {
      'a.py': pyModule(SHELL_PY, 'os.popen(cmd)'),
      'b.ts': 'import { exec } from "node:child_process";\nexport const b = (c: string) => exec(`ls ${c}`);\n',
    });
    const baseline = tree.abs('.mcpvet-baseline.json');
    const first = await cli('scan', tree.root, '--rule', RULE, '-f', 'json', '--no-project-config', '--write-baseline', baseline);
    assert.equal(first.code, 1, 'high findings fail the run');
    assert.equal(first.result.findings.length, 3);
    const written = JSON.parse(await readFile(baseline, 'utf8')) as { findings: { fingerprint: string }[] };
    assert.deepEqual(written.findings.map((f) => f.fingerprint).sort(), first.result.findings.map((f) => f.fingerprint).sort());

    const second = await cli('scan', tree.root, '--rule', RULE, '-f', 'json', '--no-project-config', '--baseline', baseline);
    assert.equal(second.code, 0);
    assert.deepEqual(second.result.findings, []);
    assert.equal(second.result.stats.suppressed.baseline, 3);
    assert.ok(second.result.suppressed.every((f) => f.suppression?.kind === 'baseline' && f.suppression.justification === baseline));

    // Move the accepted findings (new code above them, functions reordered) and add one new finding.
    await tree.write('a.py', ['import os', '', 'LIMIT = 3', '', '', 'def run(cmd):', '    os.popen(cmd)', '    os.system("date")', '    ' + SHELL_PY, '', '', 'def fresh(x):', '    os.system(x + " --help")', ''].join('\n'));
    const third = await cli('scan', tree.root, '--rule', RULE, '-f', 'json', '--no-project-config', '--baseline', baseline);
    assert.deepEqual(third.result.findings.map((f) => `${f.location.path}:${f.location.startLine}`), ['a.py:13']);
    assert.deepEqual(third.result.suppressed.map((f) => `${f.location.path}:${f.location.startLine}`), ['a.py:7', 'a.py:9', 'b.ts:2']);
    assert.equal(third.result.stats.suppressed.baseline, 3);
    assert.equal(third.code, 1);
  });

  it('prefers an inline suppression over the baseline and counts each once', async (t) => {
    const tree = await withTree(t, { 'a.py': pyModule(SHELL_PY, 'os.popen(cmd)') });
    const baseline = tree.abs('base.json');
    await cli('scan', tree.root, '--rule', RULE, '-f', 'json', '--no-project-config', '--write-baseline', baseline);
    await tree.write('a.py', pyModule(`${SHELL_PY}  # mcpvet-ignore -- reviewed`, 'os.popen(cmd)'));
    const { result } = await cli('scan', tree.root, '--rule', RULE, '-f', 'json', '--no-project-config', '--baseline', baseline);
    assert.deepEqual(result.suppressed.map((f) => `${f.location.startLine} ${f.suppression?.kind}`), ['5 inline', '6 baseline']);
    assert.deepEqual(result.stats.suppressed, { inline: 1, baseline: 1, config: 0 });
  });
});
