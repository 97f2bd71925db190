// Content-addressed cache of downloaded artifacts (tarballs, wheels, archives), so a pinned rescan does no network I/O.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type DigestAlgorithm = 'sha512' | 'sha384' | 'sha256' | 'sha1';

export interface Digest {
  algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  hex: string;
}

export interface CacheEntry {
  digest: Digest;
  /** Whatever the caller needs to skip its resolution step (version, file name, resolved URL…). */
  meta: Record<string, string>;
}

const STRENGTH: Record<DigestAlgorithm, number> = { sha512: 4, sha384: 3, sha256: 2, sha1: 1 };
const HEX_LENGTH: Record<DigestAlgorithm, number> = { sha512: 128, sha384: 96, sha256: 64, sha1: 40 };

/** The strongest hash of an SRI string (`sha512-<base64> sha1-<base64>`), or undefined when none is usable. */
export function digestFromIntegrity(integrity: string): Digest | undefined {
  let best: Digest | undefined;
  for (const part of integrity.trim().split(/\s+/)) {
    const m = /^(sha512|sha384|sha256|sha1)-([A-Za-z0-9+/]+={0,2})(?:\?.*)?$/.exec(part);
    if (!m) continue;
    const algorithm = m[1] as DigestAlgorithm;
    const hex = Buffer.from(m[2]!, 'base64').toString('hex');
    if (hex.length !== HEX_LENGTH[algorithm]) continue;
    if (!best || STRENGTH[algorithm] > STRENGTH[best.algorithm]) best = { algorithm, hex };
  }
  return best;
}

export function integrityFromDigest(d: Digest): string {
  return `${d.algorithm}-${Buffer.from(d.hex, 'hex').toString('base64')}`;
}

export async function hashFile(file: string, algorithm: DigestAlgorithm): Promise<string> {
  const h = createHash(algorithm);
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** `$XDG_CACHE_HOME/mcpvet`, else `~/.cache/mcpvet`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'mcpvet');
}

/**
 * Files are stored under `content/<algorithm>/<hex>` and re-hashed on every read, so a corrupted or tampered cache
 * entry is dropped instead of scanned. `index/` maps a pinned spec (`npm|<registry>|name@1.2.3`) to a digest.
 * A disabled cache (no folder) finds nothing and stores nothing.
 */
export class DownloadCache {
  constructor(readonly dir: string | undefined) {}

  get enabled(): boolean {
    return this.dir !== undefined;
  }

  async lookup(key: string): Promise<CacheEntry | undefined> {
    if (!this.dir) return undefined;
    let raw: string;
    try {
      raw = await readFile(this.indexPath(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const v = JSON.parse(raw) as { key?: unknown; digest?: { algorithm?: unknown; hex?: unknown }; meta?: unknown };
      const alg = v.digest?.algorithm;
      const hex = v.digest?.hex;
      if (v.key !== key || typeof alg !== 'string' || !(alg in STRENGTH) || typeof hex !== 'string') return undefined;
      if (!new RegExp(`^[0-9a-f]{${HEX_LENGTH[alg as DigestAlgorithm]}}$`).test(hex)) return undefined;
      const meta: Record<string, string> = {};
      if (v.meta && typeof v.meta === 'object') for (const [k, x] of Object.entries(v.meta)) if (typeof x === 'string') meta[k] = x;
      return { digest: { algorithm: alg as DigestAlgorithm, hex }, meta };
    } catch {
      return undefined;
    }
  }

  /** Cache writes never fail a scan: an unwritable cache folder only costs the next scan a download. */
  async remember(key: string, entry: CacheEntry): Promise<void> {
    if (!this.dir) return;
    await this.atomicWrite(this.indexPath(key), `${JSON.stringify({ key, digest: entry.digest, meta: entry.meta })}\n`).catch(() => undefined);
  }

  /** The cached file with this digest, verified; undefined when absent or corrupt (a corrupt file is removed). */
  async file(digest: Digest): Promise<string | undefined> {
    if (!this.dir) return undefined;
    const p = this.contentPath(digest);
    try {
      if (!(await stat(p)).isFile()) return undefined;
    } catch {
      return undefined;
    }
    try {
      if ((await hashFile(p, digest.algorithm)) === digest.hex) return p;
    } catch {
      return undefined;
    }
    await rm(p, { force: true }).catch(() => undefined);
    return undefined;
  }

  /** Copies a verified download into the store; returns the stored path (or the file itself when disabled). */
  async store(file: string, digest: Digest): Promise<string> {
    if (!this.dir) return file;
    const p = this.contentPath(digest);
    const tmp = `${p}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(p), { recursive: true, mode: 0o700 });
      await copyFile(file, tmp);
      await rename(tmp, p);
      return p;
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
      return file;
    }
  }

  private contentPath(d: Digest): string {
    return path.join(this.dir!, 'content', d.algorithm, d.hex.slice(0, 2), d.hex);
  }

  private indexPath(key: string): string {
    const h = createHash('sha256').update(key).digest('hex');
    return path.join(this.dir!, 'index', h.slice(0, 2), `${h}.json`);
  }

  private async atomicWrite(p: string, text: string): Promise<void> {
    await mkdir(path.dirname(p), { recursive: true, mode: 0o700 });
    const tmp = `${p}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, text, { mode: 0o600 });
    await rename(tmp, p);
  }
}
