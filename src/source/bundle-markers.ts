// Finds the module-marker comments that esbuild, rollup and webpack leave in a bundle, and the parts of it that are the package's own code.
import { isDependencySource } from './bundle-source-map.js';

export interface ModuleMarker {
  /** Character offset of the start of the marker's line: a module runs from here to the next marker. */
  offset: number;
  /** The module path the marker names, as written. */
  name: string;
  dependency: boolean;
}

/**
 * esbuild (and rollup with comments kept) write `// <module path>` alone on a line at column 0 before each module's
 * code. The path must end in a module extension, so ordinary comments (`// TODO: …`) are not taken for markers; a
 * stray match inside the package's own code only splits own code in two, which changes nothing.
 */
const ESBUILD = /^\/\/ ((?:[\w@.+$~-]+\/)*[\w@.+$~-]+\.(?:[cm]?[jt]sx?|json|node))$/;
/** webpack (development builds and `pathinfo`) starts each entry of its module table with `/***\/ "<path>":`. */
const WEBPACK = /^\/\*\*\*\/ (?:"([^"\n]*)"|'([^'\n]*)'|(\d+)):/;

export function findModuleMarkers(text: string): ModuleMarker[] {
  const markers: ModuleMarker[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // Cheap first test: markers start with `//` or `/***/`; a line is only matched by a pattern when it does.
    if (text.charCodeAt(start) === 47 && end - start < 1000) {
      const line = text.slice(start, end).replace(/\r$/, '');
      const es = ESBUILD.exec(line);
      const wp = es ? undefined : WEBPACK.exec(line);
      // A numeric webpack id names no path: its module cannot be attributed, so it counts as the package's own.
      const name = es ? es[1]! : wp ? (wp[1] ?? wp[2] ?? wp[3]!) : undefined;
      if (name !== undefined) markers.push({ offset: start, name, dependency: isDependencySource(name) });
    }
    start = end + 1;
  }
  return markers;
}

/**
 * The character ranges to scan: the text before the first marker (imports of external packages, bundler helpers,
 * a shebang) and every module that is not a dependency. Ranges start and end at line starts, so blanking what is
 * between them to bare line breaks leaves every kept line at its line and column.
 */
export function ownRanges(text: string, markers: readonly ModuleMarker[]): { keep: [number, number][]; ownChars: number } {
  const keep: [number, number][] = [];
  const add = (a: number, b: number) => {
    if (b <= a) return;
    const last = keep[keep.length - 1];
    if (last && last[1] === a) last[1] = b;
    else keep.push([a, b]);
  };
  add(0, markers[0]?.offset ?? text.length);
  for (let i = 0; i < markers.length; i++) {
    const m = markers[i]!;
    if (!m.dependency) add(m.offset, markers[i + 1]?.offset ?? text.length);
  }
  return { keep, ownChars: keep.reduce((n, [a, b]) => n + (b - a), 0) };
}

/** The text with everything outside `keep` reduced to its line breaks. */
export function blankOutside(text: string, keep: readonly (readonly [number, number])[]): string {
  const parts: string[] = [];
  let at = 0;
  const blank = (a: number, b: number) => {
    let n = 0;
    for (let i = text.indexOf('\n', a); i >= 0 && i < b; i = text.indexOf('\n', i + 1)) n++;
    if (n) parts.push('\n'.repeat(n));
  };
  for (const [a, b] of keep) {
    const from = Math.max(a, at);
    const to = Math.min(b, text.length);
    if (to <= from) continue;
    blank(at, from);
    parts.push(text.slice(from, to));
    at = to;
  }
  blank(at, text.length);
  return parts.join('');
}
