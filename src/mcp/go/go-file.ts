// Per-file view for the Go extractor: SDK-aware callee names, same-file value and function resolution, text values.
import type { Node } from 'web-tree-sitter';
import type { SdkRef, TextValue } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';
import { calleePartsOf, calleeTypeOf, type CallSite } from '../../parse/call-sites.js';
import type { ImportMap } from '../../parse/imports.js';
import { NodeIndex } from '../../parse/node-index.js';
import { staticString, type Assignments } from '../../parse/static-value.js';
import { decodeEscapes, decodeString } from '../../parse/string-literal.js';
import type { ExtractInput } from '../extract-file.js';
import { locationOf, textValueOf } from '../text-value.js';
import { argumentSpans, argumentsFromSource, type ArgumentLookup } from './arguments-from-source.js';
import { FUNCTION_TYPES, functionBody, functionParams, paramTypeText, returnValues, unwrap, unwrapWithType, type GoParam } from './go-syntax.js';

export type SdkFamily = 'mcp-go' | 'go-sdk';

export const SDK_MODULES: Record<SdkFamily, string> = {
  'mcp-go': 'github.com/mark3labs/mcp-go',
  'go-sdk': 'github.com/modelcontextprotocol/go-sdk',
};

/** A callee written as `pkg.Member` where `pkg` is an import (generic instantiations unwrapped). */
export interface QualifiedName {
  module: string;
  member: string;
}

/** A callee from an MCP SDK: `family` plus the Go package name (`mcp`, `server`, `auth`) and member. */
export interface SdkName {
  family: SdkFamily;
  pkg: string;
  member: string;
}

/**
 * One call site with its callee already taken apart, computed once per file: every pass over the calls reads
 * these instead of asking the syntax tree again (each node access crosses into wasm).
 */
export class CallInfo {
  /** `pkg.Member` when the callee names an imported package member. */
  q?: QualifiedName;
  sdk?: SdkName;
  /** The callee's source text, when it was read. */
  text?: string;
  /** True when the callee is a name or name chain written plainly (`f`, `mcp.NewTool`), right before its `(`. */
  chain = false;
  /** End index of the call, once read. */
  end?: number;
  /** For a selector callee (`x.m`, `pkg.F`): the field name, and the operand's text when it is a plain name. */
  field?: string;
  operandText?: string;
  private operandNode?: Node | null;
  private argList?: Node[];
  private rawList?: Node[];

  constructor(
    private readonly file: GoFile,
    readonly site: CallSite,
    /** The node type of the callee without parentheses. */
    readonly fnType: string,
    /** Position in the file's call list (document order). */
    readonly index: number,
    /** True when the callee was parenthesised (`(f)(x)`), so `site.callee` is not `fn`. */
    readonly wrapped: boolean,
    private fnNode?: Node,
  ) {}

  /** The callee without parentheses, fetched from the tree on first use (the call facts may not hold it). */
  get fn(): Node {
    return (this.fnNode ??= this.site.callee);
  }

  /** The argument list's named children, comments included (as the tree lists them). */
  get rawArgs(): Node[] {
    if (this.rawList) return this.rawList;
    // Arguments read off the source hold no comments, so they are the full list too.
    const fromSource = this.file.sourceArguments(this);
    if (fromSource) return (this.rawList = this.argList = fromSource);
    return (this.rawList = (this.site.node.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a));
  }

  /**
   * The arguments without comments (what `CallSite.args` holds). In an error-free tree a comment is the only named
   * child starting with `//` or `/*`, so no argument's type needs asking.
   */
  get args(): Node[] {
    if (this.argList) return this.argList;
    if (!this.file.isClean()) return (this.argList = this.site.args);
    const raw = this.rawArgs;
    if (this.argList) return this.argList;
    const src = this.file.src;
    return (this.argList = raw.filter((a) => !(src.startsWith('//', a.startIndex) || src.startsWith('/*', a.startIndex))));
  }

  /** End index of the call. */
  get endIndex(): number {
    return (this.end ??= this.site.node.endIndex);
  }

  /** The operand of a selector callee, fetched from the tree on first use. */
  get operand(): Node | undefined {
    if (this.operandNode === undefined) this.operandNode = this.fnType === 'selector_expression' ? this.fn.childForFieldName('operand') : null;
    return this.operandNode ?? undefined;
  }

  set operand(node: Node | undefined) {
    this.operandNode = node ?? null;
  }
}

interface FunctionSpan {
  node: Node;
  start: number;
  end: number;
  /** Index of the enclosing function's span, or -1. */
  parent: number;
}

const FUNCTION_TYPE_LIST = [...FUNCTION_TYPES];

const MAX_HOPS = 12;
/** A plainly written callee and the `(` opening its arguments, matched where the call starts. */
const CALL_HEAD = /[A-Za-z_][A-Za-z0-9_]*(?:[ \t\r\n]*\.[ \t\r\n]*[A-Za-z_][A-Za-z0-9_]*)*[ \t\r\n]*\(/y;
/** `name Type` for one parameter: a name, then a type starting the way Go types do (not `...`, not another name list). */
const NAMED_PARAM = /^\s*([\p{L}_][\p{L}\p{Nd}_]*)\s+([\p{L}_*[(<][\s\S]*?)\s*$/u;
/** Keywords that begin a type written with a space (`chan int`, `struct {…}`), so the word before it is no name. */
const TYPE_KEYWORDS = new Set(['chan', 'func', 'map', 'struct', 'interface']);
/** The whole text of one Go string literal, interpreted or raw. */
const STRING_LITERAL_TEXT = /^(?:"(?:[^"\\\n]|\\[^\n])*"|`[^`]*`)$/;

/** Call lists in document order merged into one, each call once. */
function mergeCalls(lists: readonly (readonly CallInfo[])[]): CallInfo[] {
  const nonEmpty = lists.filter((l) => l.length);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return [...nonEmpty[0]!];
  const all = nonEmpty.flat().sort((a, b) => a.index - b.index);
  return all.filter((c, i) => i === 0 || all[i - 1] !== c);
}

export class GoFile {
  readonly path: string;
  readonly root: Node;
  /** The source text; node indexes are offsets into it. */
  readonly src: string;
  readonly imports: ImportMap;
  /** Top-level functions by name. */
  readonly funcs = new Map<string, Node>();
  /** Methods by name (several receivers may share a name). */
  readonly methods = new Map<string, Node[]>();
  /** Type specs by name. */
  readonly types = new Map<string, Node>();
  private readonly dotImports: string[] = [];
  private readonly input: ExtractInput;
  /**
   * Lazily built indexes; a file can hold thousands of registrations, so lookups must not rescan it, and
   * `Node.parent` walks are avoided (each step re-descends from the root in wasm).
   */
  private assignmentMap?: Assignments;
  private callList?: readonly CallSite[];
  private infos?: CallInfo[];
  private sdkList?: CallInfo[];
  private byField?: Map<string, CallInfo[]>;
  private byModule?: Map<string, CallInfo[]>;
  private callsByName?: Map<string, CallInfo[]>;
  private readonly varSpecs = new Map<number, Node[]>();
  private fieldDeclList?: Node[];
  private readonly qualifiedCache = new Map<number, QualifiedName | null>();
  private readonly sdkByModule = new Map<string, { family: SdkFamily; pkg: string } | null>();
  private readonly namesByModule = new Map<string, Map<string, QualifiedName>>();
  private readonly sdkByName = new Map<QualifiedName, SdkName>();
  /** Assignments of one name by enclosing function id (0 for package level), built per name on first use. */
  private readonly scoped = new Map<string, Map<number, Node[]> | null>();
  private fnSpans?: FunctionSpan[];
  private readonly paramCache = new Map<number, GoParam[]>();
  private readonly returnCache = new Map<number, Node[]>();
  private packageVars?: Set<string>;
  private argLookup?: ArgumentLookup;
  private readonly valueCache = new Map<number, Node | null>();
  private valueNames?: Map<number, string>;
  private constSpans?: { start: number; end: number }[];
  private clean?: boolean;
  private hidesText?: boolean;
  private readonly embedded = new Map<string, boolean>();

  constructor(input: ExtractInput) {
    this.input = input;
    this.path = input.path;
    this.root = input.tree.rootNode;
    this.src = input.text;
    this.imports = input.imports();
    for (const decl of this.root.namedChildren) {
      if (!decl) continue;
      if (decl.type === 'function_declaration') {
        const name = decl.childForFieldName('name')?.text;
        if (name && !this.funcs.has(name)) this.funcs.set(name, decl);
      } else if (decl.type === 'method_declaration') {
        const name = decl.childForFieldName('name')?.text;
        if (name) this.methods.set(name, [...(this.methods.get(name) ?? []), decl]);
      } else if (decl.type === 'type_declaration') {
        for (const spec of decl.namedChildren) {
          const name = spec?.childForFieldName('name')?.text;
          if (spec && name && (spec.type === 'type_spec' || spec.type === 'type_alias') && !this.types.has(name)) this.types.set(name, spec);
        }
      }
    }
    for (const b of this.imports.values()) if (b.imported === '.') this.dotImports.push(b.module);
  }

  /** The shared assignment facts, computed on first use (a file with nothing MCP-related may never need them). */
  get assignments(): Assignments {
    return (this.assignmentMap ??= this.input.assignments());
  }

  /** The shared one-walk index of the tree's nodes by type (built with the file facts). */
  get index(): NodeIndex {
    return NodeIndex.of(this.input.tree, 'go');
  }

  get calls(): readonly CallSite[] {
    return (this.callList ??= this.input.calls());
  }

  /** Every call with its callee taken apart, in document order (parallel to `calls`). */
  callInfos(): readonly CallInfo[] {
    if (this.infos) return this.infos;
    const out: CallInfo[] = [];
    const sdkList: CallInfo[] = [];
    const byField = new Map<string, CallInfo[]>();
    const byModule = new Map<string, CallInfo[]>();
    const calls = this.calls;
    for (let i = 0; i < calls.length; i++) {
      const site = calls[i]!;
      // The shared call facts already know the callee's type and, for name chains, its words; the callee node
      // itself is fetched only where those do not settle a question.
      let fnType = calleeTypeOf(site);
      let parts: readonly string[] | undefined;
      let info: CallInfo;
      if (fnType === 'parenthesized_expression') {
        const [fn, type] = unwrapWithType(site.callee);
        fnType = type;
        info = new CallInfo(this, site, fnType, i, fn.id !== site.callee.id, fn);
      } else {
        if (fnType === 'identifier' || fnType === 'selector_expression') parts = calleePartsOf(site, 'go');
        info = new CallInfo(this, site, fnType, i, false);
        if (parts) info.chain = true;
      }
      let q: QualifiedName | undefined;
      if (fnType === 'selector_expression') {
        if (parts && !info.wrapped) {
          // A name chain `a.b.c`: the field is its last word; only a two-word chain has a plain name as operand,
          // which starts where the call does.
          info.field = parts[parts.length - 1]!;
          if (parts.length === 2) {
            info.operandText = parts[0]!;
            q = this.qualifiedName(parts[0]!, parts[1]!, site.node.startIndex);
          }
        } else if (!info.wrapped) {
          // No name chain: the operand is no plain name (`f().m`, `x[i].m`), so the callee names no package member.
          const field = info.fn.childForFieldName('field');
          if (field) info.field = field.text;
        } else {
          const fn = info.fn;
          const op = fn.childForFieldName('operand');
          const field = fn.childForFieldName('field');
          info.operand = op ?? undefined;
          if (field) info.field = field.text;
          q = this.qualifiedSelector(op, field);
          this.qualifiedCache.set(fn.id, q ?? null);
        }
      } else if (fnType === 'identifier') {
        info.text = parts?.[0] ?? info.fn.text;
        q = this.qualifiedIdentifier(info.text);
      } else q = this.qualifiedTyped(info.fn, fnType);
      if (q) {
        info.q = q;
        const s = this.sdkOf(q);
        if (s) {
          info.sdk = s;
          sdkList.push(info);
        }
        const list = byModule.get(q.module);
        if (list) list.push(info);
        else byModule.set(q.module, [info]);
      }
      if (info.field !== undefined) {
        const list = byField.get(info.field);
        if (list) list.push(info);
        else byField.set(info.field, [info]);
      }
      out.push(info);
    }
    this.sdkList = sdkList;
    this.byField = byField;
    this.byModule = byModule;
    return (this.infos = out);
  }

  // The passes take the few calls that can matter to them from these indexes instead of running over every call.

  /** Calls naming an MCP SDK member, in document order. */
  sdkCalls(): readonly CallInfo[] {
    this.callInfos();
    return this.sdkList!;
  }

  /** Selector calls (`x.m(…)`, `pkg.F(…)`) whose field is one of `fields`, with `more` merged in, in document order. */
  callsNamed(fields: readonly string[], more: readonly CallInfo[] = []): CallInfo[] {
    this.callInfos();
    return mergeCalls([more, ...fields.map((f) => this.byField!.get(f) ?? [])]);
  }

  /** Calls naming a member of a package whose import path passes `test`, with `more` merged in, in document order. */
  callsInModules(test: (module: string) => boolean, more: readonly CallInfo[] = []): CallInfo[] {
    this.callInfos();
    const lists: (readonly CallInfo[])[] = [more];
    for (const [module, list] of this.byModule!) if (test(module)) lists.push(list);
    return mergeCalls(lists);
  }

  /**
   * The call info of a call_expression node, or undefined when `node` is not a call. The shared call list holds
   * every call_expression, so this answers "is it a call?" without asking the tree for the node's type.
   */
  callOf(node: Node): CallInfo | undefined {
    // Calls are in document order: the ones starting where `node` does sit together.
    const infos = this.callInfos();
    const start = node.startIndex;
    let lo = 0;
    let hi = infos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (infos[mid]!.site.node.startIndex < start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < infos.length && infos[i]!.site.node.startIndex === start; i++) if (infos[i]!.site.node.id === node.id) return infos[i];
    return undefined;
  }

  /** A call's arguments without comments (what `CallSite.args` holds). */
  argsOf(call: Node): Node[] {
    return this.callOf(call)?.args ?? (call.childForFieldName('arguments')?.namedChildren ?? []).filter((a): a is Node => !!a && a.type !== 'comment');
  }

  /** The SDK member a call's callee names. */
  calleeSdk(call: Node): SdkName | undefined {
    const info = this.callOf(call);
    if (info) return info.sdk;
    const fn = call.childForFieldName('function');
    return fn ? this.sdk(fn) : undefined;
  }

  /**
   * In an error-free tree, an expression whose whole text is one string literal is that literal (or an element
   * wrapping it): its value, decoded as `decodeString` does, without asking the tree for types.
   */
  private literalValue(node: Node): string | undefined {
    if (!this.isClean()) return undefined;
    const text = this.textOf(node);
    if (!STRING_LITERAL_TEXT.test(text)) return undefined;
    return text[0] === '`' ? text.slice(1, -1).replace(/\r/g, '') : decodeEscapes(text.slice(1, -1), 'go');
  }

  /**
   * Whether a decoded string literal could hold text its source does not: escapes that stand for other characters
   * (`\x41`, `\u0041`, octal, a backslash-newline) or carriage returns, which raw strings drop. Without them, a word
   * absent from the source is absent from every literal's value.
   */
  mayHideText(): boolean {
    return (this.hidesText ??= this.src.includes('\r') || /\\[0-7xuU\n]/.test(this.src));
  }

  /** True when the tree has no syntax errors, so node texts have the shapes their grammar rules give them. */
  isClean(): boolean {
    return (this.clean ??= !this.root.hasError);
  }

  /**
   * The name a value is assigned to when it is the whole value of one target of a `:=`, `=` or `var` with one
   * value per target (or the single value of a `var`): from the shared assignment facts, without the tree.
   * Undefined when the facts do not say (other shapes, and values of constants, which the facts also hold).
   */
  assignedName(value: Node): string | undefined {
    if (!this.valueNames) {
      this.valueNames = new Map();
      for (const [name, values] of this.assignments) for (const v of values) this.valueNames.set(v.id, name);
    }
    const name = this.valueNames.get(value.id);
    if (name === undefined) return undefined;
    if (!this.constSpans) this.constSpans = this.index.nodes('const_spec').map((c) => ({ start: c.startIndex, end: c.endIndex }));
    const at = value.startIndex;
    return this.constSpans.some((c) => c.start < at && at < c.end) ? undefined : name;
  }

  /**
   * A call's arguments read off its source (`argumentsFromSource`): for an error-free tree and a plainly written
   * callee, when every argument is a string literal or a call. Undefined otherwise.
   */
  sourceArguments(info: CallInfo): Node[] | undefined {
    if (!info.chain || !this.isClean()) return undefined;
    const start = info.site.node.startIndex;
    CALL_HEAD.lastIndex = start;
    const head = CALL_HEAD.exec(this.src);
    if (!head) return undefined;
    return argumentsFromSource(this.src, info.site.node, start + head[0].length - 1, info.endIndex, this.argumentLookup());
  }

  /** The source text of each argument of a plainly written call in an error-free tree (`argumentSpans`), or undefined. */
  argumentTexts(info: CallInfo): string[] | undefined {
    if (!info.chain || !this.isClean()) return undefined;
    const start = info.site.node.startIndex;
    CALL_HEAD.lastIndex = start;
    const head = CALL_HEAD.exec(this.src);
    const spans = head ? argumentSpans(this.src, start + head[0].length - 1, info.endIndex) : undefined;
    return spans?.map(([s, e]) => this.src.slice(s, e));
  }

  /** Calls and string literals by start, both found by binary search in their document-ordered lists. */
  private argumentLookup(): ArgumentLookup {
    if (this.argLookup) return this.argLookup;
    // Each literal type's own list, as the index keeps it (merging the two would walk every indexed node).
    const lists = [this.index.nodes('interpreted_string_literal'), this.index.nodes('raw_string_literal')];
    const stringAt = (start: number): Node | undefined => {
      for (const strings of lists) {
        let lo = 0;
        let hi = strings.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (strings[mid]!.startIndex < start) lo = mid + 1;
          else hi = mid;
        }
        const s = strings[lo];
        if (s && s.startIndex === start) return s;
      }
      return undefined;
    };
    return (this.argLookup = { callsAt: (start) => this.callsWithin(start, start + 1), stringAt });
  }

  /** Calls lying inside [start, end), in document order. */
  callsWithin(start: number, end: number): CallInfo[] {
    const infos = this.callInfos();
    let lo = 0;
    let hi = infos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (infos[mid]!.site.node.startIndex < start) lo = mid + 1;
      else hi = mid;
    }
    const out: CallInfo[] = [];
    for (let i = lo; i < infos.length && infos[i]!.site.node.startIndex < end; i++) out.push(infos[i]!);
    return out;
  }

  /**
   * The innermost call whose extent contains `pos` (strictly after its start), among calls starting at or after
   * `floor`. Calls are in document order, so scanning back from `pos`, the first one still open there is it.
   */
  callAround(pos: number, floor: number): CallInfo | undefined {
    const infos = this.callInfos();
    let lo = 0;
    let hi = infos.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (infos[mid]!.site.node.startIndex < pos) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) {
      const c = infos[i]!;
      if (c.site.node.startIndex < floor) return undefined;
      if (c.endIndex > pos) return c;
    }
    return undefined;
  }

  /** `node.text === s`, read from the source without asking the tree unless the start already matches. */
  textIs(node: Node, s: string): boolean {
    return this.src.startsWith(s, node.startIndex) && node.endIndex === node.startIndex + s.length;
  }

  /** The source text of a node. */
  textOf(node: Node): string {
    return this.src.slice(node.startIndex, node.endIndex);
  }

  /**
   * The nearest function declaration, method or function literal strictly containing `n`. Positions decide:
   * a node starting strictly inside a function lies in it, and no named node other than the function itself
   * starts on its `func` keyword except its ancestors.
   */
  scopeOf(n: Node): Node | undefined {
    return this.scopeAt(n.startIndex);
  }

  /** `scopeOf` for a node starting at `s`. */
  scopeAt(s: number): Node | undefined {
    const fns = this.functionSpans();
    // The last function starting before `s`; if it does not reach `s`, the nearest one that does encloses it.
    let lo = 0;
    let hi = fns.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fns[mid]!.start < s) lo = mid + 1;
      else hi = mid;
    }
    let i = lo - 1;
    while (i >= 0 && s >= fns[i]!.end) i = fns[i]!.parent;
    return i >= 0 ? fns[i]!.node : undefined;
  }

  /** Every function node of the file in document order, each with the index of the function enclosing it. */
  private functionSpans(): FunctionSpan[] {
    if (this.fnSpans) return this.fnSpans;
    const out: FunctionSpan[] = [];
    const open: number[] = [];
    // Functions never share a start and enclose only what starts after them, so start order is document order;
    // merging the index's per-type lists this way avoids a pass over every indexed node.
    const nodes = FUNCTION_TYPE_LIST.flatMap((t) => this.index.nodes(t)).sort((a, b) => a.startIndex - b.startIndex);
    for (const node of nodes) {
      const start = node.startIndex;
      const end = node.endIndex;
      while (open.length && out[open[open.length - 1]!]!.end <= start) open.pop();
      out.push({ node, start, end, parent: open.length ? open[open.length - 1]! : -1 });
      open.push(out.length - 1);
    }
    return (this.fnSpans = out);
  }

  /** Flattened parameters of a function, computed once per function. */
  params(fn: Node): GoParam[] {
    let p = this.paramCache.get(fn.id);
    if (!p) this.paramCache.set(fn.id, (p = this.paramsFromSource(fn) ?? functionParams(fn)));
    return p;
  }

  /**
   * Parameters read from the source of a plainly written list (`ctx context.Context, req mcp.CallToolRequest`:
   * each parameter named once, no comments or literals), with their nodes fetched from the tree only if asked for.
   * Undefined for any other list, which the tree then reads.
   */
  private paramsFromSource(fn: Node): GoParam[] | undefined {
    if (!this.isClean()) return undefined;
    const list = fn.childForFieldName('parameters');
    if (!list) return [];
    const text = this.textOf(list);
    if (text[0] !== '(' || text[text.length - 1] !== ')' || /[/"'`]/.test(text)) return undefined;
    const inner = text.slice(1, -1);
    if (!inner.trim()) return [];
    const segments: string[] = [];
    let depth = 0;
    let from = 0;
    for (let i = 0; i < inner.length; i++) {
      const ch = inner[i];
      if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      else if (ch === ',' && depth === 0) {
        segments.push(inner.slice(from, i));
        from = i + 1;
      }
    }
    segments.push(inner.slice(from));
    let nodes: GoParam[] | undefined;
    const fromTree = () => (nodes ??= functionParams(fn));
    const out: GoParam[] = [];
    for (const seg of segments) {
      const m = NAMED_PARAM.exec(seg);
      if (!m || TYPE_KEYWORDS.has(m[1]!)) return undefined;
      const index = out.length;
      out.push({
        name: m[1]!,
        typeText: m[2]!,
        index,
        get type() {
          return fromTree()[index]!.type;
        },
        get node() {
          return fromTree()[index]!.node;
        },
      });
    }
    return out;
  }

  /** Return statements that belong to `fn` itself, not to function literals nested in it. */
  ownReturns(fn: Node): Node[] {
    let r = this.returnCache.get(fn.id);
    if (!r) {
      const body = functionBody(fn);
      r = body ? body.descendantsOfType('return_statement').filter((x): x is Node => !!x && this.scopeOf(x)?.id === fn.id) : [];
      this.returnCache.set(fn.id, r);
    }
    return r;
  }

  text(node: Node): TextValue {
    // A plain literal (callers pass expressions, never the element wrapping one) needs no tree lookups.
    const literal = this.literalValue(node);
    if (literal !== undefined) return { value: literal, origin: 'literal', location: this.loc(node) };
    const t = textValueOf(node, 'go', this.assignments, this.path);
    // A `//go:embed` variable is file content compiled into the binary: dynamic, and read from a file.
    if (t.origin === 'dynamic') {
      const [u, type] = unwrapWithType(node);
      if (type === 'identifier' && this.isEmbedded(u.text)) t.dynamicFrom = ['file'];
    }
    return t;
  }

  private isEmbedded(name: string): boolean {
    let e = this.embedded.get(name);
    if (e === undefined) this.embedded.set(name, (e = this.computeEmbedded(name)));
    return e;
  }

  private computeEmbedded(name: string): boolean {
    for (const decl of this.root.namedChildren) {
      if (decl?.type !== 'var_declaration') continue;
      const spec = decl.namedChildren.find((c) => c?.type === 'var_spec' && c.childrenForFieldName('name').some((n) => n?.text === name));
      if (!spec) continue;
      const before = (spec.previousNamedSibling?.type === 'comment' ? spec.previousNamedSibling : decl.previousNamedSibling) ?? undefined;
      return before?.type === 'comment' && before.text.startsWith('//go:embed');
    }
    return false;
  }

  loc(node: Node): Location {
    return locationOf(this.path, node);
  }

  /** The string value when fully known before run time (`unwrapped`: the node is known to need no `unwrap`). */
  str(node: Node | undefined, unwrapped = false): string | undefined {
    if (!node) return undefined;
    const literal = this.literalValue(node);
    if (literal !== undefined) return literal;
    const s = staticString(unwrapped ? node : unwrap(node), 'go', this.assignments);
    return s?.complete ? s.value : undefined;
  }

  /** `pkg.Member` for a callee or value expression naming an imported package member. */
  qualified(expr: Node): QualifiedName | undefined {
    const key = expr.id;
    if (this.qualifiedCache.has(key)) return this.qualifiedCache.get(key) ?? undefined;
    const q = this.computeQualified(expr);
    this.qualifiedCache.set(key, q ?? null);
    return q;
  }

  private computeQualified(expr: Node): QualifiedName | undefined {
    const [cur, type] = unwrapWithType(expr);
    return this.qualifiedTyped(cur, type);
  }

  /** `computeQualified` for an unwrapped expression whose type is known. */
  private qualifiedTyped(expr: Node, exprType: string): QualifiedName | undefined {
    let cur = expr;
    let type = exprType;
    if (type === 'index_expression' || type === 'generic_type') {
      cur = cur.childForFieldName('operand') ?? cur.childForFieldName('type') ?? cur;
      type = cur.type;
    }
    if (type === 'qualified_type') {
      const pkg = cur.childForFieldName('package');
      const name = cur.childForFieldName('name');
      const b = pkg ? this.imports.get(pkg.text) : undefined;
      return b && b.imported === '*' && name ? { module: b.module, member: name.text } : undefined;
    }
    if (type === 'selector_expression') return this.qualifiedSelector(cur.childForFieldName('operand'), cur.childForFieldName('field'));
    if (type === 'identifier' && this.dotImports.length === 1) return this.qualifiedIdentifier(cur.text);
    return undefined;
  }

  /** A bare name is a member of the one dot-imported package unless this file defines it. */
  private qualifiedIdentifier(text: string): QualifiedName | undefined {
    if (this.dotImports.length !== 1 || this.funcs.has(text) || this.assignments.has(text)) return undefined;
    return { module: this.dotImports[0]!, member: text };
  }

  private qualifiedSelector(op: Node | null, field: Node | null): QualifiedName | undefined {
    if (!op || !field || op.type !== 'identifier') return undefined;
    return this.qualifiedName(op.text, field.text, op.startIndex);
  }

  /** `pkg.member` for an operand name `pkg` written at `at`, unless the name is a local shadowing the import. */
  private qualifiedName(pkg: string, member: string, at: number): QualifiedName | undefined {
    const b = this.imports.get(pkg);
    if (!b || b.imported !== '*') return undefined;
    if (this.isLocalAt(pkg, at)) return undefined;
    // Thousands of calls name the same few members: one shared (read-only) name each.
    let members = this.namesByModule.get(b.module);
    if (!members) this.namesByModule.set(b.module, (members = new Map()));
    let q = members.get(member);
    if (!q) members.set(member, (q = { module: b.module, member }));
    return q;
  }

  /** The MCP SDK member a callee names, if any. */
  sdk(expr: Node): SdkName | undefined {
    const q = this.qualified(expr);
    return q ? this.sdkOf(q) : undefined;
  }

  private sdkOf(q: QualifiedName): SdkName | undefined {
    let m = this.sdkByModule.get(q.module);
    if (m === undefined) {
      m = null;
      for (const family of Object.keys(SDK_MODULES) as SdkFamily[]) {
        const base = SDK_MODULES[family];
        if (q.module === base || q.module.startsWith(`${base}/`)) {
          const rest = q.module.slice(base.length).split('/').filter((p) => p && !/^v\d+$/.test(p));
          m = { family, pkg: rest[rest.length - 1] ?? '' };
          break;
        }
      }
      this.sdkByModule.set(q.module, m);
    }
    if (!m) return undefined;
    let s = this.sdkByName.get(q);
    if (!s) this.sdkByName.set(q, (s = { family: m.family, pkg: m.pkg, member: q.member }));
    return s;
  }

  /** True for `sdk(call.function)` matching one of `names` (`pkg.Member`). */
  isSdkCall(call: Node, family: SdkFamily | undefined, ...names: string[]): SdkName | undefined {
    const info = this.callOf(call);
    let s: SdkName | undefined;
    if (info) s = info.sdk;
    else {
      const [c, type] = unwrapWithType(call);
      if (type !== 'call_expression') return undefined;
      const known = this.callOf(c);
      if (known) s = known.sdk;
      else {
        const fn = c.childForFieldName('function');
        s = fn ? this.sdk(fn) : undefined;
      }
    }
    if (!s || (family && s.family !== family)) return undefined;
    return names.includes(`${s.pkg}.${s.member}`) ? s : undefined;
  }

  /** Whether an identifier is shadowed by a local binding of the same name in its function. */
  private isLocalName(id: Node): boolean {
    return this.isLocalAt(id.text, id.startIndex);
  }

  private isLocalAt(name: string, at: number): boolean {
    const byScope = this.scopedFor(name);
    if (!byScope) return false;
    return byScope.has(this.scopeAt(at)?.id ?? 0) || byScope.has(0);
  }

  /**
   * The value most recently assigned to an identifier in its own scope (or, failing that, at package level),
   * following further identifiers. Undefined for parameters, multi-value assignments and unknown names.
   */
  valueOf(expr: Node): Node | undefined {
    const known = this.valueCache.get(expr.id);
    if (known !== undefined) return known ?? undefined;
    const v = this.computeValueOf(expr);
    this.valueCache.set(expr.id, v ?? null);
    return v;
  }

  private computeValueOf(expr: Node): Node | undefined {
    let [cur, type] = unwrapWithType(expr);
    for (let hops = 0; hops < MAX_HOPS && type === 'identifier'; hops++) {
      const v = this.assignedValue(cur);
      if (!v) return undefined;
      [cur, type] = unwrapWithType(v);
    }
    return type === 'identifier' ? undefined : cur;
  }

  /** Follows identifiers to their value, returning the expression itself when it is not a resolvable name. */
  resolve(expr: Node): Node {
    // A call is neither wrapped nor a name: known without asking the tree.
    if (this.callOf(expr)) return expr;
    const [e, type] = unwrapWithType(expr);
    return type === 'identifier' ? (this.valueOf(e) ?? e) : e;
  }

  private assignedValue(id: Node): Node | undefined {
    const name = id.text;
    const byScope = this.scopedFor(name);
    if (!byScope) return undefined;
    let fn = this.scopeOf(id);
    while (fn) {
      const scope = fn;
      const local = (byScope.get(scope.id) ?? []).filter((v) => v.startIndex < id.startIndex);
      if (local.length) return this.realValue(local[local.length - 1]!, id);
      if (this.params(scope).some((p) => p.name === name)) return undefined;
      fn = this.scopeOf(scope);
    }
    const pkg = byScope.get(0) ?? [];
    return pkg.length === 1 ? this.realValue(pkg[0]!, id) : undefined;
  }

  /** Assignments of `name` by enclosing function id (0 for package level), computed once per name. */
  private scopedFor(name: string): Map<number, Node[]> | undefined {
    const known = this.scoped.get(name);
    if (known !== undefined) return known ?? undefined;
    const values = this.assignments.get(name);
    let m: Map<number, Node[]> | null = null;
    if (values) {
      m = new Map<number, Node[]>();
      for (const v of values) {
        const key = this.scopeOf(v)?.id ?? 0;
        const list = m.get(key);
        if (list) list.push(v);
        else m.set(key, [v]);
      }
    }
    this.scoped.set(name, m);
    return m ?? undefined;
  }

  /**
   * Assignment entries for declarations without a value, and for multi-value right sides, hold the name itself.
   * `a, err := f()` gives `a` the call (its first result); later names of such a declaration stay unknown.
   */
  private realValue(v: Node, id: Node): Node | undefined {
    if (v.type !== 'identifier' || v.text !== id.text) return v;
    const p = v.parent;
    if (!p) return v;
    const decl = p.type === 'expression_list' ? p.parent : p;
    if (!decl || !['var_spec', 'const_spec', 'short_var_declaration', 'assignment_statement'].includes(decl.type)) return v;
    const left = (p.type === 'expression_list' ? p.namedChildren : decl.childrenForFieldName('name')).filter((x): x is Node => !!x);
    if (p.type === 'expression_list' && decl.childForFieldName('left')?.id !== p.id) return v;
    const right = (decl.childForFieldName(decl.type.endsWith('_spec') ? 'value' : 'right')?.namedChildren ?? []).filter((x): x is Node => !!x);
    return right.length === 1 && left.length > 1 && left[0]?.id === v.id ? right[0] : undefined;
  }

  /** The declared type of a variable (`var v T`, `v := T{}`, `v := &T{}`, `v := new(T)`) in the scope of `id`. */
  declaredType(id: Node): Node | undefined {
    const t = this.declaredTypeOf(id.text, id.startIndex, () => id);
    return t && 'index' in t ? t.type : t;
  }

  /** The text of `declaredType` for a name used at `at`; the name's node is fetched only if its value must be read. */
  declaredTypeText(name: string, at: number, node: () => Node): string | undefined {
    const t = this.declaredTypeOf(name, at, node);
    return t && 'index' in t ? paramTypeText(t) : t?.text;
  }

  /** `declaredType`, with a parameter's type given as the parameter (whose type text needs no tree lookup). */
  private declaredTypeOf(name: string, at: number, node: () => Node): Node | GoParam | undefined {
    const fn = this.scopeAt(at);
    const scope = fn ?? this.root;
    let specs = this.varSpecs.get(scope.id);
    if (!specs) {
      // The var_specs under the scope: those of the file's index lying inside its extent.
      const all = this.index.nodes('var_spec');
      if (fn) {
        // In document order: binary search for the first one after the function's start, then take those inside it.
        const start = fn.startIndex;
        const end = fn.endIndex;
        let lo = 0;
        let hi = all.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (all[mid]!.startIndex <= start) lo = mid + 1;
          else hi = mid;
        }
        specs = [];
        for (let i = lo; i < all.length && all[i]!.startIndex < end; i++) specs.push(all[i]!);
      } else specs = [...all];
      this.varSpecs.set(scope.id, specs);
    }
    for (const spec of specs) {
      if (spec.startIndex > at) continue;
      if (spec.childrenForFieldName('name').some((n) => n?.text === name)) {
        const t = spec.childForFieldName('type');
        if (t) return t;
      }
    }
    if (fn) {
      const p = this.params(fn).find((x) => x.name === name);
      if (p) return p;
    }
    const v = this.valueOf(node());
    if (!v) return undefined;
    if (v.type === 'composite_literal') return v.childForFieldName('type') ?? undefined;
    if (v.type === 'unary_expression') {
      const op = v.childForFieldName('operand');
      if (op?.type === 'composite_literal') return op.childForFieldName('type') ?? undefined;
    }
    if (v.type === 'call_expression' && v.childForFieldName('function')?.text === 'new') {
      return v.childForFieldName('arguments')?.namedChildren[0] ?? undefined;
    }
    return undefined;
  }

  /**
   * A function an expression refers to in this file: a literal, a named function, a method value (`h.run`), or
   * a variable holding one. Returns the definition node and its name.
   */
  functionOf(expr: Node, depth = 0): { fn: Node; name?: string } | undefined {
    if (depth > MAX_HOPS) return undefined;
    const [e, type] = unwrapWithType(expr);
    if (type === 'func_literal') return { fn: e };
    if (type === 'identifier') {
      const decl = this.funcs.get(e.text);
      const v = this.valueOf(e);
      if (v) return this.functionOf(v, depth + 1);
      if (decl) return { fn: decl, name: e.text };
      return undefined;
    }
    if (type === 'selector_expression') {
      const op = e.childForFieldName('operand');
      const field = e.childForFieldName('field')?.text;
      if (!field || (op?.type === 'identifier' && this.imports.has(op.text) && !this.isLocalName(op))) return undefined;
      const ms = this.methods.get(field) ?? [];
      if (ms.length === 1) return { fn: ms[0]!, name: field };
      if (ms.length > 1 && op) {
        const t = op.type === 'identifier' ? this.declaredType(op) : undefined;
        const tn = t?.text.replace(/^\*/, '');
        const m = ms.find((d) => d.childForFieldName('receiver')?.namedChildren[0]?.childForFieldName('type')?.text.replace(/^\*/, '') === tn);
        if (m) return { fn: m, name: field };
      }
      return undefined;
    }
    return undefined;
  }

  /** What a call to a same-file function returns: the expressions at `index` of its return statements. */
  returnedBy(call: Node, index = 0): Node[] {
    const [c, type] = unwrapWithType(call);
    if (type !== 'call_expression') return [];
    const fn = this.callOf(c)?.site.callee ?? c.childForFieldName('function');
    const target = fn ? this.functionOf(fn) : undefined;
    if (!target) return [];
    return this.ownReturns(target.fn)
      .map((r) => returnValues(r)[index])
      .filter((x): x is Node => !!x);
  }

  /** Calls to a same-file function or method by name (`setup(s)`, `a.setup(s)`). */
  callsOf(name: string): CallInfo[] {
    if (!this.callsByName) {
      const index = new Map<string, CallInfo[]>();
      for (const c of this.callInfos()) {
        const key = c.fnType === 'identifier' ? c.text : c.fnType === 'selector_expression' && !c.q ? c.field : undefined;
        if (!key) continue;
        const list = index.get(key);
        if (list) list.push(c);
        else index.set(key, [c]);
      }
      this.callsByName = index;
    }
    return this.callsByName.get(name) ?? [];
  }

  /** True when the name is declared by a package-level `var` (and so is shared by every function). */
  isPackageVar(name: string): boolean {
    if (!this.packageVars) {
      this.packageVars = new Set();
      for (const decl of this.root.namedChildren) {
        if (decl?.type !== 'var_declaration') continue;
        for (const spec of decl.descendantsOfType('var_spec')) for (const n of spec?.childrenForFieldName('name') ?? []) if (n) this.packageVars.add(n.text);
      }
    }
    return this.packageVars.has(name);
  }

  /** Every struct field declaration in the file. */
  fieldDecls(): Node[] {
    return (this.fieldDeclList ??= [...this.index.nodes('field_declaration')]);
  }

  /** A boolean known before run time: `true`, a constant, `&v` / `ptr(true)` / `new(bool)` style pointers. */
  bool(expr: Node | undefined, depth = 0): boolean | undefined {
    if (!expr || depth > MAX_HOPS) return undefined;
    const [e, type] = unwrapWithType(expr);
    if (type === 'true') return true;
    if (type === 'false') return false;
    if (type === 'identifier') {
      const v = this.valueOf(e);
      return v ? this.bool(v, depth + 1) : undefined;
    }
    if (type === 'unary_expression') {
      const op = e.childForFieldName('operator')?.text;
      const inner = e.childForFieldName('operand') ?? undefined;
      if (op === '&') return this.bool(inner, depth + 1);
      if (op === '!') {
        const b = this.bool(inner, depth + 1);
        return b === undefined ? undefined : !b;
      }
      return undefined;
    }
    if (type === 'call_expression') {
      const fn = e.childForFieldName('function');
      const args = e.childForFieldName('arguments')?.namedChildren.filter((x): x is Node => !!x) ?? [];
      if (fn?.text === 'new' && args[0]?.text === 'bool') return false;
      if (args.length === 1) return this.bool(args[0], depth + 1);
    }
    return undefined;
  }

  /** A number known before run time (literals, negation, constants, `ptr(3)`). */
  num(expr: Node | undefined, depth = 0): number | undefined {
    if (!expr || depth > MAX_HOPS) return undefined;
    const [e, type] = unwrapWithType(expr);
    if (type === 'int_literal' || type === 'float_literal') {
      const t = e.text.replace(/_/g, '');
      const n = /^0[xXoObB]/.test(t) ? Number(t.replace(/^0[oO]/, '0o')) : /^0\d+$/.test(t) ? parseInt(t, 8) : Number(t);
      return Number.isFinite(n) ? n : undefined;
    }
    if (type === 'unary_expression') {
      const op = e.childForFieldName('operator')?.text;
      const v = this.num(e.childForFieldName('operand') ?? undefined, depth + 1);
      if (v === undefined) return undefined;
      return op === '-' ? -v : op === '+' || op === '&' ? v : undefined;
    }
    if (type === 'identifier') {
      const v = this.valueOf(e);
      return v ? this.num(v, depth + 1) : undefined;
    }
    if (type === 'call_expression') {
      const args = e.childForFieldName('arguments')?.namedChildren.filter((x): x is Node => !!x) ?? [];
      if (args.length === 1) return this.num(args[0], depth + 1);
    }
    return undefined;
  }

  /** A TextValue for a default/enum value that may be a string, number or boolean. */
  scalarText(expr: Node): TextValue {
    const [e, type] = unwrapWithType(expr);
    if (decodeString(e, 'go') || type === 'identifier' || type === 'binary_expression') {
      const s = staticString(e, 'go', this.assignments);
      if (s) return this.text(e);
    }
    const n = this.num(e);
    if (n !== undefined) return { value: String(n), origin: type === 'identifier' ? 'constant' : 'literal', location: this.loc(e) };
    const b = type === 'true' || type === 'false' ? type === 'true' : undefined;
    if (b !== undefined) return { value: String(b), origin: 'literal', location: this.loc(e) };
    return this.text(e);
  }

  /** The MCP SDK packages this file imports, one per SDK, in import order. */
  sdkImports(): SdkRef[] {
    const out: SdkRef[] = [];
    for (const b of this.imports.values()) {
      for (const family of Object.keys(SDK_MODULES) as SdkFamily[]) {
        const base = SDK_MODULES[family];
        if ((b.module === base || b.module.startsWith(`${base}/`)) && !out.some((s) => s.package === base)) out.push({ package: base, api: family });
      }
    }
    return out;
  }
}
