// HTML report: self-contained, strict CSP, complete summary, and no way for scanned text to inject markup.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { ServerDef, TextValue } from '../../src/model/inventory.js';
import type { Location } from '../../src/model/location.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { SEVERITIES } from '../../src/model/severity.js';
import { escapeHtml, renderHtml } from '../../src/report/html-report.js';
import { ruleDocUrl } from '../../src/report/rule-page.js';
import { EXAMPLE_SERVERS, failingRule, ranMetas, removeProject, RICH_PROJECT, scanTarget, traceRule, writeProject } from './scan-fixtures.js';

/** Attacker-controlled text: markup, both quote kinds, an ANSI escape, a bidi override and a NUL. */
const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> ' " & \u001b[31m \u202e \u0000 end`;
/** The same, minus the NUL, which would make the scanner skip the file as binary. */
const HOSTILE_SOURCE = HOSTILE.replace('\u0000', '');
const HOSTILE_FILE = `evil <img src=x onerror=alert(2)> "q" 'a' \u001b[2J.py`;

const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'h3', 'p', 'section', 'div', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'article', 'a', 'code', 'pre', 'ol', 'ul', 'li', 'details', 'summary', 'footer']);
const ATTRIBUTES = new Set(['lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'rel', 'aria-label']);

function text(value: string, location: Location): TextValue {
  return { value, origin: 'literal', location };
}

function hostileServer(at: Location): ServerDef {
  return {
    id: `${at.path}#mcp`,
    language: 'python',
    sdk: { package: 'mcp', api: 'fastmcp', version: '1.9.0' },
    name: text(HOSTILE, at),
    variable: 'mcp',
    transports: [{ kind: 'streamable-http', api: 'mcp.run', host: HOSTILE, port: '8000', location: at }],
    auth: [],
    tools: [
      {
        name: `tool${HOSTILE}`,
        nameResolved: true,
        description: text(`Reads a file. ${HOSTILE}`, at),
        params: [{ name: `p${HOSTILE}`, type: 'str', location: at }],
        schemaKind: 'signature',
        api: '@mcp.tool',
        location: at,
      },
    ],
    prompts: [{ name: `prompt${HOSTILE}`, nameResolved: true, arguments: [], api: '@mcp.prompt', location: at }],
    resources: [{ uri: `file:///${HOSTILE}`, isTemplate: false, templateVariables: [], api: '@mcp.resource', location: at }],
    location: at,
  };
}

describe('HTML report', () => {
  let dir: string;
  let result: ScanResult;
  let html: string;

  before(async () => {
    dir = await writeProject({
      ...RICH_PROJECT,
      [HOSTILE_FILE]: `import os\ndef h(x):\n    os.system(x)  # ${HOSTILE_SOURCE}\n`,
    });
    result = await scanTarget(dir, { extraRules: [traceRule, failingRule] });
    const at = result.findings.find((f) => f.location.path === HOSTILE_FILE)?.location;
    assert.ok(at, 'the hostile file should produce a finding');
    // The extractors are not what is tested here: put a hostile server into the inventory directly.
    result.inventory = { ...result.inventory, isMcpServer: true, servers: [hostileServer(at)] };
    result.skipped.push({ path: HOSTILE_FILE, reason: 'too-large', detail: HOSTILE });
    result.errors.push({ kind: 'read', level: 'warning', path: HOSTILE_FILE, message: HOSTILE });
    result.target.input = HOSTILE;
    html = renderHtml(result, { rules: ranMetas(result, [traceRule, failingRule]) });
  });
  after(() => removeProject(dir));

  it('contains only the elements and attributes the reporter writes', () => {
    for (const m of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
      const [tag, name, attrs] = [m[0], m[1]!.toLowerCase(), m[2]!];
      assert.ok(TAGS.has(name), `unexpected element ${tag}`);
      for (const a of attrs.matchAll(/\s([^\s=]+)(?:="[^"]*")?/g)) assert.ok(ATTRIBUTES.has(a[1]!.toLowerCase()), `unexpected attribute in ${tag}`);
    }
    assert.doesNotMatch(html, /<script|<img|<iframe|<link|<object/i);
  });

  it('escapes hostile file names, snippets, tool metadata, skip details and error messages', () => {
    const escaped = escapeHtml(HOSTILE);
    assert.match(escaped, /^&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt; &#39; &quot; &amp; \\u\{1b\}\[31m \\u\{202e\} \\u\{0\} end$/);
    assert.ok(html.includes(escapeHtml(HOSTILE_FILE)), 'the hostile file name should appear, escaped');
    const occurrences = html.split(escaped).length - 1;
    // target, server name, host, tool description, skip detail, error message (at least).
    assert.ok(occurrences >= 6, `hostile text escaped only ${occurrences} times`);
    assert.ok(html.includes(`os.system(x)  # ${escapeHtml(HOSTILE_SOURCE)}`), 'the snippet should appear, escaped');
    assert.ok(html.includes(`tool${escaped}`) && html.includes(`prompt${escaped}`) && html.includes(`file:///${escaped}`));
  });

  it('never emits raw control, bidi or invisible characters', () => {
    assert.doesNotMatch(html, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
  });

  it('is self-contained under a strict CSP whose hash matches the inline stylesheet', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1]?.replace(/&#39;/g, "'");
    assert.ok(csp, 'no CSP meta tag');
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|script-src|\*/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    assert.ok(csp.includes(`style-src 'sha256-${hash}'`), 'the style hash does not match the stylesheet');
    assert.doesNotMatch(style, /url\(|@import/, 'the stylesheet must not fetch anything');
    for (const m of html.matchAll(/href="([^"]*)"/g)) assert.match(m[1]!, /^https:\/\//);
  });

  it('summarises score, grade, severity counts and the inventory', () => {
    assert.ok(html.includes(`<span class="num">${result.score.score}</span>`));
    assert.ok(html.includes(`grade ${result.score.grade}`));
    for (const sev of SEVERITIES) {
      assert.ok(html.includes(`<span class="badge sev-${sev}">${sev}</span></td><td class="n">${result.stats.bySeverity[sev]}</td>`), `no count for ${sev}`);
    }
    assert.match(html, /1 server\(s\), 1 tool\(s\), 1 prompt\(s\), 1 resource\(s\)/);
    assert.ok(html.includes('incomplete'), 'an incomplete scan must say so');
  });

  it('groups findings by severity, most severe first, with snippet, trace and rule link', () => {
    const headings = [...html.matchAll(/<h3><span class="badge sev-(\w+)">\w+<\/span> (\d+) finding\(s\)<\/h3>/g)].map((m) => [m[1], Number(m[2])]);
    const expected = SEVERITIES.filter((s) => result.stats.bySeverity[s] > 0).map((s) => [s, result.stats.bySeverity[s]]);
    assert.deepEqual(headings, expected);
    for (const f of result.findings) {
      const article = new RegExp(`<article class="finding" id="f-${f.fingerprint}">([\\s\\S]*?)</article>`).exec(html)?.[1];
      assert.ok(article, `no article for ${f.ruleId} ${f.location.path}`);
      const meta = ranMetas(result, [traceRule, failingRule]).find((m) => m.id === f.ruleId)!;
      assert.ok(article.includes(`href="${escapeHtml(ruleDocUrl(meta))}"`), 'no rule link');
      assert.ok(article.includes(`<span class="ln">${f.location.startLine}</span>${escapeHtml(f.snippet.split('\n')[0]!)}`), 'no snippet');
      for (const step of f.trace ?? []) assert.ok(article.includes(escapeHtml(step.label)), 'trace step missing');
    }
    const trace = result.findings.find((f) => f.trace)!;
    assert.match(html, new RegExp(`<ol class="trace">\\s*<li><code>server.py:${trace.trace![0]!.location.startLine}:1</code> argument path of tool read_file</li>`));
  });

  it('lists suppressed findings, skipped paths and errors', () => {
    assert.match(html, new RegExp(`Suppressed findings \\(${result.suppressed.length}\\)`));
    assert.match(html, new RegExp(`Skipped paths \\(${result.skipped.length}\\)`));
    assert.match(html, new RegExp(`Errors and warnings \\(${result.errors.length}\\)`));
    for (const s of result.skipped) assert.ok(html.includes(`<td><code>${escapeHtml(s.path)}</code></td><td>${s.reason}</td>`), `skipped ${s.path} missing`);
    assert.ok(html.includes('deliberate &lt;failure&gt; for tests'));
  });

  it('shows a real inventory: servers, SDKs and every tool', async () => {
    const servers = await scanTarget(EXAMPLE_SERVERS);
    const page = renderHtml(servers, { rules: ranMetas(servers) });
    const inv = servers.inventory;
    const tools = inv.servers.flatMap((s) => s.tools);
    assert.ok(tools.length > 0);
    assert.ok(page.includes(`<p>${inv.servers.length} server(s), ${tools.length} tool(s),`));
    assert.equal(page.split('<h3>Server ').length - 1, inv.servers.length);
    for (const t of tools) assert.ok(page.includes(`<td><code>${escapeHtml(t.name)}</code></td>`), `tool ${t.name} missing`);
    for (const s of inv.servers) assert.ok(page.includes(escapeHtml(s.sdk.package)), `sdk ${s.sdk.package} missing`);
  });

  it('is deterministic', () => {
    assert.equal(renderHtml(result, { rules: ranMetas(result, [traceRule, failingRule]) }), html);
  });
});
