// The 0–100 safety score and A–F grade; the formula is documented in the README and must stay in sync.
import type { Finding } from '../model/finding.js';
import type { Score } from '../model/scan-result.js';
import type { Confidence, Severity } from '../model/severity.js';

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 40, high: 20, medium: 8, low: 3, info: 0 };
export const CONFIDENCE_FACTOR: Record<Confidence, number> = { high: 1, medium: 0.75, low: 0.5 };
/** Each rule counts fully once; up to this many further findings of it count a quarter each. */
const EXTRA_FINDINGS = 4;
const EXTRA_FACTOR = 0.25;

export function computeScore(findings: readonly Finding[]): Score {
  const byRule = new Map<string, number[]>();
  let cap = 100;
  for (const f of findings) {
    const w = SEVERITY_WEIGHT[f.severity] * CONFIDENCE_FACTOR[f.confidence];
    const list = byRule.get(f.ruleId) ?? [];
    list.push(w);
    byRule.set(f.ruleId, list);
    if (f.severity === 'critical') cap = Math.min(cap, f.confidence === 'high' ? 39 : 59);
    else if (f.severity === 'high' && f.confidence === 'high') cap = Math.min(cap, 74);
  }
  let penalty = 0;
  for (const weights of byRule.values()) {
    weights.sort((a, b) => b - a);
    penalty += weights[0]!;
    for (const w of weights.slice(1, 1 + EXTRA_FINDINGS)) penalty += w * EXTRA_FACTOR;
  }
  const score = Math.max(0, Math.min(cap, Math.round(100 - penalty)));
  return { score, grade: gradeOf(score) };
}

export function gradeOf(score: number): Score['grade'] {
  if (score >= 90) return 'A';
  if (score >= 75) return 'B';
  if (score >= 60) return 'C';
  if (score >= 40) return 'D';
  return 'F';
}
