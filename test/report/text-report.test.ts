// Text report: colour only on request, scanned text never reaches the terminal raw, and the summary is complete.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ScanResult } from '../../src/model/scan-result.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { renderText, sanitize } from '../../src/report/text-report.js';
import { render, FORMATS } from '../../src/report/render.js';
import { failingRule, ranMetas, removeProject, RICH_PROJECT, scanTarget, traceRule, writeProject } from './scan-fixtures.js';

describe('text report', () => {
  let dir: string;
  let result: ScanResult;

  before(async () => {
    dir = await writeProject(RICH_PROJECT);
    result = await scanTarget(dir, { extraRules: [traceRule, failingRule] });
  });
  after(() => removeProject(dir));

  it('uses ANSI colour only when asked', () => {
    assert.doesNotMatch(renderText(result, { color: false }), /\x1b/);
    assert.match(renderText(result, { color: true }), /\x1b\[[\d;]*m/);
  });

  it('shows hostile text with its control and bidi characters escaped', () => {
    const r = structuredClone(result);
    r.findings[0]!.message = 'clear screen \x1b[2J and flip \u202e text';
    r.findings[0]!.snippet = 'x = "\x1b]0;title\x07"';
    r.target.input = 'target\x1b[31m';
    r.errors.push({ kind: 'read', level: 'warning', path: 'p\x1b.py', message: 'm\u0000' });
    const out = renderText(r, { color: false });
    assert.doesNotMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.ok(out.includes('clear screen \\u{1b}[2J and flip \\u{202e} text'));
    assert.ok(out.includes('target\\u{1b}[31m'));
    assert.equal(sanitize('a\tb\nc'), 'a\tb\nc', 'tabs and newlines are kept');
  });

  it('lists findings with code frames and trace, then counts, score, skipped paths and errors', () => {
    const out = renderText(result, { color: false });
    for (const f of result.findings) assert.ok(out.includes(`${f.severity.toUpperCase()} ${f.ruleId} ${f.slug} ${f.location.path}:${f.location.startLine}:${f.location.startColumn}`));
    assert.ok(out.includes(`${result.findings.length} finding(s): ${SEVERITIES.map((s) => `${result.stats.bySeverity[s]} ${s}`).join(', ')}`));
    assert.ok(out.includes(`score ${result.score.score}/100, grade ${result.score.grade}`));
    const trace = result.findings.find((f) => f.trace)!;
    assert.ok(out.includes(`→ server.py:${trace.trace![0]!.location.startLine} argument path of tool read_file`));
    assert.ok(out.includes(`skipped ${result.skipped.length} path(s):`));
    assert.ok(out.includes(`error rule ${failingRule.meta.id}: rule failed: deliberate <failure> for tests`));
    assert.ok(out.includes('scan incomplete'));
  });

  it('every format renders through render()', () => {
    for (const format of FORMATS) {
      const out = render(format, result, { color: false, rules: ranMetas(result, [traceRule, failingRule]) });
      assert.ok(out.length > 0 && out.endsWith('\n'), `${format} output`);
    }
  });
});
