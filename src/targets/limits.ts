// Resource limits for acquiring a target (download, extraction, git) and the error type every hit is reported with.
import type { ScanError } from '../model/scan-result.js';

export interface AcquireLimits {
  /** Bytes of one download (a tarball, a wheel, an archive URL). */
  maxDownloadBytes: number;
  /** Bytes written by one extraction or checkout, all files together. */
  maxExtractBytes: number;
  /** Bytes of one extracted file; larger entries are skipped and reported. */
  maxEntryBytes: number;
  /** Entries (files, folders, links…) in one archive or checkout. */
  maxEntries: number;
  /** Path segments of one entry. */
  maxDepth: number;
  /** Uncompressed bytes per compressed byte, for the whole archive and for each zip entry. */
  maxRatio: number;
  /** Wall clock for one acquisition step (a download, an extraction, a clone). */
  timeoutSeconds: number;
}

// Generous enough for real MCP packages (bundled servers of 1–8 MB, monorepo checkouts), small enough that a bomb
// cannot fill the disk. The ratio matches node-tar's own default.
export const DEFAULT_ACQUIRE_LIMITS: AcquireLimits = {
  maxDownloadBytes: 200 * 1024 * 1024,
  maxExtractBytes: 512 * 1024 * 1024,
  maxEntryBytes: 64 * 1024 * 1024,
  maxEntries: 50_000,
  maxDepth: 64,
  maxRatio: 1000,
  timeoutSeconds: 300,
};

export function resolveLimits(partial?: Partial<AcquireLimits>): AcquireLimits {
  const out = { ...DEFAULT_ACQUIRE_LIMITS };
  for (const [k, v] of Object.entries(partial ?? {}) as [keyof AcquireLimits, number | undefined][]) {
    if (v === undefined) continue;
    if (!(v > 0)) throw new RangeError(`limit ${k} must be positive, got ${v}`);
    out[k] = v;
  }
  return out;
}

/**
 * Acquisition failed as a whole: the target could not be fetched, verified or unpacked at all. The message is
 * meant for the user as-is (secrets already redacted).
 */
export class TargetError extends Error {
  constructor(
    message: string,
    readonly code: TargetErrorCode = 'failed',
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

export type TargetErrorCode = 'failed' | 'not-found' | 'integrity' | 'bad-archive' | 'limit' | 'unsupported' | 'timeout';

/** A problem that did not stop acquisition: recorded in the scan result as an error of kind `target`. */
export function targetProblem(level: ScanError['level'], message: string, entry?: string): ScanError {
  return entry === undefined ? { kind: 'target', level, message } : { kind: 'target', level, path: entry, message };
}
