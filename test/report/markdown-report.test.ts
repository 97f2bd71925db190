// Markdown report for PR comments: counts, a capped findings table, collapsible details, and escaped untrusted text.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Finding } from '../../src/model/finding.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { SEVERITIES, severityRank } from '../../src/model/severity.js';
import { mdCode, mdText, renderMarkdown } from '../../src/report/markdown-report.js';
import { failingRule, ranMetas, removeProject, RICH_PROJECT, scanTarget, traceRule, writeProject } from './scan-fixtures.js';

const HOSTILE = '<script>alert(1)</script> <img src=x> [click](https://evil.example) ![i](https://evil.example/x.png) | pipe | @octocat #123 **bold** _em_ `code` ~~del~~ &amp; \u202e\u001b[31m\n- not a list\n\n# not a heading';
const HOSTILE_SNIPPET = 'run("```")  # ``` closes a fence\n</details><script>x</script>';

/**
 * The parts of the Markdown that GitHub renders as Markdown prose: fenced blocks, code spans (which never cross a
 * line in our output) and the raw-HTML `<summary>` lines removed.
 */
function prose(md: string): string {
  return md
    .replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1\s*$/gm, '')
    .split('\n')
    .filter((l) => !l.startsWith('<summary>'))
    .map((l) => l.replace(/(`+)(?:(?!\1)[^\n])*?\1/g, ''))
    .join('\n');
}

/** The `<summary>` lines are raw HTML: the only markup allowed in them is the summary element itself. */
function summaryTexts(md: string): string[] {
  return md.split('\n').filter((l) => l.startsWith('<summary>')).map((l) => /^<summary>(.*)<\/summary>$/.exec(l)![1]!);
}

function findingsTableRows(md: string): string[] {
  const lines = md.split('\n');
  const start = lines.indexOf('| severity | rule | location | message |');
  assert.ok(start >= 0, 'no findings table');
  const rows: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    rows.push(l);
  }
  return rows;
}

describe('Markdown report', () => {
  let dir: string;
  let result: ScanResult;
  let rules: ReturnType<typeof ranMetas>;

  before(async () => {
    dir = await writeProject(RICH_PROJECT);
    result = await scanTarget(dir, { extraRules: [traceRule, failingRule] });
    rules = ranMetas(result, [traceRule, failingRule]);
  });
  after(() => removeProject(dir));

  function hostile(): ScanResult {
    const r = structuredClone(result);
    const f = r.findings[0]!;
    f.message = HOSTILE;
    f.tool = `evil\`\`|tool${HOSTILE}`;
    f.snippet = HOSTILE_SNIPPET;
    f.location = { ...f.location, path: 'a|b`c <x> @octocat.py' };
    r.target.input = HOSTILE;
    return r;
  }

  it('summarises severity counts, suppressed, skipped and errors', () => {
    const md = renderMarkdown(result, { rules });
    const s = result.stats;
    const header = `| ${[...SEVERITIES, 'suppressed', 'skipped', 'errors', 'warnings'].join(' | ')} |`;
    const lines = md.split('\n');
    const at = lines.indexOf(header);
    assert.ok(at >= 0, 'no counts table');
    const errors = result.errors.filter((e) => e.level === 'error').length;
    const expected = [...SEVERITIES.map((x) => s.bySeverity[x]), s.suppressed.inline + s.suppressed.baseline + s.suppressed.config, result.skipped.length, errors, result.errors.length - errors];
    assert.equal(lines[at + 2], `| ${expected.join(' | ')} |`);
    assert.match(md, new RegExp(`score ${result.score.score}/100 \\(grade ${result.score.grade}\\)`));
    assert.match(md, /\*\*The scan is incomplete\*\*/);
    assert.match(md, /2 path\(s\) skipped \(1 binary, 1 minified\); 2 error\(s\)\/warning\(s\) \(1 error rule, 1 warning syntax\)\./);
  });

  it('lists every finding, most severe first, with a collapsible details block each', () => {
    const md = renderMarkdown(result, { rules });
    const rows = findingsTableRows(md);
    assert.equal(rows.length, result.findings.length);
    const ranks = rows.map((r) => severityRank(/^\| \*\*(\w+)\*\*/.exec(r)![1] as Finding['severity']));
    assert.deepEqual(ranks, [...ranks].sort((a, b) => b - a));
    assert.equal(md.split('<details>').length - 1, result.findings.length);
    assert.equal(md.split('</details>').length - 1, result.findings.length);
    const trace = result.findings.find((f) => f.trace)!;
    assert.ok(md.includes(`1. \`server.py:${trace.trace![0]!.location.startLine}\` argument path of tool read\\_file`));
    assert.ok(md.includes('https://github.com/mcpvet/mcpvet/blob/main/docs/rules/shell-command-non-literal.md'));
  });

  it('escapes untrusted text so it cannot add markup, links, images, table cells or mentions', () => {
    const md = renderMarkdown(hostile(), { rules });
    const text = prose(md);
    // Only our own tags are raw HTML; every other `<` is escaped.
    for (const m of text.matchAll(/(?<!\\)<(\/?[a-zA-Z]+)/g)) assert.ok(['details', '/details', 'summary', '/summary'].includes(m[1]!), `raw <${m[1]}`);
    assert.doesNotMatch(text, /(?<!\\)\]\((?!https:\/\/github\.com\/mcpvet\/mcpvet\/)/, 'an unescaped link target');
    assert.doesNotMatch(text, /(?<![\\])!\[/, 'an image');
    assert.doesNotMatch(text, /@(?!\u200b)\w/, 'a live @mention');
    assert.doesNotMatch(text, /#(?!\u200b)\d/, 'a live #reference');
    const summaries = summaryTexts(md);
    assert.equal(summaries.length, md.split('<details>').length - 1);
    for (const t of summaries) {
      assert.doesNotMatch(t, /[<>"]/, `raw markup in a summary: ${t}`);
      assert.doesNotMatch(t, /@(?!\u200b)\w|#(?!\u200b)\d/, 'a live mention in a summary');
    }
    assert.ok(summaries.some((t) => t.includes('a|b`c &lt;x&gt; @\u200boctocat.py:3')), 'the hostile path should be shown escaped');
    assert.doesNotMatch(md, /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/, 'raw control or bidi characters');
    for (const row of findingsTableRows(md)) assert.equal(row.match(/(?<!\\)\|/g)!.length, 5, `row has extra cells: ${row}`);
    assert.doesNotMatch(md, /^- not a list|^# not a heading/m, 'untrusted newlines started a block');
  });

  it('fences snippets so that backticks and HTML inside them stay code', () => {
    const md = renderMarkdown(hostile(), { rules });
    const fence = /^(`{4,})\n( {3}\d+ \| run\("```"\).*\n.*<\/details><script>x<\/script>)\n\1$/m.exec(md);
    assert.ok(fence, 'the snippet should sit in a fence longer than any backtick run inside it');
  });

  it('keeps code spans closed and table pipes escaped', () => {
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x`'), '`` `x` ``');
    assert.equal(mdCode('a|b', true), '`a\\|b`');
    assert.equal(mdCode('a|b'), '`a|b`');
    assert.equal(mdText('- x', true), '\\- x');
    assert.equal(mdText('1. x', true), '1\\. x');
    assert.equal(mdText('version 1.2'), 'version 1.2');
    assert.equal(mdText('a\n  b'), 'a b');
  });

  it('caps the table with an "…and N more" line, dropping the least severe', () => {
    const md = renderMarkdown(result, { rules, maxFindings: 2 });
    const rows = findingsTableRows(md);
    assert.equal(rows.length, 2);
    assert.match(rows[0]!, /^\| \*\*critical\*\*/);
    assert.match(md, new RegExp(`…and ${result.findings.length - 2} more finding\\(s\\)`));
    assert.equal(md.split('<details>').length - 1, 2);
  });

  it('stays under GitHub comment limits with many findings (100 listed by default)', () => {
    const many = structuredClone(result);
    const base = many.findings[0]!;
    many.findings = Array.from({ length: 250 }, (_, i) => ({ ...base, snippet: `${'x'.repeat(200)}\n`.repeat(5), fingerprint: `v1:${i.toString(16).padStart(32, '0')}` }));
    const md = renderMarkdown(many, { rules });
    assert.equal(findingsTableRows(md).length, 100);
    assert.match(md, /…and 150 more finding\(s\)/);
    assert.ok(md.length < 65_536, `comment is ${md.length} characters`);
    assert.match(md, /Details of \d+ finding\(s\) were left out to keep this comment short\./);
    assert.equal(md.split('<details>').length, md.split('</details>').length, 'unbalanced details');
  });

  it('says so when there is nothing to report', () => {
    const clean = structuredClone(result);
    clean.findings = [];
    const md = renderMarkdown(clean, { rules });
    assert.match(md, /^### mcpvet: no findings/);
    assert.doesNotMatch(md, /\| severity \| rule \|/);
  });
});
