// Looks a rule up by id (`MV1001`), slug (`shell-exec-non-literal`) or alias (`MCP-277`).
import type { Rule } from './rule.js';

export function findRule(rules: readonly Rule[], ref: string): Rule | undefined {
  const up = ref.toUpperCase();
  const low = ref.toLowerCase();
  return rules.find((r) => r.meta.id === up || r.meta.slug === low || r.meta.aliases.some((a) => a.toUpperCase() === up));
}
