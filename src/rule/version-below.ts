// Decides whether a dependency version spec can resolve to a version older than a fix.

/**
 * `pinned`: the spec names one version, and it is older than `fixed`. `range`: the spec's lower bound is older, so an
 * install may pick a vulnerable version. undefined: every version the spec allows has the fix (or it cannot be read).
 */
export function versionBelow(spec: string, fixed: string): 'pinned' | 'range' | undefined {
  const s = spec.trim();
  const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(s);
  if (!m) return undefined;
  const lower = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
  const target = fixed.split('.').map(Number);
  let cmp = 0;
  for (let i = 0; i < 3 && cmp === 0; i++) cmp = Math.sign(lower[i]! - (target[i] ?? 0));
  if (cmp >= 0) return undefined;
  // `<`, `<=` or `!=` alone do not give a lower bound; only judge specs that start from a version.
  if (/^(<|!=)/.test(s)) return undefined;
  return /^[v=]?\d/.test(s) || s.startsWith('==') ? 'pinned' : 'range';
}
