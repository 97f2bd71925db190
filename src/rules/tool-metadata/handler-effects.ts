// What the MCP tool handlers of one file do: the deleting, writing and process-spawning calls they make, whether a confirmation or elicitation gates them, and the literal text they return.
import type { Node } from 'web-tree-sitter';
import type { FileInventory, HandlerRef, ToolDef } from '../../model/inventory.js';
import type { CodeLanguage } from '../../model/language.js';
import { objectProperties, type CallSite } from '../../parse/call-sites.js';
import { staticString, type Assignments } from '../../parse/static-value.js';
import { decodeString, isStringNode } from '../../parse/string-literal.js';
import { descendantsOfType } from '../../parse/walk.js';
import type { FileContext } from '../../rule/rule.js';
import { enclosingHandler, handlerScopes, type HandlerScope } from '../../rule/tool-handlers.js';

/**
 * `delete`: removes or irreversibly destroys something (files, rows, remote objects, processes);
 * `write`: creates or changes state (file writes, SQL inserts/updates, HTTP POST/PUT/PATCH); `exec`: runs a program.
 */
export type EffectKind = 'delete' | 'write' | 'exec';

export interface Effect {
  kind: EffectKind;
  /** What was called, for messages: `shutil.rmtree`, `SQL DELETE FROM`, `HTTP DELETE (fetch)`. */
  what: string;
  node: Node;
  /** Often harmless: a POST that only queries (GraphQL, search APIs) or a program that only reads. */
  weak?: true;
}

export interface HandlerFacts {
  scope: HandlerScope;
  /** Tools of this file's inventory that this handler serves (several tools may share one function). */
  tools: ToolDef[];
  effects: Effect[];
  /** A condition in the handler tests a confirm / dry-run / preview / force flag. */
  gated: boolean;
  /** The handler asks the user through MCP elicitation. */
  elicits: boolean;
}

function spanKey(h: HandlerRef): string {
  const l = h.location;
  return `${l.path}:${l.startLine}:${l.startColumn}:${l.endLine}:${l.endColumn}`;
}

/** Every tool a file's inventory declares, on constructed servers and on imported receivers alike. */
export function toolsOf(inv: FileInventory | undefined): ToolDef[] {
  if (!inv) return [];
  return [...inv.servers, ...inv.orphans].flatMap((g) => g.tools);
}

/** The tool handlers whose code is in this file, with what each one does. */
export function toolHandlerFacts(ctx: FileContext, opts: { gates?: boolean } = {}): HandlerFacts[] {
  const scopes = handlerScopes(ctx.inventory).filter((s) => s.kind === 'tool');
  if (!scopes.length || !ctx.codeLanguage) return [];
  // Keyed by span: tools that share one handler function each carry their own HandlerRef.
  const byHandler = new Map<string, HandlerFacts>();
  for (const scope of scopes) {
    const key = spanKey(scope.handler);
    if (!byHandler.has(key)) byHandler.set(key, { scope, tools: [], effects: [], gated: false, elicits: false });
  }
  for (const t of toolsOf(ctx.inventory)) if (t.handler) byHandler.get(spanKey(t.handler))?.tools.push(t);
  const lang = ctx.codeLanguage;
  const assignments = ctx.assignments();
  for (const call of ctx.calls()) {
    const scope = enclosingHandler(scopes, call.node);
    if (!scope) continue;
    const facts = byHandler.get(spanKey(scope.handler))!;
    const effect = classifyCall(call, lang, assignments);
    if (effect) facts.effects.push(effect);
    if (isElicitation(call, lang)) facts.elicits = true;
  }
  if (opts.gates && ctx.tree) {
    for (const cond of conditionNodes(ctx.tree.rootNode, lang)) {
      if (!GATE.test(cond.text)) continue;
      const scope = enclosingHandler(scopes, cond);
      if (scope) byHandler.get(spanKey(scope.handler))!.gated = true;
    }
  }
  return [...byHandler.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Destructive and state-changing calls

const PY_DELETE = new Set(['os.remove', 'os.unlink', 'os.rmdir', 'os.removedirs', 'shutil.rmtree', 'os.kill', 'os.killpg', 'send2trash.send2trash']);
const PY_WRITE = new Set([
  'os.rename', 'os.renames', 'os.replace', 'os.mkdir', 'os.makedirs', 'os.chmod', 'os.chown', 'os.symlink', 'os.link', 'os.truncate',
  'shutil.move', 'shutil.copy', 'shutil.copy2', 'shutil.copyfile', 'shutil.copytree', 'shutil.chown',
]);
const PY_EXEC = /^(?:subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|os\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?|posix_spawnp?)|asyncio\.create_subprocess_(?:exec|shell)|pexpect\.(?:spawn|run))$/;
const PY_OPEN = new Set(['open', 'io.open', 'codecs.open', 'aiofiles.open']);
/** pathlib-style methods, recognised on any receiver because these names mean the same thing everywhere. */
const PY_DELETE_METHODS = new Set(['unlink', 'rmdir']);
const PY_WRITE_METHODS = new Set(['write_text', 'write_bytes', 'touch', 'symlink_to', 'hardlink_to']);
const PY_HTTP = /^(?:requests|httpx)\.(post|put|patch|delete|request)$/;

const JS_FS = /^(?:fs|fs\/promises|fs-extra|graceful-fs)\.(?:promises\.)?(\w+)$/;
const JS_FS_DELETE = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync']);
const JS_FS_WRITE = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'rename', 'renameSync', 'mkdir', 'mkdirSync', 'copyFile', 'copyFileSync',
  'cp', 'cpSync', 'createWriteStream', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'symlink', 'symlinkSync',
  'link', 'linkSync', 'outputFile', 'outputFileSync', 'writeJson', 'writeJsonSync', 'outputJson', 'outputJsonSync', 'move', 'moveSync',
  'copy', 'copySync', 'ensureDir', 'ensureDirSync', 'mkdirp', 'mkdirs',
]);
const JS_DELETE = /^(?:rimraf(?:\.\w+)?|del\.(?:deleteAsync|deleteSync)|del|process\.kill)$/;
const JS_EXEC = /^(?:child_process\.(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)|execa(?:\.\w+)?|shelljs\.exec)$/;
const JS_HTTP_VERB = /^(?:axios|got|ky|superagent)\.(post|put|patch|delete|del)$/;
const JS_FETCH = /^(?:fetch|node-fetch|undici\.fetch|undici\.request|cross-fetch)$/;
/** AWS SDK v3 commands sent to delete or terminate something: `new DeleteObjectCommand(...)`. */
const JS_DELETE_COMMAND = /^(?:Delete|Remove|Terminate|Drop|Purge)\w*Command$/;

const GO_DELETE = new Set(['os.Remove', 'os.RemoveAll', 'syscall.Kill']);
const GO_WRITE = new Set(['os.WriteFile', 'os.Create', 'os.Rename', 'os.Mkdir', 'os.MkdirAll', 'os.Chmod', 'os.Chown', 'os.Symlink', 'os.Link', 'os.Truncate', 'io/ioutil.WriteFile', 'net/http.Post', 'net/http.PostForm']);
const GO_EXEC = new Set(['os/exec.Command', 'os/exec.CommandContext', 'syscall.Exec', 'os.StartProcess']);
const GO_NEW_REQUEST = new Set(['net/http.NewRequest', 'net/http.NewRequestWithContext']);

/**
 * Method names that delete by their own name (`delete_object`, `deleteMany`, `DropTable`), on any receiver: SDK and
 * ORM calls the tables above cannot list. Tool/prompt/resource registry methods are another rule's concern.
 */
const DELETE_METHOD: Record<'python' | 'js' | 'go', RegExp> = {
  python: /^(?:delete|destroy|drop|purge|wipe|erase|truncate|terminate)_[a-z]\w*$/,
  js: /^(?:delete|destroy|drop|purge|wipe|erase|truncate|terminate)[A-Z]\w*$/,
  go: /^(?:Delete|Destroy|Drop|Purge|Wipe|Erase|Truncate|Terminate)[A-Z]\w*$/,
};
const REGISTRY_SUFFIX = /(?:tools?|prompts?|resources?|listeners?|handlers?)$/i;
/** Delete-sounding names that only transform data in memory (pandas, lodash, text helpers). */
const NOT_DESTRUCTIVE = /^(?:drop_?duplicates|drop_?nulls|drop_?na|drop(?:Right|While|Last|First|RightWhile)|truncate_?(?:text|string|str|output|message|content|lines?|middle|description|value|title|name)|(?:Truncate|truncate)(?:Text|String|Output|Message|Content|Lines?|Middle|Description|Value|Title|Name))$/;

/** SQL that destroys data or schema; upper-case keywords, or a lower-case `delete from t where`. */
const SQL_DELETE = /^\s*(?:DELETE\s+FROM\s|DROP\s+(?:TABLE|DATABASE|SCHEMA|VIEW|INDEX|COLLECTION)\s|TRUNCATE\s)|^\s*delete\s+from\s+\S+\s+where\b|^\s*drop\s+(?:table|database|schema)\s/;
const SQL_WRITE = /^\s*(?:INSERT\s+INTO\s|UPDATE\s+\S+\s+SET\s|ALTER\s+TABLE\s|CREATE\s+TABLE\s|REPLACE\s+INTO\s|MERGE\s+INTO\s)|^\s*(?:insert\s+into|update\s+\S+\s+set)\s/;

function family(lang: CodeLanguage): 'python' | 'js' | 'go' {
  return lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
}

/** The name a call is matched by: the canonical name, else the callee text (`Path(p).unlink`). */
export function callName(call: CallSite): string {
  return call.name ?? call.callee.text;
}

/** A callee for messages: the dotted name when it is one, else `.method()` (`db("x").items.deleteMany` → `.deleteMany()`). */
function shortName(name: string, method: string): string {
  return /^[\w$./-]{1,60}$/.test(name) ? name : `.${method}()`;
}

/** Last dotted segment of a callee (`client.delete_object` → `delete_object`). */
export function lastSegment(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? name : name.slice(i + 1);
}

/** A temporary file or folder: `tmp_path`, `tempfile.mkdtemp()`, `os.tmpdir()`, `tmpFile`, `TEMP_DIR` (not `template`). */
const TEMP = /(?:^|[^A-Za-z])(?:[Tt]mp|[Tt]emp(?!l))|[a-z0-9](?:Tmp|Temp)(?!l)|TMP|TEMP(?!L)/;

/**
 * The effect of one call, if it deletes, writes or runs a program. Deleting or writing a temporary file, and
 * clean-up in a Go `defer`, are the handler tidying up after itself, not an effect on the user's data.
 */
export function classifyCall(call: CallSite, lang: CodeLanguage, assignments: Assignments): Effect | undefined {
  const e = rawEffect(call, lang, assignments);
  if (!e || e.kind === 'exec') return e;
  if (call.node.parent?.type === 'defer_statement') return undefined;
  const target = call.args[0] ?? call.kwargs.values().next().value;
  return target && TEMP.test(target.text.slice(0, 300)) ? undefined : e;
}

function rawEffect(call: CallSite, lang: CodeLanguage, assignments: Assignments): Effect | undefined {
  const name = callName(call);
  const node = call.node;
  const fam = family(lang);
  const method = lastSegment(name);
  if (fam === 'python') {
    if (PY_DELETE.has(name)) return { kind: 'delete', what: name, node };
    if (PY_WRITE.has(name)) return { kind: 'write', what: name, node };
    if (PY_EXEC.test(name)) return { kind: 'exec', what: name, node, weak: true };
    if (PY_OPEN.has(name) && pyOpenWrites(call, lang, assignments)) return { kind: 'write', what: `${name}() for writing`, node };
    const http = PY_HTTP.exec(name);
    if (http) {
      const verb = http[1] === 'request' ? staticVerb(call.args[0] ?? call.kwargs.get('method'), lang, assignments) : http[1]!;
      const e = httpEffect(verb, name, node);
      if (e) return e;
    }
    if (PY_DELETE_METHODS.has(method) && name !== method) return { kind: 'delete', what: `.${method}()`, node };
    if (PY_WRITE_METHODS.has(method) && name !== method) return { kind: 'write', what: `.${method}()`, node };
  } else if (fam === 'js') {
    const fs = JS_FS.exec(name);
    if (fs && JS_FS_DELETE.has(fs[1]!)) return { kind: 'delete', what: name, node };
    if (fs && JS_FS_WRITE.has(fs[1]!)) return { kind: 'write', what: name, node };
    if (JS_DELETE.test(name)) return { kind: 'delete', what: name, node };
    if (JS_EXEC.test(name)) return { kind: 'exec', what: name, node, weak: true };
    const verb = JS_HTTP_VERB.exec(name);
    if (verb) return httpEffect(verb[1] === 'del' ? 'delete' : verb[1]!, name, node);
    if (JS_FETCH.test(name) || name === 'axios' || name === 'axios.request') {
      const opts = call.args.find((a) => a.type === 'object');
      const m = objectProperties(opts, lang).get('method');
      const e = m ? httpEffect(staticVerb(m, lang, assignments), name, node) : undefined;
      if (e) return e;
    }
    if (call.isNew && JS_DELETE_COMMAND.test(method)) return { kind: 'delete', what: `new ${method}`, node };
  } else {
    if (GO_DELETE.has(name)) return { kind: 'delete', what: name, node };
    if (GO_WRITE.has(name)) return { kind: 'write', what: name, node, ...(name.startsWith('net/http.') ? { weak: true as const } : {}) };
    if (GO_EXEC.has(name)) return { kind: 'exec', what: name, node, weak: true };
    if (name === 'os.OpenFile' && /\bO_(?:WRONLY|RDWR|CREATE|APPEND|TRUNC)\b/.test(call.args[1]?.text ?? '')) return { kind: 'write', what: 'os.OpenFile for writing', node };
    if (GO_NEW_REQUEST.has(name)) {
      const m = call.args[name.endsWith('Context') ? 1 : 0];
      const verb = m?.type === 'selector_expression' ? /^http\.Method(\w+)$/.exec(m.text)?.[1] : m ? staticVerb(m, lang, assignments) : undefined;
      const e = httpEffect(verb, name, node);
      if (e) return e;
    }
  }
  if (DELETE_METHOD[fam].test(method) && !REGISTRY_SUFFIX.test(method) && !NOT_DESTRUCTIVE.test(method)) return { kind: 'delete', what: shortName(name, method), node };
  return sqlEffect(call, lang, assignments);
}

function staticVerb(node: Node | undefined, lang: CodeLanguage, assignments: Assignments): string | undefined {
  if (!node) return undefined;
  const s = staticString(node, lang, assignments);
  return s?.complete ? s.value : undefined;
}

function httpEffect(verb: string | undefined, name: string, node: Node): Effect | undefined {
  const v = verb?.toUpperCase();
  if (v === 'DELETE') return { kind: 'delete', what: `HTTP DELETE (${name})`, node };
  // POST is also how many read-only APIs are queried (GraphQL, search endpoints).
  if (v === 'POST') return { kind: 'write', what: `HTTP POST (${name})`, node, weak: true };
  if (v === 'PUT' || v === 'PATCH') return { kind: 'write', what: `HTTP ${v} (${name})`, node };
  return undefined;
}

/** `open(p, "w")`, `open(p, mode="a")`: any mode that writes, appends or creates. */
function pyOpenWrites(call: CallSite, lang: CodeLanguage, assignments: Assignments): boolean {
  const mode = call.kwargs.get('mode') ?? call.args[1];
  const v = mode ? staticString(mode, lang, assignments) : undefined;
  return v?.complete === true && /[wax+]/.test(v.value);
}

/** Calls whose string arguments are messages about SQL, not SQL: logging, printing, exceptions. */
const MESSAGE_CALL = /^(?:print|Print\w*|Fprint\w*|Errorf|New|info|debug|warn|warning|error|log|trace|critical|exception|\w*(?:Error|Exception))$/;

function sqlEffect(call: CallSite, lang: CodeLanguage, assignments: Assignments): Effect | undefined {
  if (MESSAGE_CALL.test(lastSegment(callName(call)))) return undefined;
  for (const a of [...call.args, ...call.kwargs.values()]) {
    const s = staticString(a, lang, assignments);
    if (!s) continue;
    const head = s.value.slice(0, 200);
    if (SQL_DELETE.test(head)) return { kind: 'delete', what: `SQL ${sqlVerb(head)}`, node: call.node };
    if (SQL_WRITE.test(head)) return { kind: 'write', what: `SQL ${sqlVerb(head)}`, node: call.node };
  }
  return undefined;
}

function sqlVerb(sql: string): string {
  return sql.trim().split(/\s+/).slice(0, 2).join(' ').toUpperCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Confirmation gates and elicitation

/** A flag the caller must set on purpose before the handler acts: `confirm`, `dry_run`, `preview`, `force`, `approved`. */
const GATE = /confirm|dry_?run|preview|approv|acknowledg|\bforce/i;

const CONDITIONS: Record<'python' | 'js' | 'go', string[]> = {
  python: ['if_statement', 'elif_clause', 'while_statement', 'conditional_expression', 'assert_statement'],
  js: ['if_statement', 'ternary_expression', 'while_statement'],
  go: ['if_statement'],
};

/** The tested expression of every condition in the file (the whole node where there is no `condition` field). */
function conditionNodes(root: Node, lang: CodeLanguage): Node[] {
  return descendantsOfType(root, CONDITIONS[family(lang)]).map((n) => n.childForFieldName('condition') ?? n);
}

const ELICIT_METHODS = new Set(['elicit', 'elicitInput', 'elicit_input', 'RequestElicitation', 'requestElicitation', 'Elicit']);

function isElicitation(call: CallSite, lang: CodeLanguage): boolean {
  if (ELICIT_METHODS.has(lastSegment(callName(call)))) return true;
  const first = call.args[0];
  if (!first) return false;
  // `extra.sendRequest({ method: "elicitation/create", ... })` and other hand-built requests.
  const obj = first.type === 'object' ? objectProperties(first, lang).get('method') : first;
  return obj !== undefined && isStringNode(obj, lang) && decodeString(obj, lang)?.value === 'elicitation/create';
}

// ---------------------------------------------------------------------------------------------------------------
// Destructive tool names

const DESTRUCTIVE_VERBS = new Set(['delete', 'remove', 'rm', 'drop', 'wipe', 'purge', 'destroy', 'kill', 'erase', 'truncate', 'terminate', 'uninstall', 'revoke', 'shred', 'unlink', 'rmdir', 'overwrite', 'transfer', 'reset', 'nuke', 'clear']);

/** The destructive verb a tool name leads or ends with (`delete_file`, `deleteFile`, `files.delete`), if any. */
export function destructiveVerb(toolName: string): string | undefined {
  const words = toolName
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  if (!words.length) return undefined;
  // `wire_transfer_funds`: a qualifier may precede the verb.
  for (const w of [words[0]!, words[1] ?? '', words[words.length - 1]!]) if (DESTRUCTIVE_VERBS.has(w)) return w;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Text a tool handler returns

export interface OutputText {
  /** The literal (or the expression that resolved to a constant) the text comes from. */
  node: Node;
  /** Decoded value; interpolated parts read `{…}`. */
  value: string;
  scope: HandlerScope;
}

const OUTPUT_NODES: Record<'python' | 'js' | 'go', string[]> = {
  python: ['return_statement'],
  js: ['return_statement', 'arrow_function', 'pair'],
  go: ['return_statement', 'composite_literal'],
};
/** Constructors whose text argument is tool output. */
const OUTPUT_CALLS = /(?:^|\.)(?:TextContent|NewToolResultText|NewTextContent|NewToolResultError|NewToolResultErrorf|ToolResult)$/;
/** Where an identifier stands for a value (not a keyword name, attribute or callee), so resolving it is meaningful. */
const VALUE_PARENTS = new Set([
  'argument_list', 'arguments', 'return_statement', 'expression_list', 'list', 'array', 'tuple', 'binary_operator', 'binary_expression',
  'keyed_element', 'literal_element', 'literal_value', 'parenthesized_expression', 'template_substitution', 'interpolation',
]);

/** Calls whose string arguments are patterns or characters to remove, not text that is returned. */
const SANITISERS = new Set([
  'sub', 'subn', 'replace', 'replaceAll', 'compile', 'match', 'search', 'fullmatch', 'findall', 'split', 'strip', 'lstrip', 'rstrip',
  'removeprefix', 'removesuffix', 'translate', 'maketrans', 'ReplaceAllString', 'MustCompile', 'Compile', 'Replace', 'ReplaceAll',
  'Trim', 'TrimLeft', 'TrimRight', 'TrimPrefix', 'TrimSuffix', 'NewReplacer', 'RegExp',
]);

function isSanitiserArgument(n: Node): boolean {
  const list = n.parent;
  if (!list || (list.type !== 'argument_list' && list.type !== 'arguments')) return false;
  const call = list.parent;
  const fn = call?.childForFieldName('function') ?? call?.childForFieldName('constructor');
  return fn !== null && fn !== undefined && SANITISERS.has(lastSegment(fn.text));
}

/** Literal text that leaves tool handlers as their result: returned values, result constructors, `{ type: "text", text }`. */
export function toolOutputTexts(ctx: FileContext): OutputText[] {
  const scopes = handlerScopes(ctx.inventory).filter((s) => s.kind === 'tool');
  const lang = ctx.codeLanguage;
  if (!scopes.length || !lang || !ctx.tree) return [];
  const fam = family(lang);
  const assignments = ctx.assignments();
  const outputs: { expr: Node; scope: HandlerScope }[] = [];
  const add = (expr: Node | null | undefined, at: Node) => {
    if (!expr) return;
    const scope = enclosingHandler(scopes, at);
    if (scope) outputs.push({ expr, scope });
  };
  for (const n of descendantsOfType(ctx.tree.rootNode, OUTPUT_NODES[fam])) {
    switch (n.type) {
      case 'return_statement':
        for (const c of n.namedChildren) if (c && c.type !== 'comment') add(c, n);
        break;
      case 'arrow_function': {
        // An expression-bodied handler (`async () => ({ content: [...] })`) returns its body.
        const body = n.childForFieldName('body');
        if (body && body.type !== 'statement_block' && scopes.some((s) => startsAt(s, n))) add(body, n);
        break;
      }
      case 'pair':
        if (n.childForFieldName('key')?.text === 'text' && isTextContentObject(n.parent, lang, assignments)) add(n.childForFieldName('value'), n);
        break;
      case 'composite_literal':
        if (/(?:^|\.)TextContent$/.test(n.childForFieldName('type')?.text ?? '')) add(n.childForFieldName('body'), n);
        break;
    }
  }
  for (const call of ctx.calls()) {
    if (OUTPUT_CALLS.test(callName(call))) {
      for (const a of call.args) add(a, call.node);
      add(call.kwargs.get('text'), call.node);
    }
  }
  // The same text can be reached twice (a `text:` pair inside a returned object). Candidates are syntax nodes, so
  // they nest or are disjoint: sorted by start (outermost first), one sweep keeps each outermost text once.
  const all = outputs.flatMap(({ expr, scope }) => textsIn(expr, lang, assignments).map((t) => ({ ...t, scope })));
  all.sort((a, b) => a.node.startIndex - b.node.startIndex || b.node.endIndex - a.node.endIndex);
  const out: OutputText[] = [];
  let coveredTo = -1;
  for (const t of all) {
    if (t.node.startIndex < coveredTo) continue;
    out.push(t);
    coveredTo = t.node.endIndex;
  }
  return out;
}

function startsAt(scope: HandlerScope, n: Node): boolean {
  const loc = scope.handler.location;
  return loc.startLine === n.startPosition.row + 1 && loc.startColumn === n.startPosition.column + 1;
}

function isTextContentObject(obj: Node | null, lang: CodeLanguage, assignments: Assignments): boolean {
  const type = objectProperties(obj, lang).get('type');
  return type !== undefined && staticString(type, lang, assignments)?.value === 'text';
}

/** Strings an output expression is built from: the expression itself when it resolves, else its literals and constants. */
function textsIn(expr: Node, lang: CodeLanguage, assignments: Assignments): { node: Node; value: string }[] {
  const whole = staticString(expr, lang, assignments);
  if (whole) return [{ node: expr, value: whole.value }];
  const out: { node: Node; value: string }[] = [];
  const stringTypes = lang === 'python' ? ['string', 'concatenated_string'] : lang === 'go' ? ['interpreted_string_literal', 'raw_string_literal'] : ['string', 'template_string'];
  let lastEnd = -1;
  for (const n of descendantsOfType(expr, [...stringTypes, 'identifier'])) {
    // Strings nested in an earlier string (a template inside a substitution) were read with it.
    if (n.startIndex < lastEnd) continue;
    if (n.type === 'identifier') {
      const p = n.parent;
      const isValue = p && (VALUE_PARENTS.has(p.type) || ((p.type === 'keyword_argument' || p.type === 'pair') && p.childForFieldName('value')?.id === n.id));
      if (!isValue) continue;
      const s = staticString(n, lang, assignments);
      if (s) out.push({ node: n, value: s.value });
      continue;
    }
    if (n.type === 'string' && n.parent?.type === 'concatenated_string') continue;
    if (isSanitiserArgument(n)) continue;
    const d = decodeString(n, lang);
    if (!d) continue;
    out.push({ node: n, value: d.value });
    lastEnd = n.endIndex;
  }
  return out;
}
