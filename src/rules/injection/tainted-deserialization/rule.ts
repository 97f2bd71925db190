// MV2108 (MCPSafe MCP-061): a tool argument, a download or a file the caller chose is loaded by a deserialiser that runs code.
import type { SourceKind } from '../../../flow/concepts.js';
import type { TaintFlow } from '../../../flow/taint.js';
import type { Confidence } from '../../../model/severity.js';
import { defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { flowFinding, MODEL_CONTROLLED, selectFlows } from '../../../rule/taint-findings.js';

const SOURCES: readonly SourceKind[] = [...MODEL_CONTROLLED, 'http-response', 'file-content'];

/** The source text of the sink call (its lines), for the options the concept tables cannot express. */
function sinkText(ctx: ProjectContext, flow: TaintFlow): string {
  const l = flow.sink.location;
  return ctx.lines(l.path).slice(l.startLine - 1, l.endLine).join('\n');
}

/**
 * Calls the tables list as deserialisers whatever their options: a PyYAML safe loader class and `torch.load(...,
 * weights_only=True)` build plain data only. Loader classes are names, not literals, so a `when`/`unless` option test
 * cannot tell them apart; the call's text can.
 */
function loadsPlainData(api: string, text: string): boolean {
  if (/^(?:yaml|ruamel\.yaml)\.load(?:_all)?$/.test(api)) return /\bC?(?:Safe|Base)Loader\b/.test(text);
  if (api === 'torch.load') return /\bweights_only[ \t]*=[ \t]*True\b/.test(text);
  return false;
}

/** Where the outcome depends on the library version or the format is less direct (as MV2003 judges them). */
function versionDependent(api: string, text: string): boolean {
  if (/^(?:yaml|ruamel\.yaml)\.load(?:_all)?$/.test(api)) return !/\bLoader[ \t]*=/.test(text) && !/,[^,)]*Loader\b/.test(text);
  return /^(?:yaml\.full_load(?:_all)?|marshal\.loads?|shelve\.open|torch\.load)$/.test(api);
}

/**
 * A file's contents count when the file's path came from the model: the same read call is a `file-read` sink of a
 * model-controlled value. Returns that flow (for the message), or undefined for files the server chose itself.
 */
function pathFlow(all: readonly TaintFlow[], flow: TaintFlow): TaintFlow | undefined {
  const at = flow.source.location;
  return all.find(
    (g) =>
      g.sink.kind === 'file-read' &&
      MODEL_CONTROLLED.includes(g.source.kind) &&
      g.sink.location.path === at.path &&
      g.sink.location.startLine === at.startLine &&
      g.sink.location.startColumn === at.startColumn,
  );
}

export default defineRule({
  meta: {
    id: 'MV2108',
    slug: 'tainted-deserialization',
    title: 'Tool argument or downloaded data is loaded by a deserialiser that runs code',
    category: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-502'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-061'],
    mode: 'deep',
    languages: ['python', 'typescript'],
    status: 'stable',
    supersedes: ['MV2003'],
    message: '{source} reaches {api} in {sink}{via}{broken}{also}; a crafted payload runs code in the server while it is being loaded',
    docs: {
      summary:
        'Bytes a tool caller controls — a tool or prompt argument, a response downloaded from the network, or a file whose path the caller chose — flow, possibly through helpers in other files, into a deserialiser that can construct arbitrary objects: pickle and its relatives, unsafe YAML loaders, `torch.load`, `node-serialize`.',
      risk:
        'With pickle-style formats the payload names the functions to call while it is rebuilt (`__reduce__`, `!!python/object/apply`, `_$$ND_FUNC$$_`), so loading is executing. An MCP tool that accepts a "state", "session" or "cache" blob as an argument, downloads a model or dataset from a URL it was given, or opens a file the model pointed at lets whoever steers the model — including text planted in a page or repository it read — run code inside the server, with its credentials and, for local servers, on the user\'s machine.',
      detection:
        'Deep mode only. Sources: tool and prompt arguments and resource-template variables; HTTP response bodies (`http-response`: `requests`, `httpx`, `urllib`, `fetch`, `axios`…); file contents (`file-content`) only when the same read call opened a path that came from one of those arguments. Sinks (concept `deserialize`): Python `pickle`/`cPickle`/`_pickle`/`dill`/`cloudpickle` `load`/`loads`/`Unpickler`, `marshal.load(s)`, `shelve.open`, `jsonpickle.decode`, `joblib.load`, `pandas.read_pickle`, `torch.load`, `numpy.load(allow_pickle=True)`, `yaml.load`/`load_all`/`unsafe_load`/`full_load`; Node `node-serialize.unserialize`, `serialize-to-js`, `funcster`, `cryo`, `v8.deserialize`, `php-serialize`. Not reported: `yaml.load` with `SafeLoader`/`CSafeLoader`/`BaseLoader`, `torch.load(..., weights_only=True)`, XML parsers (external entities are MV2006\'s concern), and files the server opens at paths it chose itself (MV2003 still reports the call). The value is followed through assignments, decoding (`base64`, `bytes.fromhex`, `Buffer.from`), containers, closures, class fields and calls into other files. Silenced by an allow-list check or an `enum`/strict `pattern` on the parameter. Confidence is medium for downloads and where the outcome depends on the library version (`yaml.load` without a loader, `full_load`, `marshal`, `shelve`, `torch.load` without `weights_only`). Where MV2003 reports the same line, only this finding (with its trace) is kept. Limits: an HMAC or signature check before loading is not recognised as a sanitizer, so signed pickles are still reported; code outside MCP handlers (start-up code) is not analysed; Go has no code-running deserialiser in the tables.',
      fix:
        'Use a data-only format for anything a caller can influence: JSON (`json.loads`, `JSON.parse`) validated against a schema, `yaml.safe_load`, `torch.load(path, weights_only=True)` or safetensors for weights, `numpy.load` without `allow_pickle`. Never accept serialised objects as tool arguments; keep session state on the server and hand out an opaque id. If a pickle cache is unavoidable, write it only from the server, sign it with an HMAC key the caller never sees and verify the signature before loading.',
      references: [
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'Python pickle: security warning', url: 'https://docs.python.org/3/library/pickle.html' },
        { title: 'OWASP Deserialization Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html' },
        { title: 'PyTorch torch.load and weights_only', url: 'https://pytorch.org/docs/stable/generated/torch.load.html' },
        { title: 'CVE-2017-5941: node-serialize code execution', url: 'https://nvd.nist.gov/vuln/detail/CVE-2017-5941' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const all = ctx.flows();
      const bySink = new Map<string, { flow: TaintFlow; others: TaintFlow[]; source: string; confidence: Confidence }>();
      for (const flow of selectFlows(ctx, { sinks: ['deserialize'], sources: SOURCES })) {
        // lxml parsers are listed as deserialisers for their external entities: not code execution.
        if (/lxml/.test(flow.sink.api)) continue;
        const text = sinkText(ctx, flow);
        if (loadsPlainData(flow.sink.api, text)) continue;
        let source = flow.source.description;
        if (flow.source.kind === 'file-content') {
          const chosen = pathFlow(all, flow);
          if (!chosen) continue;
          source = `the contents of a file opened by ${chosen.sink.api} at a path from ${chosen.source.description}`;
        }
        const confidence: Confidence = flow.source.kind === 'http-response' || versionDependent(flow.sink.api, text) ? 'medium' : 'high';
        const l = flow.sink.location;
        const key = `${l.path}\0${l.startLine}\0${l.startColumn}`;
        const seen = bySink.get(key);
        if (!seen) bySink.set(key, { flow, others: [], source, confidence });
        else if (seen.source !== source && !seen.others.some((o) => o.source.description === flow.source.description)) seen.others.push(flow);
      }
      const out: RawFinding[] = [];
      for (const { flow, others, source, confidence } of bySink.values()) {
        const also = others.length ? ` (also ${others.slice(0, 2).map((o) => o.source.description).join(', ')}${others.length > 2 ? ` and ${others.length - 2} more` : ''})` : '';
        out.push({ ...flowFinding(flow, { source, also }), confidence });
      }
      return out;
    },
  },
});
