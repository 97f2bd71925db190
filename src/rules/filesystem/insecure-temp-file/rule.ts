// MV2503: temporary files at predictable paths (`tempfile.mktemp`, fixed names under /tmp) that another local user can claim first.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { objectProperties } from '../../../parse/call-sites.js';
import type { Confidence } from '../../../model/severity.js';
import { staticString } from '../../../parse/static-value.js';
import { decodeString } from '../../../parse/string-literal.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, builtString, callArgs, callName, familyOf, isTestPath, resolveOnce } from '../../injection/sink-args.js';

/** A shared temp directory followed by at least one fixed name. */
const TMP_PATH = /^(?:\/tmp|\/var\/tmp|\/dev\/shm)\/[^/{}]/;
const TMPDIR_CALLS = new Set(['tempfile.gettempdir', 'tempfile.gettempdirb', 'os.tmpdir', 'os.TempDir']);
const JOINS = new Set(['os.path.join', 'posixpath.join', 'path.join', 'path.resolve', 'path.posix.join', 'path/filepath.Join', 'path.Join', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath']);

interface WriteSink {
  path: number;
  /** How to tell that the call writes (and does not use an exclusive create). */
  writes: (call: CallSite, ctx: FileContext) => boolean;
}

const always = () => true;
const PY_WRITERS = new Map<string, WriteSink>([
  ['open', { path: 0, writes: (c, x) => pyModeWrites(c.args[1] ?? c.kwargs.get('mode'), x) }],
  ['builtins.open', { path: 0, writes: (c, x) => pyModeWrites(c.args[1] ?? c.kwargs.get('mode'), x) }],
  ['io.open', { path: 0, writes: (c, x) => pyModeWrites(c.args[1] ?? c.kwargs.get('mode'), x) }],
  ['codecs.open', { path: 0, writes: (c, x) => pyModeWrites(c.args[1] ?? c.kwargs.get('mode'), x) }],
  ['os.open', { path: 0, writes: (c) => creatWithoutExcl(c.args[1]?.text ?? '', 'O_CREAT') }],
]);
const JS_WRITERS = new Map<string, WriteSink>();
for (const base of ['fs', 'fs.promises', 'fs/promises']) {
  for (const f of ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync']) JS_WRITERS.set(`${base}.${f}`, { path: 0, writes: (c, x) => !jsExclusive(c.args[2], x) });
  JS_WRITERS.set(`${base}.createWriteStream`, { path: 0, writes: (c, x) => !jsExclusive(c.args[1], x) });
  for (const f of ['open', 'openSync']) JS_WRITERS.set(`${base}.${f}`, { path: 0, writes: (c, x) => jsFlagWrites(c.args[1], x) });
}
const GO_WRITERS = new Map<string, WriteSink>([
  ['os.Create', { path: 0, writes: always }],
  ['os.WriteFile', { path: 0, writes: always }],
  ['io/ioutil.WriteFile', { path: 0, writes: always }],
  ['os.OpenFile', { path: 0, writes: (c) => creatWithoutExcl(c.args[1]?.text ?? '', 'O_CREATE') }],
]);

export default defineRule({
  meta: {
    id: 'MV2503',
    slug: 'insecure-temp-file',
    title: 'Temporary file at a predictable path',
    category: 'filesystem',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-377', 'CWE-379'],
    owaspMcp: [],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} {reason}',
    docs: {
      summary: 'The server writes temporary data to a fixed name in a shared temp directory (`/tmp/mcp_output.json`, `path.join(os.tmpdir(), "cache.json")`) or asks `tempfile.mktemp` for a name, instead of letting the OS create a unique file atomically.',
      risk:
        'Temp directories are shared by every local account and process. A fixed name can be created in advance by someone else — as a symlink to the user\'s `~/.bashrc` or the MCP client config, so the server overwrites it, or as a file they can read, so tool output (often containing fetched documents, tokens or query results) leaks. `mktemp` has the same race: the name is free when returned, not when opened. Two instances of a local server (one per client window is common) also clobber each other\'s files.',
      detection:
        'Fires on Python `tempfile.mktemp(…)` (high confidence), and on writes to a path that is a fixed name under `/tmp`, `/var/tmp` or `/dev/shm`, or the system temp directory (`tempfile.gettempdir()`, `os.tmpdir()`, `os.TempDir()`) joined with fixed names — inline, in a constant, through `os.path.join`/`Path(…) / …`/`path.join`/`filepath.Join`, a template literal or `+`: Python `open` (and `io.open`/`codecs.open`) in a writing mode other than exclusive `"x"`, `Path.write_text`/`write_bytes`/`open("w")`, `os.open` with `O_CREAT` but not `O_EXCL`; Node `fs.writeFile`/`appendFile`/`createWriteStream` (sync and promise forms, unless `flag` is exclusive like `"wx"`) and `fs.open` with a writing flag; Go `os.Create`, `os.WriteFile`, `ioutil.WriteFile` and `os.OpenFile` with `O_CREATE` but not `O_EXCL`. Unique-name APIs never fire: `mkstemp`, `NamedTemporaryFile`, `TemporaryDirectory`, `mkdtemp`, `fs.mkdtemp`, `os.CreateTemp`, `os.MkdirTemp`. Names that include a run-time part (a PID, a random suffix) are not reported, and test files are lowered to low confidence.',
      fix: 'Let the OS pick and create the file in one step: Python `tempfile.NamedTemporaryFile(delete=False)`, `tempfile.mkstemp()` or a `tempfile.TemporaryDirectory()`; Node `fs.mkdtemp(path.join(os.tmpdir(), "app-"))` and files inside it; Go `os.CreateTemp("", "app-*.json")` or `os.MkdirTemp`. For data that must persist between runs, use a per-user directory (`platformdirs`, `XDG_CACHE_HOME`, `os.UserCacheDir()`) created with mode `0o700`.',
      references: [
        { title: 'CWE-377: Insecure Temporary File', url: 'https://cwe.mitre.org/data/definitions/377.html' },
        { title: 'Python tempfile.mktemp (deprecated)', url: 'https://docs.python.org/3/library/tempfile.html#tempfile.mktemp' },
        { title: 'Node.js fs.mkdtemp', url: 'https://nodejs.org/api/fs.html#fsmkdtempprefix-options-callback' },
        { title: 'Go os.CreateTemp', url: 'https://pkg.go.dev/os#CreateTemp' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /mktemp|tmp|temp|TempDir|gettempdir/,
    detect(ctx) {
      const out: RawFinding[] = [];
      const handlers = new Handlers(ctx);
      const lowered = isTestPath(ctx.path);
      const push = (node: Node, api: string, reason: string, confidence: Confidence) =>
        out.push({ span: nodeSpan(node), data: { api, reason }, tool: handlers.at(node)?.tool, confidence: lowered ? 'low' : confidence });
      const fam = familyOf(ctx.codeLanguage!);
      for (const call of ctx.calls()) {
        if (call.name === 'tempfile.mktemp') {
          push(call.node, 'tempfile.mktemp', 'returns a name that is free now but not when it is opened; another local process can create it first (use mkstemp or NamedTemporaryFile)', 'high');
          continue;
        }
        const target = writeTarget(call, ctx, fam);
        if (!target) continue;
        const fixed = predictableTempPath(target, ctx);
        if (!fixed) continue;
        push(call.node, call.name ?? call.callee.text, `writes to the predictable path \`${fixed}\`; another local user can create it first, or plant a symlink there that redirects the write`, 'medium');
      }
      return out;
    },
  },
});

/** The path argument of a call that creates or writes a file without an exclusive create. */
function writeTarget(call: CallSite, ctx: FileContext, fam: 'python' | 'js' | 'go'): Node | undefined {
  const table = fam === 'python' ? PY_WRITERS : fam === 'go' ? GO_WRITERS : JS_WRITERS;
  const sink = call.name ? table.get(call.name) : undefined;
  if (sink) return sink.writes(call, ctx) ? call.args[sink.path] ?? call.kwargs.get('file') : undefined;
  if (fam !== 'python' || call.callee.type !== 'attribute') return undefined;
  // pathlib: `Path("/tmp/x").write_text(...)`, `p.open("w")`.
  const method = call.callee.childForFieldName('attribute')?.text;
  const receiver = call.callee.childForFieldName('object') ?? undefined;
  if (!receiver) return undefined;
  if (method === 'write_text' || method === 'write_bytes') return receiver;
  if (method === 'open' && pyModeWrites(call.args[0] ?? call.kwargs.get('mode'), ctx)) return receiver;
  return undefined;
}

function pyModeWrites(mode: Node | undefined, ctx: FileContext): boolean {
  const m = mode ? staticString(mode, ctx.codeLanguage!, ctx.assignments()) : undefined;
  return Boolean(m?.complete && /[wa+]/.test(m.value) && !m.value.includes('x'));
}

function creatWithoutExcl(flags: string, creat: string): boolean {
  return flags.includes(creat) && !flags.includes('O_EXCL');
}

/** `{ flag: "wx" }` / `"wx"`: Node's exclusive create fails when the path already exists. */
function jsExclusive(opts: Node | undefined, ctx: FileContext): boolean {
  if (!opts) return false;
  const o = resolveOnce(opts, ctx);
  const flag = o.type === 'object' ? objectProperties(o, ctx.codeLanguage!).get('flag') : undefined;
  const v = flag ? decodeString(flag, ctx.codeLanguage!) : undefined;
  return Boolean(v?.value.includes('x'));
}

function jsFlagWrites(flags: Node | undefined, ctx: FileContext): boolean {
  const v = flags ? staticString(flags, ctx.codeLanguage!, ctx.assignments()) : undefined;
  return Boolean(v?.complete && /[wa+]/.test(v.value) && !v.value.includes('x'));
}

/** The path as a reader would see it, when it is a fixed name in a shared temp directory. */
function predictableTempPath(node: Node, ctx: FileContext, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  if (node.type === 'parenthesized_expression') return node.namedChildren[0] ? predictableTempPath(node.namedChildren[0], ctx, depth + 1) : undefined;
  const lang = ctx.codeLanguage!;
  const s = staticString(node, lang, ctx.assignments());
  if (s?.complete) return TMP_PATH.test(s.value) ? s.value : undefined;
  const v = resolveOnce(node, ctx);
  // `Path("/tmp") / "out.json"` and `tmp + "/out.json"`.
  if (v.type === 'binary_operator' || v.type === 'binary_expression') {
    const op = v.childForFieldName('operator')?.text;
    const l = v.childForFieldName('left');
    const r = v.childForFieldName('right');
    if (!l || !r || (op !== '/' && op !== '+')) return undefined;
    const base = tempBase(l, ctx, depth);
    const rest = staticString(r, lang, ctx.assignments());
    if (base === undefined || !rest?.complete) {
      const inner = predictableTempPath(l, ctx, depth + 1);
      return inner && rest?.complete ? joinPath(inner, rest.value, op) : undefined;
    }
    return rest.value.replace(/^\/+/, '') ? joinPath(base, rest.value, op) : undefined;
  }
  if (v.type === 'call' || v.type === 'call_expression') {
    const name = callName(v, ctx);
    if (!name || !JOINS.has(name)) return undefined;
    const [first, ...rest] = callArgs(v);
    if (!first) return undefined;
    if (!rest.length) return predictableTempPath(first, ctx, depth + 1);
    const base = tempBase(first, ctx, depth) ?? predictableTempPath(first, ctx, depth + 1);
    if (base === undefined) return undefined;
    const tail: string[] = [];
    for (const r of rest) {
      const t = staticString(r, lang, ctx.assignments());
      if (!t?.complete) return undefined;
      tail.push(t.value);
    }
    return tail.reduce((acc, t) => joinPath(acc, t, '/'), base);
  }
  // `${os.tmpdir()}/cache.json` / f"{tempfile.gettempdir()}/cache.json"
  const built = builtString(v, ctx);
  if (built && built.holes.length === 1 && built.text.startsWith('{…}/') && tempBase(built.holes[0]!, ctx, depth) !== undefined) {
    const rest = built.text.slice(3);
    return rest.length > 1 ? `<tmpdir>${rest}` : undefined;
  }
  return undefined;
}

/** `<tmpdir>` for the system temp directory call, `/tmp` for the literal directory, else undefined. */
function tempBase(node: Node, ctx: FileContext, depth: number): string | undefined {
  if (depth > 6) return undefined;
  const v = resolveOnce(node, ctx);
  const s = staticString(v, ctx.codeLanguage!, ctx.assignments());
  if (s?.complete) return /^(?:\/tmp|\/var\/tmp|\/dev\/shm)\/?$/.test(s.value) ? s.value.replace(/\/$/, '') : undefined;
  if (v.type === 'call' || v.type === 'call_expression') {
    const name = callName(v, ctx);
    if (name && TMPDIR_CALLS.has(name)) return '<tmpdir>';
    // `Path(tempfile.gettempdir())` / `Path("/tmp")`
    if (name && JOINS.has(name)) {
      const args = callArgs(v);
      if (args.length === 1) return tempBase(args[0]!, ctx, depth + 1);
    }
  }
  if (v.type === 'attribute' && v.text === 'tempfile.tempdir') return '<tmpdir>';
  return undefined;
}

function joinPath(base: string, rest: string, op: string): string {
  return op === '+' ? base + rest : `${base.replace(/\/$/, '')}/${rest.replace(/^\/+/, '')}`;
}
