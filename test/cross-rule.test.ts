// No default-on rule fires on the secure example of any rule: secure code stays quiet under the whole catalog.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { scan } from '../src/engine/scan.js';
import { builtinEntries, builtinRules, exampleTargets } from '../src/rules/index.js';

it('every secure example is clean under all default rules', async () => {
  const rules = builtinRules();
  const problems: string[] = [];
  for (const entry of builtinEntries()) {
    for (const ex of exampleTargets(entry).filter((e) => e.kind === 'secure')) {
      // Deep mode runs every default rule, fast and deep.
      const result = await scan({ target: ex.abs, rules, config: false, workers: 1, mode: 'deep' });
      for (const f of result.findings) problems.push(`${entry.dir}/examples/${ex.target}: ${f.location.path}:${f.location.startLine} ${f.ruleId} ${f.message}`);
    }
  }
  assert.deepEqual(problems, []);
});
