// Call sites of a file with canonical callee names and their arguments, shared by every rule that matches calls.
import type { Language, Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import { calleeName, canonicalName, dottedParts, dottedPartsOf, isPlainChain, NOT_A_NAME, type ImportMap } from './imports.js';
import { NodeIndex, sourceOf } from './node-index.js';
import { decodeString } from './string-literal.js';
import type { Assignments } from './static-value.js';

export interface CallSite {
  node: Node;
  callee: Node;
  /** Canonical name (`subprocess.run`, `child_process.exec`, `os/exec.Command`) or the callee text. */
  name?: string;
  /** Positional arguments in order (spreads included as their nodes). */
  args: Node[];
  /** Python keyword arguments by name. */
  kwargs: Map<string, Node>;
  /** `new X(...)` in JS/TS. */
  isNew: boolean;
}

const CALL_TYPES: Record<'python' | 'js' | 'go', string[]> = {
  python: ['call'],
  js: ['call_expression', 'new_expression'],
  go: ['call_expression'],
};

/**
 * Follows `const run = promisify(exec)` / `const sh = cp.exec` style aliases to the name they stand for, so
 * rules see the real callee. Only names assigned exactly once are followed. `calleeText` is the callee's source.
 */
function aliasedName(callee: Node, calleeText: string, lang: CodeLanguage, imports: ImportMap, assignments: Assignments): string | undefined {
  // Most bare callees are builtins or local functions that are never assigned: settle those without the tree.
  if (imports.has(calleeText) || !assignments.has(calleeText)) return undefined;
  let cur: Node = callee;
  for (let hops = 0; hops < 4 && cur.type === 'identifier' && !imports.has(cur.text); hops++) {
    const values = assignments.get(cur.text);
    // A name never assigned in the file (a builtin such as `exec` or `eval`) ends the chain: `run = exec` → `exec`.
    if (!values) break;
    if (values.length !== 1) return undefined;
    let v = values[0]!;
    if (v.type === 'call_expression' || v.type === 'call') {
      const fn = v.childForFieldName('function');
      const wrapped = fn ? calleeName(fn, imports, lang) : undefined;
      if (wrapped !== 'util.promisify' && wrapped !== 'promisify' && wrapped !== 'functools.partial') return undefined;
      const first = v.childForFieldName('arguments')?.namedChildren[0];
      if (!first) return undefined;
      v = first;
    }
    if (v.id === cur.id) return undefined;
    cur = v;
  }
  return cur === callee ? undefined : calleeName(cur, imports, lang);
}

/** The field holding the last link of a member chain, per node type. */
const MEMBER_FIELD: Record<string, string> = { member_expression: 'property', attribute: 'attribute', selector_expression: 'field' };

/**
 * What the collector learnt about each call besides the CallSite fields. The callee node and the arguments are looked
 * up only when a consumer reads them: most calls are dismissed by their name, and every child lookup is a crossing
 * into wasm.
 */
class LazyCallSite implements CallSite {
  private split?: { args: Node[]; kwargs: Map<string, Node> };
  private memberName?: string | null;

  constructor(
    readonly node: Node,
    private calleeNode: Node | undefined,
    private readonly calleeField: number,
    readonly name: string | undefined,
    readonly isNew: boolean,
    readonly calleeType: string,
    readonly calleeParts: readonly string[] | undefined,
    /** True when `calleeParts` was read from a chain written plainly, whose last part is the member name. */
    private readonly plain: boolean,
  ) {}

  get callee(): Node {
    // Only calls whose callee is known to exist are collected without their callee node.
    return (this.calleeNode ??= this.node.childForFieldId(this.calleeField)!);
  }

  get args(): Node[] {
    return (this.split ??= splitArguments(this.node)).args;
  }

  get kwargs(): Map<string, Node> {
    return (this.split ??= splitArguments(this.node)).kwargs;
  }

  get member(): string | undefined {
    if (this.memberName === undefined) {
      const field = MEMBER_FIELD[this.calleeType];
      if (!field) this.memberName = null;
      else if (this.plain) this.memberName = this.calleeParts![this.calleeParts!.length - 1]!;
      else this.memberName = this.callee.childForFieldName(field)?.text ?? null;
    }
    return this.memberName ?? undefined;
  }
}

/** Field ids by grammar: `childForFieldName` searches the grammar's field list on every call. */
const fieldIds = new WeakMap<Language, Map<string, number>>();

function fieldId(language: Language, name: string): number {
  let ids = fieldIds.get(language);
  if (!ids) fieldIds.set(language, (ids = new Map()));
  let id = ids.get(name);
  if (id === undefined) ids.set(name, (id = language.fields.indexOf(name)));
  return id;
}

function child(node: Node, field: string): Node | null {
  const id = fieldId(node.tree.language, field);
  return id < 0 ? null : node.childForFieldId(id);
}

function splitArguments(node: Node): { args: Node[]; kwargs: Map<string, Node> } {
  const args: Node[] = [];
  const kwargs = new Map<string, Node>();
  for (const a of child(node, 'arguments')?.namedChildren ?? []) {
    if (!a) continue;
    const type = a.type;
    if (type === 'comment') continue;
    if (type === 'keyword_argument') {
      const k = child(a, 'name')?.text;
      const v = child(a, 'value');
      if (k && v) kwargs.set(k, v);
    } else args.push(a);
  }
  return { args, kwargs };
}

/** The callee's node type (known without a lookup for collected call sites). */
export function calleeTypeOf(call: CallSite): string {
  return call instanceof LazyCallSite ? call.calleeType : call.callee.type;
}

/** `dottedParts` of the callee (`["server", "tool"]`), computed once per collected call site. */
export function calleePartsOf(call: CallSite, lang: CodeLanguage): readonly string[] | undefined {
  return call instanceof LazyCallSite ? call.calleeParts : dottedParts(call.callee, lang);
}

/** The member a call invokes when its callee is `obj.member` (`attribute` / `member_expression` / `selector_expression`). */
export function calleeMemberOf(call: CallSite): string | undefined {
  if (call instanceof LazyCallSite) return call.member;
  const field = MEMBER_FIELD[call.callee.type];
  return field ? call.callee.childForFieldName(field)?.text : undefined;
}

/** The node type of a member chain used as a callee, per language family. */
const CHAIN_TYPE: Record<'python' | 'js' | 'go', string> = { python: 'attribute', js: 'member_expression', go: 'selector_expression' };
/** A plain name chain followed by the opening parenthesis of an argument list, matched where a call starts. */
const PLAIN_CALL = /([A-Za-z_$][\w$]*(?:[ \t\r\n]*\.[ \t\r\n]*[A-Za-z_$][\w$]*)*)[ \t\r\n]*\(/y;

/**
 * When the tree's source is attached (`attachSource`) and the tree parsed without errors, callees are read from the
 * source text: a call whose text starts with `a.b.c(` has that chain as its callee, unless another call starts at
 * the same place (`a.b(x)(y)`, `a.b(x).c(y)`: the outer call comes first in document order). Everything else is
 * read from the tree.
 */
export function collectCallSites(tree: Tree, lang: CodeLanguage, imports: ImportMap, assignments: Assignments): CallSite[] {
  const fam = lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
  const source = sourceOf(tree);
  const text = source?.clean ? source.text : undefined;
  const fields = tree.language.fields;
  const functionField = fields.indexOf('function');
  const constructorField = fields.indexOf('constructor');
  const out: CallSite[] = [];
  const { nodes, types } = NodeIndex.of(tree, lang).typed(CALL_TYPES[fam]);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const isNew = types[i] === 'new_expression';
    const fieldId = isNew ? constructorField : functionField;
    if (fieldId < 0) continue;
    if (text !== undefined && !isNew && nodes[i + 1]?.startIndex !== node.startIndex) {
      PLAIN_CALL.lastIndex = node.startIndex;
      const m = PLAIN_CALL.exec(text);
      const chain = m?.[1];
      if (chain !== undefined) {
        const parts = chain.split('.').map((p) => p.trim());
        if (!NOT_A_NAME.has(parts[0]!)) {
          const single = parts.length === 1;
          const calleeType = single ? 'identifier' : CHAIN_TYPE[fam];
          let callee: Node | undefined;
          let name: string | undefined;
          if (single && !imports.has(chain) && assignments.has(chain)) {
            callee = node.childForFieldId(fieldId)!;
            name = aliasedName(callee, chain, lang, imports, assignments);
          }
          name ||= canonicalName(parts, imports);
          out.push(new LazyCallSite(node, callee, fieldId, name, false, calleeType, parts, !single));
          continue;
        }
      }
    }
    let callee = node.childForFieldId(fieldId);
    if (!callee) continue;
    // Compiled CommonJS calls imported functions as `(0, child_process_1.exec)(cmd)` so that `this` is unbound:
    // the callee is the last expression of the parenthesised sequence.
    if (callee.type === 'parenthesized_expression' && fam === 'js') {
      const seq = callee.namedChildren[0];
      const last = seq?.type === 'sequence_expression' ? seq.namedChildren.at(-1) : undefined;
      if (last && (last.type === 'member_expression' || last.type === 'identifier')) callee = last;
    }
    const calleeType = callee.type;
    const calleeText = text === undefined ? callee.text : text.slice(callee.startIndex, callee.endIndex);
    const parts = text === undefined ? dottedParts(callee, lang) : dottedPartsOf(callee, calleeType, calleeText, lang);
    const plain = text !== undefined && parts !== undefined && isPlainChain(calleeType, calleeText);
    const name = (calleeType === 'identifier' && aliasedName(callee, calleeText, lang, imports, assignments)) || (parts ? canonicalName(parts, imports) : undefined);
    out.push(new LazyCallSite(node, callee, fieldId, name, isNew, calleeType, parts, plain));
  }
  return out;
}

/** Properties of a JS/TS object literal (`{ a: 1, b }`) by key; shorthand properties map to their identifier. */
export function objectProperties(node: Node | null | undefined, lang: CodeLanguage): Map<string, Node> {
  const out = new Map<string, Node>();
  if (!node || node.type !== 'object') return out;
  for (const p of node.namedChildren) {
    if (!p) continue;
    if (p.type === 'pair') {
      const key = p.childForFieldName('key');
      const value = p.childForFieldName('value');
      if (!key || !value) continue;
      const k = key.type === 'property_identifier' ? key.text : decodeString(key, lang)?.value ?? key.text;
      out.set(k, value);
    } else if (p.type === 'shorthand_property_identifier') out.set(p.text, p);
    else if (p.type === 'method_definition') {
      const name = p.childForFieldName('name');
      if (name) out.set(name.text, p);
    }
  }
  return out;
}

/** Fields of a Go composite literal (`&mcp.Tool{Name: "x"}` or `T{...}`) by key. */
export function compositeFields(node: Node | null | undefined): Map<string, Node> {
  const out = new Map<string, Node>();
  let lit = node;
  if (lit?.type === 'unary_expression') lit = lit.childForFieldName('operand');
  if (!lit || lit.type !== 'composite_literal') return out;
  const body = lit.childForFieldName('body');
  for (const el of body?.namedChildren ?? []) {
    if (el?.type !== 'keyed_element') continue;
    const [k, v] = el.namedChildren;
    if (!k || !v) continue;
    out.set(k.text, v.type === 'literal_element' ? v.namedChildren[0] ?? v : v);
  }
  return out;
}
