// Helpers for deep (taint) rules: select flows by sink and source kind, and turn a flow into a finding with its trace.
import type { SinkKind, SourceKind } from '../flow/concepts.js';
import type { TaintFlow } from '../flow/taint.js';
import type { Location } from '../model/location.js';
import { at, type ProjectContext, type RawFinding } from './rule.js';

export interface FlowSelector {
  sinks: readonly SinkKind[];
  /** Default: values a model chooses (tool, prompt and resource-template arguments). */
  sources?: readonly SourceKind[];
}

export const MODEL_CONTROLLED: readonly SourceKind[] = ['tool-input', 'prompt-arg', 'resource-uri'];

export function selectFlows(ctx: ProjectContext, sel: FlowSelector): TaintFlow[] {
  const sources = sel.sources ?? MODEL_CONTROLLED;
  return ctx.flows().filter((f) => sel.sinks.includes(f.sink.kind) && sources.includes(f.source.kind));
}

const where = (l: Location) => `${l.path}:${l.startLine}`;

/**
 * The finding for a flow, placed at the sink. `data` gets `source` ("argument "path" of tool "read_file""), `api`,
 * `sink` (path:line), `via` (" through resolveUserPath (src/util.ts:10)" or ''), and `broken` (a sentence about a
 * sanitizer that does not work, or '').
 */
export function flowFinding(flow: TaintFlow, extra: Record<string, string | number> = {}): RawFinding {
  const via = flow.via.length ? ` through ${flow.via.map((v) => `${v.name} (${where(v.location)})`).join(', ')}` : '';
  return {
    ...at(flow.sink.location),
    data: {
      source: flow.source.description,
      api: flow.sink.api,
      sink: where(flow.sink.location),
      via,
      broken: flow.broken ? `; ${flow.broken.detail} (${where(flow.broken.location)})` : '',
      ...extra,
    },
    tool: flow.source.tool,
    trace: flow.steps.map((s) => ({ location: s.location, label: s.label })),
    related: flow.broken ? [{ location: flow.broken.location, message: flow.broken.detail }] : undefined,
  };
}

/** One finding per sink location and source, shortest trace first (the solver already sorted and deduplicated). */
export function flowFindings(flows: readonly TaintFlow[], extra?: (f: TaintFlow) => Record<string, string | number>): RawFinding[] {
  return flows.map((f) => flowFinding(f, extra?.(f)));
}
