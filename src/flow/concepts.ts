// Concept tables: which calls are sources, sinks, sanitizers and guards, per language. Data the taint solver reads;
// rules name concepts (sink kinds), never APIs.

/** What a sink does with the value. Deep rules select flows by these. */
export const SINK_KINDS = [
  'command', // a shell runs it (exec, os.system, subprocess with shell=True)
  'argv', // a program argument of a process started without a shell
  'file-read', // a path opened or read
  'file-write', // a path written, created, renamed or permission-changed
  'file-delete', // a path removed
  'url', // an outbound request's URL (SSRF)
  'outbound-data', // data sent out in a request body, message, e-mail or upload
  'sql', // SQL text executed
  'code', // code evaluated (eval, exec, Function, vm)
  'deserialize', // bytes deserialised by an unsafe deserialiser
  'template', // the source of a template that is compiled
  'llm-system', // the system / instructions part of an inner LLM call
  'llm-prompt', // the user part of an inner LLM call or a sampling request
  'log', // a log line
  'redirect', // a URL the server redirects the user to or opens in a browser
  'tool-output', // what a tool handler returns to the client (set by the caller's seeds, not by tables)
  'prompt-output', // the text a prompt handler returns (set by the caller's seeds)
] as const;
export type SinkKind = (typeof SINK_KINDS)[number];

/**
 * Values entering from outside. `tool-input` comes from the MCP inventory (handler parameters), not from tables;
 * the others are call results described here.
 */
export const SOURCE_KINDS = ['tool-input', 'resource-uri', 'prompt-arg', 'http-response', 'file-content', 'db-row', 'env-secret', 'llm-output', 'subprocess-output'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where in a call the value that matters sits. */
export type ArgPosition = number | 'receiver' | 'all' | { kwarg: string } | { kwargOrIndex: [string, number] };

export interface SinkSpec {
  /** Canonical callee (see FlowCall.callee): an exact name, or a RegExp over it. */
  callee: string | RegExp;
  kind: SinkKind;
  /** Which arguments are the sink. */
  args: ArgPosition[];
  /**
   * Only a sink when this keyword/option is set to one of these literal values (e.g. `shell=True`); `#n` names the
   * n-th positional argument instead (`exec.Command("sh", "-c", …)` → `{ kwarg: '#0', values: ['sh', …] }`).
   */
  when?: { kwarg: string; values: string[] };
  /** Not a sink when this keyword/option is set to one of these literal values (argv forms unless `shell=True`). */
  unless?: { kwarg: string; values: string[] };
  /** Shown in findings: `subprocess.run(shell=True)`, `fs.readFile`. Defaults to the callee. */
  label?: string;
}

export interface SourceSpec {
  callee: string | RegExp;
  kind: SourceKind;
  /** `return` (default): the call's result is the source; or an argument that receives it (Go `json.Unmarshal(b, &v)`). */
  into?: 'return' | number;
  label?: string;
}

/** Transformations some output rules care about: HTML escaping, JSON encoding, stripping control characters. */
export const CLEAN_MARKS = ['html-escaped', 'json-encoded', 'control-stripped'] as const;
export type CleanMark = (typeof CLEAN_MARKS)[number];

/** A call whose result no longer carries taint for the given sink kinds (`shlex.quote` for `command`, `int(x)` for all). */
export interface SanitizerSpec {
  callee: string | RegExp;
  kinds: SinkKind[] | 'all';
  /**
   * What the call did to the text, for rules that judge one form of output (`html-escaped` silences HTML injection in
   * a tool result but not prompt injection): recorded on the flow, not a sanitiser by itself.
   */
  marks?: CleanMark[];
  /** Which argument is cleaned; the result is the cleaned value. Default 0 (`receiver` for methods). */
  arg?: ArgPosition;
}

/**
 * A test that, when it holds, makes the checked value safe for some sink kinds: containment checks, allow-list
 * membership, strict pattern matches. `quality` tells the solver how to judge it: `sound` checks sanitise;
 * `prefix` checks (startswith) are sound only when the prefix ends with a path separator and the checked value was
 * resolved with symlinks followed — otherwise the solver reports a broken sanitizer.
 */
export interface GuardSpec {
  callee: string | RegExp;
  /** The argument being checked. */
  checks: ArgPosition;
  kinds: SinkKind[] | 'all';
  quality: 'sound' | 'prefix';
  /** For `prefix` guards: the argument holding the prefix. */
  prefixArg?: ArgPosition;
}

/** Calls that canonicalise a path: `resolves` follows symbolic links (realpath), `normalizes` only cleans `..`. */
export interface PathNormalizerSpec {
  callee: string | RegExp;
  arg?: ArgPosition;
  effect: 'resolves' | 'normalizes';
}

/**
 * Calls that pass taint from arguments to the result in a way the default (every argument taints the result) gets
 * wrong: `passes: []` means the result is always clean (`len(x)`, `bool(x)`); callbacks list which argument is a
 * function that receives the receiver's elements (`.map(cb)`, `.then(cb)`).
 */
export interface PropagatorSpec {
  callee: string | RegExp;
  passes?: ArgPosition[];
  callback?: { arg: number; receives: ArgPosition[] };
}

/**
 * Calls that express one path relative to another (`path.relative(root, target)`): a check that the result does not
 * start with `..` is a containment check on `target`.
 */
export interface RelativizerSpec {
  callee: string | RegExp;
  /** The argument whose position relative to the base is computed. */
  target: ArgPosition;
}

export interface ConceptTable {
  sources: SourceSpec[];
  sinks: SinkSpec[];
  sanitizers: SanitizerSpec[];
  guards: GuardSpec[];
  pathNormalizers: PathNormalizerSpec[];
  relativizers: RelativizerSpec[];
  propagators: PropagatorSpec[];
  /** Names of the path separator constants that make a prefix check sound (`os.sep`, `path.sep`). */
  separatorNames: string[];
}

/** Matches a callee against a spec's name or pattern. */
export function calleeMatches(spec: string | RegExp, callee: string): boolean {
  return typeof spec === 'string' ? spec === callee : spec.test(callee);
}
