// acquire(): brings any Target into a local folder for scan(): downloads, verifies and unpacks into a private temp folder.
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ScanError, TargetResolution } from '../model/scan-result.js';
import { acquireArchive } from './acquire-archive.js';
import { acquireGit } from './acquire-git.js';
import { acquireNpm } from './acquire-npm.js';
import { acquirePypi } from './acquire-pypi.js';
import { acquireRegistry } from './acquire-registry.js';
import { defaultCacheDir, DownloadCache } from './download-cache.js';
import type { HttpOptions } from './http-download.js';
import { resolveLimits, type AcquireLimits } from './limits.js';
import type { Target, TargetKind } from './parse-target.js';

export interface AcquireOptions {
  /** Cache folder (default `$XDG_CACHE_HOME/mcpvet`). */
  cacheDir?: string;
  /** Neither read nor write the download cache. */
  noCache?: boolean;
  /** Token for private git repositories (else `MCPVET_GIT_TOKEN`, else `GITHUB_TOKEN` for github.com only). */
  token?: string;
  /** npm registry (else `npm_config_registry`, else https://registry.npmjs.org/). */
  npmRegistry?: string;
  /** PyPI index: a JSON API base or a simple-index URL (else `PIP_INDEX_URL`, else https://pypi.org). */
  pypiIndexUrl?: string;
  /** Official MCP Registry base URL (default https://registry.modelcontextprotocol.io). */
  registryUrl?: string;
  limits?: Partial<AcquireLimits>;
  /** Parent of the private temp folder (default: the OS temp folder). */
  tmpDir?: string;
  /** Environment to read tokens and defaults from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Called before each HTTP request that mcpvet itself sends (pacote's own requests are not reported). */
  onRequest?: (url: string) => void;
}

/** What exactly was scanned: enough to scan the same thing again. */
export type Resolved = Omit<TargetResolution, 'notes'>;

export interface Acquired {
  /** Folder (or single file, for a local file target) to pass to scan(). */
  root: string;
  kind: TargetKind;
  /** The target as the user wrote it, credentials redacted. */
  input: string;
  resolved: Resolved;
  /** How the target was resolved, for the report: the same for a fresh download and a cache hit. */
  notes: string[];
  /** Limit hits and dropped entries, as scan errors of kind `target`. */
  problems: ScanError[];
  /** True when the artifact came from the download cache (no download). */
  fromCache: boolean;
  /**
   * True for published artifacts (npm and PyPI packages, archives): their `dist/` or `build/` folder is the code that
   * runs, so the scan must not skip it as build output, as it does in a source checkout.
   */
  published: boolean;
  /** Removes the private temp folder. Safe to call twice. */
  dispose(): Promise<void>;
  /** The same, synchronously: for a signal handler that must clean up before the process ends. */
  disposeSync(): void;
}

/** One step's result; acquire() adds the bookkeeping. */
export interface AcquiredPart {
  root: string;
  resolved: Resolved;
  notes: string[];
  problems: ScanError[];
  fromCache: boolean;
  /** Set when a registry id resolved to another kind (npm, pypi…). */
  kind?: TargetKind;
}

export interface AcquireContext {
  options: AcquireOptions;
  env: NodeJS.ProcessEnv;
  limits: AcquireLimits;
  cache: DownloadCache;
  /** The private temp folder (mode 0700); every step writes only below it. */
  work: string;
  http(maxBytes?: number): HttpOptions;
}

export async function acquire(target: Target, options: AcquireOptions = {}): Promise<Acquired> {
  const limits = resolveLimits(options.limits);
  if (target.kind === 'local') {
    return { root: target.path, kind: 'local', input: target.input, resolved: {}, notes: [], problems: [], fromCache: false, published: false, dispose: async () => undefined, disposeSync: () => undefined };
  }
  const env = options.env ?? process.env;
  // mkdtemp creates the folder with mode 0700 and a random name: nobody else can write into it or predict it.
  const work = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'mcpvet-'));
  const dispose = () => rm(work, { recursive: true, force: true, maxRetries: 2 });
  const ctx: AcquireContext = {
    options,
    env,
    limits,
    cache: new DownloadCache(options.noCache ? undefined : (options.cacheDir ?? defaultCacheDir(env))),
    work,
    http: (maxBytes = limits.maxDownloadBytes) => ({ timeoutMs: limits.timeoutSeconds * 1000, maxBytes, onRequest: options.onRequest }),
  };
  try {
    const part = await acquirePart(target, ctx);
    const kind = part.kind ?? target.kind;
    const disposeSync = () => rmSync(work, { recursive: true, force: true, maxRetries: 2 });
    return { ...part, kind, input: target.input, published: kind === 'npm' || kind === 'pypi' || kind === 'archive', dispose, disposeSync };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/** Dispatch by kind; the registry step calls back into it for the package it resolved to. */
export async function acquirePart(target: Target, ctx: AcquireContext): Promise<AcquiredPart> {
  switch (target.kind) {
    case 'local':
      return { root: target.path, resolved: {}, notes: [], problems: [], fromCache: false };
    case 'git':
      return acquireGit(target, ctx);
    case 'npm':
      return acquireNpm(target, ctx);
    case 'pypi':
      return acquirePypi(target, ctx);
    case 'archive':
      return acquireArchive(target, ctx);
    case 'registry':
      return acquireRegistry(target, ctx, acquirePart);
  }
}
