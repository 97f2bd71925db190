// Enforces the layer order of docs/ARCHITECTURE.md: each layer imports only the layers above it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { it } from 'node:test';
import { listFiles } from './helpers/fixture-annotations.js';

/** Layer → the layers (other than itself) it may import. */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  source: ['model'],
  parse: ['model'],
  mcp: ['model', 'parse'],
  flow: ['model', 'parse'],
  rule: ['model', 'parse', 'flow'],
  engine: ['model', 'source', 'parse', 'mcp', 'flow', 'rule'],
  rules: ['model', 'parse', 'flow', 'rule'],
  report: ['model'],
  targets: ['model'],
  probe: ['model', 'mcp', 'rule', 'engine'],
  cli: ['model', 'engine', 'rules', 'report', 'source', 'mcp', 'flow', 'rule', 'parse', 'probe', 'targets'],
};

it('source files import only the layers above their own', () => {
  const src = path.resolve('src');
  const problems: string[] = [];
  for (const file of listFiles(src).filter((f) => f.endsWith('.ts') && !/[/\\](examples|fixtures)[/\\]/.test(f))) {
    const rel = path.relative(src, file).split(path.sep);
    if (rel.length === 1) continue; // src/index.ts is the public entry and may re-export anything
    const layer = rel[0]!;
    const allowed = ALLOWED[layer];
    if (!allowed) {
      problems.push(`${rel.join('/')}: folder ${layer} is not a known layer`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = path.relative(src, path.resolve(path.dirname(file), m[1]!)).split(path.sep)[0]!;
      if (target === layer || target.startsWith('..')) continue;
      if (!allowed.includes(target)) problems.push(`${rel.join('/')} imports ${m[1]} (layer ${target})`);
    }
  }
  assert.deepEqual(problems, []);
});
