// Call sites of a file with canonical callee names and their arguments, shared by every rule that matches calls.
import type { Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import { calleeName, type ImportMap } from './imports.js';
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
 * rules see the real callee. Only names assigned exactly once are followed.
 */
function aliasedName(callee: Node, lang: CodeLanguage, imports: ImportMap, assignments: Assignments): string | undefined {
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

export function collectCallSites(tree: Tree, lang: CodeLanguage, imports: ImportMap, assignments: Assignments): CallSite[] {
  const fam = lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
  const out: CallSite[] = [];
  for (const node of tree.rootNode.descendantsOfType(CALL_TYPES[fam])) {
    if (!node) continue;
    const isNew = node.type === 'new_expression';
    const callee = node.childForFieldName(isNew ? 'constructor' : 'function');
    if (!callee) continue;
    const argList = node.childForFieldName('arguments');
    const args: Node[] = [];
    const kwargs = new Map<string, Node>();
    for (const a of argList?.namedChildren ?? []) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) kwargs.set(k, v);
      } else args.push(a);
    }
    const name = (callee.type === 'identifier' && !imports.has(callee.text) && aliasedName(callee, lang, imports, assignments)) || calleeName(callee, imports, lang);
    out.push({ node, callee, name, args, kwargs, isNew });
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
