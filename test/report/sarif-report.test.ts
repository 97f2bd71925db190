// SARIF output: valid against the official SARIF 2.1.0 schema, ingestible by GitHub code scanning, and faithful to the scan.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type * as Sarif from 'sarif';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { ScanResult } from '../../src/model/scan-result.js';
import { SEVERITIES, severityRank } from '../../src/model/severity.js';
import { buildSarif, FINGERPRINT_KEY, GITHUB_LIMITS, renderSarif, SARIF_LEVEL, SECURITY_SEVERITY, cweTag, pathToUri, sarifText } from '../../src/report/sarif-report.js';
import { ruleDocUrl } from '../../src/report/rule-page.js';
import { buildBaseline } from '../../src/engine/baseline.js';
import { EXAMPLE_SERVERS, failingRule, ranMetas, REPO_ROOT, removeProject, RICH_PROJECT, scanTarget, SHELL_EXAMPLES, traceRule, withoutTiming, writeProject } from './scan-fixtures.js';

const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

function officialValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new AjvDraft04({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

function schemaErrors(validate: ValidateFunction, log: unknown): string {
  return validate(log) ? '' : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
}

function sarifOf(result: ScanResult, extra = [traceRule, failingRule]): Sarif.Log {
  return JSON.parse(renderSarif(result, { rules: ranMetas(result, extra) })) as Sarif.Log;
}

/** What GitHub needs from each rule and result to file proper security alerts. */
function githubProblems(log: Sarif.Log): string[] {
  const problems: string[] = [];
  if (log.runs.length > 20) problems.push('more than 20 runs');
  for (const run of log.runs) {
    const rules = run.tool.driver.rules ?? [];
    for (const r of rules) {
      if (!r.fullDescription?.text) problems.push(`${r.id}: no fullDescription`);
      if (!r.help?.text || !r.help.markdown) problems.push(`${r.id}: no help text and markdown`);
      if (!r.helpUri || !/^https:\/\//.test(r.helpUri)) problems.push(`${r.id}: no https helpUri`);
      const sev = r.properties?.['security-severity'];
      if (typeof sev !== 'string' || !/^\d+(\.\d+)?$/.test(sev) || Number(sev) < 0 || Number(sev) > 10) problems.push(`${r.id}: security-severity ${String(sev)}`);
      const tags = r.properties?.tags ?? [];
      if (!tags.includes('security')) problems.push(`${r.id}: no security tag`);
      if (!tags.some((t) => /^external\/cwe\/cwe-\d{3,}$/.test(t))) problems.push(`${r.id}: no CWE tag`);
      if (tags.length > GITHUB_LIMITS.tagsPerRule) problems.push(`${r.id}: ${tags.length} tags`);
    }
    if ((run.results?.length ?? 0) > GITHUB_LIMITS.resultsPerRun) problems.push('too many results');
    for (const res of run.results ?? []) {
      const where = `${res.ruleId} result`;
      if (!res.partialFingerprints || !Object.keys(res.partialFingerprints).length) problems.push(`${where}: no partialFingerprints`);
      if (res.ruleIndex === undefined || rules[res.ruleIndex]?.id !== res.ruleId) problems.push(`${where}: ruleIndex does not point at its rule`);
      const loc = res.locations?.[0]?.physicalLocation;
      if (!loc?.artifactLocation?.uri || !loc.region?.startLine) problems.push(`${where}: no physical location`);
      if (loc?.artifactLocation?.uri && /^(\/|[a-z][a-z0-9+.-]*:)/i.test(loc.artifactLocation.uri)) problems.push(`${where}: absolute uri`);
      for (const flow of res.codeFlows ?? []) for (const t of flow.threadFlows) if (t.locations.length > GITHUB_LIMITS.threadFlowLocationsPerResult) problems.push(`${where}: flow too long`);
    }
  }
  return problems;
}

describe('SARIF report', () => {
  let validate: ValidateFunction;
  let examples: ScanResult;
  let rich: ScanResult;
  let richDir: string;

  before(async () => {
    validate = officialValidator();
    examples = await scanTarget(SHELL_EXAMPLES);
    richDir = await writeProject(RICH_PROJECT);
    rich = await scanTarget(richDir, { extraRules: [traceRule, failingRule] });
  });
  after(() => removeProject(richDir));

  it('of the MV2001 examples validates against the official SARIF 2.1.0 schema', () => {
    assert.ok(examples.findings.length > 0);
    assert.equal(schemaErrors(validate, sarifOf(examples)), '');
  });

  it('with flows, suppressions, odd file names and notifications validates against the official schema', () => {
    assert.equal(schemaErrors(validate, sarifOf(rich)), '');
  });

  it('of the example MCP servers validates and meets GitHub requirements', async () => {
    const servers = await scanTarget(EXAMPLE_SERVERS);
    assert.ok(servers.findings.length > 0);
    const log = sarifOf(servers, []);
    assert.equal(schemaErrors(validate, log), '');
    assert.deepEqual(githubProblems(log), []);
  });

  it('the validator is not vacuous: it rejects a broken log', () => {
    const log = sarifOf(examples) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    (log.runs[0]!.results[0]!.locations as Sarif.Location[])[0]!.physicalLocation!.region!.startLine = 0;
    const errors = schemaErrors(validate, log);
    assert.match(errors, /level must be equal to one of the allowed values/);
    assert.match(errors, /startLine must be >= 1/);
  });

  it('meets GitHub code scanning ingestion requirements', () => {
    assert.deepEqual(githubProblems(sarifOf(examples)), []);
    assert.deepEqual(githubProblems(sarifOf(rich)), []);
  });

  it('has one run with the tool, a rule for every rule that ran, and UTF-16 columns', () => {
    const log = sarifOf(rich);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0]!;
    assert.equal(run.tool.driver.name, 'mcpvet');
    assert.equal(run.tool.driver.version, rich.tool.version);
    assert.match(run.tool.driver.informationUri ?? '', /^https:\/\//);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.tool.driver.rules!.map((r) => r.id), [...rich.ruleIds].sort());
  });

  it('describes rules from their metadata', () => {
    const run = sarifOf(rich).runs[0]!;
    for (const meta of ranMetas(rich, [traceRule, failingRule])) {
      const r = run.tool.driver.rules!.find((x) => x.id === meta.id)!;
      assert.equal(r.name, meta.slug);
      assert.equal(r.shortDescription?.text, meta.title);
      assert.equal(r.fullDescription?.text, meta.docs.summary);
      assert.equal(r.helpUri, ruleDocUrl(meta));
      for (const part of [meta.docs.risk, meta.docs.detection, meta.docs.fix]) {
        assert.ok(r.help!.text.includes(part) && r.help!.markdown!.includes(part), `${meta.id} help lacks a docs section`);
      }
      assert.equal(r.defaultConfiguration?.level, SARIF_LEVEL[meta.severity]);
      assert.equal(r.properties?.['security-severity'], SECURITY_SEVERITY[meta.severity]);
      const tags = r.properties!.tags!;
      assert.equal(tags[0], 'security');
      for (const c of meta.cwe) assert.ok(tags.includes(cweTag(c)), `${meta.id} lacks ${cweTag(c)}`);
      for (const o of meta.owaspMcp) assert.ok(tags.some((t) => t.endsWith(o.toLowerCase())), `${meta.id} lacks ${o}`);
      for (const a of meta.aliases) assert.ok(tags.includes(a), `${meta.id} lacks alias ${a}`);
    }
  });

  it('maps severities with one ordered table and GitHub-style CWE tags', () => {
    const numbers = SEVERITIES.map((s) => Number(SECURITY_SEVERITY[s]));
    assert.deepEqual([...numbers].sort((a, b) => b - a), numbers, 'security-severity must fall with severity');
    assert.ok(Number(SECURITY_SEVERITY.critical) >= 9 && Number(SECURITY_SEVERITY.high) >= 7 && Number(SECURITY_SEVERITY.high) < 9);
    assert.deepEqual(SEVERITIES.map((s) => SARIF_LEVEL[s]), ['error', 'error', 'warning', 'note', 'note']);
    assert.equal(cweTag('CWE-78'), 'external/cwe/cwe-078');
    assert.equal(cweTag('CWE-1333'), 'external/cwe/cwe-1333');
  });

  it('turns every finding and suppressed finding into a result with its location and fingerprint', () => {
    const run = sarifOf(rich).runs[0]!;
    const all = [...rich.findings, ...rich.suppressed];
    assert.equal(run.results!.length, all.length);
    for (const f of all) {
      const r = run.results!.find((x) => x.partialFingerprints?.[FINGERPRINT_KEY] === f.fingerprint);
      assert.ok(r, `no result for ${f.ruleId} at ${f.location.path}:${f.location.startLine}`);
      assert.equal(r.ruleId, f.ruleId);
      assert.equal(r.level, SARIF_LEVEL[f.severity]);
      assert.equal(r.message.text, f.message);
      const pl = r.locations![0]!.physicalLocation!;
      assert.equal(pl.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.equal(decodeURIComponent(pl.artifactLocation!.uri!), f.location.path);
      assert.deepEqual(pl.region, { startLine: f.location.startLine, startColumn: f.location.startColumn, endLine: f.location.endLine, endColumn: f.location.endColumn });
      assert.equal(r.properties?.confidence, f.confidence);
      assert.deepEqual(r.properties?.aliases, f.aliases);
    }
  });

  it('percent-encodes file names into URI references', () => {
    assert.equal(pathToUri('dir with space/odd #name%.py'), 'dir%20with%20space/odd%20%23name%25.py');
    assert.equal(pathToUri('a:b/c.py'), 'a%3Ab/c.py');
    const uris = sarifOf(rich).runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri);
    assert.ok(uris.includes('dir%20with%20space/odd%20%23name%25.py'), uris.join(', '));
  });

  it('defuses embedded links and control characters in scanned text, leaving ordinary brackets alone', () => {
    assert.equal(sarifText('see [click](https://evil.example) and [x](1)'), 'see \\[click\\](https://evil.example) and \\[x\\](1)');
    assert.equal(sarifText('param type list[str]'), 'param type list[str]');
    assert.equal(sarifText('a\u202eb\u001b'), 'a\\u{202e}b\\u{1b}');
    const r = structuredClone(rich);
    r.findings[0]!.message = 'tool [click](https://evil.example) \u202e';
    const res = sarifOf(r).runs[0]!.results!.find((x) => x.partialFingerprints?.[FINGERPRINT_KEY] === r.findings[0]!.fingerprint)!;
    assert.equal(res.message.text, 'tool \\[click\\](https://evil.example) \\u{202e}');
  });

  it('reports columns in UTF-16 code units, as the run declares', () => {
    const line = RICH_PROJECT['unicode.py']!.split('\n')[2]!;
    const r = sarifOf(rich).runs[0]!.results!.find((x) => x.locations![0]!.physicalLocation!.artifactLocation!.uri === 'unicode.py');
    assert.ok(r, 'no result in unicode.py');
    const region = r.locations![0]!.physicalLocation!.region!;
    assert.equal(region.startColumn, line.indexOf('os.system') + 1);
    assert.equal(region.endColumn, line.lastIndexOf(')') + 2);
  });

  it('turns a trace into a code flow, in order, and related evidence into related locations', () => {
    const f = rich.findings.find((x) => x.ruleId === traceRule.meta.id)!;
    const r = sarifOf(rich).runs[0]!.results!.find((x) => x.ruleId === traceRule.meta.id)!;
    const steps = r.codeFlows![0]!.threadFlows[0]!.locations;
    assert.deepEqual(
      steps.map((s) => [s.location!.message!.text, s.location!.physicalLocation!.region!.startLine]),
      f.trace!.map((t) => [t.label, t.location.startLine]),
    );
    assert.deepEqual(
      r.relatedLocations!.map((l) => [l.message!.text, l.physicalLocation!.region!.startLine]),
      f.related!.map((x) => [x.message, x.location.startLine]),
    );
    assert.equal(r.properties?.tool, 'read_file');
  });

  it('marks inline suppressions inSource with their justification', () => {
    const s = rich.suppressed.find((f) => f.suppression?.kind === 'inline')!;
    const r = sarifOf(rich).runs[0]!.results!.find((x) => x.partialFingerprints?.[FINGERPRINT_KEY] === s.fingerprint)!;
    assert.deepEqual(r.suppressions, [{ kind: 'inSource', justification: 'reviewed: cmd is validated by the caller' }]);
    const open = sarifOf(rich).runs[0]!.results!.filter((x) => !x.suppressions);
    assert.equal(open.length, rich.findings.length);
  });

  it('marks baseline suppressions external', async () => {
    const file = path.join(richDir, 'baseline.json');
    await writeFile(file, JSON.stringify(buildBaseline(rich.findings.filter((f) => f.ruleId === 'MV2001'))));
    const again = await scanTarget(richDir, { extraRules: [traceRule], baseline: file });
    const log = sarifOf(again);
    assert.equal(schemaErrors(validate, log), '');
    const external = log.runs[0]!.results!.filter((r) => r.suppressions?.[0]?.kind === 'external');
    assert.equal(external.length, rich.findings.filter((f) => f.ruleId === 'MV2001').length);
    assert.ok(external.every((r) => r.ruleId === 'MV2001'));
  });

  it('reports scan errors and skipped files as invocation notifications', () => {
    assert.equal(rich.complete, false, 'the failing rule should make the scan incomplete');
    const inv = sarifOf(rich).runs[0]!.invocations![0]!;
    assert.equal(inv.executionSuccessful, false);
    const notes = inv.toolExecutionNotifications!;
    for (const e of rich.errors) {
      const n = notes.find((x) => x.properties?.kind === e.kind && x.message.text!.includes(e.message));
      assert.ok(n, `no notification for ${e.kind}: ${e.message}`);
      assert.equal(n.level, e.level);
      if (e.ruleId) assert.equal(n.associatedRule?.id, e.ruleId);
    }
    for (const s of rich.skipped) {
      const n = notes.find((x) => x.properties?.kind === 'skipped' && x.locations?.[0]?.physicalLocation?.artifactLocation?.uri === pathToUri(s.path));
      assert.ok(n, `no notification for skipped ${s.path}`);
      assert.equal(n.level, 'note');
      assert.equal(n.properties?.reason, s.reason);
    }
    assert.equal(sarifOf(examples).runs[0]!.invocations![0]!.executionSuccessful, examples.complete);
  });

  it('truncates to the result limit, keeping the most severe, and says so', () => {
    const log = buildSarif(rich, { rules: ranMetas(rich, [traceRule, failingRule]), maxResults: 2 });
    const run = log.runs[0]!;
    assert.equal(run.results!.length, 2);
    assert.equal(schemaErrors(validate, JSON.parse(JSON.stringify(log))), '');
    const all = [...rich.findings, ...rich.suppressed];
    const worst = Math.max(...all.map((f) => severityRank(f.severity)));
    assert.equal(severityRank(traceRule.meta.severity), worst, 'the fixture needs the trace rule to be the most severe');
    assert.ok(run.results!.some((r) => r.ruleId === traceRule.meta.id), 'the most severe finding must be kept');
    const kept = run.results!.map((r) => r.partialFingerprints![FINGERPRINT_KEY]!);
    const order = all.map((f) => f.fingerprint).filter((fp) => kept.includes(fp));
    assert.deepEqual(kept, order, 'kept results stay in report order');
    const note = run.invocations![0]!.toolExecutionNotifications!.find((n) => n.properties?.kind === 'truncated');
    assert.ok(note, 'no truncation notification');
    assert.match(note.message.text!, new RegExp(`^${all.length - 2} of ${all.length} results`));
    assert.equal(GITHUB_LIMITS.resultsPerRun, 25_000);
    const full = buildSarif(rich, { rules: ranMetas(rich, [traceRule, failingRule]) });
    assert.ok(!full.runs[0]!.invocations![0]!.toolExecutionNotifications!.some((n) => n.properties?.kind === 'truncated'));
  });

  it('still produces a valid, ingestible rule entry when the reporter is not given a rule', () => {
    const log = JSON.parse(renderSarif(rich, { rules: [] })) as Sarif.Log;
    assert.equal(schemaErrors(validate, log), '');
    const rule = log.runs[0]!.tool.driver.rules!.find((r) => r.id === 'MV2001')!;
    assert.equal(rule.name, 'shell-command-non-literal');
    assert.ok(rule.helpUri?.endsWith('/shell-command-non-literal.md'));
  });

  it('is byte-identical across two scans once timing is removed, and carries timing only in the invocation', async () => {
    const again = await scanTarget(richDir, { extraRules: [traceRule, failingRule] });
    const a = renderSarif(withoutTiming(rich), { rules: ranMetas(rich, [traceRule, failingRule]) });
    const b = renderSarif(withoutTiming(again), { rules: ranMetas(again, [traceRule, failingRule]) });
    assert.equal(a, b);
    const timed = sarifOf(rich).runs[0]!.invocations![0]!;
    assert.equal(timed.startTimeUtc, rich.timing!.startedAt);
    assert.ok(timed.endTimeUtc! >= timed.startTimeUtc!);
    assert.equal(sarifOf(withoutTiming(rich)).runs[0]!.invocations![0]!.startTimeUtc, undefined);
  });
});
