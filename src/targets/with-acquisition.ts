// Folds what acquisition learned (what the spec resolved to, dropped entries, limit hits) into the scan result.
import type { ScanError, ScanResult, TargetResolution } from '../model/scan-result.js';
import type { Acquired } from './acquire.js';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Same order as the engine's: path, line, rule, message. */
function byPosition(a: ScanError, b: ScanError): number {
  return cmp(a.path ?? '', b.path ?? '') || (a.line ?? 0) - (b.line ?? 0) || cmp(a.ruleId ?? '', b.ruleId ?? '') || cmp(a.message, b.message);
}

export function withAcquisition(result: ScanResult, acquired: Pick<Acquired, 'kind' | 'input' | 'resolved' | 'notes' | 'problems'>): ScanResult {
  const resolved: TargetResolution = { ...acquired.resolved };
  if (acquired.notes.length) resolved.notes = [...acquired.notes];
  const target: ScanResult['target'] = { ...result.target, input: acquired.input, kind: acquired.kind };
  if (Object.keys(resolved).length) target.resolved = resolved;
  if (!acquired.problems.length) return { ...result, target };
  return {
    ...result,
    target,
    errors: [...result.errors, ...acquired.problems].sort(byPosition),
    complete: result.complete && !acquired.problems.some((p) => p.level === 'error'),
  };
}
