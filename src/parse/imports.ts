// Import bindings per file and canonical names for callees (`sp.run` → `subprocess.run`), for Python, JS/TS and Go.
import type { Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import { NodeIndex, sourceOf } from './node-index.js';
import { decodeString } from './string-literal.js';

export interface ImportBinding {
  /** Name bound in the file. */
  local: string;
  /** Module as written, with a `node:` prefix removed (`subprocess`, `child_process`, `os/exec`). */
  module: string;
  /** `*` for the module object, `default` for a default import, else the imported member. */
  imported: string;
}

export type ImportMap = ReadonlyMap<string, ImportBinding>;

export function collectImports(tree: Tree, lang: CodeLanguage): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  const add = (b: ImportBinding) => {
    if (b.local && !out.has(b.local)) out.set(b.local, b);
  };
  const index = NodeIndex.of(tree, lang);
  const source = sourceOf(tree);
  if (lang === 'python') {
    for (const n of index.nodes(['import_statement', 'import_from_statement'])) {
      if (!n) continue;
      if (n.type === 'import_statement') {
        for (const name of n.childrenForFieldName('name')) {
          if (!name) continue;
          if (name.type === 'aliased_import') add({ local: name.childForFieldName('alias')?.text ?? '', module: name.childForFieldName('name')?.text ?? '', imported: '*' });
          else add({ local: name.text.split('.')[0]!, module: name.text.split('.')[0]!, imported: '*' });
        }
      } else {
        const module = n.childForFieldName('module_name')?.text ?? '';
        for (const name of n.childrenForFieldName('name')) {
          if (!name) continue;
          if (name.type === 'aliased_import') add({ local: name.childForFieldName('alias')?.text ?? '', module, imported: name.childForFieldName('name')?.text ?? '' });
          else add({ local: name.text, module, imported: name.text });
        }
      }
    }
  } else if (lang === 'go') {
    for (const spec of index.nodes('import_spec')) {
      if (!spec) continue;
      const pathNode = spec.childForFieldName('path');
      const module = pathNode ? decodeString(pathNode, lang)?.value ?? '' : '';
      const alias = spec.childForFieldName('name')?.text;
      if (alias === '_') continue;
      add({ local: alias ?? goPackageName(module), module, imported: alias === '.' ? '.' : '*' });
    }
  } else {
    for (const n of index.nodes(['import_statement', 'variable_declarator'])) {
      if (!n) continue;
      if (n.type === 'import_statement') {
        const src = n.childForFieldName('source');
        const module = src ? stripNode(decodeString(src, lang)?.value ?? '') : '';
        const clause = n.namedChildren.find((c) => c?.type === 'import_clause');
        if (!clause) continue;
        for (const c of clause.namedChildren) {
          if (!c) continue;
          if (c.type === 'identifier') add({ local: c.text, module, imported: 'default' });
          else if (c.type === 'namespace_import') add({ local: c.namedChildren[0]?.text ?? '', module, imported: '*' });
          else if (c.type === 'named_imports') {
            for (const s of c.namedChildren) {
              if (s?.type !== 'import_specifier') continue;
              const name = s.childForFieldName('name')?.text ?? '';
              add({ local: s.childForFieldName('alias')?.text ?? name, module, imported: name });
            }
          }
        }
      } else {
        // Only `require(…)` and `import(…)` bind modules; a declarator whose source names neither is skipped unvisited.
        const declarator = source?.clean ? source.text.slice(n.startIndex, n.endIndex) : undefined;
        if (declarator !== undefined && !declarator.includes('require') && !declarator.includes('import')) continue;
        const value = unwrapAwait(n.childForFieldName('value'));
        const module = value ? requiredModule(value, lang) : undefined;
        if (module === undefined) continue;
        const name = n.childForFieldName('name');
        if (!name) continue;
        if (name.type === 'identifier') add({ local: name.text, module, imported: '*' });
        else if (name.type === 'object_pattern') {
          for (const p of name.namedChildren) {
            if (!p) continue;
            if (p.type === 'shorthand_property_identifier_pattern') add({ local: p.text, module, imported: p.text });
            else if (p.type === 'pair_pattern') add({ local: p.childForFieldName('value')?.text ?? '', module, imported: p.childForFieldName('key')?.text ?? '' });
          }
        }
      }
    }
  }
  return out;
}

function unwrapAwait(n: Node | null | undefined): Node | undefined {
  if (!n) return undefined;
  return n.type === 'await_expression' ? n.namedChildren[0] ?? undefined : n;
}

/** Helpers compilers and bundlers put around `require(…)` for ES module interop. */
const INTEROP_WRAPPERS = new Set(['__importDefault', '__importStar', '__toESM', '_interopRequireDefault', '_interopRequireWildcard', 'tslib.__importDefault', 'tslib.__importStar']);

/** `require("x")` or `import("x")` → `x`. */
export function requiredModule(call: Node, lang: CodeLanguage): string | undefined {
  if (call.type !== 'call_expression') return undefined;
  const fn = call.childForFieldName('function');
  // Compiled code wraps the require: `__importDefault(require("x"))` (tsc), `__toESM(require("x"))` (esbuild).
  if (fn && INTEROP_WRAPPERS.has(fn.text)) {
    const inner = call.childForFieldName('arguments')?.namedChildren[0];
    return inner ? requiredModule(inner, lang) : undefined;
  }
  if (!fn || (fn.text !== 'require' && fn.text !== '__require' && fn.type !== 'import')) return undefined;
  const arg = call.childForFieldName('arguments')?.namedChildren[0];
  const v = arg ? decodeString(arg, lang) : undefined;
  return v?.complete ? stripNode(v.value) : undefined;
}

function stripNode(m: string): string {
  return m.startsWith('node:') ? m.slice(5) : m;
}

/** Go's package name for an import path: the last segment, skipping a `/vN` major-version suffix. */
export function goPackageName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? '';
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  return last.replace(/^go-/, '').replace(/[-.]/g, '_');
}

/**
 * The canonical dotted name of a callee: `module.member` when the head resolves through an import
 * (`sp.run` → `subprocess.run`, `exec` → `child_process.exec`, `exec.Command` → `os/exec.Command`), otherwise
 * the callee text itself (`eval`, `obj.method`). Returns undefined for callees that are not names.
 */
export function calleeName(callee: Node, imports: ImportMap, lang: CodeLanguage): string | undefined {
  const parts = dottedParts(callee, lang);
  return parts ? canonicalName(parts, imports) : undefined;
}

/** `calleeName` for parts already split: the head resolved through the imports. */
export function canonicalName(parts: readonly string[], imports: ImportMap): string {
  const head = imports.get(parts[0]!);
  if (!head || head.imported === '.') return parts.join('.');
  const base = head.imported === '*' || head.imported === 'default' ? head.module : `${head.module}.${head.imported}`;
  return [base, ...parts.slice(1)].join('.');
}

/** A name chain written plainly: words joined by dots, with nothing but whitespace around the dots. */
const PLAIN_CHAIN = /^[A-Za-z_$][\w$]*(?:[ \t\r\n]*\.[ \t\r\n]*[A-Za-z_$][\w$]*)*$/;
const CHAIN_TYPES = new Set(['attribute', 'member_expression', 'selector_expression']);
/**
 * Keywords that parse as their own node types (`None`, `super`, `nil`…) or start other expressions (`func(){…}()`)
 * rather than being names; a chain starting with one is left to the tree walk, as is anything not written plainly.
 */
export const NOT_A_NAME: ReadonlySet<string> = new Set([
  'None', 'True', 'False', 'await', 'async', 'lambda', 'not', 'super', 'import', 'new', 'null', 'undefined', 'true',
  'false', 'nil', 'iota', 'typeof', 'void', 'delete', 'yield', 'in', 'of', 'instanceof', 'func', 'function', 'class',
]);

/**
 * `dottedParts` of a node whose type and source text are already known: a plain chain is split in JS instead of being
 * walked through wasm (several crossings per link). Falls back to the walk for anything else.
 */
export function dottedPartsOf(node: Node, type: string, text: string, lang: CodeLanguage): string[] | undefined {
  if (type === 'identifier') return [text];
  if (isPlainChain(type, text)) return text.split('.').map((p) => p.trim());
  // A chain through a call other than `require(…)`/`import(…)` has no name (`z.string().describe`); without comments
  // and outer parentheses, a `(` in the text means such a call. Long texts (nested code) are left to the walk, which
  // stops at the first call without reading it.
  if (CHAIN_TYPES.has(type) && text.length <= 200 && text.includes('(') && text[0] !== '(' && !MAY_NAME_THROUGH_CALL.test(text)) return undefined;
  return dottedParts(node, lang);
}

const MAY_NAME_THROUGH_CALL = /require|import|\/|#/;

/** True for a member chain (`a.b.c`) written plainly and starting with a name, whose parts are its dot-separated words. */
export function isPlainChain(type: string, text: string): boolean {
  if (!CHAIN_TYPES.has(type) || !PLAIN_CHAIN.test(text)) return false;
  const dot = text.indexOf('.');
  return !NOT_A_NAME.has((dot < 0 ? text : text.slice(0, dot)).trim());
}

/** `a.b.c` as parts, for identifiers and attribute/member/selector chains (and `require("m").x`). */
export function dottedParts(n: Node, lang: CodeLanguage): string[] | undefined {
  const out: string[] = [];
  let cur: Node | null = n;
  while (cur) {
    switch (cur.type) {
      case 'identifier':
      case 'package_identifier':
      case 'field_identifier':
      case 'property_identifier':
      case 'this':
      case 'self':
        out.unshift(cur.text);
        return out;
      case 'attribute': {
        const attr = cur.childForFieldName('attribute');
        if (!attr) return undefined;
        out.unshift(attr.text);
        cur = cur.childForFieldName('object');
        break;
      }
      case 'member_expression': {
        const prop = cur.childForFieldName('property');
        if (!prop) return undefined;
        out.unshift(prop.text);
        cur = cur.childForFieldName('object');
        break;
      }
      case 'selector_expression': {
        const field = cur.childForFieldName('field');
        if (!field) return undefined;
        out.unshift(field.text);
        cur = cur.childForFieldName('operand');
        break;
      }
      case 'call_expression': {
        const m = requiredModule(cur, lang);
        if (m === undefined) return undefined;
        out.unshift(m);
        return out;
      }
      case 'parenthesized_expression':
        cur = cur.namedChildren[0] ?? null;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}
