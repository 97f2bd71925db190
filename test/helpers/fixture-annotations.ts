// Reads `expect:` / `ok:` / `missing:` / `spurious:` annotations from fixture files (or `<file>.expect` sidecars).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export type AnnotationKind = 'expect' | 'ok' | 'missing' | 'spurious';

export interface Annotation {
  /** Relative to the fixture target root, `/` separators. */
  path: string;
  line: number;
  kind: AnnotationKind;
  ruleId: string;
}

const INLINE = /(?:#|\/\/|\/\*|<!--)[^\n]*?\b(expect|ok|missing|spurious):\s*((?:MV\d{4})(?:\s*,\s*MV\d{4})*)/g;
const SIDECAR = /^\s*(\d+)\s+(expect|ok|missing|spurious):\s*((?:MV\d{4})(?:\s*,\s*MV\d{4})*)\s*$/;

export function readAnnotations(targetAbs: string): Annotation[] {
  const out: Annotation[] = [];
  const root = statSync(targetAbs).isDirectory() ? targetAbs : path.dirname(targetAbs);
  const files = statSync(targetAbs).isDirectory() ? listFiles(targetAbs) : [targetAbs];
  for (const abs of files) {
    if (abs.endsWith('.expect')) continue;
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const text = readFileSync(abs, 'utf8');
    text.split('\n').forEach((line, i) => {
      for (const m of line.matchAll(INLINE)) {
        for (const id of m[2]!.split(',')) out.push({ path: rel, line: i + 1, kind: m[1] as AnnotationKind, ruleId: id.trim() });
      }
    });
    const sidecar = `${abs}.expect`;
    if (existsSync(sidecar)) {
      for (const line of readFileSync(sidecar, 'utf8').split('\n')) {
        const m = SIDECAR.exec(line);
        if (!m) continue;
        for (const id of m[3]!.split(',')) out.push({ path: rel, line: Number(m[1]), kind: m[2] as AnnotationKind, ruleId: id.trim() });
      }
    }
  }
  return out;
}

export function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .sort();
}
