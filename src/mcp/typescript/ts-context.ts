// Per-file state shared by the TypeScript/JavaScript extractor modules: file facts plus lazily built indexes.
import type { Node } from 'web-tree-sitter';
import type { TextValue } from '../../model/inventory.js';
import type { CodeLanguage } from '../../model/language.js';
import type { Location } from '../../model/location.js';
import type { CallSite } from '../../parse/call-sites.js';
import type { ImportMap } from '../../parse/imports.js';
import type { Assignments } from '../../parse/static-value.js';
import { NodeIndex } from '../../parse/node-index.js';
import type { ExtractInput } from '../extract-file.js';
import { locationOf } from '../text-value.js';

export interface TsContext {
  path: string;
  lang: CodeLanguage;
  root: Node;
  text: string;
  imports: ImportMap;
  assignments: Assignments;
  calls: readonly CallSite[];
  loc(node: Node): Location;
  /** `enum E { A = "a" }` members by enum name, built on first use. */
  enums(): ReadonlyMap<string, ReadonlyMap<string, Node>>;
  /** Function declarations, generator declarations and class methods by name (first in document order). */
  functions(): ReadonlyMap<string, Node>;
  /** Memo for TextValues so one node is resolved once. */
  textCache: Map<number, TextValue>;
  /**
   * Values a name stands for while one iteration of a registration loop is read (`for (const t of TOOLS)` binds
   * `t` to each element in turn). Empty otherwise.
   */
  overrides: Map<string, Node>;
}

export function createTsContext(input: ExtractInput): TsContext {
  const root = input.tree.rootNode;
  let enums: Map<string, Map<string, Node>> | undefined;
  let functions: Map<string, Node> | undefined;
  const imports = input.imports();
  const assignments = input.assignments();
  const calls = input.calls();
  return {
    path: input.path,
    lang: input.language,
    root,
    text: input.text,
    imports,
    assignments,
    calls,
    loc: (node) => locationOf(input.path, node),
    enums() {
      if (enums) return enums;
      enums = new Map();
      for (const decl of NodeIndex.of(input.tree, input.language).nodes('enum_declaration')) {
        const name = decl.childForFieldName('name')?.text;
        const body = decl.childForFieldName('body');
        if (!name || !body || enums.has(name)) continue;
        const members = new Map<string, Node>();
        for (const m of body.namedChildren) {
          if (m?.type !== 'enum_assignment') continue;
          const key = m.childForFieldName('name');
          const value = m.childForFieldName('value');
          if (key && value) members.set(key.text.replace(/^['"]|['"]$/g, ''), value);
        }
        enums.set(name, members);
      }
      return enums;
    },
    functions() {
      if (functions) return functions;
      functions = new Map();
      for (const fn of NodeIndex.of(input.tree, input.language).nodes(['function_declaration', 'generator_function_declaration', 'method_definition'])) {
        const name = fn.childForFieldName('name')?.text;
        if (name && !functions.has(name)) functions.set(name, fn);
      }
      return functions;
    },
    textCache: new Map(),
    overrides: new Map(),
  };
}
