// Lookups the Python extractor shares: functions, classes, constant resolution, call arguments and literal values.
import type { Node } from 'web-tree-sitter';
import type { TextValue } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';
import type { CallSite } from '../../parse/call-sites.js';
import { dottedParts, type ImportMap } from '../../parse/imports.js';
import { staticString, type Assignments } from '../../parse/static-value.js';
import { NodeIndex } from '../../parse/node-index.js';
import { descendantsOfType } from '../../parse/walk.js';
import type { ExtractInput } from '../extract-file.js';
import { cleanDocstring, dynamicSources, locationOf, textValueOf } from '../text-value.js';

/** How many `name = other_name` hops are followed before giving up (cycles and long chains). */
const MAX_HOPS = 6;

const LITERAL_TYPES = new Set(['integer', 'float', 'true', 'false', 'none']);
/** Node types the extractor scans the whole file for; all come from the shared single-pass index. */
const INDEXED_TYPES = ['decorated_definition', 'decorator', 'assignment', 'pair', 'string', 'concatenated_string', 'function_definition', 'class_definition'] as const;
export type IndexedType = (typeof INDEXED_TYPES)[number];

export class PythonFacts {
  readonly path: string;
  readonly root: Node;
  private callIndex?: Map<number, CallSite>;
  private functionIndex?: Map<string, Node[]>;
  private classIndex?: Map<string, Node>;
  private typeIndex?: Map<string, Node[]>;

  constructor(private readonly input: ExtractInput) {
    this.path = input.path;
    this.root = input.tree.rootNode;
  }

  get imports(): ImportMap {
    return this.input.imports();
  }

  get assignments(): Assignments {
    return this.input.assignments();
  }

  get calls(): readonly CallSite[] {
    return this.input.calls();
  }

  /** The shared call-site record (canonical name, positional and keyword arguments) of a `call` node. */
  callSite(node: Node | null | undefined): CallSite | undefined {
    if (!node || node.type !== 'call') return undefined;
    if (!this.callIndex) {
      this.callIndex = new Map();
      for (const c of this.calls) this.callIndex.set(c.node.id, c);
    }
    return this.callIndex.get(node.id);
  }

  /** Canonical callee name of a call node (`mcp.server.fastmcp.FastMCP`), or undefined. */
  calleeOf(node: Node | null | undefined): string | undefined {
    return this.callSite(node)?.name;
  }

  /** Every node of the given types in the file, in document order. */
  nodes(...types: IndexedType[]): Node[] {
    if (!this.typeIndex) {
      const index = NodeIndex.of(this.input.tree, 'python');
      this.typeIndex = new Map(INDEXED_TYPES.map((t) => [t, index.nodes(t) as Node[]]));
    }
    if (types.length === 1) return this.typeIndex.get(types[0]!)!;
    return types.flatMap((t) => this.typeIndex!.get(t)!).sort((a, b) => a.startIndex - b.startIndex);
  }

  /** Function definitions by name, in document order (methods included). */
  functionsNamed(name: string): Node[] {
    if (!this.functionIndex) {
      this.functionIndex = new Map();
      for (const fn of this.nodes('function_definition')) {
        const n = fn.childForFieldName('name')?.text;
        if (!n) continue;
        const list = this.functionIndex.get(n) ?? [];
        list.push(fn);
        this.functionIndex.set(n, list);
      }
    }
    return this.functionIndex.get(name) ?? [];
  }

  /** The function a reference names: `fn` (module-level first) or `obj.method` (a method of that name). */
  functionFor(ref: Node | null | undefined): Node | undefined {
    let cur = ref ?? undefined;
    for (let hops = 0; cur && hops < MAX_HOPS; hops++) {
      if (cur.type === 'lambda' || cur.type === 'function_definition') return cur;
      if (cur.type === 'attribute') {
        const attr = cur.childForFieldName('attribute')?.text;
        const defs = attr ? this.functionsNamed(attr) : [];
        return defs.find(isMethod) ?? defs[0];
      }
      if (cur.type !== 'identifier') return undefined;
      const defs = this.functionsNamed(cur.text);
      if (defs.length) return defs.find((d) => !isMethod(d)) ?? defs[0];
      cur = this.singleValue(cur);
    }
    return undefined;
  }

  classNamed(name: string): Node | undefined {
    if (!this.classIndex) {
      this.classIndex = new Map();
      for (const c of this.nodes('class_definition')) {
        const n = c.childForFieldName('name')?.text;
        if (n && !this.classIndex.has(n)) this.classIndex.set(n, c);
      }
    }
    return this.classIndex.get(name);
  }

  /** The value expression of a name assigned exactly once in the file. */
  singleValue(id: Node): Node | undefined {
    if (id.type !== 'identifier') return undefined;
    const values = this.assignments.get(id.text);
    if (!values || values.length !== 1) return undefined;
    const v = values[0]!;
    return v.id === id.id || v.type === 'identifier' && v.text === id.text ? undefined : v;
  }

  /** Follows names assigned once (and parentheses) to the expression they stand for. */
  resolve(node: Node | null | undefined): Node | undefined {
    let cur = node ?? undefined;
    for (let hops = 0; cur && hops < MAX_HOPS; hops++) {
      if (cur.type === 'parenthesized_expression') {
        cur = cur.namedChildren[0] ?? undefined;
        continue;
      }
      if (cur.type !== 'identifier') return cur;
      const v = this.singleValue(cur);
      if (!v) return cur;
      cur = v;
    }
    return cur;
  }

  /** Keyword argument of a call, or the positional argument at `index` when given. */
  arg(call: Node, keyword: string | readonly string[], index?: number): Node | undefined {
    const site = this.callSite(call);
    if (!site) return undefined;
    for (const k of typeof keyword === 'string' ? [keyword] : keyword) {
      const v = site.kwargs.get(k);
      if (v) return v;
    }
    return index === undefined ? undefined : site.args[index];
  }

  /**
   * Resolved string value (literal, constant, concatenation, or a `str` Enum member defined in the file),
   * or undefined when any part is unknown.
   */
  stringValue(node: Node | null | undefined): string | undefined {
    if (!node) return undefined;
    const s = staticString(node, 'python', this.assignments);
    if (s?.complete) return s.value;
    return this.enumMemberValue(node);
  }

  /** A TextValue for an expression, also resolving `Enum.MEMBER` constants of the file. */
  text(node: Node): TextValue {
    const tv = textValueOf(node, 'python', this.assignments, this.path);
    if (tv.origin !== 'dynamic') return tv;
    const member = this.enumMemberValue(node);
    if (member !== undefined) return { value: member, origin: 'constant', location: tv.location };
    // `BASE + REMOTE` where `REMOTE = requests.get(…).text`: classify by what the names were computed from.
    const texts = [node.text];
    for (const id of node.type === 'identifier' ? [node] : descendantsOfType(node, 'identifier')) {
      const v = this.singleValue(id);
      if (v) texts.push(v.text);
    }
    if (texts.length > 1) tv.dynamicFrom = dynamicSources(texts.join('\n'));
    return tv;
  }

  /** A TextValue for a default or schema value: strings as text, numbers/booleans/None as written. */
  valueText(node: Node): TextValue {
    const n = this.resolve(node) ?? node;
    if (isNumberOrConstant(n)) return { value: n.text, origin: n.id === node.id ? 'literal' : 'constant', location: this.loc(node) };
    return this.text(node);
  }

  /** `Cls.MEMBER` or `Cls.MEMBER.value` where `Cls` is a class in this file with `MEMBER = "…"`. */
  enumMemberValue(node: Node): string | undefined {
    let cur = node;
    if (cur.type === 'attribute' && cur.childForFieldName('attribute')?.text === 'value') cur = cur.childForFieldName('object') ?? cur;
    const parts = cur.type === 'attribute' || cur.type === 'dotted_name' ? dotted(cur) : undefined;
    if (!parts || parts.length !== 2) return undefined;
    const cls = this.classNamed(parts[0]!);
    if (!cls) return undefined;
    const value = classAttribute(cls, parts[1]!);
    if (!value) return undefined;
    const s = staticString(value, 'python', this.assignments);
    return s?.complete ? s.value : undefined;
  }

  bool(node: Node | null | undefined): boolean | undefined {
    const n = this.resolve(node);
    if (!n) return undefined;
    if (n.type === 'true') return true;
    if (n.type === 'false') return false;
    if (n.type === 'not_operator') {
      const inner = this.bool(n.childForFieldName('argument'));
      return inner === undefined ? undefined : !inner;
    }
    return undefined;
  }

  number(node: Node | null | undefined): number | undefined {
    const n = this.resolve(node);
    if (!n) return undefined;
    if (n.type === 'unary_operator') {
      const arg = n.childForFieldName('argument');
      const v = arg && (arg.type === 'integer' || arg.type === 'float') ? parseNumber(arg.text) : undefined;
      if (v === undefined) return undefined;
      return n.text.trimStart().startsWith('-') ? -v : v;
    }
    if (n.type === 'integer' || n.type === 'float') return parseNumber(n.text);
    return undefined;
  }

  isNone(node: Node | null | undefined): boolean {
    return this.resolve(node)?.type === 'none';
  }

  /** Entries of a dict literal (following names), keyed by their static string keys. */
  dictEntries(node: Node | null | undefined): Map<string, { key: Node; value: Node; pair: Node }> | undefined {
    const n = this.resolve(node);
    if (!n) return undefined;
    if (n.type === 'call' && this.calleeOf(n) === 'dict') {
      const out = new Map<string, { key: Node; value: Node; pair: Node }>();
      for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a?.type !== 'keyword_argument') continue;
        const k = a.childForFieldName('name');
        const v = a.childForFieldName('value');
        if (k && v) out.set(k.text, { key: k, value: v, pair: a });
      }
      return out;
    }
    if (n.type !== 'dictionary') return undefined;
    const out = new Map<string, { key: Node; value: Node; pair: Node }>();
    for (const p of n.namedChildren) {
      if (p?.type !== 'pair') continue;
      const key = p.childForFieldName('key');
      const value = p.childForFieldName('value');
      if (!key || !value) continue;
      const k = this.stringValue(key);
      if (k !== undefined && !out.has(k)) out.set(k, { key, value, pair: p });
    }
    return out;
  }

  /** Elements of a list/tuple/set literal (following names); undefined for anything else. */
  listItems(node: Node | null | undefined): Node[] | undefined {
    const n = this.resolve(node);
    if (!n || !['list', 'tuple', 'set'].includes(n.type)) return undefined;
    return n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  }

  /** The cleaned docstring of a function or class, as the SDKs present it. */
  docstring(def: Node): TextValue | undefined {
    const body = def.childForFieldName('body');
    const first = body?.namedChildren.find((c) => c?.type !== 'comment');
    if (!first || first.type !== 'expression_statement') return undefined;
    const str = first.namedChildren[0];
    if (!str || (str.type !== 'string' && str.type !== 'concatenated_string')) return undefined;
    const s = staticString(str, 'python', this.assignments);
    // An f-string in docstring position is evaluated and discarded: `__doc__` stays None.
    if (!s?.complete) return undefined;
    return { value: cleanDocstring(s.value), origin: 'docstring', location: this.loc(str) };
  }

  loc(node: Node): Location {
    return locationOf(this.path, node);
  }

  /** The head identifier of a dotted receiver (`self.mcp` → `self`). */
  headOf(node: Node): string | undefined {
    return dottedParts(node, 'python')?.[0];
  }
}

/** `a.b.c` as parts for attribute chains and dotted names; undefined for anything else. */
export function dotted(node: Node): string[] | undefined {
  if (node.type === 'dotted_name') return node.namedChildren.map((c) => c?.text ?? '');
  return dottedParts(node, 'python');
}

/** The receiver text of a dotted expression when it is a plain name chain (`mcp`, `self.server`). */
export function receiverText(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const parts = dottedParts(node, 'python');
  return parts ? parts.join('.') : undefined;
}

export function isMethod(fn: Node): boolean {
  return fn.parent?.type === 'block' && fn.parent.parent?.type === 'class_definition' ||
    fn.parent?.type === 'decorated_definition' && fn.parent.parent?.type === 'block' && fn.parent.parent.parent?.type === 'class_definition';
}

/** The value assigned to `name` directly in a class body. */
export function classAttribute(cls: Node, name: string): Node | undefined {
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    if (stmt?.type !== 'expression_statement') continue;
    const a = stmt.namedChildren[0];
    if (a?.type !== 'assignment') continue;
    if (a.childForFieldName('left')?.text === name) return a.childForFieldName('right') ?? undefined;
  }
  return undefined;
}

/** Positional operator of a comparison (`==`, `in`, `!=`…), from its anonymous children. */
export function comparisonOperator(node: Node): string | undefined {
  for (const c of node.children) if (c && !c.isNamed) return c.text;
  return undefined;
}

/** Unwraps parentheses and `x or {}` fallbacks, which stand for the same object. */
export function unwrapFallback(node: Node): Node {
  let cur = node;
  for (let i = 0; i < MAX_HOPS; i++) {
    if (cur.type === 'parenthesized_expression' && cur.namedChildren[0]) cur = cur.namedChildren[0];
    else if (cur.type === 'boolean_operator' && cur.children.some((c) => c?.text === 'or') && cur.childForFieldName('left')) cur = cur.childForFieldName('left')!;
    else if (cur.type === 'await' && cur.namedChildren[0]) cur = cur.namedChildren[0];
    else break;
  }
  return cur;
}

function isNumberOrConstant(n: Node): boolean {
  if (LITERAL_TYPES.has(n.type)) return true;
  return n.type === 'unary_operator' && ['integer', 'float'].includes(n.childForFieldName('argument')?.type ?? '');
}

function parseNumber(text: string): number | undefined {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/^0x[0-9a-f]+$/.test(t)) return parseInt(t.slice(2), 16);
  if (/^0o[0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0b[01]+$/.test(t)) return parseInt(t.slice(2), 2);
  const v = Number(t.replace(/j$/, ''));
  return Number.isFinite(v) && !t.endsWith('j') ? v : undefined;
}
