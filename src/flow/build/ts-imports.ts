// Import bindings (ESM, CommonJS, dynamic import) and callee aliases (`promisify(exec)`) of a JS/TS file, read from a JTree.
import type { FlowImport } from '../ir.js';
import type { JTree } from '../jtree.js';
import { decodeStringLiteral } from './ts-strings.js';

/** Wrappers that do not change a value: `(x)`, `await x`, `x!`, `x as T`, `x satisfies T`, `<T>x`. */
const WRAPPERS = new Set(['parenthesized_expression', 'await_expression', 'non_null_expression', 'as_expression', 'satisfies_expression', 'type_assertion']);

/** The expression inside any number of value-preserving wrappers (a loop: parentheses may nest deeply). */
export function unwrapValue(jt: JTree, n: number): number {
  while (n >= 0 && WRAPPERS.has(jt.type(n))) {
    const kids = jt.namedChildren(n);
    // `<T>x` keeps the type first; the others keep the value first.
    const inner = jt.type(n) === 'type_assertion' || jt.type(n) === 'parenthesized_expression' ? kids[kids.length - 1] : kids[0];
    if (inner === undefined) return -1;
    n = inner;
  }
  return n;
}

function stripNode(m: string): string {
  return m.startsWith('node:') ? m.slice(5) : m;
}

/** The module of `require("m")` / `import("m")` with a literal argument, `node:` prefix dropped. */
export function requiredModule(jt: JTree, call: number): string | undefined {
  if (call < 0 || jt.type(call) !== 'call_expression') return undefined;
  const fn = jt.child(call, 'function');
  if (fn < 0) return undefined;
  if (jt.type(fn) !== 'import' && !(jt.type(fn) === 'identifier' && jt.nodeText(fn) === 'require')) return undefined;
  const args = jt.child(call, 'arguments');
  const first = args >= 0 ? jt.namedChildren(args).find((c) => jt.type(c) !== 'comment') : undefined;
  if (first === undefined || jt.type(first) !== 'string') return undefined;
  const v = decodeStringLiteral(jt.nodeText(first));
  return v === undefined ? undefined : stripNode(v);
}

/** Property-name text of an object key (`a`, `"a"`, `1`); undefined for computed keys. */
export function keyText(jt: JTree, key: number): string | undefined {
  switch (jt.type(key)) {
    case 'property_identifier':
    case 'shorthand_property_identifier_pattern':
    case 'shorthand_property_identifier':
    case 'private_property_identifier':
    case 'identifier':
    case 'number':
      return jt.nodeText(key);
    case 'string':
      return decodeStringLiteral(jt.nodeText(key));
    default:
      return undefined;
  }
}

/**
 * Every import binding: `import`, `import x = require()`, `require()` / `await import()` declarators (whole module,
 * one member, or destructured members) and `x = require()` assignments. The first binding of a name wins, as in
 * src/parse/imports.ts. Type-only imports bind nothing at run time and are left out.
 */
export function collectTsImports(jt: JTree): FlowImport[] {
  const out: FlowImport[] = [];
  const seen = new Set<string>();
  const add = (local: string, module: string, imported: string) => {
    if (!local || seen.has(local)) return;
    seen.add(local);
    out.push({ local, module, imported });
  };
  for (let n = 0; n < jt.size; n++) {
    const t = jt.type(n);
    if (t === 'import_statement') importStatement(jt, n, add);
    else if (t === 'variable_declarator') {
      const name = jt.child(n, 'name');
      const value = unwrapValue(jt, jt.child(n, 'value'));
      if (name < 0 || value < 0) continue;
      const bound = boundModule(jt, value);
      if (!bound) continue;
      if (jt.type(name) === 'identifier') add(jt.nodeText(name), bound.module, bound.imported);
      else if (jt.type(name) === 'object_pattern' && bound.imported === '*') {
        for (const [local, member] of patternMembers(jt, name)) add(local, bound.module, member);
      }
    } else if (t === 'assignment_expression') {
      const left = jt.child(n, 'left');
      const right = unwrapValue(jt, jt.child(n, 'right'));
      if (left < 0 || right < 0 || jt.type(left) !== 'identifier') continue;
      const bound = boundModule(jt, right);
      if (bound) add(jt.nodeText(left), bound.module, bound.imported);
    }
  }
  return out;
}

function importStatement(jt: JTree, n: number, add: (local: string, module: string, imported: string) => void): void {
  if (/^import\s+type\s+(?!from\b)/.test(jt.nodeText(n))) return;
  const src = jt.child(n, 'source');
  const module = src >= 0 ? stripNode(decodeStringLiteral(jt.nodeText(src)) ?? '') : '';
  for (const c of jt.namedChildren(n)) {
    const ct = jt.type(c);
    if (ct === 'import_require_clause') {
      const id = jt.namedChildren(c).find((x) => jt.type(x) === 'identifier');
      const s = jt.child(c, 'source');
      const m = s >= 0 ? decodeStringLiteral(jt.nodeText(s)) : undefined;
      if (id !== undefined && m !== undefined) add(jt.nodeText(id), stripNode(m), '*');
      continue;
    }
    if (ct !== 'import_clause') continue;
    for (const cc of jt.namedChildren(c)) {
      const cct = jt.type(cc);
      if (cct === 'identifier') add(jt.nodeText(cc), module, 'default');
      else if (cct === 'namespace_import') {
        const id = jt.namedChildren(cc).find((x) => jt.type(x) === 'identifier');
        if (id !== undefined) add(jt.nodeText(id), module, '*');
      } else if (cct === 'named_imports') {
        for (const s of jt.namedChildren(cc)) {
          if (jt.type(s) !== 'import_specifier' || /^type\s/.test(jt.nodeText(s))) continue;
          const name = jt.child(s, 'name');
          const alias = jt.child(s, 'alias');
          if (name < 0) continue;
          const imported = keyText(jt, name) ?? jt.nodeText(name);
          add(alias >= 0 ? jt.nodeText(alias) : imported, module, imported);
        }
      }
    }
  }
}

/** `require("m")` → m/*, `require("m").a.b` → m/a.b, `(await import("m")).default` → m/default. */
function boundModule(jt: JTree, value: number): { module: string; imported: string } | undefined {
  const direct = requiredModule(jt, value);
  if (direct !== undefined) return { module: direct, imported: '*' };
  const parts: string[] = [];
  let cur = value;
  while (cur >= 0 && jt.type(cur) === 'member_expression') {
    const prop = jt.child(cur, 'property');
    if (prop < 0) return undefined;
    parts.push(jt.nodeText(prop));
    cur = unwrapValue(jt, jt.child(cur, 'object'));
  }
  if (!parts.length) return undefined;
  const module = requiredModule(jt, cur);
  return module === undefined ? undefined : { module, imported: parts.reverse().join('.') };
}

/** `{ a, b: c, d = 1 }` → [a, a], [c, b], [d, d]; nested patterns bind no module member and are skipped. */
function patternMembers(jt: JTree, pattern: number): [string, string][] {
  const out: [string, string][] = [];
  for (const p of jt.namedChildren(pattern)) {
    const t = jt.type(p);
    if (t === 'shorthand_property_identifier_pattern') out.push([jt.nodeText(p), jt.nodeText(p)]);
    else if (t === 'pair_pattern') {
      const key = jt.child(p, 'key');
      let value = jt.child(p, 'value');
      if (value >= 0 && jt.type(value) === 'assignment_pattern') value = jt.child(value, 'left');
      const k = key >= 0 ? keyText(jt, key) : undefined;
      if (k !== undefined && value >= 0 && jt.type(value) === 'identifier') out.push([jt.nodeText(value), k]);
    } else if (t === 'object_assignment_pattern') {
      const left = jt.child(p, 'left');
      if (left >= 0 && jt.type(left) === 'shorthand_property_identifier_pattern') out.push([jt.nodeText(left), jt.nodeText(left)]);
    }
  }
  return out;
}

/** Canonical `module.member` name of imported parts (`["cp", "exec"]` → `child_process.exec`), or undefined. */
export function canonicalImported(parts: readonly string[], imports: ReadonlyMap<string, FlowImport>): string | undefined {
  const head = imports.get(parts[0]!);
  if (!head) return undefined;
  const base = head.imported === '*' || head.imported === 'default' ? head.module : `${head.module}.${head.imported}`;
  return parts.length === 1 ? base : `${base}.${parts.slice(1).join('.')}`;
}

/** `a.b.c` (plain property reads, any wrappers) as [base node, property names]; undefined for anything else. */
export function memberChain(jt: JTree, n: number): { base: number; parts: string[] } | undefined {
  const parts: string[] = [];
  let cur = unwrapValue(jt, n);
  while (cur >= 0 && jt.type(cur) === 'member_expression') {
    const prop = jt.child(cur, 'property');
    if (prop < 0) return undefined;
    parts.push(jt.nodeText(prop));
    cur = unwrapValue(jt, jt.child(cur, 'object'));
  }
  if (cur < 0) return undefined;
  parts.reverse();
  return { base: cur, parts };
}

const PROMISIFY = new Set(['util.promisify', 'promisify', 'node:util.promisify']);

/**
 * Names that stand for an imported callee: `const run = promisify(exec)`, `const sh = cp.execSync`,
 * `const fsp = fs.promises`, `const { readFile } = fs.promises`, `const f = g.bind(null)`. Only names declared once
 * in the file are followed, so a reassigned name never takes a wrong meaning.
 */
export function collectTsAliases(jt: JTree, imports: ReadonlyMap<string, FlowImport>): Map<string, string> {
  const declared = new Map<string, number>();
  const candidates: [string, number][] = [];
  const patterns: [number, number][] = [];
  for (let n = 0; n < jt.size; n++) {
    const t = jt.type(n);
    if (t !== 'variable_declarator') continue;
    const name = jt.child(n, 'name');
    const value = jt.child(n, 'value');
    if (name < 0) continue;
    if (jt.type(name) === 'identifier') {
      const local = jt.nodeText(name);
      declared.set(local, (declared.get(local) ?? 0) + 1);
      if (value >= 0 && !imports.has(local)) candidates.push([local, value]);
    } else if (jt.type(name) === 'object_pattern' && value >= 0) patterns.push([name, value]);
  }
  const aliases = new Map<string, string>();
  const resolve = (n: number): string | undefined => {
    const chain = memberChain(jt, n);
    if (!chain) return undefined;
    const module = requiredModule(jt, chain.base);
    if (module !== undefined) return [module, ...chain.parts].join('.');
    if (jt.type(chain.base) !== 'identifier') return undefined;
    const head = jt.nodeText(chain.base);
    const imported = canonicalImported([head, ...chain.parts], imports);
    if (imported !== undefined) return imported;
    const alias = aliases.get(head);
    return alias === undefined ? undefined : [alias, ...chain.parts].join('.');
  };
  for (const [local, value] of candidates) {
    if (declared.get(local) !== 1) continue;
    const v = unwrapValue(jt, value);
    let target: string | undefined;
    if (jt.type(v) === 'call_expression') {
      const fn = jt.child(v, 'function');
      const fnName = fn >= 0 ? resolve(fn) ?? (jt.type(fn) === 'identifier' ? jt.nodeText(fn) : undefined) : undefined;
      const args = jt.child(v, 'arguments');
      const first = args >= 0 ? jt.namedChildren(args)[0] : undefined;
      if (fnName !== undefined && PROMISIFY.has(fnName) && first !== undefined) target = resolve(first);
      else if (fn >= 0 && jt.type(fn) === 'member_expression') {
        // `g.bind(thisArg)` keeps g's meaning.
        const prop = jt.child(fn, 'property');
        if (prop >= 0 && jt.nodeText(prop) === 'bind') target = resolve(jt.child(fn, 'object'));
      }
    } else target = resolve(v);
    if (target !== undefined) aliases.set(local, target);
  }
  for (const [pattern, value] of patterns) {
    const base = resolve(value);
    if (base === undefined) continue;
    for (const [local, member] of patternMembers(jt, pattern)) {
      if (declared.has(local) || imports.has(local) || aliases.has(local)) continue;
      aliases.set(local, `${base}.${member}`);
    }
  }
  return aliases;
}
