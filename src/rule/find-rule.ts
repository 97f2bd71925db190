// Looks rules up by id (`MV1001`), slug (`shell-exec-non-literal`) or alias (`MCP-277`).
import type { Rule } from './rule.js';

/**
 * Every rule a reference names: one for an id or slug; for an alias, all rules that carry it (a fast rule and the
 * deep rule that supersedes it share their MCPSafe id, and selecting or silencing the id means both).
 */
export function findRules(rules: readonly Rule[], ref: string): Rule[] {
  const up = ref.toUpperCase();
  const low = ref.toLowerCase();
  const exact = rules.find((r) => r.meta.id === up || r.meta.slug === low);
  if (exact) return [exact];
  // By id, so the fast rule (the older, lower id) comes first whatever order the catalog lists them in.
  return rules.filter((r) => r.meta.aliases.some((a) => a.toUpperCase() === up)).sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
}

/** The first rule a reference names (see `findRules`). */
export function findRule(rules: readonly Rule[], ref: string): Rule | undefined {
  return findRules(rules, ref)[0];
}
