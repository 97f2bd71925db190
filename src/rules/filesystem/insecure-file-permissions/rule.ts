// MV2502 (MCPSafe MCP-120): files or directories get world-writable modes, umask is cleared, or credential files are left readable.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { objectProperties } from '../../../parse/call-sites.js';
import type { Confidence } from '../../../model/severity.js';
import { staticString } from '../../../parse/static-value.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, familyOf, isTestPath, resolveOnce } from '../../injection/sink-args.js';

type Kind = 'chmod' | 'umask' | 'create';

interface Sink {
  kind: Kind;
  /** Where the mode is: a positional index, a keyword, or `{ mode }` in an options object at that index. */
  mode: number;
  keyword?: string;
  options?: boolean;
  /** Index of the path argument, when there is one. */
  path?: number;
}

const PY_SINKS = new Map<string, Sink>([
  ['os.chmod', { kind: 'chmod', mode: 1, keyword: 'mode', path: 0 }],
  ['os.lchmod', { kind: 'chmod', mode: 1, keyword: 'mode', path: 0 }],
  ['os.fchmod', { kind: 'chmod', mode: 1, keyword: 'mode' }],
  ['os.umask', { kind: 'umask', mode: 0, keyword: 'mask' }],
  ['os.open', { kind: 'create', mode: 2, keyword: 'mode', path: 0 }],
  ['os.makedirs', { kind: 'create', mode: 1, keyword: 'mode', path: 0 }],
  ['os.mkdir', { kind: 'create', mode: 1, keyword: 'mode', path: 0 }],
]);
const JS_SINKS = new Map<string, Sink>();
for (const base of ['fs', 'fs.promises', 'fs/promises']) {
  for (const f of ['chmod', 'chmodSync', 'lchmod', 'lchmodSync']) JS_SINKS.set(`${base}.${f}`, { kind: 'chmod', mode: 1, path: 0 });
  for (const f of ['fchmod', 'fchmodSync']) JS_SINKS.set(`${base}.${f}`, { kind: 'chmod', mode: 1 });
  for (const f of ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream']) JS_SINKS.set(`${base}.${f}`, { kind: 'create', mode: f === 'createWriteStream' ? 1 : 2, options: true, path: 0 });
  for (const f of ['open', 'openSync']) JS_SINKS.set(`${base}.${f}`, { kind: 'create', mode: 2, path: 0 });
  for (const f of ['mkdir', 'mkdirSync']) JS_SINKS.set(`${base}.${f}`, { kind: 'create', mode: 1, options: true, path: 0 });
}
JS_SINKS.set('process.umask', { kind: 'umask', mode: 0 });
const GO_SINKS = new Map<string, Sink>([
  ['os.Chmod', { kind: 'chmod', mode: 1, path: 0 }],
  ['os.Lchmod', { kind: 'chmod', mode: 1, path: 0 }],
  ['syscall.Umask', { kind: 'umask', mode: 0 }],
  ['golang.org/x/sys/unix.Umask', { kind: 'umask', mode: 0 }],
  ['os.WriteFile', { kind: 'create', mode: 2, path: 0 }],
  ['io/ioutil.WriteFile', { kind: 'create', mode: 2, path: 0 }],
  ['os.OpenFile', { kind: 'create', mode: 2, path: 0 }],
  ['os.Mkdir', { kind: 'create', mode: 1, path: 0 }],
  ['os.MkdirAll', { kind: 'create', mode: 1, path: 0 }],
]);

/** `stat` permission constants by name (Python `stat.S_*`, Node `fs.constants.S_*`). */
const STAT_BITS: Record<string, number> = {
  S_IRWXU: 0o700, S_IRUSR: 0o400, S_IWUSR: 0o200, S_IXUSR: 0o100, S_IRWXG: 0o070, S_IRGRP: 0o040, S_IWGRP: 0o020, S_IXGRP: 0o010,
  S_IRWXO: 0o007, S_IROTH: 0o004, S_IWOTH: 0o002, S_IXOTH: 0o001, S_ISUID: 0o4000, S_ISGID: 0o2000, S_ISVTX: 0o1000, S_IREAD: 0o400,
  S_IWRITE: 0o200, S_IEXEC: 0o100, ModePerm: 0o777,
};

/** Names and literals of a path that say it holds a credential or token. */
const CREDENTIAL_PATH = /token|credential|secret|passw|api[_-]?key|apikey|auth(?!or)|oauth|session|cookie|\.pem\b|\.key\b|\.p12\b|id_rsa|id_ed25519|id_ecdsa|private[_-]?key|keyring|\.netrc/i;

export default defineRule({
  meta: {
    id: 'MV2502',
    slug: 'insecure-file-permissions',
    title: 'World-writable permissions or readable credential files',
    category: 'filesystem',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-732', 'CWE-276'],
    owaspMcp: ['MCP01', 'MCP02'],
    aliases: ['MCP-120'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} {effect}',
    docs: {
      summary: 'The server gives files or directories world-writable permissions (`chmod 0o777`, `0o666`), clears its umask, or writes what looks like a token or credential file with a mode other local users can read.',
      risk:
        'Local MCP servers run as the user, next to everything the user owns, and often cache OAuth tokens, API keys or session files so the agent does not have to log in again. A token cache saved `0644` is readable by every account on the machine (shared hosts, CI runners, containers with several users); a world-writable script, config or plugin folder lets any local process change what the server runs next. Clearing the umask makes every later file the server creates writable by everyone.',
      detection:
        'Evaluates mode arguments written as literals (`0o777`, `0777`, `511`, `"777"`), `stat`/`fs.constants` `S_I*` names, `os.ModePerm`, `os.FileMode(…)` and `|`/`+`/`&`/`~` combinations of those, and fires on: `chmod` with the world-write bit — Python `os.chmod`/`lchmod`/`fchmod` and `Path.chmod`, Node `fs.chmod`/`lchmod`/`fchmod` (sync and promise forms), Go `os.Chmod` and `(*os.File).Chmod` (high confidence); a umask without the world-write bit — `os.umask(0)`, `process.umask(0)`, `syscall.Umask(0)` (high); files and directories created with the world-write bit — Python `os.open`, `os.makedirs`/`mkdir`, `Path.mkdir`/`touch`, Node `writeFile`/`appendFile`/`createWriteStream`/`mkdir` with `{ mode }` and `open` with a mode, Go `os.WriteFile`, `ioutil.WriteFile`, `os.OpenFile`, `os.Mkdir`/`MkdirAll` (low confidence: the process umask, usually 022, still removes the bit); and any of these calls giving group or world read access to a path whose literal parts or variable names look like a credential (`token`, `credentials`, `secret`, `.pem`, `id_rsa`, `session`, …) (medium). Modes the rule cannot evaluate, `0o755`/`0o644` on ordinary files and `0o600`/`0o700` never fire. Findings in test files are lowered to low confidence.',
      fix: 'Create private files with `0o600` and directories with `0o700` (Python `os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)`, Node `fs.writeFileSync(path, data, { mode: 0o600 })`, Go `os.WriteFile(path, data, 0o600)`), leave the umask alone, and store tokens in the OS keychain (`keyring`, `keytar`, `go-keyring`) when one is available. Use `0o755` at most for files other users must run.',
      references: [
        { title: 'CWE-732: Incorrect Permission Assignment for Critical Resource', url: 'https://cwe.mitre.org/data/definitions/732.html' },
        { title: 'CWE-276: Incorrect Default Permissions', url: 'https://cwe.mitre.org/data/definitions/276.html' },
        { title: 'Python os.chmod', url: 'https://docs.python.org/3/library/os.html#os.chmod' },
        { title: 'Node.js fs file modes', url: 'https://nodejs.org/api/fs.html#file-modes' },
        { title: 'MCP specification: authorization, token storage (security considerations)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#security-considerations' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /chmod|Chmod|umask|Umask|mode|makedirs|mkdir|Mkdir|WriteFile|OpenFile|os\.open|openSync|touch/,
    detect(ctx) {
      const out: RawFinding[] = [];
      const lowered = isTestPath(ctx.path);
      const handlers = new Handlers(ctx);
      for (const call of ctx.calls()) {
        const sink = sinkOf(call, ctx);
        if (!sink) continue;
        const modeNode = modeArg(call, sink, ctx);
        if (!modeNode) continue;
        const mode = modeValue(modeNode, ctx);
        if (mode === undefined) continue;
        const verdict = judge(sink, mode, call, ctx);
        if (!verdict) continue;
        out.push({
          span: nodeSpan(call.node),
          data: { api: call.name ?? call.callee.text, effect: verdict.effect.replace('{mode}', `0o${mode.toString(8)}`) },
          tool: handlers.at(call.node)?.tool,
          confidence: lowered ? 'low' : verdict.confidence,
        });
      }
      return out;
    },
  },
});

function sinkOf(call: CallSite, ctx: FileContext): Sink | undefined {
  const fam = familyOf(ctx.codeLanguage!);
  const name = call.name;
  const table = fam === 'python' ? PY_SINKS : fam === 'go' ? GO_SINKS : JS_SINKS;
  const direct = name ? table.get(name) : undefined;
  if (direct) return direct;
  const callee = call.callee;
  const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee.type === 'selector_expression' ? callee.childForFieldName('field')?.text : undefined;
  if (!method) return undefined;
  // pathlib `p.chmod(0o777)`, `p.mkdir(mode=0o777)`, `p.touch(mode=0o666)`; Go `f.Chmod(0777)` on an *os.File.
  if (fam === 'python' && method === 'chmod') return { kind: 'chmod', mode: 0, keyword: 'mode' };
  if (fam === 'python' && (method === 'mkdir' || method === 'touch') && call.kwargs.has('mode')) return { kind: 'create', mode: 99, keyword: 'mode' };
  if (fam === 'go' && method === 'Chmod' && call.args.length === 1) return { kind: 'chmod', mode: 0 };
  return undefined;
}

function modeArg(call: CallSite, sink: Sink, ctx: FileContext): Node | undefined {
  if (sink.keyword && call.kwargs.has(sink.keyword)) return call.kwargs.get(sink.keyword);
  const arg = call.args[sink.mode];
  if (!arg) return undefined;
  if (!sink.options) return arg;
  const opts = resolveOnce(arg, ctx);
  return opts.type === 'object' ? objectProperties(opts, ctx.codeLanguage!).get('mode') : undefined;
}

/** The numeric value of a mode expression, or undefined when it is not written out in the source. */
function modeValue(node: Node, ctx: FileContext, depth = 0): number | undefined {
  if (depth > 8) return undefined;
  const fam = familyOf(ctx.codeLanguage!);
  const v = node.type === 'identifier' ? resolveOnce(node, ctx) : node;
  switch (v.type) {
    case 'integer':
    case 'number':
    case 'int_literal':
      return parseInt_(v.text, fam);
    case 'parenthesized_expression':
      return v.namedChildren[0] ? modeValue(v.namedChildren[0], ctx, depth + 1) : undefined;
    case 'string': {
      // Node accepts octal strings: fs.chmod(p, "777").
      if (fam !== 'js') return undefined;
      const s = decodeString(v, ctx.codeLanguage!);
      return s?.complete && /^(?:0o?)?[0-7]{3,4}$/.test(s.value) ? parseInt(s.value.replace(/^0o?/, ''), 8) : undefined;
    }
    case 'unary_operator':
    case 'unary_expression': {
      const op = v.childForFieldName('operator')?.text;
      const arg = v.childForFieldName('argument') ?? v.childForFieldName('operand') ?? v.namedChildren[0];
      const inner = arg ? modeValue(arg, ctx, depth + 1) : undefined;
      if (inner === undefined) return undefined;
      return op === '~' || op === '^' ? ~inner & 0o7777 : undefined;
    }
    case 'binary_operator':
    case 'binary_expression': {
      const op = v.childForFieldName('operator')?.text;
      const l = v.childForFieldName('left');
      const r = v.childForFieldName('right');
      const a = l ? modeValue(l, ctx, depth + 1) : undefined;
      const b = r ? modeValue(r, ctx, depth + 1) : undefined;
      if (a === undefined || b === undefined) return undefined;
      if (op === '|' || op === '+') return a | b;
      if (op === '&') return a & b;
      if (op === '&^') return a & ~b;
      return undefined;
    }
    case 'attribute':
    case 'member_expression':
    case 'selector_expression': {
      const last = v.childForFieldName('attribute') ?? v.childForFieldName('property') ?? v.childForFieldName('field');
      return last ? STAT_BITS[last.text] : undefined;
    }
    case 'call_expression': {
      // Go `os.FileMode(0o777)` / `fs.FileMode(...)` conversions.
      const fn = v.childForFieldName('function')?.text ?? '';
      const arg = v.childForFieldName('arguments')?.namedChildren[0];
      return /(?:^|\.)FileMode$/.test(fn) && arg ? modeValue(arg, ctx, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

function parseInt_(text: string, fam: 'python' | 'js' | 'go'): number | undefined {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/^0o[0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0x[0-9a-f]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0b[01]+$/.test(t)) return parseInt(t.slice(2), 2);
  // A leading zero is octal in Go and legacy JavaScript; Python 3 rejects it, so it never reaches here.
  if (/^0[0-7]+$/.test(t) && fam !== 'python') return parseInt(t, 8);
  if (/^\d+$/.test(t)) return parseInt(t, 10);
  return undefined;
}

function judge(sink: Sink, mode: number, call: CallSite, ctx: FileContext): { effect: string; confidence: Confidence } | undefined {
  if (sink.kind === 'umask') {
    return (mode & 0o002) === 0 ? { effect: 'sets the umask to {mode}: every file and directory the process creates afterwards without an explicit mode is writable by all local users', confidence: 'high' } : undefined;
  }
  if (mode & 0o002) {
    if (sink.kind === 'chmod') return { effect: 'sets mode {mode}: any local user can modify it', confidence: 'high' };
    return { effect: 'requests mode {mode}, writable by every local user; only the process umask (usually 022) removes that bit', confidence: 'low' };
  }
  if (mode & 0o044 && looksLikeCredential(call, sink, ctx)) {
    return { effect: 'gives a credential or token file mode {mode}, so other local users can read it', confidence: 'medium' };
  }
  return undefined;
}

function looksLikeCredential(call: CallSite, sink: Sink, ctx: FileContext): boolean {
  if (sink.path === undefined) {
    // pathlib / os.File methods: the receiver names the file.
    const recv = call.callee.childForFieldName('object') ?? call.callee.childForFieldName('operand');
    return recv ? CREDENTIAL_PATH.test(pathWords(recv, ctx)) : false;
  }
  const p = call.args[sink.path];
  return p ? CREDENTIAL_PATH.test(pathWords(p, ctx)) : false;
}

/** The literal pieces and names a path expression is made of (following a name assigned once). */
function pathWords(node: Node, ctx: FileContext): string {
  const lang = ctx.codeLanguage!;
  const parts: string[] = [];
  const roots = [node];
  const v = resolveOnce(node, ctx);
  if (v.id !== node.id) roots.push(v);
  for (const r of roots) {
    const s = staticString(r, lang, ctx.assignments());
    if (s) parts.push(s.value);
    for (const n of descendantsOfType(r, ['identifier', 'property_identifier', 'field_identifier', 'string_content', 'string_fragment', 'interpreted_string_literal', 'raw_string_literal'])) parts.push(n.text);
  }
  return parts.join(' ');
}
