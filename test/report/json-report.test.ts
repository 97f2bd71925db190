// The JSON report: valid against the published schema, the schema is current and strict, and output is deterministic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { ScanResult } from '../../src/model/scan-result.js';
import { renderJson } from '../../src/report/json-report.js';
import { scanResultJsonSchema } from '../../src/report/scan-result-schema.js';
import { EXAMPLE_SERVERS, failingRule, REPO_ROOT, removeProject, RICH_PROJECT, scanTarget, SHELL_EXAMPLES, traceRule, withoutTiming, writeProject } from './scan-fixtures.js';

const Ajv2020 = Ajv2020Module.default;
const addFormats = addFormatsModule.default;
const SCHEMA_FILE = path.join(REPO_ROOT, 'schema', 'scan-result.schema.json');

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

function errorsOf(validate: ValidateFunction, data: unknown): string {
  return validate(data) ? '' : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
}

describe('schema/scan-result.schema.json', () => {
  it('is the schema generated from src/report/scan-result-schema.ts', () => {
    const generated = `${JSON.stringify(scanResultJsonSchema(), null, 2)}\n`;
    assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), generated, 'stale: run `npm run gen`');
  });

  it('compiles in strict mode as draft 2020-12', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.doesNotThrow(() => compile());
  });
});

describe('JSON report', () => {
  let validate: ValidateFunction;
  let examples: ScanResult;
  let rich: ScanResult;
  let richDir: string;

  before(async () => {
    validate = compile();
    examples = await scanTarget(SHELL_EXAMPLES);
    richDir = await writeProject(RICH_PROJECT);
    rich = await scanTarget(richDir, { extraRules: [traceRule, failingRule] });
  });
  after(() => removeProject(richDir));

  it('of the MV2001 examples validates', () => {
    assert.ok(examples.findings.some((f) => f.ruleId === 'MV2001'), 'the vulnerable examples should produce findings');
    assert.equal(errorsOf(validate, JSON.parse(renderJson(examples))), '');
  });

  it('with traces, related locations, suppressions, skipped files and errors validates', () => {
    assert.ok(rich.findings.some((f) => f.trace?.length && f.related?.length));
    assert.ok(rich.suppressed.length > 0 && rich.skipped.length > 0 && rich.errors.some((e) => e.level === 'error'));
    assert.equal(errorsOf(validate, JSON.parse(renderJson(rich))), '');
  });

  it('of the example MCP servers, with a populated inventory, validates', async () => {
    const servers = await scanTarget(EXAMPLE_SERVERS);
    assert.ok(servers.inventory.servers.some((s) => s.tools.length > 0), 'the examples should yield servers with tools');
    assert.equal(errorsOf(validate, JSON.parse(renderJson(servers))), '');
  });

  it('renders the result itself, unchanged', () => {
    assert.deepEqual(JSON.parse(renderJson(rich)), JSON.parse(JSON.stringify(rich)));
  });

  const mutations: [string, (r: Record<string, any>) => void][] = [
    ['an unknown severity', (r) => (r.findings[0].severity = 'urgent')],
    ['an unknown confidence', (r) => (r.findings[0].confidence = 'certain')],
    ['a finding without a fingerprint', (r) => delete r.findings[0].fingerprint],
    ['a finding with an extra field', (r) => (r.findings[0].extra = 1)],
    ['a 0-based line', (r) => (r.findings[0].location.startLine = 0)],
    ['a suppressed finding without its suppression', (r) => delete r.suppressed[0].suppression],
    ['an unknown suppression kind', (r) => (r.suppressed[0].suppression.kind = 'comment')],
    ['an unknown skip reason', (r) => (r.skipped[0].reason = 'boring')],
    ['an unknown error kind', (r) => (r.errors[0].kind = 'oops')],
    ['a missing severity count', (r) => delete r.stats.bySeverity.info],
    ['a wrong schema version', (r) => (r.schemaVersion = '0.0.1')],
    ['a missing inventory', (r) => delete r.inventory],
    ['a score above 100', (r) => (r.score.score = 101)],
    ['an unknown grade', (r) => (r.score.grade = 'E')],
    ['a malformed timing timestamp', (r) => (r.timing.startedAt = 'yesterday')],
    ['an unknown top-level field', (r) => (r.extra = true)],
  ];
  for (const [what, mutate] of mutations) {
    it(`rejects ${what}`, () => {
      const data = JSON.parse(renderJson(rich)) as Record<string, any>;
      mutate(data);
      assert.notEqual(errorsOf(validate, data), '', `${what} was accepted`);
    });
  }

  it('is byte-identical across two scans of the same target once timing is removed', async () => {
    const again = await scanTarget(richDir, { extraRules: [traceRule, failingRule] });
    assert.ok(rich.timing && again.timing);
    assert.equal(renderJson(withoutTiming(again)), renderJson(withoutTiming(rich)));
  });
});
