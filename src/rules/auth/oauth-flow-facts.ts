// Shared facts for the OAuth-flow and session rules (MV5006–MV5014): what names hold, where random values come from, cookies and /authorize handlers.
import type { Node, Tree } from 'web-tree-sitter';
import { calleeMemberOf, calleePartsOf, calleeTypeOf, compositeFields, objectProperties, type CallSite } from '../../parse/call-sites.js';
import { calleeName, NOT_A_NAME } from '../../parse/imports.js';
import { decodeString } from '../../parse/string-literal.js';
import { staticString } from '../../parse/static-value.js';
import { NodeIndex, sourceOf } from '../../parse/node-index.js';
import { descendantsOfType } from '../../parse/walk.js';
import type { FileContext } from '../../rule/rule.js';

export type Family = 'python' | 'js' | 'go';

export function familyOf(ctx: FileContext): Family {
  const l = ctx.codeLanguage;
  return l === 'python' ? 'python' : l === 'go' ? 'go' : 'js';
}

const CALL_TYPES: Record<Family, string[]> = { python: ['call'], js: ['call_expression', 'new_expression'], go: ['call_expression'] };
const FUNCTION_TYPES: Record<Family, ReadonlySet<string>> = {
  python: new Set(['function_definition', 'lambda']),
  js: new Set(['function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function', 'function']),
  go: new Set(['function_declaration', 'method_declaration', 'func_literal']),
};

// ---------------------------------------------------------------------------------------------------------------
// Names

/** `getSessionID` → get session id; `oauth_state` → oauth state; `__Host-mcp-consent` → host mcp consent. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** What a value assigned to a name is for, as far as the randomness rules care. Session ids win over state, state over secrets. */
export type TargetKind = 'session-id' | 'oauth-state' | 'secret';

const SESSION_FOLLOWERS = new Set(['id', 'ids', 'token', 'key']);
const OAUTHISH = new Set(['oauth', 'auth', 'csrf', 'xsrf', 'login', 'authorize', 'authorization', 'pkce', 'oidc']);
const STATE_COMPANIONS = new Set(['state', 'param', 'value', 'token', 'string', 'str', 'new', 'generated', 'gen', 'random', 'rand']);
const SECRET_WORDS = new Set(['token', 'secret', 'password', 'passwd', 'passphrase', 'nonce', 'otp', 'totp', 'salt', 'pepper', 'csrf', 'xsrf', 'apikey', 'verifier']);
const KEY_QUALIFIERS = new Set(['api', 'secret', 'signing', 'sign', 'encryption', 'encrypt', 'private', 'access', 'hmac', 'jwt', 'master', 'aes', 'crypto', 'auth', 'client', 'license', 'invite', 'reset', 'activation', 'webhook', 'recovery', 'cookie']);
const CODE_QUALIFIERS = new Set(['verification', 'verify', 'reset', 'auth', 'authorization', 'otp', 'invite', 'invitation', 'confirmation', 'confirm', 'recovery', 'activation', 'login', 'device', 'user', 'mfa', 'sms', 'email', 'pairing', 'backup']);
/** Words that make a name describe a secret instead of holding one (`token_length`, `password_hint`). */
const DESCRIPTORS = new Set([
  'length', 'len', 'size', 'count', 'type', 'types', 'name', 'names', 'id', 'ids', 'index', 'idx', 'url', 'uri', 'path', 'file', 'filename', 'header', 'headers',
  'prefix', 'suffix', 'field', 'param', 'params', 'ttl', 'expiry', 'expires', 'exp', 'expiration', 'timeout', 'age', 'delay', 'interval', 'rounds',
  'format', 'pattern', 'regex', 'label', 'env', 'var', 'hint', 'policy', 'limit', 'max', 'min', 'version', 'endpoint', 'alphabet', 'chars', 'charset',
  'characters', 'strength', 'lifetime', 'cost', 'bits', 'position', 'pos', 'offset', 'color', 'style', 'placeholder', 'column', 'col', 'query', 'mode', 'method',
]);
/** Leading words of names that test, read or store a value rather than hold a new one (`isSessionId`, `load_token`). */
const PREDICATE_LEADS = new Set([
  'is', 'has', 'should', 'can', 'valid', 'validate', 'verify', 'check', 'parse', 'extract', 'normalize', 'format', 'ensure', 'assert',
  'lookup', 'find', 'load', 'read', 'store', 'save', 'delete', 'remove', 'clear', 'set', 'mask', 'redact', 'hash', 'compare', 'print', 'log',
]);
const LEADING_NON_SECRET = new Set(['max', 'min', 'num', 'n', 'count', 'total', 'is', 'has', 'use', 'enable', 'enabled', 'show', 'random']);

/**
 * Classifies a name. `oauthFile` says whether the file is about an OAuth flow: only then does a bare `state` count as
 * the OAuth state parameter (elsewhere it is usually UI or game state).
 */
export function targetKind(name: string, oauthFile: boolean): TargetKind | undefined {
  // The same names recur in every file and three rules ask about each: remember the answers (a pure function).
  const memo = oauthFile ? kindMemoOauth : kindMemo;
  const known = memo.get(name);
  if (known !== undefined) return known ?? undefined;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const kind = classifyName(name, oauthFile);
  memo.set(name, kind ?? null);
  return kind;
}

const MEMO_LIMIT = 50_000;
const kindMemo = new Map<string, TargetKind | null>();
const kindMemoOauth = new Map<string, TargetKind | null>();

function classifyName(name: string, oauthFile: boolean): TargetKind | undefined {
  const w = nameWords(name);
  if (!w.length || PREDICATE_LEADS.has(w[0]!)) return undefined;
  if (isSessionIdWords(w)) return 'session-id';
  const si = w.lastIndexOf('state');
  if (si >= 0 && !w.slice(si + 1).some((x) => DESCRIPTORS.has(x))) {
    if (w.some((x) => OAUTHISH.has(x))) return 'oauth-state';
    if (oauthFile && w.every((x) => STATE_COMPANIONS.has(x) || x === 'oauth')) return 'oauth-state';
  }
  if (LEADING_NON_SECRET.has(w[0]!)) return undefined;
  let last = -1;
  w.forEach((x, i) => {
    const prev = w[i - 1];
    if (SECRET_WORDS.has(x) || (x === 'key' && prev !== undefined && KEY_QUALIFIERS.has(prev)) || (x === 'code' && prev !== undefined && CODE_QUALIFIERS.has(prev))) last = i;
  });
  if (last < 0) return undefined;
  // `sessionSecret` is a secret, `session_token` a session id (handled above).
  return w.slice(last + 1).some((x) => DESCRIPTORS.has(x)) ? undefined : 'secret';
}

function isSessionIdWords(w: string[]): boolean {
  if (w.some((x) => x === 'sid' || x === 'sessid' || x === 'sessionid')) return !w.some((x) => DESCRIPTORS.has(x) && x !== 'id');
  for (let i = 0; i < w.length - 1; i++) {
    if ((w[i] === 'session' || w[i] === 'sess') && SESSION_FOLLOWERS.has(w[i + 1]!)) {
      return !w.slice(i + 2).some((x) => DESCRIPTORS.has(x));
    }
  }
  return false;
}

/** True when the file is about an OAuth flow (used to give a bare `state` its OAuth meaning). */
export function isOauthFile(ctx: FileContext): boolean {
  const test = () => /oauth|authoriz|redirect_uri|redirectUri|code_challenge|codeChallenge/i.test(ctx.text);
  if (!ctx.tree) return test();
  let v = oauthFileCache.get(ctx.tree);
  if (v === undefined) {
    v = test();
    oauthFileCache.set(ctx.tree, v);
  }
  return v;
}

const oauthFileCache = new WeakMap<Tree, boolean>();

/** True for a file of an MCP server or client: it imports an MCP SDK or mentions MCP at all. */
export function isMcpContext(ctx: FileContext): boolean {
  if (ctx.inventory?.sdkImports.length) return true;
  return /mcp|model\s*context\s*protocol/i.test(ctx.text);
}

/** The name a reference ends in: `a.b.redirect_uri` → `redirect_uri`, `params["state"]` → `state`, `this.sid` → `sid`. */
export function refName(node: Node | null | undefined, fam: Family): string | undefined {
  let n = node ?? undefined;
  for (let i = 0; n && i < 8; i++) {
    switch (n.type) {
      case 'identifier':
      case 'property_identifier':
      case 'field_identifier':
      case 'shorthand_property_identifier':
      case 'private_property_identifier':
        return n.text.replace(/^#/, '');
      case 'attribute':
        return n.childForFieldName('attribute')?.text;
      case 'member_expression':
        return n.childForFieldName('property')?.text.replace(/^#/, '');
      case 'selector_expression':
        return n.childForFieldName('field')?.text;
      case 'subscript':
      case 'subscript_expression':
      case 'index_expression': {
        const key = fam === 'python' ? n.childForFieldName('subscript') : n.childForFieldName('index');
        const s = key ? decodeString(key, langOf(fam)) : undefined;
        if (s) return s.complete ? s.value : undefined;
        // `password[i] = …` writes into `password`.
        n = (fam === 'python' ? n.childForFieldName('value') : n.childForFieldName(fam === 'go' ? 'operand' : 'object')) ?? undefined;
        break;
      }
      case 'parenthesized_expression':
      case 'non_null_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'await':
      case 'await_expression':
        n = n.namedChildren[0] ?? undefined;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}

export function langOf(fam: Family): 'python' | 'typescript' | 'go' {
  return fam === 'python' ? 'python' : fam === 'go' ? 'go' : 'typescript';
}

/** The static string a key or value node stands for (literals and names assigned once). */
export function staticText(node: Node | null | undefined, ctx: FileContext): string | undefined {
  if (!node) return undefined;
  const s = staticString(unwrapElement(node), ctx.codeLanguage!, ctx.assignments());
  return s?.complete ? s.value : undefined;
}

/** Go wraps keys and values of composite literals in `literal_element`. */
export function unwrapElement(node: Node): Node {
  return node.type === 'literal_element' ? node.namedChildren[0] ?? node : node;
}

// ---------------------------------------------------------------------------------------------------------------
// Named values: every place a value is given a name — assignments, keyword arguments, dictionary/object keys,
// struct fields, `params.set("k", v)` calls and the return values of named functions.

export interface NamedValue {
  name: string;
  /** Where a finding about this value is reported. */
  at: Node;
  value: Node;
  kind: 'assign' | 'key' | 'kwarg' | 'call-arg' | 'return';
  /** The dictionary, object, composite literal or call the key belongs to. */
  container?: Node;
  /** For `return`: the function whose result this is. */
  fn?: Node;
}

/** What the functions of a file look like: found once per file, for the questions asked about a function. */
interface FunctionFacts {
  /** Every function (and lambda) in document order. */
  functions: Node[];
  /** Node types of `functions`, index for index. */
  types: string[];
  /** End offsets of `functions`, index for index (an end is a question to the tree; a start is not). */
  ends: number[];
  /** Return statements by the id of the function they return from. */
  returns: Map<number, Node[]>;
  /** `n++`, `n += 1` and the like by the id of their innermost function. */
  bumps: Map<number, Node[]>;
  /** Function names, including the variable or key an anonymous function is assigned to. */
  fnNames: Map<number, string>;
  /** Calls by the id of the innermost named function around them (anonymous callbacks count as their parent). */
  calls?: Map<number, Node[]>;
}

const functionsCache = new WeakMap<Tree, FunctionFacts>();

function functionFacts(ctx: FileContext): FunctionFacts {
  const tree = ctx.tree!;
  let facts = functionsCache.get(tree);
  if (!facts) {
    facts = collectFunctions(ctx);
    functionsCache.set(tree, facts);
  }
  return facts;
}

const BUMP_TYPES: Record<Family, ReadonlySet<string>> = {
  python: new Set(['augmented_assignment']),
  js: new Set(['update_expression', 'augmented_assignment_expression']),
  go: new Set(['inc_statement']),
};

/** The node types the function facts are read from, per family. */
const STRUCTURE_TYPES: Record<Family, readonly string[]> = {
  python: [...FUNCTION_TYPES.python, 'return_statement', ...BUMP_TYPES.python],
  js: [...FUNCTION_TYPES.js, 'return_statement', ...BUMP_TYPES.js],
  go: [...FUNCTION_TYPES.go, 'return_statement', ...BUMP_TYPES.go],
};

/**
 * Functions, and which function each return and increment belongs to, so that later questions about a function never
 * re-walk its subtree. The nodes come from the tree's node index (one pass in wasm shared with every other rule) in
 * document order with their types; the functions around a node are kept in a stack cut by position. A return or an
 * increment has a width, so it lies inside a function exactly when it starts inside it.
 */
function collectFunctions(ctx: FileContext): FunctionFacts {
  const fam = familyOf(ctx);
  const lang = ctx.codeLanguage!;
  const source = sourceOf(ctx.tree!)?.clean ? ctx.text : undefined;
  const functions: Node[] = [];
  const fnTypesOut: string[] = [];
  const ends: number[] = [];
  const returns = new Map<number, Node[]>();
  const bumps = new Map<number, Node[]>();
  const fnNames = new Map<number, string>();
  const fnTypes = FUNCTION_TYPES[fam];
  const bumpTypes = BUMP_TYPES[fam];
  const { nodes, types } = NodeIndex.of(ctx.tree!, lang).typed(STRUCTURE_TYPES[fam]);
  const open: Node[] = [];
  const openEnds: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const type = types[i]!;
    const start = n.startIndex;
    while (open.length && !(start >= open[open.length - 1]!.startIndex && start < openEnds[openEnds.length - 1]!)) {
      open.pop();
      openEnds.pop();
    }
    const fn = open[open.length - 1];
    if (type === 'return_statement') {
      if (fn) add(returns, fn.id, n);
    } else if (bumpTypes.has(type)) {
      if (fn) add(bumps, fn.id, n);
    } else if (fnTypes.has(type)) {
      const end = n.endIndex;
      functions.push(n);
      fnTypesOut.push(type);
      ends.push(end);
      open.push(n);
      openEnds.push(end);
      const name = ownName(n, type, fam, source) ?? assignedName(n, type);
      if (name) fnNames.set(n.id, name);
    }
  }
  return { functions, types: fnTypesOut, ends, returns, bumps, fnNames };
}

function add(map: Map<number, Node[]>, key: number, n: Node): void {
  const list = map.get(key);
  if (list) list.push(n);
  else map.set(key, [n]);
}

/** Function types without a `name` field (the `function` and `lambda` keywords share their type names with them). */
const NAMELESS = new Set(['lambda', 'arrow_function', 'func_literal', 'function']);

/** How function headers show their names in the source, per family and type (`def f(`, `async function f(`, `func (r T) F(`). */
const PY_DEF = /(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*[([]/y;
const JS_FUNCTION = /(?:async[ \t]+)?function[ \t]*\*?[ \t]*([A-Za-z_$][\w$]*)?[ \t]*[(<]/y;
const JS_METHOD = /(?:(?:static|async|get|set|override|public|private|protected|readonly|abstract|accessor|declare)[ \t]+)*\*?[ \t]*([A-Za-z_$][\w$]*)[ \t]*[(<]/y;
const GO_FUNC = /func[ \t]+([A-Za-z_]\w*)[ \t]*[([]/y;
const GO_METHOD = /func[ \t]*\([^()\n]*\)[ \t]*([A-Za-z_]\w*)[ \t]*[([]/y;

/**
 * The function's own name (its `name` field), read from the source of a clean tree where the header is written
 * plainly; asked of the tree otherwise. Undefined when it has none.
 */
function ownName(fn: Node, type: string, fam: Family, source: string | undefined): string | undefined {
  if (NAMELESS.has(type)) return undefined;
  if (source !== undefined) {
    const re =
      fam === 'python' ? PY_DEF : fam === 'go' ? (type === 'method_declaration' ? GO_METHOD : GO_FUNC) : type === 'method_definition' ? JS_METHOD : JS_FUNCTION;
    re.lastIndex = fn.startIndex;
    const m = re.exec(source);
    // `function (…)` has no name; `JS_FUNCTION` says so by matching without one.
    if (m) return m[1];
  }
  return fn.childForFieldName('name')?.text;
}

/** The variable or key an anonymous function is assigned to (`const f = () => …`, `{ f: function () {} }`). */
function assignedName(fn: Node, type: string): string | undefined {
  // The keywords are leaves inside their function, which holds the name if any.
  if (type === 'function') return undefined;
  const parent = fn.parent;
  const ptype = parent?.type;
  if (ptype === 'variable_declarator') return parent!.childForFieldName('name')?.text;
  if (ptype === 'pair') return parent!.childForFieldName('key')?.text;
  return undefined;
}

/** Calls (of `ctx.calls()`) by the id of the innermost named function around them. */
function callsByNamedFunction(ctx: FileContext): Map<number, Node[]> {
  const facts = functionFacts(ctx);
  if (facts.calls) return facts.calls;
  const out = new Map<number, Node[]>();
  const { functions, ends, fnNames } = facts;
  const open: number[] = [];
  let f = 0;
  for (const call of ctx.calls()) {
    const start = call.node.startIndex;
    // A function starting where the call does is inside it (`function () {}.bind(x)`), so it is not entered yet.
    for (; f < functions.length && functions[f]!.startIndex < start; f++) {
      if (!fnNames.has(functions[f]!.id)) continue;
      while (open.length && !(functions[f]!.startIndex < ends[open[open.length - 1]!]!)) open.pop();
      open.push(f);
    }
    while (open.length && !(start < ends[open[open.length - 1]!]!)) open.pop();
    const inner = open[open.length - 1];
    if (inner !== undefined) add(out, functions[inner]!.id, call.node);
  }
  facts.calls = out;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Named values, read lazily: a node that names a value is first looked at in the source, which shows the name of most
// (`x = …`, `key: …`, `def f(`); its value is asked of the tree only for names a rule is looking for.

const NAMED_TYPES: Record<Family, readonly string[]> = {
  python: ['assignment', 'keyword_argument', 'pair', 'function_definition'],
  js: ['variable_declarator', 'assignment_expression', 'pair', 'shorthand_property_identifier', 'public_field_definition', 'field_definition', 'method_definition', 'function_declaration', 'call_expression'],
  go: ['short_var_declaration', 'assignment_statement', 'var_spec', 'const_spec', 'keyed_element', 'function_declaration', 'method_declaration', 'call_expression'],
};

const SETTER_METHODS = new Set(['set', 'append', 'Set', 'Add', 'SetAuthURLParam']);
const SETTER_WORDS = /\b(?:set|append|Set|Add|SetAuthURLParam)\b/g;

function wordPositions(text: string, re: RegExp): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** A name only the tree can tell (or several names). */
const FROM_TREE = Symbol('from tree');

interface NamingNode {
  node: Node;
  type: string;
  /** The one name the node gives, read from the source; undefined when it gives none. */
  name: string | undefined | typeof FROM_TREE;
  /** What it gives, once read from the tree: named values, and functions whose return values are named. */
  read?: { values: NamedValue[]; fns: { name: string; fn: Node }[] };
}

const namingCache = new WeakMap<Tree, NamingNode[]>();

function namingNodes(ctx: FileContext): NamingNode[] {
  const tree = ctx.tree!;
  let out = namingCache.get(tree);
  if (out) return out;
  const fam = familyOf(ctx);
  const source = sourceOf(tree)?.clean ? ctx.text : undefined;
  const { nodes, types } = NodeIndex.of(tree, ctx.codeLanguage!).typed(NAMED_TYPES[fam]);
  out = new Array<NamingNode>(nodes.length);
  let setters: number[] | undefined;
  let s = 0;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const type = types[i]!;
    let name: NamingNode['name'] = FROM_TREE;
    if (source !== undefined) {
      if (type !== 'call_expression' || nodes[i + 1]?.startIndex !== node.startIndex) name = nameFromSource(source, node.startIndex, type, fam);
      else {
        // An outer call starting where an inner one does (`a.b(x).set(k, v)`) is not what its start shows; it can
        // only be a setter call when a setter's name occurs inside it.
        setters ??= wordPositions(source, SETTER_WORDS);
        while (s < setters.length && setters[s]! < node.startIndex) s++;
        if (s === setters.length || setters[s]! >= node.endIndex) name = undefined;
      }
    }
    out[i] = { node, type, name };
  }
  namingCache.set(tree, out);
  return out;
}

const PY_TARGET = /([A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*)[ \t]*(?:=(?!=)|:)/y;
const PY_KWARG = /([A-Za-z_]\w*)[ \t]*=/y;
const JS_TARGET = /([A-Za-z_$][\w$]*(?:[ \t\r\n]*\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)[ \t\r\n]*=(?![=>])/y;
const GO_TARGET = /([A-Za-z_]\w*(?:[ \t]*\.[ \t]*[A-Za-z_]\w*)*)[ \t]*(?::=|(?:<<|>>|&\^|[-+*/%&|^])?=(?!=))/y;
/** A whole name: not continued by more name characters, an escape, non-ASCII or (for string prefixes) a quote. */
const WORD = /([A-Za-z_$][\w$]*)(?![\w$"'`\\]|[^\x00-\x7f])/y;
/** A quoted key without escapes, interpolation or prefix, directly followed by its colon. */
const QUOTED_KEY = /(["'])([^"'`\\\n{}\x80-\uffff]*)\1(?=\s*:)/y;
const CHAIN_CALL = /([A-Za-z_$][\w$]*(?:[ \t\r\n]*\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)[ \t\r\n]*\(/y;

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

function lastPart(chain: string): string {
  const dot = chain.lastIndexOf('.');
  return dot < 0 ? chain : chain.slice(dot + 1).trim();
}

/** The name a node gives as its source shows it (see `collectNamed`), or FROM_TREE when the source is not plain. */
function nameFromSource(text: string, at: number, type: string, fam: Family): string | undefined | typeof FROM_TREE {
  const name = (m: RegExpExecArray | null, single = true): string | undefined | typeof FROM_TREE => {
    if (!m) return FROM_TREE;
    const chain = m[1]!;
    // `undefined`, `None` and the like parse as node types of their own; a dotted target names its last part.
    if (single && !chain.includes('.') && NOT_A_NAME.has(chain)) return FROM_TREE;
    return lastPart(chain) || undefined;
  };
  switch (type) {
    case 'assignment':
      return name(sticky(PY_TARGET, text, at));
    case 'keyword_argument':
      return name(sticky(PY_KWARG, text, at));
    case 'assignment_expression':
      return name(sticky(JS_TARGET, text, at));
    case 'short_var_declaration':
    case 'assignment_statement':
      return name(sticky(GO_TARGET, text, at));
    case 'shorthand_property_identifier':
      return name(sticky(WORD, text, at));
    case 'variable_declarator': {
      const c = text.charCodeAt(at);
      // An object or array pattern names nothing.
      if (c === 123 || c === 91) return undefined;
      return name(sticky(WORD, text, at));
    }
    case 'pair': {
      const q = sticky(QUOTED_KEY, text, at);
      if (q) return q[2] || undefined;
      const w = sticky(WORD, text, at);
      if (!w) return FROM_TREE;
      // A Python key starting with a name is an expression, not a string: it names nothing.
      return fam === 'python' ? undefined : name(w);
    }
    case 'function_definition':
    case 'function_declaration':
    case 'method_definition':
    case 'method_declaration': {
      const re = fam === 'python' ? PY_DEF : fam === 'go' ? (type === 'method_declaration' ? GO_METHOD : GO_FUNC) : type === 'method_definition' ? JS_METHOD : JS_FUNCTION;
      const m = sticky(re, text, at);
      // mcp-go's session id generator is named by its receiver, which only the tree gives.
      if (!m?.[1] || m[1] === 'Generate') return FROM_TREE;
      return m[1];
    }
    case 'call_expression': {
      const m = sticky(CHAIN_CALL, text, at);
      if (!m) return FROM_TREE;
      const chain = m[1]!;
      const dot = chain.indexOf('.');
      // A plain call names nothing; a setter call names its first argument, which only the tree gives.
      if (dot < 0) return undefined;
      if (NOT_A_NAME.has(chain.slice(0, dot).trim())) return FROM_TREE;
      return SETTER_METHODS.has(lastPart(chain)) ? FROM_TREE : undefined;
    }
    default:
      return FROM_TREE;
  }
}

/** The values and named functions one naming node gives, read from the tree (once). */
function readNaming(n: NamingNode, ctx: FileContext): NonNullable<NamingNode['read']> {
  if (n.read) return n.read;
  const fam = familyOf(ctx);
  const fnTypes = FUNCTION_TYPES[fam];
  const read: NonNullable<NamingNode['read']> = { values: [], fns: [] };
  const push: Push = (name, at, value, kind, up) => {
    if (!name || !value) return;
    if (fnTypes.has(value.type)) read.fns.push({ name, fn: value });
    else read.values.push(up ? new KeyedValue(name, at, value, kind, up) : { name, at, value, kind });
  };
  const { node, type, name } = n;
  if (name === FROM_TREE) collectNamed(node, type, fam, ctx.codeLanguage!, ctx, push, read.fns);
  else if (name !== undefined) {
    switch (type) {
      case 'assignment':
      case 'assignment_expression':
        push(name, node, node.childForFieldName('right'), 'assign');
        break;
      case 'short_var_declaration':
      case 'assignment_statement':
        push(name, node, node.childForFieldName('right')?.namedChildren[0], 'assign');
        break;
      case 'keyword_argument':
        push(name, node, node.childForFieldName('value'), 'kwarg', 'grandparent');
        break;
      case 'pair':
        push(name, node, node.childForFieldName('value'), 'key', 'parent');
        break;
      case 'shorthand_property_identifier':
        push(name, node, node, 'key', 'parent');
        break;
      case 'variable_declarator':
        push(name, node, node.childForFieldName('value'), 'assign');
        break;
      default:
        // Function headers: the function's return values carry its name.
        read.fns.push({ name, fn: node });
    }
  }
  n.read = read;
  return read;
}

/**
 * Every place a value is given a name — assignments, keyword arguments, dictionary/object keys, struct fields,
 * `params.set("k", v)` calls — in document order, then the return values of named functions. With `keep`, only the
 * values whose name it accepts (the same values in the same order as filtering the whole list), and only those are
 * read from the tree.
 */
export function namedValues(ctx: FileContext, keep?: (name: string) => boolean): NamedValue[] {
  const values: NamedValue[] = [];
  const fns: { name: string; fn: Node }[] = [];
  for (const n of namingNodes(ctx)) {
    if (n.name === undefined || (keep && n.name !== FROM_TREE && !keep(n.name))) continue;
    const read = readNaming(n, ctx);
    for (const v of read.values) if (!keep || keep(v.name)) values.push(v);
    for (const f of read.fns) if (!keep || keep(f.name)) fns.push(f);
  }
  if (fns.length) {
    const { returns } = functionFacts(ctx);
    for (const { name, fn } of fns) for (const r of returnsOf(fn, returns)) values.push({ name, at: r.at, value: r.value, kind: 'return', fn });
  }
  return values;
}

/** Where the container of a key or argument is, from the node it was found at. */
type Up = 'self' | 'parent' | 'grandparent';

/**
 * A named value inside a container (a dictionary, object, composite literal or call). The container is asked of the
 * tree only when a rule reads it: `.parent` descends from the root in tree-sitter, and few values are ever asked.
 */
class KeyedValue implements NamedValue {
  private up?: Up;
  private found?: Node;

  constructor(
    readonly name: string,
    readonly at: Node,
    readonly value: Node,
    readonly kind: NamedValue['kind'],
    up: Up,
  ) {
    this.up = up;
  }

  get container(): Node | undefined {
    if (this.up) {
      const p = this.up === 'self' ? this.at : this.at.parent;
      this.found = (this.up === 'grandparent' ? p?.parent : p) ?? undefined;
      this.up = undefined;
    }
    return this.found;
  }
}

type Push = (name: string | undefined, at: Node, value: Node | null | undefined, kind: NamedValue['kind'], up?: Up) => void;

function collectNamed(
  n: Node,
  type: string,
  fam: Family,
  lang: FileContext['codeLanguage'] & string,
  ctx: FileContext,
  push: Push,
  pendingFns: { name: string; fn: Node }[],
): void {
  switch (type) {
    case 'assignment':
      push(refName(n.childForFieldName('left'), fam), n, n.childForFieldName('right'), 'assign');
      break;
    case 'keyword_argument':
      push(n.childForFieldName('name')?.text, n, n.childForFieldName('value'), 'kwarg', 'grandparent');
      break;
    case 'pair': {
      const key = n.childForFieldName('key');
      if (!key) break;
      const k = key.type === 'property_identifier' || (key.type === 'identifier' && fam === 'js') ? key.text : decodeString(key, lang)?.value;
      push(k, n, n.childForFieldName('value'), 'key', 'parent');
      break;
    }
    case 'shorthand_property_identifier':
      push(n.text, n, n, 'key', 'parent');
      break;
    case 'variable_declarator': {
      const name = n.childForFieldName('name');
      push(name?.type === 'identifier' ? name.text : undefined, n, n.childForFieldName('value'), 'assign');
      break;
    }
    case 'assignment_expression':
      push(refName(n.childForFieldName('left'), fam), n, n.childForFieldName('right'), 'assign');
      break;
    case 'public_field_definition':
    case 'field_definition':
      push(refName(n.childForFieldName('name') ?? n.childForFieldName('property'), fam), n, n.childForFieldName('value'), 'assign');
      break;
    case 'function_definition':
    case 'function_declaration':
    case 'method_definition':
    case 'method_declaration': {
      let name = n.childForFieldName('name')?.text;
      if (name === 'Generate' && type === 'method_declaration' && isSessionIdManager(n, ctx)) name = 'GenerateSessionID';
      if (name) pendingFns.push({ name, fn: n });
      break;
    }
    case 'short_var_declaration':
    case 'assignment_statement': {
      const left = n.childForFieldName('left')?.namedChildren ?? [];
      const right = n.childForFieldName('right')?.namedChildren ?? [];
      // `u, err := url.Parse(x)`: the first name gets the call's main result.
      if (right.length === 1 && left.length > 1) push(refName(left[0], fam), n, right[0], 'assign');
      else left.forEach((l, i) => push(refName(l, fam), n, right[i], 'assign'));
      break;
    }
    case 'var_spec':
    case 'const_spec': {
      const names = n.childrenForFieldName('name');
      const values = n.childForFieldName('value')?.namedChildren ?? [];
      names.forEach((nm, i) => push(nm?.text, n, values[i], 'assign'));
      break;
    }
    case 'keyed_element': {
      const [k, v] = n.namedChildren;
      if (!k || !v) break;
      const key = unwrapElement(k);
      const name = key.type === 'identifier' || key.type === 'field_identifier' ? key.text : decodeString(key, lang)?.value;
      const value = unwrapElement(v);
      // `url.Values{"k": {"v"}}`: the value is a list of strings.
      if (value.type === 'literal_value') for (const el of value.namedChildren) push(name, n, el ? unwrapElement(el) : null, 'key', 'parent');
      else push(name, n, value, 'key', 'parent');
      break;
    }
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const method = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : undefined;
      if (!method || !SETTER_METHODS.has(method)) break;
      const args = n.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => a !== null && a.type !== 'comment') ?? [];
      if (args.length !== 2) break;
      const key = decodeString(args[0]!, lang);
      if (key?.complete) push(key.value, n, args[1], 'call-arg', 'self');
      break;
    }
  }
}

/** mcp-go's `SessionIdManager.Generate`: the method that mints `Mcp-Session-Id` values. */
function isSessionIdManager(method: Node, ctx: FileContext): boolean {
  const recv = method.childForFieldName('receiver')?.text ?? '';
  return /session/i.test(recv) || ctx.text.includes('SessionIdManager');
}

function returnsOf(fn: Node, returns: ReadonlyMap<number, Node[]>): { at: Node; value: Node }[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  if ((fn.type === 'arrow_function' && body.type !== 'statement_block') || fn.type === 'lambda') return [{ at: body, value: body }];
  const out: { at: Node; value: Node }[] = [];
  for (const r of returns.get(fn.id) ?? []) {
    let v = r.namedChildren[0];
    if (v?.type === 'expression_list') v = v.namedChildren[0];
    if (v) out.push({ at: r, value: v });
  }
  return out;
}

/** What a function returns: its expression body or the values of its own return statements. */
export function returnedValues(fn: Node, ctx: FileContext): { at: Node; value: Node }[] {
  return returnsOf(fn, functionFacts(ctx).returns);
}

/**
 * The innermost function (or lambda) around a node, found by position among the functions of the file (functions
 * are in document order, so the innermost one around a node is the last one that starts before it and contains it).
 */
export function enclosingFunction(node: Node, ctx: FileContext): Node | undefined {
  const { functions: fns, ends } = functionFacts(ctx);
  let lo = 0;
  let hi = fns.length - 1;
  let last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fns[mid]!.startIndex <= node.startIndex) {
      last = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let end: number | undefined;
  for (let i = last; i >= 0; i--) {
    const f = fns[i]!;
    if (f.id !== node.id && f.startIndex <= node.startIndex && ends[i]! >= (end ??= node.endIndex)) return f;
  }
  return undefined;
}

/** A function's name: its own, or the variable or key it is assigned to. */
export function functionName(fn: Node, ctx: FileContext): string | undefined {
  return functionFacts(ctx).fnNames.get(fn.id) ?? fn.childForFieldName('name')?.text;
}

/** Parameter names of a function (without `self`/`cls`). */
export function parameterNames(fn: Node): string[] {
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  const out: string[] = [];
  for (const p of params.namedChildren) {
    if (!p) continue;
    const id =
      p.type === 'identifier' ? p : p.childForFieldName('pattern') ?? p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
    if (id?.type === 'identifier' && id.text !== 'self' && id.text !== 'cls') out.push(id.text);
  }
  return out;
}

/** True when `inner` lies within `outer`. */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

// ---------------------------------------------------------------------------------------------------------------
// Calls

const callIndexCache = new WeakMap<readonly CallSite[], Map<number, CallSite>>();

/** Call sites by node id, for looking up the canonical name of a call found inside an expression. */
export function callIndex(ctx: FileContext): Map<number, CallSite> {
  const calls = ctx.calls();
  let idx = callIndexCache.get(calls);
  if (!idx) {
    idx = new Map(calls.map((c) => [c.node.id, c]));
    callIndexCache.set(calls, idx);
  }
  return idx;
}

/** Calls whose node lies inside `node`, in document order (a binary search: `ctx.calls()` is in document order). */
export function callsWithin(node: Node, ctx: FileContext): CallSite[] {
  return sliceWithin(ctx.calls(), (c) => c.node, node);
}

/** Named values (whose name `keep` accepts, see `namedValues`) given inside `node`, ordered by position. */
export function namedValuesWithin(node: Node, ctx: FileContext, keep?: (name: string) => boolean): NamedValue[] {
  const byPosition = namedValues(ctx, keep).sort((a, b) => a.at.startIndex - b.at.startIndex);
  return sliceWithin(byPosition, (v) => v.at, node);
}

/** The items of `sorted` (ordered by start) whose node lies inside `outer`. */
export function sliceWithin<T>(sorted: readonly T[], nodeOf: (t: T) => Node, outer: Node): T[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodeOf(sorted[mid]!).startIndex < outer.startIndex) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < sorted.length; i++) {
    const n = nodeOf(sorted[i]!);
    if (n.startIndex >= outer.endIndex) break;
    if (n.endIndex <= outer.endIndex) out.push(sorted[i]!);
  }
  return out;
}

/** The last segment of a call's callee: `res.cookie` → `cookie`, `http.SetCookie` → `SetCookie`. */
export function methodName(call: CallSite): string | undefined {
  // Read from what the call collector already knows: the callee node is not fetched for most calls.
  if (calleeTypeOf(call) === 'identifier') return calleePartsOf(call, 'typescript')?.[0];
  return calleeMemberOf(call);
}

/** The object a method is called on: `res` in `res.cookie(...)`. */
export function receiverOf(call: CallSite): Node | undefined {
  const c = call.callee;
  if (c.type === 'attribute' || c.type === 'member_expression') return c.childForFieldName('object') ?? undefined;
  if (c.type === 'selector_expression') return c.childForFieldName('operand') ?? undefined;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Randomness

export type WeakKind = 'rng' | 'time' | 'counter' | 'uuid1' | 'deterministic' | 'short';

export interface WeakSource {
  kind: WeakKind;
  /** Human-readable source, e.g. `random.choice`, `Math.random`, `uuid.uuid1`, `secrets.token_hex(4)`. */
  what: string;
}

const PY_RNG = /^(?:random\.(?:random|randint|randrange|choice|choices|sample|shuffle|uniform|getrandbits|randbytes|triangular|gauss|betavariate)|numpy\.random\.\w+)$/;
const PY_TIME = /^(?:time\.(?:time|time_ns|monotonic|monotonic_ns|perf_counter|perf_counter_ns)|datetime\.(?:datetime\.)?(?:now|utcnow|today))$/;
const PY_STRONG = /^(?:secrets\.\w+|os\.urandom|uuid\.uuid4|random\.SystemRandom|Crypto\.Random\.\w+|nacl\.utils\.random)$/;
const PY_SIZED = /^(?:secrets\.token_(?:hex|bytes|urlsafe)|os\.urandom)$/;
const JS_TIME = new Set(['Date.now', 'performance.now', 'process.hrtime', 'process.hrtime.bigint']);
const JS_STRONG = /^(?:(?:globalThis\.|window\.|self\.)?crypto\.(?:randomUUID|randomBytes|randomInt|getRandomValues|randomFillSync|webcrypto\.getRandomValues)|uuid\.v4|nanoid\.nanoid|nanoid)$/;
const GO_STRONG = /^(?:crypto\/rand\.\w+|github\.com\/google\/uuid\.(?:New|NewString|NewRandom|Must)|github\.com\/gofrs\/uuid(?:\/v\d+)?\.NewV4)$/;

type CallClass = 'strong' | WeakSource | undefined;

const MAX_VALUE_NODES = 2000;

function classifyCall(call: CallSite, ctx: FileContext, fam: Family): CallClass {
  const name = call.name ?? '';
  if (fam === 'python') {
    if (PY_SIZED.test(name)) {
      const n = intArg(call.args[0] ?? call.kwargs.get('nbytes') ?? call.kwargs.get('n'));
      return n !== undefined && n < 16 ? { kind: 'short', what: `${name}(${n})` } : 'strong';
    }
    if (PY_STRONG.test(name)) return 'strong';
    if (PY_RNG.test(name)) return { kind: 'rng', what: name };
    if (PY_TIME.test(name)) return { kind: 'time', what: name };
    if (name === 'uuid.uuid1') return { kind: 'uuid1', what: 'uuid.uuid1' };
    if (name === 'uuid.uuid3' || name === 'uuid.uuid5') return { kind: 'deterministic', what: name };
    if (name === 'itertools.count') return { kind: 'counter', what: 'itertools.count' };
    if (name === 'next' && call.args[0]?.type === 'identifier') {
      const v = singleValue(call.args[0], ctx);
      if (v?.type === 'call' && callIndex(ctx).get(v.id)?.name === 'itertools.count') return { kind: 'counter', what: 'next(itertools.count())' };
    }
    return undefined;
  }
  if (fam === 'js') {
    if (name === 'crypto.randomBytes' || /(?:^|\.)nanoid$/.test(name)) {
      const n = intArg(call.args[0]);
      const min = name === 'crypto.randomBytes' ? 16 : 21;
      return n !== undefined && n < min ? { kind: 'short', what: `${name.replace(/^nanoid\./, '')}(${n})` } : 'strong';
    }
    if (JS_STRONG.test(name)) return 'strong';
    if (name === 'Math.random') return { kind: 'rng', what: 'Math.random' };
    if (JS_TIME.has(name) || (call.isNew && name === 'Date' && call.args.length === 0)) return { kind: 'time', what: call.isNew ? 'new Date()' : name };
    if (name === 'uuid.v1') return { kind: 'uuid1', what: 'uuid v1' };
    if (name === 'uuid.v3' || name === 'uuid.v5') return { kind: 'deterministic', what: `uuid ${name.slice(5)}` };
    return undefined;
  }
  if (GO_STRONG.test(name)) return 'strong';
  if (/^math\/rand(?:\/v2)?\./.test(name)) return { kind: 'rng', what: `math/rand ${name.slice(name.lastIndexOf('.') + 1)}` };
  if (name === 'time.Now') return { kind: 'time', what: 'time.Now' };
  if (name === 'github.com/google/uuid.NewUUID') return { kind: 'uuid1', what: 'uuid.NewUUID (version 1)' };
  if (/^github\.com\/google\/uuid\.(?:NewMD5|NewSHA1)$/.test(name)) return { kind: 'deterministic', what: name.slice(name.lastIndexOf('/') + 1) };
  if (/^sync\/atomic\.Add(?:Int|Uint)(?:32|64)$/.test(name)) return { kind: 'counter', what: name.slice(5) };
  return undefined;
}

function intArg(node: Node | undefined): number | undefined {
  if (!node || !/^(?:integer|number|int_literal)$/.test(node.type)) return undefined;
  const n = Number(node.text.replace(/_/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

/** The one value a name is assigned in the file, if it is assigned exactly once. */
export function singleValue(node: Node, ctx: FileContext): Node | undefined {
  if (node.type !== 'identifier') return undefined;
  const values = ctx.assignments().get(node.text);
  if (!values || values.length !== 1) return undefined;
  const v = values[0]!;
  if (v.id !== node.id && v.text !== node.text) return v;
  // Go `id, err := f()`: the file's assignment table cannot pair names with values; the named values can.
  if (ctx.codeLanguage !== 'go') return undefined;
  const text = node.text;
  const named = namedValues(ctx, (name) => name === text).filter((nv) => nv.kind === 'assign');
  return named.length === 1 ? named[0]!.value : undefined;
}

const helperCache = new WeakMap<Tree, Map<string, WeakSource>>();

/** File-local helper functions that produce weak values (`def rand_str(n): return "".join(random.choice(...))`). */
function weakHelpers(ctx: FileContext, fam: Family): Map<string, WeakSource> {
  const tree = ctx.tree!;
  let out = helperCache.get(tree);
  if (out) return out;
  out = new Map();
  const idx = callIndex(ctx);
  const facts = functionFacts(ctx);
  const calls = callsByNamedFunction(ctx);
  for (let i = 0; i < facts.functions.length; i++) {
    const fn = facts.functions[i]!;
    const name = facts.fnNames.get(fn.id);
    if (!name || facts.types[i] === 'lambda') continue;
    let weak: WeakSource | undefined;
    let strong = false;
    for (const c of calls.get(fn.id) ?? []) {
      const site = idx.get(c.id);
      const cls = site ? classifyCall(site, ctx, fam) : undefined;
      if (cls === 'strong') strong = true;
      else if (cls && cls.kind !== 'time' && !weak) weak = cls;
    }
    if (weak && !strong) out.set(name, weak);
  }
  helperCache.set(tree, out);
  return out;
}

/**
 * Where the randomness of an expression comes from: a weak source when it only has non-cryptographic randomness,
 * time, counters, version-1 or name-based UUIDs, or too few random bytes; undefined when it has a cryptographic
 * source or none we know of. Names assigned once are followed one step, unless they are themselves of `ownKind`
 * (their own assignment is reported instead). `fn` is the function for `return` values (for counters it bumps).
 */
export function weakSource(value: Node, ctx: FileContext, ownKind?: TargetKind, fn?: Node): WeakSource | undefined {
  // Ids and secrets are short expressions; a huge value (say, a config blob under a `token` key nested many levels
  // deep) is not one, and scanning every nested copy would cost quadratic time.
  if (value.descendantCount > MAX_VALUE_NODES) return undefined;
  const fam = familyOf(ctx);
  const oauthFile = isOauthFile(ctx);
  let weak: WeakSource | undefined;
  let strong = false;
  // Cutting a value short loses its entropy whatever produced it.
  let cut: WeakSource | undefined;
  const consider = (cls: CallClass) => {
    if (cls === 'strong') strong = true;
    else if (cls && !weak) weak = cls;
  };
  const scan = (expr: Node, follow: boolean) => {
    const idx = callIndex(ctx);
    const helpers = weakHelpers(ctx, fam);
    const types = [...CALL_TYPES[fam], 'identifier', 'update_expression', 'slice'];
    // Callee identifiers are function names, not values to follow; calls come before their callees in document order.
    const callees = new Set<number>();
    for (const n of descendantsOfType(expr, types)) {
      if (CALL_TYPES[fam].includes(n.type)) {
        const site = idx.get(n.id);
        if (!site) continue;
        callees.add(site.callee.id);
        consider(classifyCall(site, ctx, fam));
        if (site.callee.type === 'identifier' && helpers.has(site.callee.text) && targetKind(site.callee.text, oauthFile) !== ownKind) {
          const h = helpers.get(site.callee.text)!;
          consider({ kind: h.kind, what: `${site.callee.text}() (${h.what})` });
        }
        const trunc = truncation(site, fam);
        if (trunc !== undefined) cut ??= { kind: 'short', what: `a value cut to ${trunc} characters` };
      } else if (n.type === 'update_expression' && fam === 'js') {
        consider({ kind: 'counter', what: `the counter ${n.text}` });
      } else if (n.type === 'slice' && fam === 'python') {
        const m = /^\s*(?:0\s*)?:\s*(\d+)\s*$/.exec(n.text);
        if (m && Number(m[1]) > 0 && Number(m[1]) < 16) cut ??= { kind: 'short', what: `a value cut to ${m[1]} characters` };
      } else if (n.type === 'identifier' && follow && !callees.has(n.id)) {
        if (targetKind(n.text, oauthFile) === ownKind) continue;
        const v = singleValue(n, ctx);
        if (v && !within(v, expr)) scan(v, false);
      }
    }
  };
  // A generator passed by reference (`sessionIdGenerator: randomUUID`, `GetSessionID: uuid.NewString`).
  if (/^(?:identifier|attribute|member_expression|selector_expression)$/.test(value.type)) {
    const name = calleeName(value, ctx.imports(), ctx.codeLanguage!);
    if (name && name !== value.text || fam === 'js' && name === 'Math.random') {
      consider(classifyCall({ node: value, callee: value, name, args: [], kwargs: new Map(), isNew: false }, ctx, fam));
    }
  }
  scan(value, true);
  if (!weak && !strong && fn) {
    const mentions = (b: string) => new RegExp(`(?:^|[^\\w.])${b.replace(/[^\w.]/g, '').replace(/\./g, '\\.')}(?!\\w)`).test(value.text);
    const counter = counterBumpedIn(fn, ctx)?.find(mentions);
    if (counter) weak = { kind: 'counter', what: `the counter ${counter}` };
  }
  if (weak && !strong) return weak;
  return strong || weak ? cut : undefined;
}

/** `.slice(0, 8)` / `.substring(0, 8)` / `[:8]`-style truncations to fewer than 16 characters. */
function truncation(call: CallSite, fam: Family): number | undefined {
  if (fam !== 'js') return undefined;
  const m = methodName(call);
  if (m !== 'slice' && m !== 'substring' && m !== 'substr') return undefined;
  const [a, b] = call.args;
  const start = intArg(a);
  const end = intArg(b);
  if (start === undefined || end === undefined) return undefined;
  const len = m === 'substr' ? end : end - start;
  return len > 0 && len < 16 ? len : undefined;
}


/** Targets a function increments by one (`self.n += 1`, `m.n++`, `++count`), as written. */
function counterBumpedIn(fn: Node, ctx: FileContext): string[] | undefined {
  const out: string[] = [];
  // A name assigned inside the function is a local (a loop index, say), not a counter that outlives the call.
  // (Entries that are the name itself come from `n += 1` or bare declarations and say nothing about where it lives.)
  const local = (t: Node) => t.type === 'identifier' && (ctx.assignments().get(t.text) ?? []).some((v) => within(v, fn) && v.text !== t.text);
  for (const n of functionFacts(ctx).bumps.get(fn.id) ?? []) {
    let target: Node | null;
    if (n.type === 'augmented_assignment' || n.type === 'augmented_assignment_expression') {
      if (!/\+=\s*1\s*$/.test(n.text)) continue;
      target = n.childForFieldName('left');
    } else target = n.type === 'update_expression' ? n.childForFieldName('argument') : n.namedChildren[0];
    if (target && !local(target)) out.push(target.text);
  }
  return out.length ? out : undefined;
}

export function describeWeak(w: WeakSource): string {
  switch (w.kind) {
    case 'rng':
      return `${w.what}, a non-cryptographic random generator`;
    case 'time':
      return `${w.what}, the current time`;
    case 'counter':
      return `${w.what}, a counter`;
    case 'uuid1':
      return `${w.what}, a time-and-host based UUID`;
    case 'deterministic':
      return `${w.what}, a UUID derived from its input`;
    case 'short':
      return `${w.what}, too few random bytes`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Cookies

export interface CookieWrite {
  node: Node;
  /** Cookie name when static. */
  name?: string;
  /** `true`/`false` when known; `undefined` when not mentioned; `'unknown'` when it may be set by a spread or variable. */
  secure: boolean | 'unknown' | undefined;
  httpOnly: boolean | 'unknown' | undefined;
  /** Lower-cased SameSite value when given, `'unknown'` when it may be set elsewhere. */
  sameSite: string | undefined;
  /** The framework's SameSite default when the call does not say (Starlette: lax). */
  sameSiteDefault?: string;
  httpOnlyDefault?: boolean;
  /** True when the call deletes the cookie (empty value or a zero/negative max age): attributes do not matter then. */
  deletes?: boolean;
}

/** Cookies set through framework calls and `Set-Cookie` headers (Go `http.Cookie` literals are read by the cookie rule). */
export function cookieWrites(ctx: FileContext): CookieWrite[] {
  const fam = familyOf(ctx);
  const out: CookieWrite[] = [];
  const imports = [...ctx.imports().values()].map((b) => b.module);
  const starlette = imports.some((m) => /^(?:starlette|fastapi|mcp|fastmcp)(?:\.|$)/.test(m));
  const koa = imports.some((m) => m === 'koa');
  for (const call of ctx.calls()) {
    const m = methodName(call);
    if (!m) continue;
    if (fam === 'python' && m === 'set_cookie') {
      const nameNode = call.args[0] ?? call.kwargs.get('key') ?? call.kwargs.get('name');
      const splat = call.node.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'dictionary_splat') ?? false;
      const kw = (k: string, pos: number) => call.kwargs.get(k) ?? call.args[pos];
      out.push({
        node: call.node,
        name: staticText(nameNode, ctx),
        secure: pyFlag(kw('secure', 6), splat),
        httpOnly: pyFlag(kw('httponly', 7), splat),
        sameSite: pySameSite(kw('samesite', 8), splat, ctx),
        sameSiteDefault: starlette ? 'lax' : undefined,
        deletes: staticText(kw('value', 1), ctx) === '' || ['0', '-1'].includes(kw('max_age', 2)?.text ?? ''),
      });
    } else if (fam === 'js' && (m === 'cookie' || m === 'setCookie' || (m === 'set' && /cookies(?:\(\))?$/.test(receiverOf(call)?.text ?? '')) || call.name === 'cookie.serialize')) {
      const shift = m === 'setCookie' && call.callee.type === 'identifier' ? 1 : 0; // hono: setCookie(c, name, value, opts)
      let nameNode: Node | undefined = call.args[shift];
      let opts: Node | undefined = call.args[shift + 2];
      if (nameNode?.type === 'object') {
        opts = nameNode;
        nameNode = objectProperties(nameNode, ctx.codeLanguage!).get('name');
      }
      if (!nameNode || call.args.length < 2 && opts === undefined) continue;
      const o = resolveObject(opts, ctx);
      out.push({
        node: call.node,
        name: staticText(nameNode, ctx),
        secure: jsFlag(o, 'secure'),
        httpOnly: jsFlag(o, 'httpOnly'),
        sameSite: jsSameSite(o, ctx),
        httpOnlyDefault: koa && m === 'set' ? true : undefined,
        deletes: staticText(call.args[shift + 1], ctx) === '' || (o !== undefined && o !== 'unknown' && /^-?0$/.test(objectProperties(o, 'typescript').get('maxAge')?.text ?? '')),
      });
    } else if ((m === 'setHeader' || m === 'set' || m === 'append' || m === 'header' || m === 'Set' || m === 'Add') && call.args.length === 2) {
      const header = staticText(call.args[0], ctx);
      if (header?.toLowerCase() !== 'set-cookie') continue;
      const w = headerCookie(call.args[1]!, call.node, ctx);
      if (w) out.push(w);
    }
  }
  for (const nv of namedValues(ctx, (name) => name.toLowerCase() === 'set-cookie')) {
    if (nv.kind !== 'key' && nv.kind !== 'assign') continue;
    const w = headerCookie(nv.value, nv.at, ctx);
    if (w) out.push(w);
  }
  return out;
}

function pyFlag(node: Node | undefined, splat: boolean): boolean | 'unknown' | undefined {
  if (!node) return splat ? 'unknown' : undefined;
  if (node.type === 'true') return true;
  if (node.type === 'false' || node.type === 'none') return false;
  return 'unknown';
}

function pySameSite(node: Node | undefined, splat: boolean, ctx: FileContext): string | undefined {
  if (!node) return splat ? 'unknown' : undefined;
  if (node.type === 'none') return 'none';
  return staticText(node, ctx)?.toLowerCase() ?? 'unknown';
}

function resolveObject(node: Node | undefined, ctx: FileContext): Node | undefined | 'unknown' {
  if (!node) return undefined;
  if (node.type === 'object') return node;
  const v = singleValue(node, ctx);
  return v?.type === 'object' ? v : 'unknown';
}

function jsFlag(o: Node | undefined | 'unknown', key: string): boolean | 'unknown' | undefined {
  if (o === 'unknown') return 'unknown';
  if (!o) return undefined;
  const v = objectProperties(o, 'typescript').get(key);
  const spread = o.namedChildren.some((c) => c?.type === 'spread_element');
  if (!v) return spread ? 'unknown' : undefined;
  if (v.type === 'true') return true;
  if (v.type === 'false') return false;
  return 'unknown';
}

function jsSameSite(o: Node | undefined | 'unknown', ctx: FileContext): string | undefined {
  if (o === 'unknown') return 'unknown';
  if (!o) return undefined;
  const v = objectProperties(o, 'typescript').get('sameSite');
  const spread = o.namedChildren.some((c) => c?.type === 'spread_element');
  if (!v) return spread ? 'unknown' : undefined;
  if (v.type === 'true') return 'strict';
  if (v.type === 'false') return 'none';
  return staticText(v, ctx)?.toLowerCase() ?? 'unknown';
}

/** A `Set-Cookie` header value (`"sid=…; Secure; HttpOnly"`), partly static at least in its name and attributes. */
function headerCookie(value: Node, at: Node, ctx: FileContext): CookieWrite | undefined {
  const s = staticString(value, ctx.codeLanguage!, ctx.assignments());
  if (!s) return undefined;
  const eq = s.value.indexOf('=');
  if (eq <= 0 || s.value.slice(0, eq).includes('{…}')) return undefined;
  const attrs = s.value.split(';').slice(1).map((a) => a.trim().toLowerCase());
  const same = attrs.find((a) => a.startsWith('samesite='));
  // Interpolations in the value are fine; one among the attributes, or at the very end, may add any attribute.
  const semi = s.value.indexOf(';');
  const tail = s.complete || (semi > 0 && !s.value.slice(semi).includes('{…}') && !s.value.endsWith('{…}')) ? undefined : 'unknown';
  return {
    node: at,
    name: s.value.slice(0, eq).trim(),
    secure: attrs.includes('secure') ? true : tail,
    httpOnly: attrs.includes('httponly') ? true : tail,
    sameSite: same ? same.slice(9) : tail,
    deletes: /^[^=]*=\s*(?:;|$)/.test(s.value) || attrs.includes('max-age=0'),
  };
}

/** Cookie names that carry a session, a login or an OAuth step. */
export function isSensitiveCookie(name: string): boolean {
  const w = nameWords(name.replace(/^__(?:Host|Secure)-/, ''));
  return w.some((x) => /sess|^sid$|consent|oauth|^state$|^auth$|csrf|xsrf|token|jwt|^login$|approv|^pkce$|verifier|^nonce$/.test(x));
}

/** Consent and OAuth-step cookies, which the MCP security guidance says must carry the `__Host-` prefix. */
export function needsHostPrefix(name: string): boolean {
  const w = nameWords(name.replace(/^__(?:Host|Secure)-/, ''));
  return w.some((x) => /consent|oauth|^state$|approv|^pkce$|verifier/.test(x));
}

// ---------------------------------------------------------------------------------------------------------------
// /authorize handlers

/**
 * Functions that serve an OAuth `/authorize` request: functions or methods whose name has the word `authorize`
 * (`authorize`, `handle_authorize`, `oauthAuthorize`), and handlers registered on a route path containing
 * `/authorize` (`@app.get("/authorize")`, `app.get("/authorize", (req, res) => …)`, `mux.HandleFunc("/authorize", h)`).
 */
export function authorizeHandlers(ctx: FileContext): Node[] {
  const fam = familyOf(ctx);
  const facts = functionFacts(ctx);
  const out = new Map<number, Node>();
  const byName = new Map<string, Node>();
  for (const fn of facts.functions) {
    const name = facts.fnNames.get(fn.id);
    if (!name) continue;
    byName.set(name, fn);
    if (nameWords(name).includes('authorize')) out.set(fn.id, fn);
  }
  for (const call of ctx.calls()) {
    const path = call.args[0] ? staticText(call.args[0], ctx) : undefined;
    if (!path || !/\/authorize\/?$/.test(path)) continue;
    if (fam === 'python' && call.node.parent?.type === 'decorator') {
      const def = call.node.parent.parent?.childForFieldName('definition');
      if (def) out.set(def.id, def);
      continue;
    }
    const last = call.args[call.args.length - 1];
    if (!last || call.args.length < 2) continue;
    if (FUNCTION_TYPES[fam].has(last.type)) out.set(last.id, last);
    else {
      const target = byName.get(refName(last, fam) ?? '');
      if (target) out.set(target.id, target);
    }
  }
  return [...out.values()];
}

/** Evidence that a handler shows a consent page or checks a store of approved clients before going upstream. */
const CONSENT_EVIDENCE = /consent|approv|HTMLResponse|TemplateResponse|render_template|\.render\(|text\/html|ExecuteTemplate/i;

/**
 * Whether the file lets OAuth clients register themselves (the other half of an MCP OAuth proxy): a `/register`
 * route, `ClientRegistrationOptions(enabled=True)`, a `register_client`/`registerClient` that is not a stub, or a
 * `registrationUrl`.
 */
export function dynamicRegistration(ctx: FileContext): boolean {
  const fam = familyOf(ctx);
  const calls = ctx.calls();
  const registerRoute = calls.some((c) => c.args[0] !== undefined && /\/register\/?$/.test(staticText(c.args[0], ctx) ?? ''));
  if (registerRoute) return true;
  const registers = functionFacts(ctx).functions.some((fn) => {
    const n = functionName(fn, ctx);
    return (n === 'register_client' || n === 'registerClient') && !/NotImplementedError|not supported|not implemented/i.test(codeText(fn));
  });
  if (fam === 'python') {
    const options = calls.filter((c) => (c.name ?? '').endsWith('ClientRegistrationOptions'));
    if (options.length) return options.some((c) => c.kwargs.get('enabled')?.type === 'true');
    // With AuthSettings in the same file and no registration options, the SDK does not mount /register.
    if (calls.some((c) => (c.name ?? '').endsWith('AuthSettings'))) return false;
    return registers;
  }
  return registers || /\bregistrationUrl\b/.test(ctx.text) || namedValues(ctx, (name) => name === 'registerClient').length > 0;
}

/** Calls in `fn` that send the browser elsewhere: `res.redirect`, `RedirectResponse`, `http.Redirect`, `redirect()`. */
export function redirectsIn(fn: Node, ctx: FileContext): CallSite[] {
  return callsWithin(fn, ctx).filter((c) => {
    const m = methodName(c);
    return m === 'redirect' || m === 'RedirectResponse' || m === 'Redirect' || (m === 'writeHead' && /^30[1237]$/.test(c.args[0]?.text ?? ''));
  });
}

/** Test and fixture code generates throw-away ids, states and insecure flows on purpose. */
const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|testdata|mocks?)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;

export function isTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/** Go `http.Cookie{…}` literals (net/http), with their attributes; a later `c.Secure = true` on the same variable counts. */
export function goCookies(ctx: FileContext): CookieWrite[] {
  const httpLocals = new Set([...ctx.imports().values()].filter((b) => b.module === 'net/http').map((b) => b.local));
  if (!httpLocals.size) return [];
  const out: CookieWrite[] = [];
  for (const lit of descendantsOfType(ctx.tree!.rootNode, 'composite_literal')) {
    const type = lit.childForFieldName('type');
    if (type?.type !== 'qualified_type' || type.childForFieldName('name')?.text !== 'Cookie' || !httpLocals.has(type.childForFieldName('package')?.text ?? '')) continue;
    const fields = compositeFields(lit);
    const later = laterFieldWrites(lit, ctx);
    const flag = (k: string): boolean | 'unknown' | undefined => {
      if (later.has(k)) return 'unknown';
      const v = fields.get(k);
      return !v ? undefined : v.type === 'true' ? true : v.type === 'false' ? false : 'unknown';
    };
    const same = fields.get('SameSite');
    const mode = same?.type === 'selector_expression' ? same.childForFieldName('field')?.text : undefined;
    out.push({
      node: lit,
      name: staticText(fields.get('Name'), ctx),
      secure: flag('Secure'),
      httpOnly: flag('HttpOnly'),
      sameSite: later.has('SameSite') ? 'unknown' : !same || mode === 'SameSiteDefaultMode' ? undefined : mode === 'SameSiteLaxMode' ? 'lax' : mode === 'SameSiteStrictMode' ? 'strict' : mode === 'SameSiteNoneMode' ? 'none' : 'unknown',
      deletes: /^-/.test(fields.get('MaxAge')?.text ?? '') || (fields.has('Value') && staticText(fields.get('Value'), ctx) === ''),
    });
  }
  return out;
}

/** Fields assigned after the literal through the variable holding it (`c := &http.Cookie{…}; c.Secure = true`). */
function laterFieldWrites(lit: Node, ctx: FileContext): Set<string> {
  const out = new Set<string>();
  let holder: Node | null = lit.parent?.type === 'unary_expression' ? lit.parent : lit;
  if (holder?.parent?.type === 'expression_list') holder = holder.parent;
  const decl = holder?.parent;
  if (!decl || (decl.type !== 'short_var_declaration' && decl.type !== 'assignment_statement' && decl.type !== 'var_spec')) return out;
  const name = (decl.childForFieldName('left') ?? decl.childForFieldName('name'))?.text.split(',')[0]?.trim();
  const fn = enclosingFunction(decl, ctx);
  if (!name || !fn) return out;
  const re = new RegExp(`\\b${name.replace(/[^\w]/g, '')}\\.(Secure|HttpOnly|SameSite)\\s*=`, 'g');
  for (const m of fn.text.matchAll(re)) out.add(m[1]!);
  return out;
}

/** A node's source with its comments removed, so that a comment never counts as evidence. */
export function codeText(node: Node): string {
  const comments = descendantsOfType(node, 'comment');
  if (!comments.length) return node.text;
  const t = node.text;
  let out = '';
  let pos = node.startIndex;
  for (const c of comments) {
    out += t.slice(pos - node.startIndex, c.startIndex - node.startIndex);
    pos = c.endIndex;
  }
  return out + t.slice(pos - node.startIndex);
}

/** True when a handler shows signs of a consent step (see CONSENT_EVIDENCE), comments aside. */
export function hasConsentStep(fn: Node): boolean {
  return CONSENT_EVIDENCE.test(codeText(fn));
}
