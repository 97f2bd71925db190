// Per-file view for the Go extractor: SDK-aware callee names, same-file value and function resolution, text values.
import type { Node } from 'web-tree-sitter';
import type { SdkRef, TextValue } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';
import type { CallSite } from '../../parse/call-sites.js';
import type { ImportMap } from '../../parse/imports.js';
import { staticString, type Assignments } from '../../parse/static-value.js';
import { decodeString } from '../../parse/string-literal.js';
import type { ExtractInput } from '../extract-file.js';
import { locationOf, textValueOf } from '../text-value.js';
import { enclosingFunction, functionParams, ownReturns, returnValues, unwrap } from './go-syntax.js';

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

const MAX_HOPS = 12;

export class GoFile {
  readonly path: string;
  readonly root: Node;
  readonly imports: ImportMap;
  readonly assignments: Assignments;
  readonly calls: readonly CallSite[];
  /** Top-level functions by name. */
  readonly funcs = new Map<string, Node>();
  /** Methods by name (several receivers may share a name). */
  readonly methods = new Map<string, Node[]>();
  /** Type specs by name. */
  readonly types = new Map<string, Node>();
  private readonly dotImports: string[] = [];
  /** Lazily built indexes; a file can hold thousands of registrations, so lookups must not rescan it. */
  private callsByName?: Map<string, CallSite[]>;
  private readonly varSpecs = new Map<number, Node[]>();
  private fieldDeclList?: Node[];
  private readonly qualifiedCache = new Map<number, QualifiedName | null>();
  private scoped?: Map<string, Map<number, Node[]>>;

  constructor(input: ExtractInput) {
    this.path = input.path;
    this.root = input.tree.rootNode;
    this.imports = input.imports();
    this.assignments = input.assignments();
    this.calls = input.calls();
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

  text(node: Node): TextValue {
    const t = textValueOf(node, 'go', this.assignments, this.path);
    // A `//go:embed` variable is file content compiled into the binary: dynamic, and read from a file.
    const u = unwrap(node);
    if (t.origin === 'dynamic' && u.type === 'identifier' && this.isEmbedded(u.text)) t.dynamicFrom = ['file'];
    return t;
  }

  private isEmbedded(name: string): boolean {
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

  /** The string value when fully known before run time. */
  str(node: Node | undefined): string | undefined {
    if (!node) return undefined;
    const s = staticString(unwrap(node), 'go', this.assignments);
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
    let cur = unwrap(expr);
    if (cur.type === 'index_expression' || cur.type === 'generic_type') cur = cur.childForFieldName('operand') ?? cur.childForFieldName('type') ?? cur;
    if (cur.type === 'qualified_type') {
      const pkg = cur.childForFieldName('package');
      const name = cur.childForFieldName('name');
      const b = pkg ? this.imports.get(pkg.text) : undefined;
      return b && b.imported === '*' && name ? { module: b.module, member: name.text } : undefined;
    }
    if (cur.type === 'selector_expression') {
      const op = cur.childForFieldName('operand');
      const field = cur.childForFieldName('field');
      if (op?.type !== 'identifier' || !field) return undefined;
      const b = this.imports.get(op.text);
      if (!b || b.imported !== '*') return undefined;
      if (this.isLocalName(op)) return undefined;
      return { module: b.module, member: field.text };
    }
    if (cur.type === 'identifier' && this.dotImports.length === 1 && !this.funcs.has(cur.text) && !this.assignments.has(cur.text)) {
      return { module: this.dotImports[0]!, member: cur.text };
    }
    return undefined;
  }

  /** The MCP SDK member a callee names, if any. */
  sdk(expr: Node): SdkName | undefined {
    const q = this.qualified(expr);
    if (!q) return undefined;
    for (const family of Object.keys(SDK_MODULES) as SdkFamily[]) {
      const base = SDK_MODULES[family];
      if (q.module === base || q.module.startsWith(`${base}/`)) {
        const rest = q.module.slice(base.length).split('/').filter((p) => p && !/^v\d+$/.test(p));
        return { family, pkg: rest[rest.length - 1] ?? '', member: q.member };
      }
    }
    return undefined;
  }

  /** True for `sdk(call.function)` matching one of `names` (`pkg.Member`). */
  isSdkCall(call: Node, family: SdkFamily | undefined, ...names: string[]): SdkName | undefined {
    const c = unwrap(call);
    if (c.type !== 'call_expression') return undefined;
    const fn = c.childForFieldName('function');
    const s = fn ? this.sdk(fn) : undefined;
    if (!s || (family && s.family !== family)) return undefined;
    return names.includes(`${s.pkg}.${s.member}`) ? s : undefined;
  }

  /** Whether an identifier is shadowed by a local binding of the same name in its function. */
  private isLocalName(id: Node): boolean {
    const byScope = this.scopedAssignments().get(id.text);
    if (!byScope) return false;
    return byScope.has(enclosingFunction(id)?.id ?? 0) || byScope.has(0);
  }

  /**
   * The value most recently assigned to an identifier in its own scope (or, failing that, at package level),
   * following further identifiers. Undefined for parameters, multi-value assignments and unknown names.
   */
  valueOf(expr: Node): Node | undefined {
    let cur = unwrap(expr);
    for (let hops = 0; hops < MAX_HOPS && cur.type === 'identifier'; hops++) {
      const v = this.assignedValue(cur);
      if (!v) return undefined;
      cur = unwrap(v);
    }
    return cur.type === 'identifier' ? undefined : cur;
  }

  /** Follows identifiers to their value, returning the expression itself when it is not a resolvable name. */
  resolve(expr: Node): Node {
    const e = unwrap(expr);
    return e.type === 'identifier' ? (this.valueOf(e) ?? e) : e;
  }

  private assignedValue(id: Node): Node | undefined {
    const byScope = this.scopedAssignments().get(id.text);
    if (!byScope) return undefined;
    let fn = enclosingFunction(id);
    while (fn) {
      const scope = fn;
      const local = (byScope.get(scope.id) ?? []).filter((v) => v.startIndex < id.startIndex);
      if (local.length) return this.realValue(local[local.length - 1]!, id);
      if (functionParams(scope).some((p) => p.name === id.text)) return undefined;
      fn = enclosingFunction(scope);
    }
    const pkg = byScope.get(0) ?? [];
    return pkg.length === 1 ? this.realValue(pkg[0]!, id) : undefined;
  }

  /** Assignments by name, then by enclosing function id (0 for package level), computed once. */
  private scopedAssignments(): Map<string, Map<number, Node[]>> {
    if (this.scoped) return this.scoped;
    const out = new Map<string, Map<number, Node[]>>();
    for (const [name, values] of this.assignments) {
      const m = new Map<number, Node[]>();
      for (const v of values) {
        const key = enclosingFunction(v)?.id ?? 0;
        const list = m.get(key);
        if (list) list.push(v);
        else m.set(key, [v]);
      }
      out.set(name, m);
    }
    return (this.scoped = out);
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
    const fn = enclosingFunction(id);
    const scope = fn ?? this.root;
    let specs = this.varSpecs.get(scope.id);
    if (!specs) this.varSpecs.set(scope.id, (specs = scope.descendantsOfType('var_spec').filter((n): n is Node => !!n)));
    for (const spec of specs) {
      if (spec.startIndex > id.startIndex) continue;
      if (spec.childrenForFieldName('name').some((n) => n?.text === id.text)) {
        const t = spec.childForFieldName('type');
        if (t) return t;
      }
    }
    if (fn) {
      const p = functionParams(fn).find((x) => x.name === id.text);
      if (p) return p.type;
    }
    const v = this.valueOf(id);
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
    const e = unwrap(expr);
    if (e.type === 'func_literal') return { fn: e };
    if (e.type === 'identifier') {
      const decl = this.funcs.get(e.text);
      const v = this.valueOf(e);
      if (v) return this.functionOf(v, depth + 1);
      if (decl) return { fn: decl, name: e.text };
      return undefined;
    }
    if (e.type === 'selector_expression') {
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
    const c = unwrap(call);
    if (c.type !== 'call_expression') return [];
    const fn = c.childForFieldName('function');
    const target = fn ? this.functionOf(fn) : undefined;
    if (!target) return [];
    return ownReturns(target.fn)
      .map((r) => returnValues(r)[index])
      .filter((x): x is Node => !!x);
  }

  /** Calls to a same-file function or method by name (`setup(s)`, `a.setup(s)`). */
  callsOf(name: string): CallSite[] {
    if (!this.callsByName) {
      const index = new Map<string, CallSite[]>();
      for (const c of this.calls) {
        const f = unwrap(c.callee);
        const key = f.type === 'identifier' ? f.text : f.type === 'selector_expression' && !this.qualified(f) ? f.childForFieldName('field')?.text : undefined;
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
    for (const decl of this.root.namedChildren) {
      if (decl?.type !== 'var_declaration') continue;
      for (const spec of decl.descendantsOfType('var_spec')) if (spec?.childrenForFieldName('name').some((n) => n?.text === name)) return true;
    }
    return false;
  }

  /** Every struct field declaration in the file. */
  fieldDecls(): Node[] {
    return (this.fieldDeclList ??= this.root.descendantsOfType('field_declaration').filter((n): n is Node => !!n));
  }

  /** A boolean known before run time: `true`, a constant, `&v` / `ptr(true)` / `new(bool)` style pointers. */
  bool(expr: Node | undefined, depth = 0): boolean | undefined {
    if (!expr || depth > MAX_HOPS) return undefined;
    const e = unwrap(expr);
    if (e.type === 'true') return true;
    if (e.type === 'false') return false;
    if (e.type === 'identifier') {
      const v = this.valueOf(e);
      return v ? this.bool(v, depth + 1) : undefined;
    }
    if (e.type === 'unary_expression') {
      const op = e.childForFieldName('operator')?.text;
      const inner = e.childForFieldName('operand') ?? undefined;
      if (op === '&') return this.bool(inner, depth + 1);
      if (op === '!') {
        const b = this.bool(inner, depth + 1);
        return b === undefined ? undefined : !b;
      }
      return undefined;
    }
    if (e.type === 'call_expression') {
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
    const e = unwrap(expr);
    if (e.type === 'int_literal' || e.type === 'float_literal') {
      const t = e.text.replace(/_/g, '');
      const n = /^0[xXoObB]/.test(t) ? Number(t.replace(/^0[oO]/, '0o')) : /^0\d+$/.test(t) ? parseInt(t, 8) : Number(t);
      return Number.isFinite(n) ? n : undefined;
    }
    if (e.type === 'unary_expression') {
      const op = e.childForFieldName('operator')?.text;
      const v = this.num(e.childForFieldName('operand') ?? undefined, depth + 1);
      if (v === undefined) return undefined;
      return op === '-' ? -v : op === '+' || op === '&' ? v : undefined;
    }
    if (e.type === 'identifier') {
      const v = this.valueOf(e);
      return v ? this.num(v, depth + 1) : undefined;
    }
    if (e.type === 'call_expression') {
      const args = e.childForFieldName('arguments')?.namedChildren.filter((x): x is Node => !!x) ?? [];
      if (args.length === 1) return this.num(args[0], depth + 1);
    }
    return undefined;
  }

  /** A TextValue for a default/enum value that may be a string, number or boolean. */
  scalarText(expr: Node): TextValue {
    const e = unwrap(expr);
    if (decodeString(e, 'go') || e.type === 'identifier' || e.type === 'binary_expression') {
      const s = staticString(e, 'go', this.assignments);
      if (s) return this.text(e);
    }
    const n = this.num(e);
    if (n !== undefined) return { value: String(n), origin: e.type === 'identifier' ? 'constant' : 'literal', location: this.loc(e) };
    const b = e.type === 'true' || e.type === 'false' ? e.type === 'true' : undefined;
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
