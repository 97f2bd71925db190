// MV2003: data is loaded with a deserialiser that can construct arbitrary objects, so a crafted payload runs code.
import type { Node } from 'web-tree-sitter';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import type { Confidence } from '../../../model/severity.js';

interface Sink {
  format: string;
  confidence: Confidence;
}

const PICKLE: Sink = { format: 'pickle data', confidence: 'high' };

/** Python callees that always deserialise in a code-executing format. */
const PY_ALWAYS = new Map<string, Sink>([
  ...['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle'].flatMap((m) =>
    ['load', 'loads', 'Unpickler'].map((f): [string, Sink] => [`${m}.${f}`, PICKLE]),
  ),
  ['pandas.read_pickle', PICKLE],
  ['joblib.load', { format: 'a joblib (pickle) file', confidence: 'high' }],
  ['jsonpickle.decode', { format: 'jsonpickle data, which rebuilds arbitrary Python objects', confidence: 'high' }],
  ['marshal.load', { format: 'marshal data (code objects)', confidence: 'medium' }],
  ['marshal.loads', { format: 'marshal data (code objects)', confidence: 'medium' }],
  ['shelve.open', { format: 'a shelve database, whose values are pickles', confidence: 'medium' }],
  ['yaml.unsafe_load', { format: 'YAML with the unsafe loader', confidence: 'high' }],
  ['yaml.unsafe_load_all', { format: 'YAML with the unsafe loader', confidence: 'high' }],
  ['yaml.full_load', { format: 'YAML with FullLoader', confidence: 'medium' }],
  ['yaml.full_load_all', { format: 'YAML with FullLoader', confidence: 'medium' }],
]);

/** PyYAML loaders by class name: which construct only plain data, and which build Python objects. */
const YAML_SAFE_LOADERS = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader', 'RoundTripLoader']);
const YAML_UNSAFE_LOADERS = new Map<string, Confidence>([
  ['Loader', 'high'],
  ['CLoader', 'high'],
  ['UnsafeLoader', 'high'],
  ['CUnsafeLoader', 'high'],
  ['FullLoader', 'medium'],
  ['CFullLoader', 'medium'],
]);
const PY_YAML_LOAD = new Set(['yaml.load', 'yaml.load_all', 'ruamel.yaml.load', 'ruamel.yaml.load_all']);

const JS_ALWAYS = new Map<string, Sink>([
  ['node-serialize.unserialize', { format: 'node-serialize data, which revives functions with eval', confidence: 'high' }],
  ['funcster.deepDeserialize', { format: 'funcster data, which revives functions from source', confidence: 'high' }],
]);
const JS_YAML_LOAD = new Set(['js-yaml.load', 'js-yaml.loadAll']);
/** js-yaml 3 names that js-yaml 4 removed: a file calling them was written for the version whose `load` is unsafe. */
const JS_YAML_V3_ONLY = new Set(['js-yaml.safeLoad', 'js-yaml.safeLoadAll', 'js-yaml.safeDump']);
const JS_YAML_SAFE_SCHEMAS = /^(?:DEFAULT_SAFE_SCHEMA|JSON_SCHEMA|CORE_SCHEMA|FAILSAFE_SCHEMA)$/;

export default defineRule({
  meta: {
    id: 'MV2003',
    slug: 'unsafe-deserialization',
    title: 'Data is loaded with a deserialiser that can run code',
    category: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-502'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-061'],
    mode: 'fast',
    languages: ['python', 'typescript'],
    status: 'stable',
    message: '{callee} loads {format}; a crafted payload runs code in the server process while it is being loaded',
    docs: {
      summary: 'The server deserialises data with a format or loader that can construct arbitrary objects — pickle and its relatives, unsafe YAML loaders, PyTorch checkpoints without `weights_only=True`, `node-serialize` — so loading the data is enough to run code.',
      risk:
        'MCP servers often load things a tool caller can point at: a "load dataset" tool that reads a path or URL, a cache or session blob passed back in a tool argument, a model checkpoint downloaded on request, a YAML config fetched from a repository the model was asked to open. With pickle-style formats the payload itself says which functions to call while it is rebuilt (`__reduce__`, `!!python/object/apply`, `_$$ND_FUNC$$_`), so there is no later check that can stop it: the code runs inside the server, with its credentials, the moment the data is loaded.',
      detection:
        'Python: fires on `pickle`/`cPickle`/`_pickle`/`dill`/`cloudpickle` `load`, `loads` and `Unpickler`, `pandas.read_pickle`, `joblib.load`, `jsonpickle.decode`, `marshal.load(s)`, `shelve.open`, `yaml.unsafe_load(_all)`, `yaml.full_load(_all)`, `yaml.load`/`load_all` (PyYAML and legacy `ruamel.yaml`) with no `Loader` or with `Loader`, `CLoader`, `UnsafeLoader` or `FullLoader` (also a loader class defined in the file that derives from one of them), `ruamel.yaml.YAML(typ="unsafe")`, `numpy.load(..., allow_pickle=True)`, and `torch.load` unless `weights_only=True` is passed. `yaml.load` with `SafeLoader`, `CSafeLoader` or `BaseLoader`, `yaml.safe_load`, `json.loads` and loader classes the rule cannot resolve do not fire. Confidence is medium where the outcome depends on the library version: `FullLoader` (code execution fixed in PyYAML 5.4), `yaml.load` without a loader (PyYAML 6 refuses it), `torch.load` without `weights_only` (PyTorch 2.6 made `True` the default), `marshal` and `shelve`. JavaScript/TypeScript: fires on `node-serialize` `unserialize` and `funcster` `deepDeserialize`, and on `js-yaml` `load`/`loadAll` when the options name `DEFAULT_FULL_SCHEMA` or a schema in a file that imports `js-yaml-js-types` (the `!!js/function` types), or when the file also calls `safeLoad`, `safeLoadAll` or `safeDump` — names that only exist in js-yaml 3, whose `load` is unsafe — and passes no safe schema. A plain `yaml.load(text)` is not reported: in js-yaml 4, current since 2021, `load` is safe by default, and a file alone does not show which version is installed. `JSON.parse` never fires. Callees are resolved through imports and aliases (`import pickle as pk`, `from yaml import load`). Go is not covered: `encoding/gob` and `encoding/json` cannot run code while decoding.',
      fix: 'Use a data-only format for anything a caller can influence: JSON (`json.loads`, `JSON.parse`) validated against a schema, `yaml.safe_load` / js-yaml 4 `load`, `torch.load(path, weights_only=True)` or safetensors for model weights, `numpy.load` without `allow_pickle`. If pickle is unavoidable for your own cache, sign the bytes with an HMAC key the caller never sees and verify before loading, and never load files from paths or URLs a tool argument chose.',
      references: [
        { title: 'CWE-502: Deserialization of Untrusted Data', url: 'https://cwe.mitre.org/data/definitions/502.html' },
        { title: 'Python pickle: security warning', url: 'https://docs.python.org/3/library/pickle.html' },
        { title: 'PyYAML yaml.load(input) deprecation', url: 'https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation' },
        { title: 'PyTorch torch.load and weights_only', url: 'https://pytorch.org/docs/stable/generated/torch.load.html' },
        { title: 'CVE-2017-5941: node-serialize code execution', url: 'https://nvd.nist.gov/vuln/detail/CVE-2017-5941' },
        { title: 'js-yaml 4 migration notes', url: 'https://github.com/nodeca/js-yaml/blob/master/migrate_v3_to_v4.md' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    requires: /pickle|Unpickler|dill|joblib|marshal|shelve|yaml|YAML|torch|numpy|np\.|serialize|funcster/,
    detect(ctx) {
      const out: RawFinding[] = [];
      const python = ctx.codeLanguage === 'python';
      const jsYaml = python ? undefined : jsYamlFacts(ctx);
      for (const call of ctx.calls()) {
        if (!call.name) continue;
        const sink = python ? pythonSink(call, ctx) : jsSink(call, ctx, jsYaml!);
        if (!sink) continue;
        out.push({ span: nodeSpan(call.node), data: { callee: call.name, format: sink.format }, confidence: sink.confidence });
      }
      return out;
    },
  },
});

function pythonSink(call: CallSite, ctx: FileContext): Sink | undefined {
  const name = call.name!;
  const always = PY_ALWAYS.get(name);
  if (always) return always;
  if (PY_YAML_LOAD.has(name)) return yamlLoaderSink(call, ctx);
  if (name === 'ruamel.yaml.YAML' || name === 'ruamel.yaml.main.YAML') {
    const typ = call.kwargs.get('typ');
    const value = typ ? stringValue(typ, ctx) : undefined;
    return value === 'unsafe' ? { format: 'YAML with the unsafe ruamel.yaml loader', confidence: 'high' } : undefined;
  }
  if (name === 'numpy.load') {
    return call.kwargs.get('allow_pickle')?.text === 'True' ? { format: 'a NumPy file with allow_pickle=True', confidence: 'high' } : undefined;
  }
  if (name === 'torch.load') {
    const w = call.kwargs.get('weights_only');
    if (!w) return { format: 'a PyTorch checkpoint without weights_only=True (a pickle unless PyTorch ≥ 2.6)', confidence: 'medium' };
    return w.text === 'False' ? { format: 'a PyTorch checkpoint with weights_only=False (a pickle)', confidence: 'high' } : undefined;
  }
  return undefined;
}

function yamlLoaderSink(call: CallSite, ctx: FileContext): Sink | undefined {
  const loader = call.kwargs.get('Loader') ?? call.args[1];
  if (!loader) return { format: 'YAML without a Loader (the full or unsafe loader, depending on the PyYAML version)', confidence: 'medium' };
  const cls = loaderClass(loader, ctx);
  const confidence = cls ? YAML_UNSAFE_LOADERS.get(cls) : undefined;
  return confidence ? { format: `YAML with ${cls}, which builds Python objects`, confidence } : undefined;
}

/**
 * The PyYAML loader a `Loader=` argument names: `yaml.SafeLoader` → `SafeLoader`; a name assigned once or a class
 * defined in this file resolves to the known loader it derives from. Undefined when it cannot be told.
 */
function loaderClass(node: Node, ctx: FileContext): string | undefined {
  let cur: Node | undefined = node;
  let classes: Map<string, Node[]> | undefined;
  for (let hops = 0; cur && hops < 6; hops++) {
    const last = cur.type === 'attribute' ? cur.childForFieldName('attribute')?.text : cur.type === 'identifier' ? cur.text : undefined;
    if (!last) return undefined;
    if (YAML_SAFE_LOADERS.has(last) || YAML_UNSAFE_LOADERS.has(last)) return last;
    if (cur.type !== 'identifier') return undefined;
    const values = ctx.assignments().get(last);
    if (values?.length === 1) {
      cur = values[0];
      continue;
    }
    classes ??= classBases(ctx);
    const bases = classes.get(last);
    // Any base that is a known loader decides; with several, the most permissive one wins.
    const known = bases?.map((b) => loaderClass(b, ctx)).filter((b): b is string => Boolean(b)) ?? [];
    return known.find((k) => YAML_UNSAFE_LOADERS.has(k)) ?? known[0];
  }
  return undefined;
}

function classBases(ctx: FileContext): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  for (const c of descendantsOfType(ctx.tree!.rootNode, 'class_definition')) {
    const name = c.childForFieldName('name')?.text;
    const supers = c.childForFieldName('superclasses');
    if (name && supers) out.set(name, supers.namedChildren.filter((n): n is Node => n !== null && n.type !== 'keyword_argument'));
  }
  return out;
}

function stringValue(node: Node, ctx: FileContext): string | undefined {
  const d = decodeString(node, ctx.codeLanguage!);
  return d?.complete ? d.value : undefined;
}

interface JsYamlFacts {
  v3: boolean;
  jsTypes: boolean;
}

function jsYamlFacts(ctx: FileContext): JsYamlFacts {
  return {
    v3: ctx.calls().some((c) => c.name !== undefined && JS_YAML_V3_ONLY.has(c.name)),
    jsTypes: [...ctx.imports().values()].some((b) => b.module === 'js-yaml-js-types'),
  };
}

function jsSink(call: CallSite, ctx: FileContext, facts: JsYamlFacts): Sink | undefined {
  const always = JS_ALWAYS.get(call.name!);
  if (always) return always;
  if (!JS_YAML_LOAD.has(call.name!)) return undefined;
  const opts = call.args.slice(1).find((a) => a.type === 'object' || a.type === 'identifier');
  const schema = objectProperties(resolveObject(opts, ctx), ctx.codeLanguage!).get('schema');
  const schemaName = schema ? lastName(schema, ctx) : undefined;
  if (schemaName === 'DEFAULT_FULL_SCHEMA') return { format: 'YAML with js-yaml 3\'s DEFAULT_FULL_SCHEMA (!!js/function)', confidence: 'high' };
  if (schema && facts.jsTypes && !(schemaName && JS_YAML_SAFE_SCHEMAS.test(schemaName))) {
    return { format: 'YAML with a schema extended by js-yaml-js-types (!!js/function)', confidence: 'high' };
  }
  if (facts.v3 && !(schemaName && JS_YAML_SAFE_SCHEMAS.test(schemaName))) {
    return { format: 'YAML with js-yaml 3\'s load, which accepts !!js/function (this file uses js-yaml 3 APIs)', confidence: 'medium' };
  }
  return undefined;
}

/** An options argument given inline or as a name assigned once to an object literal. */
function resolveObject(node: Node | undefined, ctx: FileContext): Node | undefined {
  if (node?.type !== 'identifier') return node;
  const values = ctx.assignments().get(node.text);
  return values?.length === 1 && values[0]!.type === 'object' ? values[0] : undefined;
}

/** `yaml.JSON_SCHEMA` → `JSON_SCHEMA`; a name assigned once to such a member is followed one step. */
function lastName(node: Node, ctx: FileContext): string | undefined {
  if (node.type === 'member_expression') return node.childForFieldName('property')?.text;
  if (node.type !== 'identifier' && node.type !== 'shorthand_property_identifier') return undefined;
  const values = ctx.assignments().get(node.text);
  const v = values?.length === 1 ? values[0]! : undefined;
  return v?.type === 'member_expression' ? v.childForFieldName('property')?.text : node.text;
}
