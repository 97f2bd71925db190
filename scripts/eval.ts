// `npm run eval`: precision and recall of every rule over the labelled corpus (its examples and annotated fixtures).
//
// Counting: a vulnerable example is one true positive when the rule fires exactly once on it (a miss is a false
// negative, extra findings are false positives); any finding on a secure example is a false positive. In fixtures,
// `expect:` lines are true positives when hit and false negatives when not, `missing:` lines are known false
// negatives, `spurious:` lines known false positives, and a finding on an `ok:` or unannotated line is a false
// positive. Finally every secure example is scanned with the whole default catalog: any other rule firing there is
// a false positive of that rule.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { scan } from '../src/engine/scan.js';
import { builtinEntries, builtinRules, exampleTargets, ruleFolder } from '../src/rules/index.js';
import { readAnnotations } from '../test/helpers/fixture-annotations.js';

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const entries = builtinEntries();
const tallies = new Map<string, Tally>(entries.map((e) => [e.rule.meta.id, { tp: 0, fp: 0, fn: 0 }]));
const t = (id: string) => tallies.get(id)!;

for (const entry of entries) {
  const { rule } = entry;
  const id = rule.meta.id;
  const only = { rules: [rule] };
  const mode = rule.meta.mode === 'deep' ? ('deep' as const) : ('fast' as const);
  for (const ex of exampleTargets(entry)) {
    const r = await scan({ target: ex.abs, rules: only, select: [id], config: false, workers: 1, mode });
    const n = r.findings.filter((f) => f.ruleId === id).length;
    if (ex.kind === 'vulnerable') {
      if (n === 0) t(id).fn++;
      else {
        t(id).tp++;
        t(id).fp += n - 1;
      }
    } else t(id).fp += n;
  }
  const dir = path.join(ruleFolder(entry), 'fixtures');
  const targets = existsSync(dir) ? readdirSync(dir).filter((n) => !n.endsWith('.expect')).map((n) => path.join(dir, n)) : [];
  for (const target of targets) {
    const r = await scan({ target, rules: only, select: [id], config: false, workers: 1, mode });
    const notes = readAnnotations(target).filter((a) => a.ruleId === id);
    const hits = new Set(r.findings.filter((f) => f.ruleId === id).map((f) => `${f.location.path}:${f.location.startLine}`));
    const noted = new Set<string>();
    for (const a of notes) {
      const key = `${a.path}:${a.line}`;
      noted.add(key);
      const fired = hits.has(key);
      if (a.kind === 'expect') fired ? t(id).tp++ : t(id).fn++;
      else if (a.kind === 'missing') t(id).fn++;
      else if (a.kind === 'spurious' && fired) t(id).fp++;
      else if (a.kind === 'ok' && fired) t(id).fp++;
    }
    for (const key of hits) if (!noted.has(key)) t(id).fp++;
  }
}

// Cross-rule: secure code must stay quiet under the whole default catalog.
const all = builtinRules();
for (const entry of entries) {
  for (const ex of exampleTargets(entry).filter((e) => e.kind === 'secure')) {
    const r = await scan({ target: ex.abs, rules: all, config: false, workers: 1, mode: 'deep' });
    for (const f of r.findings) if (f.ruleId !== entry.rule.meta.id) t(f.ruleId).fp++;
  }
}

const pct = (a: number, b: number) => (b === 0 ? '   —  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);
const rows = entries
  .map((e) => ({ id: e.rule.meta.id, slug: e.rule.meta.slug, mode: e.rule.meta.mode, ...t(e.rule.meta.id) }))
  .sort((a, b) => (a.id < b.id ? -1 : 1));
const width = Math.max(...rows.map((r) => r.slug.length), 'overall fast'.length);
const line = (id: string, label: string, mode: string, x: Tally) =>
  `${id.padEnd(7)} ${label.padEnd(width)} ${mode.padEnd(5)} ${String(x.tp).padStart(5)} ${String(x.fp).padStart(5)} ${String(x.fn).padStart(5)}     ${pct(x.tp, x.tp + x.fp)}  ${pct(x.tp, x.tp + x.fn)}`;
console.log(`${'rule'.padEnd(7)} ${'slug'.padEnd(width)} mode     tp    fp    fn  precision  recall`);
for (const r of rows) console.log(line(r.id, r.slug, r.mode, r));
const total = (rs: typeof rows): Tally => rs.reduce((a, r) => ({ tp: a.tp + r.tp, fp: a.fp + r.fp, fn: a.fn + r.fn }), { tp: 0, fp: 0, fn: 0 });
// Labelled cases: every example and every annotated line counts once, whether the rule got it right or not.
for (const mode of ['fast', 'deep', 'live'] as const) {
  const rs = rows.filter((r) => r.mode === mode);
  if (rs.length) console.log(line('overall', `${rs.length} ${mode} rules`, mode, total(rs)));
}
console.log(line('overall', `${rows.length} rules`, 'all', total(rows)));
