// Resolves expressions to compile-time strings: literals, concatenation and names assigned exactly once in the file.
import type { Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import { NodeIndex } from './node-index.js';
import { decodeString } from './string-literal.js';

export interface StaticString {
  value: string;
  /** False when part of the value is unknown (interpolation, call, unresolved name); those parts read `{…}`. */
  complete: boolean;
  /** How it was built, for the inventory's `TextValue.origin`. */
  origin: 'literal' | 'constant' | 'concatenation' | 'template';
}

/** Every name → the value expressions assigned to it anywhere in the file (one entry per assignment). */
export type Assignments = ReadonlyMap<string, readonly Node[]>;

export function collectAssignments(tree: Tree, lang: CodeLanguage): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const add = (name: Node | null | undefined, value: Node | null | undefined) => {
    if (!name || name.type !== 'identifier') return;
    const list = out.get(name.text) ?? [];
    if (value) list.push(value);
    else list.push(name); // a declaration without a value still counts as an assignment we cannot resolve
    out.set(name.text, list);
  };
  const index = NodeIndex.of(tree, lang);
  if (lang === 'python') {
    for (const a of index.nodes('assignment')) add(a?.childForFieldName('left'), a?.childForFieldName('right'));
    for (const a of index.nodes('augmented_assignment')) add(a?.childForFieldName('left'), a?.childForFieldName('left'));
  } else if (lang === 'go') {
    for (const spec of index.nodes(['const_spec', 'var_spec'])) {
      if (!spec) continue;
      const names = spec.childrenForFieldName('name');
      const values = spec.childForFieldName('value')?.namedChildren ?? [];
      names.forEach((n, i) => add(n, values[i]));
    }
    for (const d of index.nodes(['short_var_declaration', 'assignment_statement'])) {
      if (!d) continue;
      const left = d.childForFieldName('left')?.namedChildren ?? [];
      const right = d.childForFieldName('right')?.namedChildren ?? [];
      left.forEach((n, i) => add(n, right.length === left.length ? right[i] : n));
    }
  } else {
    for (const d of index.nodes('variable_declarator')) add(d?.childForFieldName('name'), d?.childForFieldName('value'));
    for (const a of index.nodes(['assignment_expression', 'augmented_assignment_expression'])) {
      const left = a?.childForFieldName('left');
      add(left, a?.type === 'assignment_expression' ? a.childForFieldName('right') : left);
    }
  }
  return out;
}

const MAX_DEPTH = 16;

/**
 * Resolves `node` to a string when it is built only from literals and names assigned once in the file.
 * Returns undefined for anything that is not string-like at all (numbers, calls, objects).
 */
export function staticString(node: Node, lang: CodeLanguage, assignments: Assignments, depth = 0): StaticString | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const lit = decodeString(node, lang);
  if (lit) return { value: lit.value, complete: lit.complete, origin: lit.complete ? 'literal' : 'template' };
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = node.namedChildren[0];
      return inner ? staticString(inner, lang, assignments, depth + 1) : undefined;
    }
    case 'identifier': {
      const values = assignments.get(node.text);
      if (!values || values.length !== 1) return undefined;
      const v = values[0]!;
      if (v.id === node.id || v.type === 'identifier' && v.text === node.text) return undefined;
      const r = staticString(v, lang, assignments, depth + 1);
      return r ? { ...r, origin: r.origin === 'literal' ? 'constant' : r.origin } : undefined;
    }
    case 'binary_operator':
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text ?? node.children.find((c) => c && !c.isNamed)?.text;
      if (op !== '+') return undefined;
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      if (!l || !r) return undefined;
      const ls = staticString(l, lang, assignments, depth + 1);
      const rs = staticString(r, lang, assignments, depth + 1);
      if (!ls && !rs) return undefined;
      return {
        value: (ls?.value ?? '{…}') + (rs?.value ?? '{…}'),
        complete: Boolean(ls?.complete && rs?.complete),
        origin: 'concatenation',
      };
    }
    case 'as_expression':
    case 'satisfies_expression':
    case 'non_null_expression': {
      const inner = node.namedChildren[0];
      return inner ? staticString(inner, lang, assignments, depth + 1) : undefined;
    }
    default:
      return undefined;
  }
}

/** True when the expression is a string fully known before run time. */
export function isStaticString(node: Node, lang: CodeLanguage, assignments: Assignments): boolean {
  return staticString(node, lang, assignments)?.complete === true;
}
