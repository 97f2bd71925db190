// The rule authoring API: a rule is metadata plus detectors that return data, never formatted text.
import type { Node, QueryMatch, Tree } from 'web-tree-sitter';
import type { ClientConfigFile, ResolvedServer } from '../model/client-config.js';
import type { TraceStep } from '../model/finding.js';
import type { FileInventory, Inventory } from '../model/inventory.js';
import type { LiveFacts } from '../model/live-facts.js';
import type { CodeLanguage, Language } from '../model/language.js';
import type { Location, Span } from '../model/location.js';
import type { RuleMeta } from '../model/rule-meta.js';
import type { ImportMap } from '../parse/imports.js';
import type { Assignments } from '../parse/static-value.js';
import type { CallSite } from '../parse/call-sites.js';
import type { SeedEffects, TaintFlow } from '../flow/taint.js';
import type { Confidence, Severity } from '../model/severity.js';

/** What a detector returns: where, the message placeholders, and optional evidence. */
export interface RawFinding {
  /** Required for project detectors; file detectors default to the current file. */
  path?: string;
  span: Span;
  /** Values for the `{placeholders}` of `meta.message`. */
  data?: Record<string, string | number>;
  tool?: string;
  trace?: TraceStep[];
  related?: { location: Location; message: string }[];
  /**
   * Text that must never appear in reports (a secret): every occurrence in the snippet is replaced by its first
   * four characters and an ellipsis before the finding leaves the worker.
   */
  redact?: string[];
  /** Per-finding adjustments, e.g. a rule raising severity when two signals co-occur. */
  severity?: Severity;
  confidence?: Confidence;
}

export type RuleOptions = Record<string, unknown>;

export interface FileContext {
  path: string;
  language: Language;
  text: string;
  /** Lines without terminators (CRLF handled). */
  readonly lines: readonly string[];
  /** Present for code files that parsed (possibly with errors). */
  tree?: Tree;
  codeLanguage?: CodeLanguage;
  /** The MCP pieces this file declares, for code files in an MCP SDK language. */
  inventory?: FileInventory;
  /** The file read as an MCP client config (Claude Desktop, Cursor, VS Code, Codex…), when it is one. */
  clientConfig?: ClientConfigFile;
  options: RuleOptions;
  /** Runs a tree-sitter query (compiled once per thread) over the whole tree. */
  matches(query: string): QueryMatch[];
  /** Import bindings of the file (computed once, shared by all rules). */
  imports(): ImportMap;
  /** Names assigned in the file, for resolving constants (computed once). */
  assignments(): Assignments;
  /** Every call in the file with its canonical callee name (computed once). */
  calls(): readonly CallSite[];
}

export interface FileSummary {
  path: string;
  language: Language;
  bytes: number;
}

export interface ProjectContext {
  /** Absolute real path of the scanned root. */
  root: string;
  inventory: Inventory;
  /** Every scanned file (not skipped ones), sorted by path. */
  files: readonly FileSummary[];
  options: RuleOptions;
  /** Every scanned file that is an MCP client config, sorted by path. */
  clientConfigs?: readonly ClientConfigFile[];
  /** What scanning the configured servers' packages found (`--resolve`); empty or absent otherwise. */
  resolvedServers?: readonly ResolvedServer[];
  /** Source lines of a scanned file, for detectors that need text the inventory does not hold. */
  lines(path: string): readonly string[];
  /**
   * Deep mode: every data flow from a source (tool argument, HTTP response, file content…) to a sink, computed once
   * per scan on first use. Empty in fast mode.
   */
  flows(): readonly TaintFlow[];
  /** Deep mode: per MCP handler (seed), the kinds of sink its code reaches whatever the data. Empty in fast mode. */
  effects(): readonly SeedEffects[];
  /** Live scans only: what the probe observed beyond the inventory (HTTP posture, drift against a lock file). */
  live?: LiveFacts;
}

export interface FileDetector {
  languages: readonly Language[];
  /**
   * Cheap pre-filter: the detector only runs on files whose text matches. Keep it a plain alternation of
   * literals so that it runs in linear time.
   */
  requires?: RegExp;
  detect(ctx: FileContext): RawFinding[];
}

export interface ProjectDetector {
  detect(ctx: ProjectContext): RawFinding[];
}

export interface Rule {
  meta: RuleMeta;
  /** Runs once per file, in a worker thread. */
  file?: FileDetector;
  /** Runs once per scan over the merged inventory, after every file is done. */
  project?: ProjectDetector;
  /** Defaults for options a project config may override. */
  defaultOptions?: RuleOptions;
}

export function defineRule(rule: Rule): Rule {
  if (!rule.file && !rule.project) throw new Error(`rule ${rule.meta.id} has no detector`);
  return rule;
}

/** Helper for `match`-style detectors: the node captured under `name` in a query match. */
export function capture(match: QueryMatch, name: string): Node | undefined {
  return match.captures.find((c) => c.name === name)?.node;
}

/** `path` and `span` of a RawFinding placed at an inventory location (project detectors report where the inventory points). */
export function at(location: Location): { path: string; span: Span } {
  return {
    path: location.path,
    span: { start: { row: location.startLine - 1, column: location.startColumn - 1 }, end: { row: location.endLine - 1, column: location.endColumn - 1 } },
  };
}

export function nodeSpan(node: Node): Span {
  return { start: node.startPosition, end: node.endPosition };
}
