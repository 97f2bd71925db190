// The per-file pipeline, run in a worker or in-process: read, parse, extract MCP inventory, run file rules.
import type { QueryMatch, Tree } from 'web-tree-sitter';
import { CLIENT_NAMES, type ClientConfigFile } from '../model/client-config.js';
import type { TraceStep } from '../model/finding.js';
import type { FileInventory, ManifestInfo } from '../model/inventory.js';
import { isCodeLanguage, type CodeLanguage, type Language } from '../model/language.js';
import { spanToLocation, type Location } from '../model/location.js';
import type { ScanError, SkippedFile } from '../model/scan-result.js';
import type { Confidence, Severity } from '../model/severity.js';
import { extractFileInventory } from '../mcp/extract-file.js';
import { buildFileFlow } from '../flow/build-file-flow.js';
import type { FileFlow } from '../flow/ir.js';
import { parseManifest } from '../mcp/parse-manifest.js';
import { parseClientConfig } from '../mcp/client-config/parse-client-config.js';
import type { Parsers } from '../parse/parsers.js';
import { attachSource } from '../parse/node-index.js';
import { firstSyntaxError } from '../parse/walk.js';
import { collectImports, type ImportMap } from '../parse/imports.js';
import { collectAssignments, type Assignments } from '../parse/static-value.js';
import { collectCallSites, type CallSite } from '../parse/call-sites.js';
import type { FileContext, Rule, RuleOptions } from '../rule/rule.js';
import type { SourceFile } from '../source/discover.js';
import { loadSource } from '../source/load-source.js';
import { findInlineSuppressions, type InlineSuppression } from './inline-suppressions.js';
import { redactSnippet, snippetOf, splitLines } from './snippet.js';

export interface FileFinding {
  ruleId: string;
  location: Location;
  snippet: string;
  data?: Record<string, string | number>;
  tool?: string;
  trace?: TraceStep[];
  related?: { location: Location; message: string }[];
  severity?: Severity;
  confidence?: Confidence;
}

export interface FileResult {
  path: string;
  language: Language;
  bytes: number;
  lines: number;
  parsed: boolean;
  findings: FileFinding[];
  inventory?: FileInventory;
  manifest?: ManifestInfo;
  /** The file read as an MCP client config, when it is one. */
  clientConfig?: ClientConfigFile;
  /** Deep mode: the file's data-flow IR. */
  flow?: FileFlow;
  suppressions: InlineSuppression[];
  skipped?: SkippedFile;
  errors: ScanError[];
}

export interface AnalyzeLimits {
  /** Budget for parsing one file. */
  parseTimeoutMs: number;
  /** Budget for all rules on one file; rules not yet run when it is spent are recorded as a timeout. */
  ruleTimeoutMs: number;
}

export interface AnalyzeEnv {
  parsers: Parsers;
  /** Rules with a file detector, already filtered to the enabled set. */
  rules: readonly Rule[];
  ruleOptions: Readonly<Record<string, RuleOptions>>;
  limits: AnalyzeLimits;
  /** Deep mode: also build the data-flow IR of each code file. */
  deep?: boolean;
}

export async function analyzeFile(file: SourceFile, env: AnalyzeEnv): Promise<FileResult> {
  const result: FileResult = { path: file.path, language: file.language, bytes: file.size, lines: 0, parsed: false, findings: [], suppressions: [], errors: [] };
  const loaded = await loadSource(file.path, file.absPath, file.language, file);
  if (!loaded.ok) {
    if (loaded.skipped) result.skipped = loaded.skipped;
    if (loaded.error) result.errors.push(loaded.error);
    return result;
  }
  const { text } = loaded;
  result.bytes = loaded.bytes;
  result.errors.push(...loaded.warnings);
  const lines = splitLines(text);
  result.lines = lines.length;

  const manifest = parseManifest(file.path, text);
  if (manifest && 'manifest' in manifest) result.manifest = manifest.manifest;
  else if (manifest) result.errors.push({ kind: 'syntax', level: 'warning', path: file.path, message: `manifest could not be parsed: ${manifest.error}` });
  if (file.language === 'json' || file.language === 'toml') {
    result.clientConfig = parseClientConfig(file.path, text, { force: file.clientConfig !== undefined, client: file.clientConfig?.client });
    for (const p of result.clientConfig?.errors ?? []) {
      const what = `${CLIENT_NAMES[result.clientConfig!.client]} config`;
      result.errors.push({
        kind: 'config',
        level: p.level,
        path: file.path,
        ...(p.line ? { line: p.line } : {}),
        message: p.level === 'error' ? `${what} could not be parsed: ${p.message}` : `${what}: ${p.message}`,
      });
    }
  }

  let tree: Tree | undefined;
  const lang = isCodeLanguage(file.language) ? file.language : undefined;
  try {
    if (lang) tree = env.parsers.parse(lang, text, env.limits.parseTimeoutMs);
    const facts = lazyFileFacts(tree, lang);
    if (lang) {
      if (!tree) {
        result.errors.push({ kind: 'timeout', level: 'error', path: file.path, message: `parsing took longer than ${env.limits.parseTimeoutMs} ms; file not analysed` });
        return result;
      }
      result.parsed = true;
      attachSource(tree, text);
      const err = firstSyntaxError(tree);
      if (err) {
        result.errors.push({
          kind: 'syntax',
          level: 'warning',
          path: file.path,
          line: err.line,
          message: `syntax error at ${err.line}:${err.column} (${err.missing ? `missing ${err.text}` : `unexpected ${JSON.stringify(err.text)}`}); the partial tree was analysed`,
        });
      }
      try {
        result.inventory = extractFileInventory({ path: file.path, language: lang, tree, text, imports: facts.imports, assignments: facts.assignments, calls: facts.calls });
      } catch (e) {
        result.errors.push({ kind: 'internal', level: 'error', path: file.path, message: `MCP inventory extraction failed: ${describe(e)}` });
      }
      if (env.deep) {
        try {
          result.flow = buildFileFlow({ path: file.path, language: lang, tree, text });
        } catch (e) {
          result.errors.push({ kind: 'internal', level: 'error', path: file.path, message: `data-flow IR could not be built; the file is left out of deep analysis: ${describe(e)}` });
        }
      }
    }
    result.suppressions = findInlineSuppressions(text, file.language, tree);
    runRules(file, text, lines, tree, lang, result, env, facts);
  } finally {
    tree?.delete();
  }
  return result;
}

function runRules(
  file: SourceFile,
  text: string,
  lines: readonly string[],
  tree: Tree | undefined,
  lang: CodeLanguage | undefined,
  result: FileResult,
  env: AnalyzeEnv,
  shared: Pick<FileContext, 'imports' | 'assignments' | 'calls'>,
): void {
  const started = Date.now();
  const applicable = applicableRules(env.rules, file.language, text);
  for (let i = 0; i < applicable.length; i++) {
    const rule = applicable[i]!;
    if (Date.now() - started > env.limits.ruleTimeoutMs) {
      const left = applicable.slice(i).map((r) => r.meta.id);
      result.errors.push({ kind: 'timeout', level: 'error', path: file.path, message: `rule budget of ${env.limits.ruleTimeoutMs} ms spent; not run: ${left.join(', ')}` });
      return;
    }
    const ctx: FileContext = {
      path: file.path,
      language: file.language,
      text,
      lines,
      tree,
      codeLanguage: lang,
      inventory: result.inventory,
      clientConfig: result.clientConfig,
      options: env.ruleOptions[rule.meta.id] ?? rule.defaultOptions ?? {},
      matches: (query: string): QueryMatch[] => (tree && lang ? env.parsers.query(lang, query).matches(tree.rootNode) : []),
      ...shared,
    };
    try {
      for (const raw of rule.file!.detect(ctx)) {
        const location = spanToLocation(file.path, raw.span);
        result.findings.push({
          ruleId: rule.meta.id,
          location,
          snippet: redactSnippet(snippetOf(lines, location), raw.redact),
          data: raw.data,
          tool: raw.tool,
          trace: raw.trace,
          related: raw.related,
          severity: raw.severity,
          confidence: raw.confidence,
        });
      }
    } catch (e) {
      result.errors.push({ kind: 'rule', level: 'error', path: file.path, ruleId: rule.meta.id, message: `rule failed on this file: ${describe(e)}` });
    }
  }
}

/** Facts several rules need, computed on first use and then shared. */
function lazyFileFacts(tree: Tree | undefined, lang: CodeLanguage | undefined): Pick<FileContext, 'imports' | 'assignments' | 'calls'> {
  let imports: ImportMap | undefined;
  let assignments: Assignments | undefined;
  let calls: CallSite[] | undefined;
  const getImports = () => (imports ??= tree && lang ? collectImports(tree, lang) : new Map());
  const getAssignments = () => (assignments ??= tree && lang ? collectAssignments(tree, lang) : new Map());
  return {
    imports: getImports,
    assignments: getAssignments,
    calls: () => (calls ??= tree && lang ? collectCallSites(tree, lang, getImports(), getAssignments()) : []),
  };
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

// ---- rule prefilters: `requires` patterns that are plain alternations of literals, all matched in one pass ----------

/**
 * The rules with a file detector for `language` whose `requires` pattern (if any) matches `text`, in rule order. The
 * same as testing each pattern, with the literal ones found together in one pass over the text.
 */
export function applicableRules(rules: readonly Rule[], language: Language, text: string): Rule[] {
  const prefilter = prefilterOf(rules);
  let literalHits: Uint8Array | undefined;
  const required = (i: number): boolean => {
    const requires = rules[i]!.file!.requires!;
    const id = prefilter.ids[i];
    if (id === undefined) return requires.test(text);
    literalHits ??= prefilter.matcher.scan(text);
    return literalHits[id] === 1;
  };
  return rules.filter((r, i) => r.file && r.file.languages.includes(language) && (!r.file.requires || required(i)));
}

interface Prefilter {
  matcher: LiteralMatcher;
  /** Per rule (by position): the id of its pattern in the matcher, or undefined when its `requires` is tested as is. */
  ids: (number | undefined)[];
}

const prefilters = new WeakMap<readonly Rule[], Prefilter>();

function prefilterOf(rules: readonly Rule[]): Prefilter {
  let p = prefilters.get(rules);
  if (p) return p;
  const patterns: { literal: string; id: number; ignoreCase: boolean }[] = [];
  const ids: (number | undefined)[] = [];
  rules.forEach((r, i) => {
    const alt = r.file?.requires ? literalAlternatives(r.file.requires) : undefined;
    if (!alt) return;
    ids[i] = i;
    for (const literal of alt.literals) patterns.push({ literal, id: i, ignoreCase: alt.ignoreCase });
  });
  p = { matcher: new LiteralMatcher(patterns, rules.length), ids };
  prefilters.set(rules, p);
  return p;
}

/**
 * The alternatives of a pattern written as `lit|lit|…` (escaped punctuation allowed), lowercased when it ignores case;
 * undefined for anything else (classes, quantifiers, `\b`, other flags), which is then tested as a RegExp.
 */
function literalAlternatives(re: RegExp): { literals: string[]; ignoreCase: boolean } | undefined {
  if (re.flags !== '' && re.flags !== 'i') return undefined;
  const literals: string[] = [];
  let cur = '';
  const src = re.source;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const code = src.charCodeAt(i);
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next) || next.charCodeAt(0) < 0x20 || next.charCodeAt(0) > 0x7e) return undefined;
      cur += next;
      i++;
    } else if (c === '|') {
      if (!cur) return undefined;
      literals.push(cur);
      cur = '';
    } else if ('.*+?()[]{}^$'.includes(c) || code < 0x20 || code > 0x7e) return undefined;
    else cur += c;
  }
  if (!cur) return undefined;
  literals.push(cur);
  const ignoreCase = re.flags === 'i';
  return { literals: ignoreCase ? literals.map((l) => l.toLowerCase()) : literals, ignoreCase };
}

const ASCII = 128;

/**
 * Aho-Corasick automata over ASCII (one for exact literals, one for literals compared in lower case), run together in
 * one pass over a file: a handful of array reads per character instead of one regex scan per rule. The patterns are
 * ASCII, and a RegExp ignoring case (without the `u` flag) never matches an ASCII character with another one, so a
 * character outside ASCII just ends every partial match, and ASCII case folding is all `i` means here.
 */
class LiteralMatcher {
  private readonly exact: Automaton;
  private readonly folded: Automaton;

  constructor(
    patterns: readonly { literal: string; id: number; ignoreCase: boolean }[],
    private readonly size: number,
  ) {
    this.exact = automaton(patterns.filter((p) => !p.ignoreCase));
    this.folded = automaton(patterns.filter((p) => p.ignoreCase));
  }

  /** 1 at the id of every pattern with a literal in the text. */
  scan(text: string): Uint8Array {
    const hits = new Uint8Array(this.size);
    const { delta: d1, out: o1 } = this.exact;
    const { delta: d2, out: o2 } = this.folded;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= ASCII) {
        s1 = 0;
        s2 = 0;
        continue;
      }
      s1 = d1[s1 * ASCII + c]!;
      s2 = d2[s2 * ASCII + (c >= 65 && c <= 90 ? c + 32 : c)]!;
      const a = o1[s1];
      if (a) for (const id of a) hits[id] = 1;
      const b = o2[s2];
      if (b) for (const id of b) hits[id] = 1;
    }
    return hits;
  }
}

interface Automaton {
  /** Next state for each state and ASCII character. */
  delta: Int32Array;
  /** Ids of the patterns that end in each state (through failure links too). */
  out: (number[] | undefined)[];
}

function automaton(patterns: readonly { literal: string; id: number }[]): Automaton {
  const goto: Map<number, number>[] = [new Map()];
  const out: (number[] | undefined)[] = [undefined];
  for (const { literal, id } of patterns) {
    let s = 0;
    for (let i = 0; i < literal.length; i++) {
      const c = literal.charCodeAt(i);
      let next = goto[s]!.get(c);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        out.push(undefined);
        goto[s]!.set(c, next);
      }
      s = next;
    }
    (out[s] ??= []).push(id);
  }
  const delta = new Int32Array(goto.length * ASCII);
  const fail = new Int32Array(goto.length);
  // Breadth first, so that a state's failure target is complete before the state is.
  const queue: number[] = [];
  for (let c = 0; c < ASCII; c++) {
    const next = goto[0]!.get(c) ?? 0;
    delta[c] = next;
    if (next) queue.push(next);
  }
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q]!;
    const inherited = out[fail[s]!];
    if (inherited) out[s] = [...(out[s] ?? []), ...inherited];
    for (let c = 0; c < ASCII; c++) {
      const next = goto[s]!.get(c);
      if (next === undefined) delta[s * ASCII + c] = delta[fail[s]! * ASCII + c]!;
      else {
        fail[next] = delta[fail[s]! * ASCII + c]!;
        delta[s * ASCII + c] = next;
        queue.push(next);
      }
    }
  }
  return { delta, out };
}
