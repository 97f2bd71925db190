// One whole-tree pass per file that collects the nodes the shared facts, extractors and rules look for, by type.
import type { Language, Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';

export type LanguageFamily = 'python' | 'js' | 'go';

export function familyOf(lang: CodeLanguage): LanguageFamily {
  return lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
}

/**
 * Types gathered in the single pass. Every `descendantsOfType` walks the whole tree inside wasm whatever it looks
 * for, so asking once for the union and sorting the (few) results in JS is far cheaper than one walk per type.
 * Types missing here still work through `nodes`, at the price of a walk of their own.
 */
const INDEXED: Record<LanguageFamily, readonly string[]> = {
  python: [
    'import_statement', 'import_from_statement', 'assignment', 'augmented_assignment', 'call', 'string', 'concatenated_string',
    'decorated_definition', 'decorator', 'pair', 'function_definition', 'class_definition',
  ],
  js: [
    'import_statement', 'variable_declarator', 'assignment_expression', 'augmented_assignment_expression', 'call_expression',
    'new_expression', 'string', 'template_string', 'enum_declaration', 'function_declaration', 'generator_function_declaration',
    'method_definition',
  ],
  go: [
    'import_spec', 'const_spec', 'var_spec', 'short_var_declaration', 'assignment_statement', 'call_expression',
    'interpreted_string_literal', 'raw_string_literal', 'composite_literal', 'keyed_element', 'field_declaration',
    'function_declaration', 'method_declaration', 'func_literal',
  ],
};

const cache = new WeakMap<Tree, NodeIndex>();

/**
 * Types that were asked for at a tree's root and are not in INDEXED, per grammar. Later indexes of the same grammar
 * collect them in their one pass, so a rule looking for them costs no walk of its own from then on. The answers do not
 * depend on it: a type is read from the index or from a walk of its own, with the same nodes in the same order.
 */
const learned = new WeakMap<Language, Set<string>>();

/** The family of a grammar by what it declares (for indexes asked for by root node alone). */
function familyOfGrammar(language: Language): LanguageFamily {
  const types = language.types;
  if (types.includes('import_from_statement')) return 'python';
  if (types.includes('import_spec')) return 'go';
  return 'js';
}

export interface TreeSource {
  /** The text the tree was parsed from; node start/end indexes are offsets into it. */
  text: string;
  /** True when the tree has no syntax errors, so every node's text has the shape its grammar rule gives it. */
  clean: boolean;
}

const sources = new WeakMap<Tree, TreeSource>();

/**
 * Records the text a tree was parsed from, so that node text can be sliced from it (a JS string operation) instead of
 * being assembled through wasm, node by node.
 */
export function attachSource(tree: Tree, text: string): void {
  sources.set(tree, { text, clean: !tree.rootNode.hasError });
}

export function sourceOf(tree: Tree): TreeSource | undefined {
  return sources.get(tree);
}

export class NodeIndex {
  readonly family: LanguageFamily;
  readonly root: Node;
  /** Every indexed node in document order, with its type alongside (asking wasm for a type costs a crossing). */
  private readonly all: Node[];
  private readonly allTypes: string[];
  private readonly byType = new Map<string, Node[]>();
  /** Results of walks for types outside the indexed set, by the requested type list. */
  private readonly extra = new Map<string, Node[]>();

  private constructor(
    private readonly tree: Tree,
    family: LanguageFamily,
  ) {
    this.family = family;
    this.root = tree.rootNode;
    const types = [...INDEXED[family], ...(learned.get(tree.language) ?? [])];
    for (const t of types) this.byType.set(t, []);
    this.all = this.root.descendantsOfType(types);
    this.allTypes = new Array<string>(this.all.length);
    for (let i = 0; i < this.all.length; i++) {
      const n = this.all[i]!;
      const t = n.type;
      this.allTypes[i] = t;
      this.byType.get(t)?.push(n);
    }
  }

  /** The index of a tree, built on first use and kept as long as the tree object lives. */
  static of(tree: Tree, lang: CodeLanguage): NodeIndex {
    let index = cache.get(tree);
    if (!index || index.family !== familyOf(lang)) {
      index = new NodeIndex(tree, familyOf(lang));
      cache.set(tree, index);
    }
    return index;
  }

  /** The index of the tree `node` is the root of; undefined for any other node. */
  static ofRoot(node: Node): NodeIndex | undefined {
    const tree = node.tree;
    const known = cache.get(tree);
    if (known) return known.root.id === node.id ? known : undefined;
    if (tree.rootNode.id !== node.id) return undefined;
    const index = new NodeIndex(tree, familyOfGrammar(tree.language));
    cache.set(tree, index);
    return index;
  }

  /** All nodes of one type, or of several types merged in document order (root included, as `descendantsOfType`). */
  nodes(types: string | readonly string[]): readonly Node[] {
    if (typeof types === 'string') return this.byType.get(types) ?? this.walked([types]);
    if (types.length === 1) return this.nodes(types[0]!);
    if (!types.every((t) => this.byType.has(t))) return this.walked(types);
    const wanted = new Set(types);
    const out: Node[] = [];
    for (let i = 0; i < this.all.length; i++) if (wanted.has(this.allTypes[i]!)) out.push(this.all[i]!);
    return out;
  }

  /** The nodes of the given types in document order, with the type of each (known here without asking wasm). */
  typed(types: readonly string[]): { nodes: readonly Node[]; types: readonly string[] } {
    if (!types.every((t) => this.byType.has(t))) {
      const nodes = this.walked(types);
      return { nodes, types: nodes.map((n) => n.type) };
    }
    if (types.length === 1) {
      const nodes = this.byType.get(types[0]!)!;
      return { nodes, types: new Array<string>(nodes.length).fill(types[0]!) };
    }
    const wanted = new Set(types);
    const nodes: Node[] = [];
    const typesOut: string[] = [];
    for (let i = 0; i < this.all.length; i++) {
      if (!wanted.has(this.allTypes[i]!)) continue;
      nodes.push(this.all[i]!);
      typesOut.push(this.allTypes[i]!);
    }
    return { nodes, types: typesOut };
  }

  private walked(types: readonly string[]): Node[] {
    const key = types.join('\0');
    let found = this.extra.get(key);
    if (!found) {
      let more = learned.get(this.tree.language);
      if (!more) learned.set(this.tree.language, (more = new Set()));
      for (const t of types) if (!this.byType.has(t)) more.add(t);
      found = this.root.descendantsOfType(types as string[]);
      this.extra.set(key, found);
    }
    return found;
  }
}
