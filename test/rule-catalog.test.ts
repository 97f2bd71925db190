// Every rule: valid metadata, examples that fire exactly once (vulnerable) or never (secure), and annotated fixtures.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ruleMetaSchema } from '../src/model/rule-meta.js';
import { scan } from '../src/engine/scan.js';
import { builtinEntries, exampleTargets, ruleExamples, ruleFolder, type CatalogEntry } from '../src/rules/index.js';
import { pathToFileURL } from 'node:url';
import { readAnnotations } from './helpers/fixture-annotations.js';

const EXTENSIONS: Record<string, RegExp> = {
  python: /\.py$/,
  typescript: /\.(ts|tsx|js|mjs|cjs)$/,
  go: /\.go$/,
  manifest: /\.(json|toml)$/,
  dotenv: /(^|\/)\.env[\w.-]*$|\.env$/,
  dockerfile: /(^|\/)(Dockerfile|Containerfile)([.\w-]*)$|\.dockerfile$/i,
};

async function scanWith(rule: (typeof entries)[number]['rule'], target: string) {
  // Deep rules read data flows, which only deep mode computes.
  return scan({ target, rules: { rules: [rule] }, select: [rule.meta.id], config: false, workers: 1, mode: rule.meta.mode === 'deep' ? 'deep' : 'fast' });
}

/**
 * `MCPVET_RULE_DIRS=auth/x,injection/y` tests only those rule folders, imported directly rather than through the
 * generated catalog, so a rule can be tested while other folders are being edited.
 */
async function loadEntries(): Promise<CatalogEntry[]> {
  const only = process.env.MCPVET_RULE_DIRS?.split(',').map((d) => d.trim()).filter(Boolean);
  if (!only?.length) return [...builtinEntries()];
  const out: CatalogEntry[] = [];
  for (const dir of only) {
    const mod = (await import(pathToFileURL(path.resolve('src/rules', dir, 'rule.ts')).href)) as { default: CatalogEntry['rule'] };
    out.push({ rule: mod.default, dir });
  }
  return out;
}

const entries = await loadEntries();

describe('rule catalog', () => {
  it('has rules', () => assert.ok(entries.length > 0));
  it('ids and slugs are unique', () => {
    const ids = entries.map((e) => e.rule.meta.id);
    const slugs = entries.map((e) => e.rule.meta.slug);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(new Set(slugs).size, slugs.length);
  });
});

for (const entry of entries) {
  const { meta } = entry.rule;
  describe(`${meta.id} ${meta.slug}`, () => {
    it('has valid metadata in the folder named after it', () => {
      ruleMetaSchema.parse(meta);
      assert.equal(entry.dir, meta.mode === 'live' ? `live/${meta.slug}` : `${meta.category}/${meta.slug}`);
    });

    // Live rules judge a running server, not files: a probe test that names the rule replaces examples and fixtures.
    if (meta.mode === 'live') {
      it('has a live test that names it', () => {
        const tests = readdirSync('test/probe').filter((f) => f.endsWith('.test.ts'));
        assert.ok(tests.some((f) => readFileSync(path.join('test/probe', f), 'utf8').includes(meta.id)), `no test/probe/*.test.ts mentions ${meta.id}`);
      });
      return;
    }

    const examples = ruleExamples(entry);
    it('has a vulnerable and a secure example for every language it claims', () => {
      for (const lang of meta.languages) {
        const re = EXTENSIONS[lang];
        if (!re) continue;
        assert.ok(examples.some((e) => e.kind === 'vulnerable' && re.test(e.file)), `no vulnerable example for ${lang}`);
        assert.ok(examples.some((e) => e.kind === 'secure' && re.test(e.file)), `no secure example for ${lang}`);
      }
    });

    for (const ex of exampleTargets(entry)) {
      it(`example ${ex.target} yields ${ex.kind === 'vulnerable' ? 'exactly one finding' : 'no finding'}`, async () => {
        const result = await scanWith(entry.rule, ex.abs);
        const syntax = result.errors.filter((e) => e.kind === 'syntax');
        assert.deepEqual(syntax, [], 'example does not parse');
        const mine = result.findings.filter((f) => f.ruleId === meta.id);
        assert.equal(mine.length, ex.kind === 'vulnerable' ? 1 : 0, mine.map((f) => `${f.location.path}:${f.location.startLine} ${f.message}`).join('\n'));
      });
    }

    const fixturesDir = path.join(ruleFolder(entry), 'fixtures');
    const targets = existsSync(fixturesDir)
      ? readdirSync(fixturesDir, { withFileTypes: true })
          .filter((d) => !d.name.endsWith('.expect'))
          .map((d) => path.join(fixturesDir, d.name))
          .sort()
      : [];
    it('has fixtures for every language it claims', () => {
      assert.ok(targets.length > 0, 'no fixtures/');
      const all = targets.flatMap((t) => (statSync(t).isDirectory() ? readdirSync(t, { recursive: true }).map(String) : [path.basename(t)]));
      for (const lang of meta.languages) {
        const re = EXTENSIONS[lang];
        if (re) assert.ok(all.some((f) => re.test(f)), `no fixture for ${lang}`);
      }
    });

    for (const target of targets) {
      it(`fixture ${path.basename(target)} matches its annotations`, async () => {
        const result = await scanWith(entry.rule, target);
        const syntax = result.errors.filter((e) => e.kind === 'syntax');
        assert.deepEqual(syntax, [], 'fixture does not parse');
        const notes = readAnnotations(target).filter((a) => a.ruleId === meta.id);
        const hits = new Set(result.findings.filter((f) => f.ruleId === meta.id).map((f) => `${f.location.path}:${f.location.startLine}`));
        const problems: string[] = [];
        for (const key of hits) {
          const [p, l] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
          if (!notes.some((n) => n.path === p && n.line === l && (n.kind === 'expect' || n.kind === 'spurious'))) problems.push(`unexpected finding at ${key}`);
        }
        for (const n of notes) {
          const key = `${n.path}:${n.line}`;
          const fired = hits.has(key);
          if (n.kind === 'expect' && !fired) problems.push(`expected finding missing at ${key}`);
          if (n.kind === 'ok' && fired) problems.push(`finding at ${key} marked ok`);
          if (n.kind === 'missing' && fired) problems.push(`known false negative at ${key} now fires: change it to expect`);
          if (n.kind === 'spurious' && !fired) problems.push(`known false positive at ${key} no longer fires: change it to ok`);
        }
        assert.deepEqual(problems, []);
      });
    }
  });
}
