// Unpacks untrusted tarballs and zips into a private folder: regular files and folders only, every path checked,
// every limit enforced, and every dropped entry or limit hit recorded.
import { constants, createReadStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import yauzl from 'yauzl';
import type { ScanError } from '../model/scan-result.js';
import { TargetError, targetProblem, type AcquireLimits } from './limits.js';

export type ArchiveFormat = 'tgz' | 'zip';

export interface ExtractOptions {
  limits: AcquireLimits;
  /** Leading path segments to drop (npm tarballs and sdists wrap everything in one folder). */
  strip?: number;
}

export interface ExtractReport {
  files: number;
  dirs: number;
  bytes: number;
  /** Dropped entries (warnings for links and devices, errors for content that was not written) and limit hits. */
  problems: ScanError[];
  /** True when a limit stopped the extraction before the end of the archive. */
  truncated: boolean;
}

/** True when `p` is `root` or lies under it. Uses `path.relative`, never a string prefix (`/x/job1-evil` is not in `/x/job1`). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(p));
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

export type EntryPath = { ok: true; rel: string; depth: number } | { ok: true; rel: ''; depth: 0 } | { ok: false; reason: string };

/**
 * Validates an entry name as written in the archive and returns its relative path after `strip`, NFC-normalized,
 * `/`-separated. Backslashes count as separators, so `..\..\x` is traversal on every platform. `.` segments are
 * legal (`./package.json`); an empty result is the archive's top folder itself.
 */
export function checkEntryPath(raw: string, strip: number, maxDepth: number): EntryPath {
  if (raw.includes('\0')) return { ok: false, reason: 'NUL character in the name' };
  if (/^[\\/]/.test(raw) || /^[A-Za-z]:/.test(raw)) return { ok: false, reason: 'absolute path' };
  const segments = raw.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return { ok: false, reason: 'path traversal (..)' };
  const kept = segments.slice(strip).map((s) => s.normalize('NFC'));
  if (kept.length === 0) return { ok: true, rel: '', depth: 0 };
  if (kept.length > maxDepth) return { ok: false, reason: `path deeper than the limit of ${maxDepth} folders` };
  if (kept.some((s) => Buffer.byteLength(s) > 255)) return { ok: false, reason: 'a path segment is longer than 255 bytes' };
  const rel = kept.join('/');
  if (Buffer.byteLength(rel) > 4096) return { ok: false, reason: 'path longer than 4096 bytes' };
  return { ok: true, rel, depth: kept.length };
}

/** Printable form of an entry name for messages (names are attacker-controlled). */
function shown(raw: string): string {
  const s = raw.replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, '?');
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

class Budget {
  files = 0;
  dirs = 0;
  bytes = 0;
  entries = 0;
  readonly problems: ScanError[] = [];
  truncated = false;
  /** Normalized paths written so far: a second entry with the same path is dropped, never merged or followed. */
  readonly seen = new Map<string, 'file' | 'dir'>();

  constructor(readonly limits: AcquireLimits) {}

  skip(level: ScanError['level'], raw: string, why: string): void {
    this.problems.push(targetProblem(level, `archive entry skipped: ${why}`, shown(raw)));
  }

  stop(message: string): void {
    if (this.truncated) return;
    this.truncated = true;
    this.problems.push(targetProblem('error', `extraction stopped: ${message}; the rest of the archive was not scanned`));
  }

  report(): ExtractReport {
    return { files: this.files, dirs: this.dirs, bytes: this.bytes, problems: this.problems, truncated: this.truncated };
  }
}

function kindName(type: string): string {
  switch (type) {
    case 'SymbolicLink':
      return 'symbolic link';
    case 'Link':
      return 'hard link';
    case 'CharacterDevice':
      return 'character device';
    case 'BlockDevice':
      return 'block device';
    case 'FIFO':
      return 'FIFO';
    default:
      return `${type} entry`;
  }
}

export async function extractTar(file: string, dest: string, opts: ExtractOptions): Promise<ExtractReport> {
  const { limits } = opts;
  const strip = opts.strip ?? 0;
  const budget = new Budget(limits);
  const compressed = (await stat(file)).size;
  await mkdir(dest, { recursive: true, mode: 0o700 });
  const deadline = Date.now() + limits.timeoutSeconds * 1000;
  /** Every write started, awaited before returning: nothing may land in the folder after extraction "ended". */
  const writes: Promise<void>[] = [];
  /** Entries the filter accepted, and those whose write has settled: equal once nothing more can land. */
  let accepted = 0;
  let settled = 0;
  let wake: (() => void) | undefined;
  /** The entry the parser is filling: the only one a stop can cut off in the middle of its data. */
  let lastAccepted: ReadEntry | undefined;
  let fatal: string | undefined;
  let sawBadArchive: string | undefined;
  let stopping = false;

  // node-tar parses (headers, PAX and GNU long names, gzip, its decompression-ratio guard); we write. Its Unpack
  // writes asynchronously and cannot be awaited once aborted, which let files land after a limit stopped it.
  const parser = new Parser({
    strict: false,
    maxDecompressionRatio: limits.maxRatio,
    onwarn: (code: string, message: string, data: unknown) => {
      if (code === 'TAR_BAD_ARCHIVE') sawBadArchive = message;
      const d = data as { path?: unknown; entry?: { path?: unknown } };
      const where = typeof d.path === 'string' ? d.path : typeof d.entry?.path === 'string' ? d.entry.path : undefined;
      budget.problems.push(targetProblem('warning', `tar: ${code}: ${message}`, where === undefined ? undefined : shown(where)));
    },
    filter: (p: string, e: unknown) => {
      const entry = e as ReadEntry;
      if (budget.truncated) return false;
      if (++budget.entries > limits.maxEntries) return stop(`more than ${limits.maxEntries} entries`);
      const type = entry.type as string;
      const isFile = type === 'File' || type === 'OldFile' || type === 'ContiguousFile';
      if (!isFile && type !== 'Directory') {
        budget.skip('warning', p, `${kindName(type)} (only regular files and folders are extracted)`);
        return false;
      }
      const checked = checkEntryPath(p, strip, limits.maxDepth);
      if (!checked.ok) {
        budget.skip('error', p, checked.reason);
        return false;
      }
      if (checked.rel === '') return false;
      const prior = budget.seen.get(checked.rel);
      if (prior && !(prior === 'dir' && !isFile)) {
        budget.skip('warning', p, 'duplicate of an earlier entry with the same path (after Unicode normalization)');
        return false;
      }
      if (!isFile) {
        if (!prior) budget.dirs++;
        budget.seen.set(checked.rel, 'dir');
        accepted++;
        lastAccepted = entry;
        return true;
      }
      const size = entry.size ?? 0;
      if (size > limits.maxEntryBytes) {
        budget.skip('error', p, `${size} bytes exceeds the per-file limit of ${limits.maxEntryBytes} bytes`);
        return false;
      }
      if (budget.bytes + size > limits.maxExtractBytes) return stop(`more than ${limits.maxExtractBytes} bytes uncompressed`);
      if (compressed > 0 && budget.bytes + size > 1024 * 1024 && (budget.bytes + size) / compressed > limits.maxRatio) return stop(`decompression ratio above ${limits.maxRatio}`);
      budget.bytes += size;
      budget.files++;
      budget.seen.set(checked.rel, 'file');
      accepted++;
      lastAccepted = entry;
      return true;
    },
  });

  const track = (p: Promise<void>) =>
    writes.push(
      p.finally(() => {
        settled++;
        wake?.();
      }),
    );
  parser.on('entry', (entry: ReadEntry) => {
    const checked = checkEntryPath(entry.path, strip, limits.maxDepth);
    if (!checked.ok || checked.rel === '') {
      entry.resume();
      track(Promise.resolve());
      return;
    }
    const abs = path.join(dest, ...checked.rel.split('/'));
    const raw = entry.path;
    const size = entry.size ?? 0;
    if (entry.type === 'Directory') {
      entry.resume();
      track(
        mkdir(abs, { recursive: true, mode: 0o755 }).then(
          () => undefined,
          (e: Error) => budget.skip('error', raw, `cannot create the folder: ${e.message}`),
        ),
      );
      return;
    }
    track(
      (async () => {
        try {
          if (!isInside(dest, abs)) throw new Error('resolves outside the extraction folder');
          await mkdir(path.dirname(abs), { recursive: true, mode: 0o755 });
          await writeFile(entry, abs, size, deadline);
        } catch (e) {
          await unlink(abs).catch(() => undefined);
          budget.files--;
          budget.bytes -= size;
          // A file cut off by a limit was already reported as the stop; anything else is this entry's own problem.
          if (!stopping) budget.skip('error', raw, `cannot extract: ${(e as Error).message}`);
          entry.resume();
        }
      })(),
    );
  });

  /** The entry being filled will never receive the rest of its data: end it, so its write settles (as too short). */
  function endCutOff(): void {
    if (lastAccepted && lastAccepted.remain > 0) lastAccepted.end();
  }

  const source = createReadStream(file);
  const timer = setTimeout(() => stop(`extraction took longer than ${limits.timeoutSeconds} s`), Math.max(1, deadline - Date.now()));

  /** Records a limit hit and stops reading; the entry being written is cut off and removed. */
  function stop(message: string): false {
    budget.stop(message);
    if (stopping) return false;
    stopping = true;
    source.unpipe(parser);
    source.destroy();
    parser.abort(new Error(message));
    endCutOff();
    return false;
  }

  await new Promise<void>((resolve) => {
    parser.on('error', (e: Error) => {
      if (!stopping) {
        if (/max decompression ratio exceeded/.test(e.message)) stop(`decompression ratio above ${limits.maxRatio}`);
        else {
          fatal = e.message.replace(/^TAR_[A-Z_]+: /, '');
          stopping = true;
          source.destroy();
          endCutOff();
        }
      }
      resolve();
    });
    parser.on('end', () => resolve());
    source.on('error', (e) => {
      fatal = `cannot read the archive: ${e.message}`;
      resolve();
    });
    source.pipe(parser);
  });
  clearTimeout(timer);
  // Entries accepted before a stop are still queued in the parser and emitted one by one as the previous one is
  // written; wait for all of them (bounded by the deadline plus a grace period), so nothing lands after we return.
  const grace = Math.max(deadline, Date.now()) + 5000;
  while (settled < accepted && Date.now() < grace) {
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 50);
    });
  }
  await Promise.all(writes);
  if (settled < accepted) budget.stop('entries were still being written when the time limit ran out');

  if ((fatal !== undefined || sawBadArchive !== undefined) && budget.files + budget.dirs === 0 && !budget.truncated) {
    throw new TargetError(`not a valid tar archive: ${fatal ?? sawBadArchive}`, 'bad-archive');
  }
  if (fatal !== undefined) budget.stop(`the archive is damaged (${fatal})`);
  budget.problems.push(...(await sweep(dest)));
  return budget.report();
}

/**
 * After extraction nothing but regular files and folders may exist under `dest`; anything else (which would mean a
 * bypass of the filters above) is removed and reported.
 */
async function sweep(dest: string): Promise<ScanError[]> {
  const problems: ScanError[] = [];
  const stack = [dest];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const abs = path.join(dir, d.name);
      if (d.isDirectory()) stack.push(abs);
      else if (!d.isFile()) {
        await rm(abs, { force: true, recursive: false }).catch(() => undefined);
        problems.push(targetProblem('warning', 'removed a non-regular file after extraction', shown(path.relative(dest, abs))));
      }
    }
  }
  return problems;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const UNIX_TYPES: Record<number, string> = { 0o120000: 'symbolic link', 0o020000: 'character device', 0o060000: 'block device', 0o010000: 'FIFO', 0o140000: 'socket' };

type YauzlLow = typeof yauzl & {
  getFileNameLowLevel(flags: number, name: Buffer, extra: { id: number; data: Buffer }[], strict: boolean): string;
};

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would reject the whole zip on one bad name; we judge names entry by entry instead.
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true, decodeStrings: false, strictFileNames: false }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    );
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => {
      if (err) return reject(err);
      s.on('error', () => undefined); // see writeFile: its errors are read through pipeline
      resolve(s);
    }),
  );
}

export async function extractZip(file: string, dest: string, opts: ExtractOptions): Promise<ExtractReport> {
  const { limits } = opts;
  const strip = opts.strip ?? 0;
  const budget = new Budget(limits);
  await mkdir(dest, { recursive: true, mode: 0o700 });
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (e) {
    throw new TargetError(`not a valid zip archive: ${(e as Error).message}`, 'bad-archive');
  }
  const deadline = Date.now() + limits.timeoutSeconds * 1000;
  const low = yauzl as YauzlLow;

  const entries = (async function* (): AsyncGenerator<yauzl.Entry> {
    for (;;) {
      const next = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        const onEntry = (e: yauzl.Entry) => {
          cleanup();
          resolve(e);
        };
        const onEnd = () => {
          cleanup();
          resolve(undefined);
        };
        const onError = (e: Error) => {
          cleanup();
          reject(e);
        };
        const cleanup = () => {
          zip.off('entry', onEntry);
          zip.off('end', onEnd);
          zip.off('error', onError);
        };
        zip.on('entry', onEntry);
        zip.on('end', onEnd);
        zip.on('error', onError);
        zip.readEntry();
      });
      if (!next) return;
      yield next;
    }
  })();

  try {
    for await (const entry of entries) {
      if (Date.now() > deadline) {
        budget.stop(`extraction took longer than ${limits.timeoutSeconds} s`);
        break;
      }
      if (++budget.entries > limits.maxEntries) {
        budget.stop(`more than ${limits.maxEntries} entries`);
        break;
      }
      const rawName = entry.fileName as unknown as Buffer;
      const name = low.getFileNameLowLevel(entry.generalPurposeBitFlag, rawName, entry.extraFields, false);
      const isDir = name.endsWith('/');
      const madeOnUnix = entry.versionMadeBy >> 8 === 3;
      const unixType = madeOnUnix ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
      if (unixType !== 0 && unixType !== S_IFREG && unixType !== S_IFDIR) {
        budget.skip('warning', name, `${UNIX_TYPES[unixType] ?? 'special file'} (only regular files and folders are extracted)`);
        continue;
      }
      const checked = checkEntryPath(name, strip, limits.maxDepth);
      if (!checked.ok) {
        budget.skip('error', name, checked.reason);
        continue;
      }
      if (checked.rel === '') continue;
      const abs = path.join(dest, ...checked.rel.split('/'));
      if (!isInside(dest, abs)) {
        budget.skip('error', name, 'resolves outside the extraction folder');
        continue;
      }
      const prior = budget.seen.get(checked.rel);
      if (isDir || unixType === S_IFDIR) {
        if (prior === 'file') {
          budget.skip('warning', name, 'duplicate of an earlier entry with the same path (after Unicode normalization)');
          continue;
        }
        if (!prior) {
          budget.seen.set(checked.rel, 'dir');
          budget.dirs++;
          await mkdir(abs, { recursive: true, mode: 0o755 }).catch((e: Error) => budget.skip('error', name, `cannot create the folder: ${e.message}`));
        }
        continue;
      }
      if (prior) {
        budget.skip('warning', name, 'duplicate of an earlier entry with the same path (after Unicode normalization)');
        continue;
      }
      if (entry.isEncrypted()) {
        budget.skip('error', name, 'encrypted entry');
        continue;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        budget.skip('error', name, `unsupported compression method ${entry.compressionMethod}`);
        continue;
      }
      const size = entry.uncompressedSize;
      if (size > limits.maxEntryBytes) {
        budget.skip('error', name, `${size} bytes exceeds the per-file limit of ${limits.maxEntryBytes} bytes`);
        continue;
      }
      if (size > 1024 * 1024 && size / Math.max(1, entry.compressedSize) > limits.maxRatio) {
        budget.skip('error', name, `compression ratio ${Math.round(size / Math.max(1, entry.compressedSize))} exceeds the limit of ${limits.maxRatio}`);
        continue;
      }
      if (budget.bytes + size > limits.maxExtractBytes) {
        budget.stop(`more than ${limits.maxExtractBytes} bytes uncompressed`);
        break;
      }
      budget.seen.set(checked.rel, 'file');
      try {
        await mkdir(path.dirname(abs), { recursive: true, mode: 0o755 });
        await writeEntry(zip, entry, abs, size, deadline);
        budget.files++;
        budget.bytes += size;
      } catch (e) {
        await unlink(abs).catch(() => undefined);
        budget.skip('error', name, `cannot extract: ${(e as Error).message}`);
      }
    }
  } catch (e) {
    if (budget.files + budget.dirs === 0) throw new TargetError(`not a valid zip archive: ${(e as Error).message}`, 'bad-archive');
    budget.stop(`the archive is damaged (${(e as Error).message})`);
  } finally {
    zip.close();
  }
  budget.problems.push(...(await sweep(dest)));
  return budget.report();
}

async function writeEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, abs: string, size: number, deadline: number): Promise<void> {
  await writeFile(await openEntry(zip, entry), abs, size, deadline);
}

/** Streams one entry into a new file: O_EXCL | O_NOFOLLOW (never writes through something already there), 0644. */
async function writeFile(input: Readable | ReadEntry, abs: string, size: number, deadline: number): Promise<void> {
  // The source may fail before pipeline listens (yauzl checks sizes as data arrives, while we are still opening the
  // file) or after it has failed on our own counter; pipeline still reports the error, and none goes unhandled.
  (input as NodeJS.EventEmitter).on('error', () => undefined);
  const fh = await open(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
  let written = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      written += chunk.length;
      if (written > size) return cb(new Error('entry is larger than its declared size'));
      if (Date.now() > deadline) return cb(new Error('time limit exceeded'));
      cb(null, chunk);
    },
  });
  try {
    // A tar entry is a Minipass stream; pipeline takes it as the async iterable it also is.
    await pipeline(input as AsyncIterable<Buffer>, counter, fh.createWriteStream());
    if (written !== size) throw new Error(`entry is shorter than its declared size (${written} of ${size} bytes)`);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

export async function extractArchive(file: string, dest: string, format: ArchiveFormat, opts: ExtractOptions): Promise<ExtractReport> {
  return format === 'zip' ? extractZip(file, dest, opts) : extractTar(file, dest, opts);
}

/** Archive format from the file's first bytes; undefined when it is neither gzip, tar nor zip. */
export async function sniffFormat(file: string): Promise<ArchiveFormat | undefined> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await fh.read(buf, 0, 512, 0);
    if (bytesRead >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) return 'tgz';
    if (bytesRead >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'zip';
    if (bytesRead >= 4 && buf.readUInt32LE(0) === 0x06054b50) return 'zip'; // empty zip
    if (bytesRead >= 262 && buf.toString('latin1', 257, 262) === 'ustar') return 'tgz';
    return undefined;
  } finally {
    await fh.close();
  }
}
