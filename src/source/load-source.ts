// Reads one discovered file and decides whether it is scannable text: binary and minified files are skipped.
import { readFile } from 'node:fs/promises';
import type { Language } from '../model/language.js';
import type { ScanError, SkippedFile } from '../model/scan-result.js';
import { blankOutside } from './bundle-markers.js';
import { errMessage, type SourceFile } from './discover.js';

export type Loaded =
  | { ok: true; text: string; bytes: number; warnings: ScanError[] }
  | { ok: false; skipped?: SkippedFile; error?: ScanError };

const MINIFIABLE: ReadonlySet<Language> = new Set(['javascript', 'typescript', 'tsx']);

export async function loadSource(path: string, absPath: string, language: Language, view: Pick<SourceFile, 'text' | 'keep' | 'bundle'> = {}): Promise<Loaded> {
  if (view.text !== undefined) return decodeSource(path, Buffer.from(view.text, 'utf8'), language);
  let buf: Buffer;
  try {
    buf = await readFile(absPath);
  } catch (e) {
    return { ok: false, error: { kind: 'read', level: 'error', path, message: `cannot read file: ${errMessage(e)}` } };
  }
  return decodeSource(path, buf, language, view);
}

export function decodeSource(path: string, buf: Buffer, language: Language, view: Pick<SourceFile, 'keep' | 'bundle'> = {}): Loaded {
  if (looksBinary(buf)) return { ok: false, skipped: { path, reason: 'binary', detail: 'contains NUL bytes in the first 8 KiB' } };
  const warnings: ScanError[] = [];
  let text = decodeText(buf);
  if (text.includes('\uFFFD') && !isValidUtf8(buf)) {
    warnings.push({ kind: 'encoding', level: 'warning', path, message: 'invalid UTF-8: undecodable bytes were replaced with U+FFFD' });
  }
  if (MINIFIABLE.has(language) && !view.bundle) {
    const why = minifiedReason(text);
    if (why) return { ok: false, skipped: { path, reason: 'minified', detail: why } };
  }
  if (view.keep) {
    // Counted as the bytes actually scanned, so a bundle's dependencies do not inflate the statistics.
    text = blankOutside(text, view.keep);
    return { ok: true, text, bytes: Buffer.byteLength(text), warnings };
  }
  return { ok: true, text, bytes: buf.length, warnings };
}

/** Bytes to the text every reader of a scanned file sees: UTF-8 with replacement characters, then normalised. */
export function decodeText(buf: Uint8Array): string {
  return normalizeSourceText(new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(buf));
}

/**
 * Drops a leading BOM and turns lone CR line endings into LF. Tree-sitter counts rows by LF only, so a file with
 * classic-Mac endings would otherwise be one long line with every finding on line 1; the replacement keeps every
 * offset. Anything that re-reads a scanned file (snippets of project findings) must apply the same.
 */
export function normalizeSourceText(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.includes('\r') ? t.replace(/\r(?!\n)/g, '\n') : t;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

function isValidUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/**
 * Semgrep's heuristic: look at the first 4 KiB of a file longer than 1,000 bytes; generated bundles have almost no
 * whitespace or very long lines. Returns the measured reason, or undefined for ordinary source.
 */
export function minifiedReason(text: string): string | undefined {
  if (text.length <= 1000) return undefined;
  const sample = text.slice(0, 4096);
  let ws = 0;
  let newlines = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) ws++;
    if (c === 10) newlines++;
  }
  const wsRatio = ws / sample.length;
  if (wsRatio < 0.07) return `whitespace is ${(wsRatio * 100).toFixed(1)}% of the first ${sample.length} characters`;
  const avgLine = sample.length / (newlines + 1);
  if (avgLine > 1000) return `average line length ${Math.round(avgLine)} characters`;
  return undefined;
}
