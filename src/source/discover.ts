// Walks a target folder and lists the files to scan, honouring ignore files; everything left out is recorded.
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { ClientId } from '../model/client-config.js';
import type { Language } from '../model/language.js';
import type { ScanError, SkippedFile } from '../model/scan-result.js';
import { detectLanguage } from './detect-language.js';

export interface SourceFile {
  /** Relative to the root, `/` separators. */
  path: string;
  absPath: string;
  language: Language;
  size: number;
  /** Read as an MCP client config whatever its name (the user named it as one, or discovery found it). */
  clientConfig?: { client?: ClientId };
  /** The text to scan instead of `absPath`'s (a source recovered from a bundle's source map; see bundles.ts). */
  text?: string;
  /**
   * Character ranges of `absPath`'s text to scan; the rest is reduced to its line breaks, so findings keep the file's
   * own line numbers (a bundle's own modules, its dependency modules blanked).
   */
  keep?: [number, number][];
  /** A bundle or a package entry point: not skipped as minified (its size was already judged by bundles.ts). */
  bundle?: true;
}

export interface DiscoverOptions {
  /** Files larger than this are skipped with reason `too-large`. */
  maxFileBytes: number;
  /**
   * Read `.gitignore` and `.mcpvetignore` (default true). False for downloaded packages and repositories, which could
   * otherwise hide their own files from the scan.
   */
  ignoreFiles?: boolean;
  /** Extra gitignore-style patterns (from the project config or `--exclude`). */
  exclude: string[];
  /** Directory names excluded by default; `[]` scans everything. */
  defaultExcludes: string[];
}

export interface Discovery {
  /** Real path of the scanned folder (for a single-file target, its folder). */
  root: string;
  files: SourceFile[];
  skipped: SkippedFile[];
  errors: ScanError[];
}

/** Dependency, VCS, build and virtual-env folders: not the server's own code. */
export const DEFAULT_EXCLUDES = [
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', '.next', '.nuxt', '.turbo', '.cache',
  'coverage', 'vendor', 'third_party', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache',
  '.pytest_cache', 'site-packages', '.eggs', 'bower_components', 'jspm_packages',
];

const IGNORE_FILES = ['.gitignore', '.mcpvetignore'];

interface Frame {
  abs: string;
  rel: string;
  /**
   * Ignore matchers in effect, shallowest first, each with the folder (relative) its patterns are relative to and
   * where they came from. `explicit` marks the user's exclude patterns, which no ignore file can re-include.
   */
  matchers: { base: string; ig: Ignore; source: string; explicit?: boolean }[];
}

export async function discover(target: string, options: DiscoverOptions): Promise<Discovery> {
  const skipped: SkippedFile[] = [];
  const errors: ScanError[] = [];
  const files: SourceFile[] = [];
  const targetReal = await realpath(target);
  const targetStat = await stat(targetReal);

  if (targetStat.isFile()) {
    const root = path.dirname(targetReal);
    const name = path.basename(targetReal);
    const language = detectLanguage(name);
    if (!language) {
      skipped.push({ path: name, reason: 'unsupported', detail: 'no scanner for this file type' });
    } else if (targetStat.size > options.maxFileBytes) {
      skipped.push({ path: name, reason: 'too-large', detail: sizeDetail(targetStat.size, options.maxFileBytes) });
    } else {
      files.push({ path: name, absPath: targetReal, language, size: targetStat.size });
    }
    return { root, files, skipped, errors };
  }

  const root = targetReal;
  const excludeSet = new Set(options.defaultExcludes);
  const rootMatchers: Frame['matchers'] = [];
  if (options.exclude.length > 0) rootMatchers.push({ base: '', ig: ignore().add(options.exclude), source: 'exclude pattern', explicit: true });
  const stack: Frame[] = [{ abs: root, rel: '', matchers: rootMatchers }];

  while (stack.length > 0) {
    const frame = stack.pop()!;
    let entries;
    try {
      entries = await readdir(frame.abs, { withFileTypes: true });
    } catch (e) {
      errors.push({ kind: 'read', level: 'error', path: frame.rel || '.', message: `cannot list folder: ${errMessage(e)}` });
      continue;
    }
    const matchers = [...frame.matchers];
    for (const name of options.ignoreFiles === false ? [] : IGNORE_FILES) {
      if (!entries.some((e) => e.name === name && e.isFile())) continue;
      try {
        const text = await readFile(path.join(frame.abs, name), 'utf8');
        matchers.push({ base: frame.rel, ig: ignore().add(text), source: join(frame.rel, name) });
      } catch (e) {
        errors.push({ kind: 'read', level: 'warning', path: join(frame.rel, name), message: `ignore file unreadable: ${errMessage(e)}` });
      }
    }
    // Sorted so the walk, and therefore every list derived from it, is deterministic.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: Frame[] = [];
    for (const entry of entries) {
      const rel = join(frame.rel, entry.name);
      const abs = path.join(frame.abs, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let size = -1;

      if (entry.isSymbolicLink()) {
        const resolved = await resolveLink(abs);
        if (!resolved) {
          skipped.push({ path: rel, reason: 'symlink-broken', detail: 'broken or looping symbolic link' });
          continue;
        }
        if (!isInside(root, resolved.real)) {
          skipped.push({ path: rel, reason: 'symlink-outside-target', detail: `points outside the target` });
          continue;
        }
        // A link inside the target names content that the walk reaches at its real location; following it
        // would scan that content twice and can loop forever.
        skipped.push({ path: rel, reason: 'symlink', detail: `link to ${toPosix(path.relative(root, resolved.real)) || '.'}, scanned at its real path` });
        continue;
      }
      if (!isDir && !isFile) {
        if (entry.isFIFO() || entry.isSocket() || entry.isCharacterDevice() || entry.isBlockDevice()) {
          skipped.push({ path: rel, reason: 'unsupported', detail: 'not a regular file' });
        }
        continue;
      }
      if (isDir) {
        if (excludeSet.has(entry.name)) {
          skipped.push({ path: rel, reason: 'excluded', detail: `default exclude (${entry.name})` });
          continue;
        }
        const by = ignoredBy(matchers, rel, true);
        if (by) {
          skipped.push({ path: rel, reason: 'excluded', detail: by });
          continue;
        }
        subdirs.push({ abs, rel, matchers });
        continue;
      }
      const language = detectLanguage(entry.name);
      if (!language) continue;
      const by = ignoredBy(matchers, rel, false);
      if (by) {
        skipped.push({ path: rel, reason: 'excluded', detail: by });
        continue;
      }
      try {
        size = (await stat(abs)).size;
      } catch (e) {
        errors.push({ kind: 'read', level: 'error', path: rel, message: `cannot stat file: ${errMessage(e)}` });
        continue;
      }
      if (size > options.maxFileBytes) {
        skipped.push({ path: rel, reason: 'too-large', detail: sizeDetail(size, options.maxFileBytes) });
        continue;
      }
      files.push({ path: rel, absPath: abs, language, size });
    }
    // Reverse so that popping visits folders in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]!);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, files, skipped, errors };
}

function ignoredBy(matchers: Frame['matchers'], rel: string, isDir: boolean): string | undefined {
  const key = (m: Frame['matchers'][number]) => {
    const sub = m.base ? rel.slice(m.base.length + 1) : rel;
    return isDir ? `${sub}/` : sub;
  };
  for (const m of matchers) if (m.explicit && m.ig.ignores(key(m))) return m.source;
  // As in git, the deepest ignore file with an opinion decides, so a nested `!pattern` re-includes what a parent
  // folder's file ignored (and `.mcpvetignore`, read after `.gitignore`, overrides it in the same folder).
  for (let i = matchers.length - 1; i >= 0; i--) {
    const m = matchers[i]!;
    if (m.explicit) continue;
    const r = m.ig.test(key(m));
    if (r.ignored) return `matched ${m.source}`;
    if (r.unignored) return undefined;
  }
  return undefined;
}

async function resolveLink(abs: string): Promise<{ real: string } | undefined> {
  try {
    await lstat(abs);
    return { real: await realpath(abs) };
  } catch {
    return undefined;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function join(a: string, b: string): string {
  return a ? `${a}/${b}` : b;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function sizeDetail(size: number, max: number): string {
  return `file is ${size} bytes, over the ${max}-byte limit`;
}

export function errMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) return `${String((e as { code: unknown }).code)}: ${String((e as { message: unknown }).message)}`;
  return e instanceof Error ? e.message : String(e);
}

/**
 * Files named one by one instead of a folder walk (client configs found across the home folder): each is read as a
 * client config, under the display path given for it. Missing and oversized files are recorded, not thrown.
 */
export async function givenFiles(
  root: string,
  given: readonly { path: string; absPath: string; clientConfig?: SourceFile['clientConfig'] }[],
  maxFileBytes: number,
): Promise<Discovery> {
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const errors: ScanError[] = [];
  for (const g of given) {
    let size: number;
    try {
      const st = await stat(g.absPath);
      if (!st.isFile()) {
        skipped.push({ path: g.path, reason: 'unsupported', detail: 'not a regular file' });
        continue;
      }
      size = st.size;
    } catch (e) {
      errors.push({ kind: 'read', level: 'error', path: g.path, message: `cannot read file: ${errMessage(e)}` });
      continue;
    }
    if (size > maxFileBytes) {
      skipped.push({ path: g.path, reason: 'too-large', detail: sizeDetail(size, maxFileBytes) });
      continue;
    }
    const detected = detectLanguage(path.basename(g.absPath));
    const language: Language | undefined = g.clientConfig ? (g.absPath.toLowerCase().endsWith('.toml') ? 'toml' : 'json') : detected;
    if (!language) {
      skipped.push({ path: g.path, reason: 'unsupported', detail: 'no scanner for this file type' });
      continue;
    }
    files.push({ path: g.path, absPath: g.absPath, language, size, ...(g.clientConfig ? { clientConfig: g.clientConfig } : {}) });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root, files, skipped, errors };
}
