// The built-in rule catalog: the generated list of rule folders, with the helpers to find a rule's files.
import { readdirSync, readFileSync } from 'node:fs';
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

export { findRule } from '../rule/find-rule.js';

/** The rule's examples (`vulnerable.*`, `secure.*`), sorted by file name. */
export function ruleExamples(entry: CatalogEntry): RuleExample[] {
  const dir = path.join(ruleFolder(entry), 'examples');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => /^(vulnerable|secure)(-[\w-]+)?\.\w+$/.test(n))
    .sort()
    .map((file) => ({ file, kind: file.startsWith('vulnerable') ? ('vulnerable' as const) : ('secure' as const), code: readFileSync(path.join(dir, file), 'utf8') }));
}
