// Resolves expressions to compile-time strings: literals, concatenation and names assigned exactly once in the file.
import type { Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import { NOT_A_NAME } from './imports.js';
import { NodeIndex, sourceOf } from './node-index.js';
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

/**
 * How the source text at the start of an assignment shows its target: `name` for a plain identifier (its text in
 * group 1), `other` for targets that are no identifier (`a.b = …`, `x[0] = …`, `{ a } = …`). Anything else is read
 * from the tree. Sticky patterns, matched where the assignment (and so its target) starts.
 */
interface TargetPatterns {
  name: RegExp;
  other: RegExp;
}

const PY_TARGETS: Record<'assignment' | 'augmented_assignment', TargetPatterns> = {
  assignment: { name: /([A-Za-z_]\w*)[ \t]*=(?!=)/y, other: /(?:[A-Za-z_]\w*[ \t]*[.[(,]|[([*])/y },
  augmented_assignment: { name: /([A-Za-z_]\w*)[ \t]*(?:\*\*|\/\/|<<|>>|[-+*/%@&|^])=/y, other: /(?:[A-Za-z_]\w*[ \t]*[.[(,]|[([*])/y },
};
const JS_OTHER = /(?:[A-Za-z_$][\w$]*[ \t\r\n]*(?:[.[]|\?\.)|[([{])/y;
const JS_TARGETS: Record<'variable_declarator' | 'assignment_expression' | 'augmented_assignment_expression', TargetPatterns> = {
  variable_declarator: { name: /([A-Za-z_$][\w$]*)(?![\w$\\]|[^\x00-\x7f])/y, other: /[{[]/y },
  assignment_expression: { name: /([A-Za-z_$][\w$]*)[ \t\r\n]*=(?![=>])/y, other: JS_OTHER },
  augmented_assignment_expression: { name: /([A-Za-z_$][\w$]*)[ \t\r\n]*(?:\*\*|>>>|<<|>>|&&|\|\||\?\?|[-+*/%&|^])=/y, other: JS_OTHER },
};

/** What the source says about an assignment's target: its name, `null` for a target that is no name, or undefined. */
function targetFromSource(text: string, at: number, patterns: TargetPatterns): string | null | undefined {
  patterns.name.lastIndex = at;
  const m = patterns.name.exec(text);
  if (m) return NOT_A_NAME.has(m[1]!) ? undefined : m[1]!;
  patterns.other.lastIndex = at;
  return patterns.other.test(text) ? null : undefined;
}

/**
 * When the tree's source is attached and clean, most targets are told apart by their text, so that only the value
 * node is fetched from the tree (and nothing at all for `obj.attr = …`).
 */
export function collectAssignments(tree: Tree, lang: CodeLanguage): Map<string, Node[]> {
  const out = new Map<string, Node[]>();
  const record = (name: string, node: Node) => {
    const list = out.get(name);
    if (list) list.push(node);
    else out.set(name, [node]);
  };
  const add = (name: Node | null | undefined, value: Node | null | undefined) => {
    if (!name || name.type !== 'identifier') return;
    // a declaration without a value still counts as an assignment we cannot resolve
    record(name.text, value ?? name);
  };
  const index = NodeIndex.of(tree, lang);
  const source = sourceOf(tree);
  const text = source?.clean ? source.text : undefined;
  /**
   * `targetField`/`valueField` name the target and the value; `valueIsTarget` records the target itself (augmented
   * assignments, whose value depends on the old one).
   */
  const addAll = (type: string, patterns: TargetPatterns | undefined, targetField: string, valueField: string | undefined) => {
    for (const a of index.nodes(type)) {
      const known = text !== undefined && patterns ? targetFromSource(text, a.startIndex, patterns) : undefined;
      if (known === null) continue;
      if (known === undefined) {
        const target = a.childForFieldName(targetField);
        add(target, valueField ? a.childForFieldName(valueField) : target);
        continue;
      }
      const value = valueField ? a.childForFieldName(valueField) : null;
      record(known, value ?? a.childForFieldName(targetField)!);
    }
  };
  if (lang === 'python') {
    addAll('assignment', PY_TARGETS.assignment, 'left', 'right');
    addAll('augmented_assignment', PY_TARGETS.augmented_assignment, 'left', undefined);
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
    addAll('variable_declarator', JS_TARGETS.variable_declarator, 'name', 'value');
    const { nodes, types } = index.typed(['assignment_expression', 'augmented_assignment_expression']);
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i]!;
      const augmented = types[i] === 'augmented_assignment_expression';
      const known = text !== undefined ? targetFromSource(text, a.startIndex, augmented ? JS_TARGETS.augmented_assignment_expression : JS_TARGETS.assignment_expression) : undefined;
      if (known === null) continue;
      if (known === undefined) {
        const left = a.childForFieldName('left');
        add(left, augmented ? left : a.childForFieldName('right'));
        continue;
      }
      const value = augmented ? null : a.childForFieldName('right');
      record(known, value ?? a.childForFieldName('left')!);
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
