// The built-in rule catalog: the generated list of rule folders, with the helpers to find a rule's files.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleExample } from '../model/rule-meta.js';
import type { Rule } from '../rule/rule.js';
import { catalogEntries } from './catalog.js';

export interface CatalogEntry {
  rule: Rule;
  /** Folder relative to `src/rules` (and `dist/rules`), e.g. `auth/protected-resource-metadata-missing`. */
  dir: string;
}

export interface RuleSet {
  rules: Rule[];
  /** Module a worker thread can import to get the same rules (see `catalogModule`). */
  module?: string;
}

/** URL of the module exporting `catalogEntries`; workers import it rather than receiving functions. */
export const catalogModule = new URL('./catalog.js', import.meta.url).href.replace(/\.js$/, import.meta.url.endsWith('.ts') ? '.ts' : '.js');

const rulesDir = path.dirname(fileURLToPath(import.meta.url));

export function builtinEntries(): readonly CatalogEntry[] {
  return catalogEntries;
}

export function builtinRules(): RuleSet {
  return { rules: catalogEntries.map((e) => e.rule), module: catalogModule };
}

/** Absolute folder of a built-in rule (its `examples/` and `fixtures/` live there). */
export function ruleFolder(entry: CatalogEntry): string {
  return path.join(rulesDir, ...entry.dir.split('/'));
}

export { findRule, findRules } from '../rule/find-rule.js';

/**
 * The rule's examples, sorted: files named `vulnerable*.ext` / `secure*.ext`, and folders named `vulnerable*` /
 * `secure*` for examples that need several files (a manifest next to code, say) — each file of such a folder is
 * listed, with the folder as the `target` to scan.
 */
export function ruleExamples(entry: CatalogEntry): RuleExample[] {
  const dir = path.join(ruleFolder(entry), 'examples');
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return [];
  }
  const out: RuleExample[] = [];
  for (const name of names.filter((n) => /^(vulnerable|secure)(-[\w-]+)?(\.\w+)?$/.test(n))) {
    const kind = name.startsWith('vulnerable') ? ('vulnerable' as const) : ('secure' as const);
    const abs = path.join(dir, name);
    if (statSync(abs).isDirectory()) {
      for (const f of readdirSync(abs, { recursive: true }).map(String).sort()) {
        if (statSync(path.join(abs, f)).isFile()) out.push({ file: `${name}/${f.split(path.sep).join('/')}`, target: name, kind, code: readFileSync(path.join(abs, f), 'utf8') });
      }
    } else if (/\.\w+$/.test(name)) out.push({ file: name, target: name, kind, code: readFileSync(abs, 'utf8') });
  }
  return out;
}

/** Each example scanned as a unit: one entry per file example and per folder example. */
export function exampleTargets(entry: CatalogEntry): { target: string; kind: RuleExample['kind']; abs: string }[] {
  const seen = new Map<string, RuleExample['kind']>();
  for (const ex of ruleExamples(entry)) seen.set(ex.target, ex.kind);
  return [...seen].map(([target, kind]) => ({ target, kind, abs: path.join(ruleFolder(entry), 'examples', target) }));
}
