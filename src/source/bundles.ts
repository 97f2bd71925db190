// Turns bundled JavaScript among the discovered files into what can be scanned: sources recovered from its source map, or its own modules with the dependency modules blanked out.
import { createHash } from 'node:crypto';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SkippedFile } from '../model/scan-result.js';
import { detectLanguage } from './detect-language.js';
import { errMessage, type Discovery, type SourceFile } from './discover.js';
import { decodeText, minifiedReason } from './load-source.js';
import { findModuleMarkers, ownRanges, type ModuleMarker } from './bundle-markers.js';
import { isDependencySource, readSourceMap, sourceMapRef, type SourceMapRef } from './bundle-source-map.js';

export interface BundleLimits {
  /** The ordinary per-file limit: a JavaScript file over it is looked at as a possible bundle instead of skipped. */
  maxFileBytes: number;
  /** Raised limit for a bundle's own code, for a bundle without module markers, and for one recovered source. */
  maxBundleBytes: number;
  maxSourceMapBytes: number;
}

/**
 * Nothing larger is read at all, not even an entry point: a memory ceiling rather than a scanning limit, far above
 * what published servers ship.
 */
export const BUNDLE_HARD_MAX_BYTES = 64_000_000;

const BUNDLE_EXTENSIONS = /\.(?:js|mjs|cjs)$/i;
const SCANNED_RECOVERED = new Set(['javascript', 'typescript', 'tsx']);

/**
 * Looks at every JavaScript file of a discovery (including those skipped as too large) and replaces bundles by what
 * can be scanned of them. Paths of recovered sources are `<map path>/<source path>`: the map file's path relative to
 * the root (for an inline map, the bundle's path plus `.map`), then the source as the map names it, with URL schemes
 * (`webpack://pkg/`) and leading `./`, `../` removed — e.g. `dist/index.js.map/src/server.ts`. Module-split bundles
 * keep the bundle's own path, and their dependency modules are blanked to bare line breaks so every line number is
 * the bundle's.
 */
export async function expandBundles(discovery: Discovery, limits: BundleLimits): Promise<Discovery> {
  const root = discovery.root;
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const errors = [...discovery.errors];
  const candidates: { rel: string; abs: string; oversized: boolean; file?: SourceFile }[] = [];
  for (const f of discovery.files) {
    if (f.language === 'javascript' && !f.clientConfig && BUNDLE_EXTENSIONS.test(f.path)) candidates.push({ rel: f.path, abs: f.absPath, oversized: false, file: f });
    else files.push(f);
  }
  for (const s of discovery.skipped) {
    if (s.reason === 'too-large' && BUNDLE_EXTENSIONS.test(s.path) && detectLanguage(path.posix.basename(s.path)) === 'javascript') {
      candidates.push({ rel: s.path, abs: path.join(root, ...s.path.split('/')), oversized: true });
    } else skipped.push(s);
  }
  if (candidates.length === 0) return discovery;

  const realFiles = new Set(discovery.files.map((f) => f.path));
  const entries = new EntryPoints(root);
  // ESM and CommonJS builds, and a minified bundle next to them, often carry the same sources: scanned once.
  const recoveredOnce = new Map<string, string>();
  for (const c of candidates) {
    const restore = () => {
      if (c.file) files.push(c.file);
      else skipped.push(discovery.skipped.find((s) => s.path === c.rel)!);
    };
    let buf: Buffer;
    try {
      const size = (await stat(c.abs)).size;
      if (size > BUNDLE_HARD_MAX_BYTES) {
        skipped.push({ path: c.rel, reason: 'too-large', detail: `file is ${size} bytes, over the ${BUNDLE_HARD_MAX_BYTES}-byte ceiling for any file` });
        continue;
      }
      buf = await readFile(c.abs);
    } catch (e) {
      errors.push({ kind: 'read', level: 'error', path: c.rel, message: `cannot read file: ${errMessage(e)}` });
      continue;
    }
    if (buf.subarray(0, 8192).includes(0)) {
      restore();
      continue;
    }
    const text = decodeText(buf);
    const minified = minifiedReason(text);
    const markers = findModuleMarkers(text);
    const mapRef = sourceMapRef(text) ?? (await siblingMap(c.abs));
    if (!c.oversized && !minified && markers.length === 0 && !mapRef) {
      restore();
      continue;
    }
    const isEntry = await entries.has(c.rel);
    const size = buf.length;
    const base: SourceFile = { path: c.rel, absPath: c.abs, language: 'javascript', size, bundle: true };

    if (mapRef) {
      const recovered = await recoverSources(root, c.rel, c.abs, mapRef, limits, realFiles, recoveredOnce);
      if ('missing' in recovered) {
        // Publishers often leave `.map` files out of the tarball while the comment stays: not an error.
      } else if ('error' in recovered) {
        errors.push({ kind: 'read', level: 'warning', path: c.rel, message: `source map ${recovered.label} not used: ${recovered.error}` });
      } else if (recovered.covered > 0) {
        files.push(...recovered.files);
        skipped.push(...recovered.skipped);
        skipped.push({ path: c.rel, reason: 'bundle-source-mapped', detail: recovered.detail });
        continue;
      }
    }

    if (markers.length > 0) {
      const split = ownRanges(text, markers);
      if (split.ownChars > limits.maxBundleBytes && !isEntry) {
        skipped.push({ path: c.rel, reason: 'too-large', detail: `the bundle's own modules are ${split.ownChars} characters, over the ${limits.maxBundleBytes}-byte bundle limit` });
        continue;
      }
      files.push({ ...base, keep: split.keep });
      const deps = markers.filter((m) => m.dependency);
      if (deps.length > 0) skipped.push({ path: c.rel, reason: 'bundle-dependencies', detail: dependencyDetail(deps) });
      continue;
    }

    if (isEntry) {
      files.push(base);
      continue;
    }
    if (!c.oversized) {
      // Minified, not an entry point, nothing to attribute it with: almost always a vendored library. The ordinary
      // pipeline skips it as minified.
      restore();
      continue;
    }
    if (size > limits.maxBundleBytes) {
      skipped.push({ path: c.rel, reason: 'too-large', detail: `bundle without module markers or usable source map, ${size} bytes, over the ${limits.maxBundleBytes}-byte bundle limit` });
    } else if (minified) {
      skipped.push({ path: c.rel, reason: 'minified', detail: `${minified}; no module markers or usable source map, and not the package's entry point` });
    } else {
      files.push(base);
    }
  }
  files.sort((a, b) => cmp(a.path, b.path));
  skipped.sort((a, b) => cmp(a.path, b.path));
  return { root, files, skipped, errors };
}

function dependencyDetail(deps: readonly ModuleMarker[]): string {
  const names = [...new Set(deps.map((d) => packageOf(d.name)))].sort();
  const shown = names.slice(0, 10).join(', ');
  return `${deps.length} dependency module(s) not scanned (${shown}${names.length > 10 ? `, and ${names.length - 10} more packages` : ''})`;
}

/** `node_modules/@scope/pkg/lib/x.js` → `@scope/pkg`, from the last `node_modules/` (pnpm nests them); others unchanged. */
function packageOf(name: string): string {
  const at = name.lastIndexOf('node_modules/');
  if (at < 0) return name;
  const m = /^(?:@[^/]+\/)?[^/]+/.exec(name.slice(at + 'node_modules/'.length));
  return m ? m[0] : name;
}

async function siblingMap(abs: string): Promise<SourceMapRef | undefined> {
  try {
    if ((await stat(`${abs}.map`)).isFile()) return { kind: 'file', url: `${path.basename(abs)}.map` };
  } catch {
    // No map next to it.
  }
  return undefined;
}

interface Recovered {
  label: string;
  files: SourceFile[];
  skipped: SkippedFile[];
  /** Own sources scanned, here or as real files of the target. */
  covered: number;
  detail: string;
}

async function recoverSources(
  root: string,
  bundleRel: string,
  bundleAbs: string,
  ref: SourceMapRef,
  limits: BundleLimits,
  realFiles: ReadonlySet<string>,
  recoveredOnce: Map<string, string>,
): Promise<Recovered | { label: string; error: string } | { missing: true }> {
  let mapRel: string;
  let mapText: string;
  if (ref.kind === 'inline') {
    mapRel = `${bundleRel}.map`;
    if (ref.bytes > limits.maxSourceMapBytes) return { label: 'inline', error: `about ${ref.bytes} bytes, over the ${limits.maxSourceMapBytes}-byte source map limit` };
    mapText = ref.text;
  } else {
    let url = ref.url.replace(/[?#].*$/, '');
    try {
      url = decodeURIComponent(url);
    } catch {
      // Kept as written.
    }
    if (/^[a-z][\w+.-]*:/i.test(url) || path.isAbsolute(url)) return { label: ref.url, error: 'only relative paths to a map shipped next to the bundle are read' };
    const mapAbs = path.resolve(path.dirname(bundleAbs), url);
    let real: string;
    try {
      real = await realpath(mapAbs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
      return { label: url, error: `cannot read it: ${errMessage(e)}` };
    }
    const rel = path.relative(root, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return { label: url, error: 'it is outside the target' };
    mapRel = rel.split(path.sep).join('/');
    try {
      const size = (await stat(real)).size;
      if (size > limits.maxSourceMapBytes) return { label: mapRel, error: `${size} bytes, over the ${limits.maxSourceMapBytes}-byte source map limit` };
      mapText = decodeText(await readFile(real));
    } catch (e) {
      return { label: mapRel, error: `cannot read it: ${errMessage(e)}` };
    }
  }
  const label = ref.kind === 'inline' ? 'inline' : mapRel;
  const map = readSourceMap(mapText);
  if ('error' in map) return { label, error: map.error };

  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const seen = new Set<string>();
  let deps = 0;
  let asReal = 0;
  let noContent = 0;
  let notCode = 0;
  let again = 0;
  const mapDir = path.posix.dirname(mapRel);
  for (const s of map.sources) {
    if (isDependencySource(s.raw) || isDependencySource(s.clean)) {
      deps++;
      continue;
    }
    if (!s.clean) continue;
    const onDisk = s.relative ? path.posix.normalize(path.posix.join(mapDir === '.' ? '' : mapDir, s.relative)) : undefined;
    if (onDisk && !onDisk.startsWith('../') && realFiles.has(onDisk)) {
      asReal++;
      continue;
    }
    const language = detectLanguage(path.posix.basename(s.clean));
    if (!language || !SCANNED_RECOVERED.has(language)) {
      notCode++;
      continue;
    }
    if (s.content === undefined) {
      noContent++;
      continue;
    }
    const virtual = `${mapRel}/${s.clean}`;
    if (seen.has(virtual)) continue;
    seen.add(virtual);
    const key = `${s.clean}\0${createHash('sha256').update(s.content).digest('hex')}`;
    if (recoveredOnce.has(key)) {
      again++;
      continue;
    }
    recoveredOnce.set(key, virtual);
    const bytes = Buffer.byteLength(s.content);
    if (bytes > limits.maxBundleBytes) {
      skipped.push({ path: virtual, reason: 'too-large', detail: `recovered source is ${bytes} bytes, over the ${limits.maxBundleBytes}-byte bundle limit` });
      continue;
    }
    files.push({ path: virtual, absPath: bundleAbs, language, size: bytes, text: s.content });
  }
  const parts = [`scanned as ${files.length} source(s) recovered from source map ${label} (paths under ${mapRel}/)`];
  if (asReal) parts.push(`${asReal} source(s) scanned as the real files they name`);
  if (again) parts.push(`${again} source(s) identical to ones already recovered from another map`);
  if (deps) parts.push(`${deps} dependency source(s) not scanned`);
  if (noContent) parts.push(`${noContent} own source(s) without sourcesContent not scanned`);
  if (notCode) parts.push(`${notCode} source(s) that are not JavaScript or TypeScript not scanned`);
  return { label, files, skipped, covered: files.length + asReal + again, detail: parts.join('; ') };
}

/** Entry points (`bin`, `main`, `module`, `exports`) of the nearest `package.json` above a file that describes a package. */
class EntryPoints {
  private readonly byDir = new Map<string, Promise<Set<string> | undefined>>();
  constructor(private readonly root: string) {}

  async has(rel: string): Promise<boolean> {
    let dir = path.posix.dirname(rel);
    for (;;) {
      const d = dir === '.' ? '' : dir;
      let p = this.byDir.get(d);
      if (!p) {
        p = this.read(d);
        this.byDir.set(d, p);
      }
      const set = await p;
      if (set) return set.has(rel) || set.has(rel.replace(/\.(?:js|mjs|cjs)$/i, '')) || set.has(rel.replace(/\/index\.(?:js|mjs|cjs)$/i, ''));
      if (d === '') return false;
      dir = path.posix.dirname(d);
    }
  }

  private async read(dir: string): Promise<Set<string> | undefined> {
    let pkg: unknown;
    try {
      const file = path.join(this.root, ...(dir ? dir.split('/') : []), 'package.json');
      if ((await stat(file)).size > 1_000_000) return undefined;
      pkg = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      return undefined;
    }
    if (!pkg || typeof pkg !== 'object') return undefined;
    const o = pkg as Record<string, unknown>;
    // A bare `{"type": "module"}` marker inside `dist/esm/` is not the package: keep looking upwards.
    if (o.name === undefined && o.bin === undefined && o.main === undefined && o.module === undefined && o.exports === undefined) return undefined;
    const out = new Set<string>();
    // `exports` can nest conditions to any depth: an explicit stack, never recursion.
    const stack: unknown[] = [o.bin, o.main, o.module, o.exports];
    while (stack.length > 0) {
      const v = stack.pop();
      if (typeof v === 'string') {
        if (v.includes('*')) continue;
        const p = path.posix.normalize(path.posix.join(dir, v.replace(/\\/g, '/')));
        if (!p.startsWith('../')) out.add(p.replace(/\/$/, ''));
      } else if (Array.isArray(v)) stack.push(...v);
      else if (v && typeof v === 'object') stack.push(...Object.values(v));
    }
    return out;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
