// A finding: one rule firing at one place, with everything a report or CI system needs.
import type { Confidence, Severity } from './severity.js';
import type { Location } from './location.js';

/** One step of a data-flow trace, source first. */
export interface TraceStep {
  location: Location;
  /** What happens here: `argument path of tool read_file`, `passed to resolveUserPath`, `reaches fs.readFile`. */
  label: string;
}

export interface Suppression {
  kind: 'inline' | 'baseline' | 'config';
  /** The comment text or baseline file that suppressed it. */
  justification?: string;
}

export interface Finding {
  ruleId: string;
  slug: string;
  title: string;
  severity: Severity;
  confidence: Confidence;
  cwe: string[];
  aliases: string[];
  message: string;
  location: Location;
  /** The source lines of the finding (trimmed to a few lines). */
  snippet: string;
  /** The MCP tool the finding is about, when known. */
  tool?: string;
  /** Content-based, versioned: survives moved lines. */
  fingerprint: string;
  trace?: TraceStep[];
  /** Other places that support the finding (e.g. the files searched for a metadata route). */
  related?: { location: Location; message: string }[];
  suppression?: Suppression;
}
