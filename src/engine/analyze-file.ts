// The per-file pipeline, run in a worker or in-process: read, parse, extract MCP inventory, run file rules.
import type { QueryMatch, Tree } from 'web-tree-sitter';
import type { TraceStep } from '../model/finding.js';
import type { FileInventory, ManifestInfo } from '../model/inventory.js';
import { isCodeLanguage, type CodeLanguage, type Language } from '../model/language.js';
import { spanToLocation, type Location } from '../model/location.js';
import type { ScanError, SkippedFile } from '../model/scan-result.js';
import type { Confidence, Severity } from '../model/severity.js';
import { extractFileInventory } from '../mcp/extract-file.js';
import { parseManifest } from '../mcp/parse-manifest.js';
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
}

export async function analyzeFile(file: SourceFile, env: AnalyzeEnv): Promise<FileResult> {
  const result: FileResult = { path: file.path, language: file.language, bytes: file.size, lines: 0, parsed: false, findings: [], suppressions: [], errors: [] };
  const loaded = await loadSource(file.path, file.absPath, file.language);
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
  const applicable = env.rules.filter((r) => r.file && r.file.languages.includes(file.language) && (!r.file.requires || r.file.requires.test(text)));
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
