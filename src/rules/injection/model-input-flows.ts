// Shared by the deep injection rules MV2101–MV2107: model-chosen values reaching a sink, one finding per sink and owner.
import type { SinkKind, SourceKind } from '../../flow/concepts.js';
import type { TaintFlow } from '../../flow/taint.js';
import type { Confidence, Severity } from '../../model/severity.js';
import type { ProjectContext, RawFinding } from '../../rule/rule.js';
import { flowFinding, MODEL_CONTROLLED, selectFlows } from '../../rule/taint-findings.js';

export interface ModelInputRule {
  sinks: readonly SinkKind[];
  /** Default: tool arguments, prompt arguments and resource-template variables. */
  sources?: readonly SourceKind[];
  /** Rule-specific judgement the solver cannot make (a URL whose host is already fixed). */
  keep?: (flow: TaintFlow, text: TraceText, group: readonly TaintFlow[]) => boolean;
  /** Placeholders the rule words itself (a broken check described for URLs rather than paths). */
  extra?: (flow: TaintFlow, text: TraceText) => Record<string, string>;
  /** Per-finding severity by the reported sink kind (a deleted file is worse than a read one). */
  severityOf?: (kind: SinkKind) => Severity | undefined;
  /** Per-finding confidence, where the rule had to guess part of the judgement. */
  confidenceOf?: (flow: TaintFlow, text: TraceText) => Confidence | undefined;
}

/**
 * Test code registers throw-away servers and builds commands, paths and queries on purpose; its flows are not the
 * shipped server's.
 */
const TEST_CODE = /(?:^|\/)(?:tests?|__tests__|__mocks__|testdata|e2e)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

export function isTestCode(path: string): boolean {
  return TEST_CODE.test(path.replace(/\\/g, '/'));
}

/**
 * The tool, prompt or resource template a source belongs to: flows from different tools into one shared helper are
 * separate findings (each tool is its own way in), flows from several arguments of one tool are one.
 */
function ownerOf(flow: TaintFlow): string {
  if (flow.source.tool !== undefined) return `tool\0${flow.source.tool}`;
  const d = flow.source.description;
  const of = d.indexOf(' of ');
  return `other\0${of >= 0 ? d.slice(of + 4) : d}`;
}

/**
 * A source standing for every argument at once (a handler reading its whole arguments object) is named as such;
 * a named argument reaching the same call is the better example.
 */
const isWhole = (f: TaintFlow) => f.source.description.includes('"*"');
const describe = (f: TaintFlow) => f.source.description.replace(/^(?:argument|variable) "\*" of /, 'the arguments of ');

/** Nested sink calls on one line (`conn.execute(text(q))`) are one place to fix, so one finding. */
const sinkKey = (f: TaintFlow) => `${f.sink.location.path}:${f.sink.location.startLine}`;

/**
 * One finding per sink line and owner. The reported flow is the one with the most serious sink kind (the order of
 * `rule.sinks`), then one that passed a broken sanitizer (the finding says which), then the shortest trace; the
 * other arguments that reach the same call are named in `also`.
 */
export function modelInputFindings(ctx: ProjectContext, rule: ModelInputRule): RawFinding[] {
  const text = new TraceText(ctx);
  const flows = selectFlows(ctx, { sinks: rule.sinks, sources: rule.sources ?? MODEL_CONTROLLED }).filter(
    (f) => !isTestCode(f.sink.location.path) && !isTestCode(f.source.location.path) && !text.constantLookup(f),
  );
  const groups = new Map<string, TaintFlow[]>();
  for (const f of flows) {
    const key = `${sinkKey(f)}\0${ownerOf(f)}`;
    const g = groups.get(key);
    if (g) g.push(f);
    else groups.set(key, [f]);
  }
  const rank = (k: SinkKind) => rule.sinks.indexOf(k);
  const out: RawFinding[] = [];
  for (const all of groups.values()) {
    const group = rule.keep ? all.filter((f) => rule.keep!(f, text, all)) : all;
    if (!group.length) continue;
    const primary = group.reduce((best, f) => {
      if (rank(f.sink.kind) !== rank(best.sink.kind)) return rank(f.sink.kind) < rank(best.sink.kind) ? f : best;
      if (isWhole(f) !== isWhole(best)) return isWhole(best) ? f : best;
      if (!!f.broken !== !!best.broken) return f.broken ? f : best;
      return f.steps.length < best.steps.length ? f : best;
    });
    const others = [...new Set(group.map(describe))].filter((d) => d !== describe(primary));
    const also = others.length ? `; ${others.join(', ')} ${others.length === 1 ? 'reaches' : 'reach'} it too` : '';
    const finding = flowFinding(primary, { also, kind: primary.sink.kind, source: describe(primary), ...rule.extra?.(primary, text) });
    const severity = rule.severityOf?.(primary.sink.kind);
    if (severity) finding.severity = severity;
    const confidence = rule.confidenceOf?.(primary, text);
    if (confidence) finding.confidence = confidence;
    out.push(finding);
  }
  return out;
}

// ----------------------------------------------------------------------------------------------- trace text

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Lines of one file read around a trace are capped, so a trace spanning a huge file costs no more than this. */
const MAX_REGION_LINES = 400;
/** Each line is cut to this length before a pattern reads it, which bounds the cost of every pattern per line. */
const MAX_LINE = 1000;

const cut = (s: string) => (s.length > MAX_LINE ? s.slice(0, MAX_LINE) : s);

/** `x = ORDERINGS.get(key, "name")`, `flag = FLAGS[key]`, `const col = COLUMNS[key] ?? "id"`: a constant table's value. */
const CONSTANT_LOOKUP = new RegExp(
  String.raw`^\s*(?:(?:const|let|var)\s+)?[\w.]+\s*(?::\s*\w+\s*)?=\s*[A-Z][A-Z0-9_]*\s*(?:\.get\(\s*[\w.]+\s*(?:,\s*(?:"[^"\n]*"|'[^'\n]*'|None|null|undefined|-?\d+)\s*)?\)|\[\s*[\w.]+\s*\])\s*(?:(?:\?\?|\|\||or)\s*(?:"[^"\n]*"|'[^'\n]*'|-?\d+)\s*)?;?\s*(?:(?:#|\/\/).*)?$`,
);
/** Go: `v := orderings[key]`, `v, ok := orderings[key]` (the map must be a literal declared in the file). */
const GO_MAP_LOOKUP = /^\s*\w+\s*(?:,\s*\w+\s*)?:?=\s*(\w+)\[[^\]\n]*\]\s*(?:\/\/.*)?$/;

/**
 * Source text along a flow's trace, for the checks the solver does not model yet (see each caller). Reads only the
 * lines the trace passes through.
 */
export class TraceText {
  constructor(private readonly ctx: ProjectContext) {}

  line(path: string, line: number): string {
    return cut(this.ctx.lines(path)[line - 1] ?? '');
  }

  /** The sink call's text, from where the call starts to the end of its last line. */
  sinkText(flow: TaintFlow): string {
    const l = flow.sink.location;
    const lines = this.ctx.lines(l.path);
    const out: string[] = [];
    for (let i = l.startLine; i <= Math.min(l.endLine, l.startLine + 40); i++) {
      const s = lines[i - 1] ?? '';
      out.push(cut(i === l.startLine ? s.slice(Math.max(0, l.startColumn - 1)) : s));
    }
    return out.join('\n');
  }

  /** Names the value is held in along the trace: the parameter and each variable it was assigned to. */
  names(flow: TaintFlow): string[] {
    const out = new Set<string>();
    if (flow.source.param) out.add(flow.source.param);
    for (const s of flow.steps) {
      if (!s.label.startsWith('assigned to ')) continue;
      const name = s.label.slice('assigned to '.length).replace(/\[\]/g, '');
      if (/^[A-Za-z_$][\w$.]*$/.test(name)) out.add(name);
    }
    return [...out];
  }

  /**
   * Lines the trace spans in each file it passes through (first to last step there, the sink included) and the
   * functions it passed through, where a check on the value written between two steps is found.
   */
  region(flow: TaintFlow): string[] {
    const spans = new Map<string, [number, number]>();
    for (const s of [...flow.steps.map((x) => x.location), flow.sink.location, ...flow.via.map((v) => v.location)]) {
      const cur = spans.get(s.path);
      spans.set(s.path, cur ? [Math.min(cur[0], s.startLine), Math.max(cur[1], s.endLine)] : [s.startLine, s.endLine]);
    }
    const out: string[] = [];
    for (const [path, [from, to]] of spans) {
      const lines = this.ctx.lines(path);
      for (let i = from; i <= Math.min(to, from + MAX_REGION_LINES); i++) out.push(cut(lines[i - 1] ?? ''));
    }
    return out;
  }

  /** Whether a line of the trace's region tests one of the value's names with the pattern `test(name)` builds. */
  checked(flow: TaintFlow, test: (name: string) => string): boolean {
    const names = this.names(flow);
    if (!names.length) return false;
    const re = new RegExp(names.map((n) => test(esc(n))).join('|'));
    return this.region(flow).some((l) => re.test(l));
  }

  /**
   * The value was only used as a key into a constant table (`ORDERINGS.get(order, "name ASC")`): what goes on is one
   * of the table's fixed values. The solver passes taint through unknown calls and subscripts, so it cannot tell.
   */
  constantLookup(flow: TaintFlow): boolean {
    for (let i = 0; i < flow.steps.length; i++) {
      const s = flow.steps[i]!;
      if (i > 0 && !s.label.startsWith('assigned to ')) continue;
      const text = this.line(s.location.path, s.location.startLine);
      if (CONSTANT_LOOKUP.test(text)) return true;
      const go = s.location.path.endsWith('.go') ? GO_MAP_LOOKUP.exec(text) : null;
      if (go && this.isGoMapLiteral(s.location.path, go[1]!)) return true;
    }
    return false;
  }

  /** Whether the file gives `name` a literal URL with a scheme and host (`API = "https://api.example.com"`). */
  declaresConstantUrl(path: string, name: string): boolean {
    const decl = new RegExp(String.raw`^\s*(?:export\s+)?(?:(?:const|let|var|final)\s+)?${esc(name)}\s*(?::\s*[\w.]+\s*)?(?:=|:=)\s*[rbu]?["'\`][a-z][a-z0-9+.-]*:\/\/[^/?#"'\`\s\\]+`, 'i');
    return this.ctx.lines(path).some((l) => decl.test(cut(l)));
  }

  private isGoMapLiteral(path: string, name: string): boolean {
    const decl = new RegExp(String.raw`^\s*(?:var\s+)?${esc(name)}\s*(?:=|:=)\s*map\[`);
    return this.ctx.lines(path).some((l) => decl.test(cut(l)));
  }
}
