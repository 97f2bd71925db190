// Resolves a Go MCP handler expression to its function and finds where the handler reads each argument.
import type { Node } from 'web-tree-sitter';
import type { HandlerRef, ParamBinding } from '../../model/inventory.js';
import type { CallInfo, GoFile } from './go-file.js';
import { FUNCTION_TYPES, functionBody, paramTypeText, unwrap, unwrapWithType, type GoParam } from './go-syntax.js';
import { structFields, structTypeOf, type StructField, type TagStyle } from './struct-params.js';

const REQUEST_TYPE = /\b(CallToolRequest|GetPromptRequest|ReadResourceRequest)\b/;
/** mcp-go request accessors: `GetString`, `RequireInt`, `GetStringSlice`… (first argument is the key). */
const ACCESSOR = /^(Get|Require)(String|Int|Float|Bool|StringSlice|IntSlice|FloatSlice|BoolSlice|Int64|Uint|Duration|Time)$/;
/** Wrappers the SDKs provide around typed handlers. */
const TYPED_WRAPPERS = new Set(['NewTypedToolHandler', 'NewStructuredToolHandler']);

export interface ResolvedHandler {
  fn: Node;
  name?: string;
  /** Whether it came through `mcp.NewTypedToolHandler`, so its third parameter is the typed arguments struct. */
  typed: boolean;
}

/** The function behind a handler expression: a literal, named function, method value, factory result or typed wrapper. */
export function resolveHandler(file: GoFile, expr: Node, depth = 0): ResolvedHandler | undefined {
  if (depth > 8) return undefined;
  const [e, type] = unwrapWithType(expr);
  if (type === 'call_expression') {
    const call = file.callOf(e);
    // Comments among the arguments resolve to nothing, so the call's comment-free argument list serves.
    const args = call ? call.args : (e.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
    const fn = call ? undefined : e.childForFieldName('function');
    const sdk = call ? call.sdk : fn ? file.sdk(fn) : undefined;
    if (sdk && TYPED_WRAPPERS.has(sdk.member) && args[0]) {
      const inner = resolveHandler(file, args[0], depth + 1);
      return inner ? { ...inner, typed: true } : undefined;
    }
    // A middleware-style wrapper around a real handler: prefer the argument that takes an MCP request.
    for (const a of args) {
      const r = resolveHandler(file, a, depth + 1);
      if (r && takesRequest(file, r.fn)) return r;
    }
    // A factory in this file: the function literal it returns.
    for (const ret of file.returnedBy(e)) {
      const r = resolveHandler(file, ret, depth + 1);
      if (r) return r;
    }
    return undefined;
  }
  if (type === 'identifier') {
    const v = file.valueOf(e);
    if (v && v.type === 'call_expression') return resolveHandler(file, v, depth + 1);
  }
  const f = file.functionOf(e);
  return f && FUNCTION_TYPES.has(f.fn.type) ? { fn: f.fn, name: f.name, typed: false } : undefined;
}

export function takesRequest(file: GoFile, fn: Node): boolean {
  return file.params(fn).some((p) => REQUEST_TYPE.test(paramTypeText(p)));
}

/**
 * A HandlerRef for a registration. `typedInput` is the parameter position of a typed arguments struct
 * (go-sdk `mcp.AddTool` handlers and mcp-go typed handlers take it third).
 */
export function handlerRef(file: GoFile, expr: Node | undefined, opts: { typedInput?: boolean; tagStyle: TagStyle; declared?: string[] }): HandlerRef | undefined {
  if (!expr) return undefined;
  const r = resolveHandler(file, expr);
  if (!r) {
    // Defined in another file of the package: keep the name and the reference site.
    const [e, type] = unwrapWithType(expr);
    if (type === 'identifier' || type === 'selector_expression') {
      return { name: type === 'identifier' ? e.text : e.childForFieldName('field')?.text, location: file.loc(e), bindings: [] };
    }
    return undefined;
  }
  const ref: HandlerRef = { location: file.loc(r.fn), bindings: [] };
  if (r.name) ref.name = r.name;
  const params = file.params(r.fn);
  const reqIdx = params.findIndex((p) => REQUEST_TYPE.test(paramTypeText(p)));
  const req = reqIdx >= 0 ? params[reqIdx] : undefined;
  const input = (opts.typedInput || r.typed) && reqIdx >= 0 ? params[reqIdx + 1] : undefined;
  const body = functionBody(r.fn);
  if (input?.name && input.name !== '_') {
    ref.argsObject = input.name;
    addStructBindings(file, ref, input, input.name, body, r.typed ? 'invopop' : opts.tagStyle);
  }
  if (req?.name && req.name !== '_' && body) findRequestReads(file, ref, req.name, body, opts.tagStyle, input?.type.type === 'map_type' ? input.name : undefined, opts.declared ?? []);
  return ref;
}

/** `args.Path` bindings for each field of a typed arguments struct, located at the first use when there is one. */
function addStructBindings(file: GoFile, ref: HandlerRef, param: GoParam | { type: Node }, local: string, body: Node | undefined, style: TagStyle): void {
  const struct = structTypeOf(file, param.type);
  if (!struct) return;
  addFieldBindings(file, ref, structFields(file, struct, style), local, body);
}

function addFieldBindings(file: GoFile, ref: HandlerRef, fields: StructField[], local: string, body: Node | undefined): void {
  const uses = new Map<string, Node>();
  // A use `local.Field` needs the name in the body's text; operands are compared against the source.
  if (body && file.textOf(body).includes(local)) {
    for (const sel of body.descendantsOfType('selector_expression')) {
      const op = sel?.childForFieldName('operand');
      if (!sel || !op || !file.textIs(op, local)) continue;
      const f = sel.childForFieldName('field')?.text;
      if (f && !uses.has(f)) uses.set(f, sel);
    }
  }
  for (const f of fields) {
    const use = uses.get(f.field);
    addBinding(ref, { param: f.param, local: `${local}.${f.field}`, ...(use ? { location: file.loc(use) } : {}) });
  }
}

function addBinding(ref: HandlerRef, b: ParamBinding): void {
  if (!ref.bindings.some((x) => x.param === b.param && x.local === b.local)) ref.bindings.push(b);
}

/** Reads of the request's arguments in a handler body: accessors, map indexing, BindArguments and json.Unmarshal. */
function findRequestReads(file: GoFile, ref: HandlerRef, req: string, body: Node, style: TagStyle, mapInput: string | undefined, declared: string[]): void {
  const argsRoots = new Set<string>([`${req}.Params.Arguments`, `${req}.GetArguments()`, `${req}.GetRawArguments()`]);
  // A typed input of map type (`in map[string]any`) is the arguments object itself.
  if (mapInput) argsRoots.add(mapInput);
  const argsNames = new Set<string>();
  const bodyText = file.textOf(body);
  // Reads through the arguments object need one of its names in the body (a node reading `req.GetArguments()` starts
  // on the name `req`); without them only calls on or with the request can read.
  const occurrences = nameOccurrences(bodyText, req);
  let named = mapInput !== undefined && bodyText.includes(mapInput);
  if (occurrences) {
    for (const at of occurrences) if (ROOT_SUFFIXES.some((s) => bodyText.startsWith(s, at + req.length))) named = true;
  } else for (const r of argsRoots) if (bodyText.includes(r)) named = true;
  if (!named) {
    requestCallReads(file, ref, req, body, occurrences, style, declared);
    return;
  }
  const nodes = body.descendantsOfType(['call_expression', 'index_expression', 'short_var_declaration', 'assignment_statement', 'var_spec']).filter((n): n is Node => !!n);
  // First pass: names bound to the whole arguments object (`args := req.GetArguments()`).
  for (const n of nodes) {
    if (n.type === 'call_expression' || n.type === 'index_expression') continue;
    const left = n.type === 'var_spec' ? n.childrenForFieldName('name').filter((x): x is Node => !!x) : (n.childForFieldName('left')?.namedChildren ?? []).filter((x): x is Node => !!x);
    const right = n.type === 'var_spec' ? n.childForFieldName('value')?.namedChildren ?? [] : n.childForFieldName('right')?.namedChildren ?? [];
    const r0 = right[0] ? stripAssertion(right[0]) : undefined;
    if (!r0 || !left[0] || left[0].type !== 'identifier' || left[0].text === '_') continue;
    if (argsRoots.has(r0.text) || argsNames.has(r0.text)) {
      argsNames.add(left[0].text);
      ref.argsObject ??= left[0].text;
    }
  }
  for (const n of nodes) {
    if (n.type === 'call_expression') {
      const fn = n.childForFieldName('function');
      const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a);
      // Project helpers such as `requiredParam[string](req, "owner")`: the request plus a declared parameter name.
      const onReq = fn?.type === 'selector_expression' && fn.childForFieldName('operand')?.text === req;
      const at = onReq ? -1 : args.findIndex((a) => a.text === req);
      if (at >= 0) {
        const key = args[at + 1] ? file.str(args[at + 1]!) : undefined;
        // mcp-go's own `mcp.ParseString(req, "key", def)` family always reads an argument.
        const sdkParse = fn ? /^Parse[A-Z]/.test(file.sdk(fn)?.member ?? '') : false;
        if (key !== undefined && (sdkParse || declared.includes(key))) addBinding(ref, { param: key, local: localOf(file, n), location: file.loc(n) });
        continue;
      }
      if (fn?.type !== 'selector_expression') continue;
      const recv = fn.childForFieldName('operand')?.text;
      const method = fn.childForFieldName('field')?.text ?? '';
      if (recv === req && ACCESSOR.test(method) && args[0]) {
        const key = file.str(args[0]);
        if (key !== undefined) addBinding(ref, { param: key, local: localOf(file, n), location: file.loc(n) });
      } else if (recv === req && method === 'BindArguments' && args[0]) {
        bindTarget(file, ref, args[0], body, style);
      } else if (/(^|\.)Unmarshal$/.test(fn.text) && args.length >= 2 && (argsRoots.has(args[0]!.text) || argsNames.has(args[0]!.text))) {
        bindTarget(file, ref, args[1]!, body, style);
      }
    } else if (n.type === 'index_expression') {
      const operand = n.childForFieldName('operand');
      const index = n.childForFieldName('index');
      if (!operand || !index) continue;
      const base = stripAssertion(operand).text;
      if (!argsRoots.has(base) && !argsNames.has(base)) continue;
      const key = file.str(index);
      if (key !== undefined) addBinding(ref, { param: key, local: localOf(file, n), location: file.loc(n) });
    }
  }
  // The raw arguments used whole (passed on, ranged over), not just indexed by key.
  const raw = `${req}.Params.Arguments`;
  if (ref.argsObject || !bodyText.includes(raw)) return;
  const whole = body.descendantsOfType('selector_expression').some((s) => {
    if (s?.text !== raw) return false;
    let cur: Node = s;
    while (cur.parent && (cur.parent.type === 'type_assertion_expression' || cur.parent.type === 'parenthesized_expression')) cur = cur.parent;
    return !(cur.parent?.type === 'index_expression' && cur.parent.childForFieldName('operand')?.id === cur.id);
  });
  if (whole) ref.argsObject = raw;
}

/**
 * `findRequestReads` for a body that never names the arguments object: only calls on the request or taking it
 * as an argument can read arguments then, and each of those has the request's name in the body text. So the
 * name's occurrences lead to the calls (a call on it starts where the name does; a call taking it is the innermost
 * call around it), and the rest of the body is never looked at. Without occurrences (a name that is not plainly
 * one), every call of the body is looked at.
 */
function requestCallReads(file: GoFile, ref: HandlerRef, req: string, body: Node, occurrences: number[] | undefined, style: TagStyle, declared: string[]): void {
  let calls: CallInfo[];
  if (occurrences) {
    calls = [];
    for (const rel of occurrences) {
      const at = body.startIndex + rel;
      for (const c of file.callsWithin(at, at + 1)) calls.push(c);
      // The request passed on: the innermost call around it takes it as a direct argument.
      const around = file.callAround(at, body.startIndex);
      if (around && around.args.some((a) => a.startIndex === at && file.textIs(a, req))) calls.push(around);
    }
    // In document order, each call once.
    if (calls.length > 1) calls = calls.sort((a, b) => a.index - b.index).filter((c, i, all) => i === 0 || all[i - 1] !== c);
  } else calls = file.callsWithin(body.startIndex, body.endIndex);
  for (const c of calls) {
    const n = c.site.node;
    const selector = !c.wrapped && c.fnType === 'selector_expression';
    const onReq = selector && (c.operandText !== undefined ? c.operandText === req : !!c.operand && file.textIs(c.operand, req));
    // Comments are never the request, so the comment-free list finds the same argument; keys are then read from the full list.
    if (!onReq && c.args.some((a) => file.textIs(a, req))) {
      const args = c.rawArgs;
      const at = args.findIndex((a) => a.text === req);
      const key = args[at + 1] ? file.str(args[at + 1]!) : undefined;
      // mcp-go's own `mcp.ParseString(req, "key", def)` family always reads an argument.
      const sdkParse = /^Parse[A-Z]/.test(c.sdk?.member ?? '');
      if (key !== undefined && (sdkParse || declared.includes(key))) addBinding(ref, { param: key, local: localOf(file, n), location: file.loc(n) });
      continue;
    }
    if (!onReq) continue;
    const method = c.field ?? '';
    const args = c.rawArgs;
    if (ACCESSOR.test(method) && args[0]) {
      const key = file.str(args[0]);
      if (key !== undefined) addBinding(ref, { param: key, local: localOf(file, n), location: file.loc(n) });
    } else if (method === 'BindArguments' && args[0]) {
      bindTarget(file, ref, args[0], body, style);
    }
  }
}

/** What follows the request's name in expressions that denote the whole arguments object. */
const ROOT_SUFFIXES = ['.Params.Arguments', '.GetArguments()', '.GetRawArguments()'];
const NAME_PATTERNS = new Map<string, RegExp>();

/**
 * Where a Go name occurs as a whole word in `text` (letters, digits and underscores on neither side); undefined
 * for a name that is not plainly one.
 */
function nameOccurrences(text: string, name: string): number[] | undefined {
  let re = NAME_PATTERNS.get(name);
  if (!re) {
    if (!/^[\p{L}\p{Nd}_]+$/u.test(name)) return undefined;
    if (NAME_PATTERNS.size > 256) NAME_PATTERNS.clear();
    NAME_PATTERNS.set(name, (re = new RegExp(`(?<![\\p{L}\\p{Nd}_])${name}(?![\\p{L}\\p{Nd}_])`, 'gu')));
  }
  const out: number[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

/** `&v` passed to BindArguments / json.Unmarshal: the whole-arguments name plus a binding per struct field. */
function bindTarget(file: GoFile, ref: HandlerRef, target: Node, body: Node, style: TagStyle): void {
  let t = unwrap(target);
  if (t.type === 'unary_expression' && t.childForFieldName('operator')?.text === '&') t = unwrap(t.childForFieldName('operand') ?? t);
  if (t.type !== 'identifier') return;
  ref.argsObject ??= t.text;
  const type = file.declaredType(t);
  if (type) addStructBindings(file, ref, { type }, t.text, body, style);
}

/** `x.(string)` → `x`, so a type assertion on the arguments map still counts as the map. */
function stripAssertion(n: Node): Node {
  let cur = unwrap(n);
  while (cur.type === 'type_assertion_expression' && cur.childForFieldName('operand')) cur = unwrap(cur.childForFieldName('operand')!);
  return cur;
}

/** The local variable an expression is assigned to (`p := …`, `p, err := …`, `p, ok := ….(string)`), else its text. */
function localOf(file: GoFile, expr: Node): string {
  // The common `v := req.GetString(…)` is answered by the shared assignment facts.
  const name = file.assignedName(expr);
  if (name !== undefined) return name === '_' ? expr.text : name;
  // Each `parent` step re-descends from the root in wasm, so every parent and type is read once.
  let cur: Node = expr;
  let parent = cur.parent;
  let parentType = parent?.type;
  while (parent && (parentType === 'type_assertion_expression' || parentType === 'parenthesized_expression')) {
    cur = parent;
    parent = cur.parent;
    parentType = parent?.type;
  }
  const list = parent;
  const decl = parentType === 'expression_list' ? list?.parent : undefined;
  const declType = decl?.type;
  if (list && decl && (declType === 'short_var_declaration' || declType === 'assignment_statement' || declType === 'var_spec')) {
    const right = list.namedChildren.filter((c): c is Node => !!c);
    const leftList = declType === 'var_spec' ? undefined : decl.childForFieldName('left');
    const left = (declType === 'var_spec' ? decl.childrenForFieldName('name') : leftList?.namedChildren ?? []).filter((c): c is Node => !!c);
    // `left[0]`'s parent is the var_spec itself or the left expression list: the list read must be the right side.
    if (!left.length || list.id !== leftList?.id) {
      const i = right.findIndex((r) => r.id === cur.id);
      const target = right.length === 1 ? left[0] : left[i];
      if (target && target.text !== '_') return target.text;
    }
  }
  return expr.text;
}
