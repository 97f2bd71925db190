// What the taint solver takes (seeds) and gives (flows): plain data, shared by the engine and the deep rules.
import type { TraceStep } from '../model/finding.js';
import type { Location } from '../model/location.js';
import type { CleanMark, SinkKind, SourceKind } from './concepts.js';

/** A value entering a function from outside, e.g. a tool argument. */
export interface SeedSource {
  kind: SourceKind;
  /** Human-readable origin: `argument "path" of tool "read_file"`. */
  description: string;
  /** Where the value enters (the parameter or accessor). */
  location: Location;
  /** Grouping keys the rules read. */
  tool?: string;
  param?: string;
  /** Sink kinds the schema already makes safe (an `enum` or strict `pattern` on the parameter). */
  safeFor?: SinkKind[] | 'all';
}

/** Taint to place into one function before analysing it. */
export interface Seed {
  /** The function: the innermost one containing this location in this file. */
  path: string;
  at: Location;
  /** Local names (`path`, `args`) and dotted names (`args.path`) that hold a source on entry. */
  names: { name: string; source: SeedSource }[];
  /** Calls (by their exact location) whose result is a source, e.g. Go `req.GetString("path", "")`. */
  calls: { location: Location; source: SeedSource }[];
  /**
   * Parameters by position, or a field path inside one, that hold a source on entry, whatever the function names
   * them: the URL object of a TypeScript resource-template handler (`uri`), Go's `req.Params.URI`.
   */
  params?: { index: number; path?: string; source: SeedSource }[];
  /** What the function returns is a sink of this kind (a tool handler's result goes to the model). */
  returnsTo?: { kind: SinkKind; label: string };
}

export type BrokenSanitizerKind =
  | 'prefix-without-separator'
  | 'prefix-on-unresolved-path'
  | 'normalize-without-realpath'
  | 'url-prefix-without-path'
  | 'checked-other-variable'
  | 'validated-after-use';

export interface BrokenSanitizer {
  kind: BrokenSanitizerKind;
  location: Location;
  detail: string;
}

export interface TaintFlow {
  source: SeedSource;
  sink: {
    kind: SinkKind;
    /** The API, e.g. `fs.readFile`, `subprocess.run(shell=True)`. */
    api: string;
    location: Location;
    /** Literal text right before the tainted value in the string that reached the sink (for Markdown/HTML rules). */
    context?: string;
    /** All the text before the value in the string it ends up in, other values as U+FFFC (last 200 characters). */
    prefix?: string;
  };
  /** Cleaners the value went through on its way (HTML escaping, JSON encoding, control-character stripping). */
  marks?: CleanMark[];
  /** Source first, sink last. */
  steps: TraceStep[];
  /** Functions the value passed through, outermost first, with where each is defined. */
  via: { name: string; location: Location }[];
  /** A check that looked like a sanitizer but does not work; the flow is reported with it. */
  broken?: BrokenSanitizer;
}

export interface SolveStats {
  functions: number;
  analysed: number;
  statements: number;
  flows: number;
}

/** What a seeded function does, whatever the data: the kinds of sink its code (and every callee) reaches. */
export interface SeedEffects {
  path: string;
  at: Location;
  kinds: SinkKind[];
  /** One example location per kind. */
  examples: { kind: SinkKind; api: string; location: Location }[];
}

export interface SolveResult {
  flows: TaintFlow[];
  effects: SeedEffects[];
  /** Budget hits and other limits, for the scan's `errors[]`. */
  limits: { path?: string; message: string }[];
  stats: SolveStats;
}
