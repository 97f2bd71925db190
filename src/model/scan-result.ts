// The result of one scan. Nothing is dropped silently: skipped files and errors are listed with reasons.
import type { Finding } from './finding.js';
import type { Inventory } from './inventory.js';
import type { Severity } from './severity.js';

export const SCHEMA_VERSION = '1.0.0';

/**
 * `symlink`: a link to something inside the target (scanned at its real path, never followed, so loops cannot
 * happen); `symlink-broken`: dangling or looping link; `excluded`: default excludes, ignore files or config;
 * `bundle-source-mapped`: a bundle scanned as the sources recovered from its source map instead of its own text;
 * `bundle-dependencies`: the dependency modules of a bundle whose own modules were scanned.
 */
export type SkipReason =
  | 'too-large'
  | 'binary'
  | 'minified'
  | 'symlink-outside-target'
  | 'symlink'
  | 'symlink-broken'
  | 'excluded'
  | 'unsupported'
  | 'bundle-source-mapped'
  | 'bundle-dependencies';

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  detail: string;
}

export type ScanErrorKind = 'syntax' | 'read' | 'encoding' | 'timeout' | 'budget' | 'rule' | 'config' | 'target' | 'internal';

export interface ScanError {
  kind: ScanErrorKind;
  /** `error`: part of the scan did not happen; `warning`: it happened with reduced fidelity (e.g. partial parse). */
  level: 'error' | 'warning';
  path?: string;
  ruleId?: string;
  message: string;
  line?: number;
}

export interface ScanStats {
  files: number;
  bytes: number;
  lines: number;
  parsed: number;
  skipped: number;
  rules: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  suppressed: { inline: number; baseline: number; config: number };
}

export interface Score {
  score: number;
  grade: 'A' | 'B' | 'C' | 'D' | 'F';
}

/** What a package, repository or archive target resolved to, so the same thing can be scanned again. */
export interface TargetResolution {
  name?: string;
  version?: string;
  /** SRI string of an npm tarball. */
  integrity?: string;
  /** SHA-256 of a downloaded or local archive. */
  sha256?: string;
  ref?: string;
  commit?: string;
  /** Where it came from, without credentials or query string. */
  url?: string;
  /** File name of a PyPI distribution. */
  file?: string;
  /** How the spec was resolved (cache hits, registry lookups, what was not scanned and why). */
  notes?: string[];
}

/** Where a configured server's code came from, as far as `--resolve` could tell. */
export type ServerSourceKind = 'npm' | 'pypi' | 'local' | 'remote' | 'docker' | 'unknown';

/**
 * One server of a client-config scan with `--resolve`: its config findings (MV8xxx) plus, when its code could be
 * fetched, its package's findings (paths under `servers/<name>/`), scored on their own.
 */
export interface ServerReport {
  /** The key the server is configured under. */
  name: string;
  /** The config file it is configured in, as findings name it. */
  config: string;
  /** Claude Code `~/.claude.json` per-project entries: the project folder the server is configured for. */
  project?: string;
  source: {
    kind: ServerSourceKind;
    /** What was (or would be) scanned: `npm:pkg@1.2.3`, `pypi:pkg`, a local path, a URL or an image. */
    spec: string;
    /** The version actually scanned (the pinned one, or the latest when the config does not pin). */
    version?: string;
  };
  status: 'scanned' | 'not-scanned';
  /** Why it was not scanned, or what to know about the scan (e.g. `unpinned: latest version scanned`). */
  reason?: string;
  /** Path prefix of its package's findings, errors and skipped files (`servers/<name>/`), when it was scanned. */
  pathPrefix?: string;
  /** Over this server's findings only: config findings, plus package findings when scanned. */
  score: Score;
  counts: Record<Severity, number>;
  /** Fingerprints of its findings in `findings`. */
  findingIds: string[];
}

export interface ScanResult {
  schemaVersion: string;
  tool: { name: 'mcpvet'; version: string };
  target: { input: string; kind: string; root: string; resolved?: TargetResolution };
  mode: 'fast' | 'deep';
  /** Ids of the rules that ran, sorted. */
  ruleIds: string[];
  /** False when any part of the scan failed (an `error`-level entry in `errors`). */
  complete: boolean;
  findings: Finding[];
  suppressed: Finding[];
  errors: ScanError[];
  skipped: SkippedFile[];
  stats: ScanStats;
  inventory: Inventory;
  /** Overall score; for a client-config scan with `--resolve`, over every finding of every server (never better than the worst server). */
  score: Score;
  /** Client-config scans with `--resolve`: every configured server, grouped, with its own score. */
  servers?: ServerReport[];
  /** Wall-clock facts, kept apart so that everything else is byte-identical across runs. */
  timing?: { startedAt: string; durationMs: number; workers: number };
}
