// PEP 440 versions and specifiers for the common forms (release, pre, post, dev, epoch, wildcards, ~=). Not supported:
// local-version ordering (labels are ignored when comparing) and strict exclusion rules of `<`/`>` for pre/post releases.

export interface Pep440 {
  epoch: number;
  release: number[];
  /** [phase rank, number]: a 0, b 1, rc 2. */
  pre?: [number, number];
  post?: number;
  dev?: number;
  local?: string;
}

const RE =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/;

export function parsePep440(text: string): Pep440 | undefined {
  const m = RE.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const v: Pep440 = { epoch: m[1] ? Number(m[1]) : 0, release: m[2]!.split('.').map(Number) };
  if (m[3]) v.pre = [/^(a|alpha)$/.test(m[3]) ? 0 : /^(b|beta)$/.test(m[3]) ? 1 : 2, Number(m[4] || 0)];
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6]) v.post = Number(m[7] || 0);
  if (m[8]) v.dev = Number(m[9] || 0);
  if (m[10]) v.local = m[10];
  return v;
}

export function isPrerelease(v: Pep440): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

function cmpRelease(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d < 0 ? -1 : 1;
  }
  return 0;
}

export function comparePep440(a: Pep440, b: Pep440): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const r = cmpRelease(a.release, b.release);
  if (r) return r;
  // A dev release with no pre or post sorts before every pre-release of the same version.
  const preKey = (v: Pep440): [number, number] => (v.pre ? v.pre : v.post === undefined && v.dev !== undefined ? [-1, 0] : [3, 0]);
  const [pa, pb] = [preKey(a), preKey(b)];
  if (pa[0] !== pb[0]) return pa[0] < pb[0] ? -1 : 1;
  if (pa[1] !== pb[1]) return pa[1] < pb[1] ? -1 : 1;
  const [qa, qb] = [a.post ?? -1, b.post ?? -1];
  if (qa !== qb) return qa < qb ? -1 : 1;
  const [da, db] = [a.dev ?? Infinity, b.dev ?? Infinity];
  if (da !== db) return da < db ? -1 : 1;
  return 0;
}

function matchesClause(version: string, v: Pep440, op: string, target: string): boolean {
  if (op === '===') return version.trim().toLowerCase() === target.toLowerCase();
  if ((op === '==' || op === '!=') && target.endsWith('.*')) {
    const t = parsePep440(target.slice(0, -2));
    if (!t) return false;
    const prefix = t.release;
    const head = [...v.release, ...Array(Math.max(0, prefix.length - v.release.length)).fill(0)].slice(0, prefix.length);
    const same = v.epoch === t.epoch && cmpRelease(head, prefix) === 0;
    return op === '==' ? same : !same;
  }
  const t = parsePep440(target);
  if (!t) return false;
  const c = comparePep440(v, t);
  switch (op) {
    case '==':
      return c === 0 && (t.local === undefined || t.local === v.local);
    case '!=':
      return !(c === 0 && (t.local === undefined || t.local === v.local));
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '~=': {
      if (t.release.length < 2) return false;
      const prefix = t.release.slice(0, -1);
      const head = [...v.release, ...Array(Math.max(0, prefix.length - v.release.length)).fill(0)].slice(0, prefix.length);
      return c >= 0 && v.epoch === t.epoch && cmpRelease(head, prefix) === 0;
    }
    default:
      return false;
  }
}

export interface SpecifierClause {
  op: string;
  version: string;
}

export function parseSpecifier(spec: string): SpecifierClause[] {
  if (!spec) return [];
  return spec.split(',').map((c) => {
    const m = /^(===|==|!=|~=|<=|>=|<|>)(.+)$/.exec(c.trim());
    if (!m) throw new Error(`invalid specifier clause "${c}"`);
    return { op: m[1]!, version: m[2]! };
  });
}

/**
 * The highest version satisfying every clause. Pre-releases count only when a clause names one, or when nothing
 * else matches (pip's behaviour). Versions that do not parse as PEP 440 are ignored unless matched by `===`.
 */
export function pickVersion(versions: readonly string[], spec: string): string | undefined {
  const clauses = parseSpecifier(spec);
  const parsed = versions.map((s) => ({ s, v: parsePep440(s) }));
  const ok = parsed.filter(({ s, v }) => (v ? clauses.every((c) => matchesClause(s, v, c.op, c.version)) : clauses.some((c) => c.op === '===' && c.version.toLowerCase() === s.toLowerCase())));
  const wantsPre = clauses.some((c) => {
    const t = parsePep440(c.version.replace(/\.\*$/, ''));
    return t !== undefined && isPrerelease(t);
  });
  const finals = ok.filter(({ v }) => !v || !isPrerelease(v));
  const pool = wantsPre || finals.length === 0 ? ok : finals;
  let best: { s: string; v: Pep440 | undefined } | undefined;
  for (const x of pool) {
    if (!best || (x.v && (!best.v || comparePep440(x.v, best.v) > 0))) best = x;
  }
  return best?.s;
}

/** True when the specifier pins exactly one version (`==1.2.3`, `===1.2.3`), so its files can come from the cache. */
export function pinnedVersion(spec: string): string | undefined {
  const clauses = parseSpecifier(spec);
  if (clauses.length !== 1) return undefined;
  const c = clauses[0]!;
  if ((c.op === '==' && !c.version.endsWith('.*')) || c.op === '===') return c.version;
  return undefined;
}
