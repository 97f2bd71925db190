// Shared by MV2103 and MV2104: which file sinks count, how severe each is, and path checks the solver does not model.
import type { SinkKind } from '../../flow/concepts.js';
import type { TaintFlow } from '../../flow/taint.js';
import type { Severity } from '../../model/severity.js';
import type { TraceText } from '../injection/model-input-flows.js';

/** Most serious first: when one call both reads and writes (`open(p, "w")`), the write is reported. */
export const PATH_SINKS: readonly SinkKind[] = ['file-delete', 'file-write', 'file-read'];

export function pathSeverity(kind: SinkKind): Severity | undefined {
  return kind === 'file-write' || kind === 'file-delete' ? 'critical' : undefined;
}

/**
 * APIs that act on a folder as a whole: with `/` removed a value can still be `..`, which names the parent folder,
 * so listing or recursively deleting it is still an escape.
 */
const FOLDER_API = /listdir|scandir|walk|glob|iterdir|rmtree|rmdir|removedirs|makedirs|mkdir|copytree|readdir|opendir|ReadDir|RemoveAll|MkdirAll|DirFS|Walk|unpack|extract|\brm\b|fs\.unlink|emptyDir|rimraf|del\b|copy|move|rename/i;

/**
 * `name.replace("/", "_")`, `name.replaceAll("/", "")`, `strings.ReplaceAll(name, "/", "")`: without separators
 * the value names a file directly inside the folder (or the folder's parent as `..`, which file reads and writes
 * cannot open). The solver treats `replace` as passing taint on; this reads the trace's text instead.
 */
function separatorsRemoved(flow: TaintFlow, text: TraceText): boolean {
  if (FOLDER_API.test(flow.sink.api)) return false;
  return text.checked(
    flow,
    (n) => String.raw`\b${n}\s*\.\s*(?:replace|replaceAll)\(\s*(?:"\/"|'\/'|os\.sep\b|\/\\\/\/g)|strings\.(?:ReplaceAll|Replace)\(\s*${n}\s*,\s*"\/"`,
  );
}

export function pathFlowKept(flow: TaintFlow, text: TraceText): boolean {
  return !separatorsRemoved(flow, text);
}
