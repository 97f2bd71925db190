// One linear pass over a Python JTree before the IR is built: imports, which function binds which names (so locals
// shadow imports), module-level aliases of imported names, and the classes of values built by constructor calls.
import type { FlowImport } from '../ir.js';
import type { JTree } from '../jtree.js';

/** Node types that open a scope of their own (class bodies do not: their names are not visible in methods). */
const SCOPE_TYPES = new Set(['function_definition', 'lambda']);

/** Containers whose identifiers are bound when the container is an assignment target. */
const PATTERN_TYPES = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern', 'tuple', 'list', 'parenthesized_expression', 'as_pattern_target', 'expression_list']);

/** Parameter wrappers whose identifiers are parameter names. */
const PARAM_WRAPPERS = new Set(['typed_parameter', 'list_splat_pattern', 'dictionary_splat_pattern', 'tuple_pattern']);

/** A binding's flag while scanning: 1 assignment target, 2 parameter. */
const TARGET = 1;
const PARAM = 2;

export interface PyImportBinding {
  /** The canonical dotted name the bound object stands for (`subprocess`, `os.path.join`, `.helpers`). */
  canonical: string;
  /** True when the name is bound to a module object rather than a member. */
  isModule: boolean;
}

/**
 * Facts about a file's names. Scopes are identified by the JTree index of their function or lambda node; the module
 * is scope 0.
 */
export class PythonScopes {
  readonly imports: FlowImport[] = [];
  /** Local name → what an import binds it to (the first import of a name wins, as try/except fallbacks go). */
  readonly importBindings = new Map<string, PyImportBinding>();
  /** Owning scope of every node. */
  readonly scopeOf: Int32Array;
  /** Names bound in each scope (assignment targets, parameters, loop targets, `def`/`class` names, `as` targets). */
  private readonly bound = new Map<number, Set<string>>();
  /** Names declared `global`/`nonlocal` per scope: assignments to them do not make them local. */
  private readonly declared = new Map<number, Set<string>>();
  /** Module-level names assigned exactly once to an imported name (`run = subprocess.run`). */
  private readonly aliasText = new Map<string, string>();
  readonly aliases = new Map<string, string>();
  /** Top-level classes of the file. */
  readonly classNames = new Set<string>();
  /** `scope\0name` → dotted constructor text of every binding of that name in that scope ('' for untyped ones). */
  private readonly typeTexts = new Map<string, string[]>();
  /** `Class\0field` → constructor texts of `self.field = Ctor(...)` assignments in the class's methods. */
  private readonly fieldTypeTexts = new Map<string, string[]>();
  private readonly typeCache = new Map<string, string | null>();
  /** Per scope: name → how many bindings of the name the scope has, and which of them are `def`s. */
  private readonly bindings = new Map<number, Map<string, { count: number; defs: number[] }>>();
  private readonly classOfScope = new Map<number, string | null>();
  /** Every `def` node → its qualified name and function id, in document order (the first of a name keeps the plain id). */
  readonly defIds = new Map<number, { qualified: string; id: string }>();
  /** `Class\0method` → the method's `def` node, for `self.method` passed as a value. */
  private readonly methods = new Map<string, number>();

  constructor(
    private readonly jt: JTree,
    private readonly path: string,
  ) {
    const size = jt.size;
    this.scopeOf = new Int32Array(size);
    const flag = new Uint8Array(size);
    const bindingCount = new Map<string, number>();
    for (let i = 1; i < size; i++) {
      const p = jt.parent(i);
      if (p < 0) continue;
      const t = jt.type(i);
      const c0 = t.charCodeAt(0);
      if (c0 < 97 || c0 > 122) {
        // Operators and other tokens bind nothing; they only need an owner.
        this.scopeOf[i] = this.scopeOf[p]!;
        continue;
      }
      const pt = jt.type(p);
      const f = jt.field(i);
      this.scopeOf[i] = SCOPE_TYPES.has(pt) && f !== 'name' ? p : this.scopeOf[p]!;
      // Which identifiers are bound, decided top-down so that nested patterns cost one step each.
      if (f === 'left' && (pt === 'assignment' || pt === 'augmented_assignment' || pt === 'for_statement')) flag[i] = TARGET;
      else if (t === 'as_pattern_target' || (f === 'name' && pt === 'named_expression')) flag[i] = TARGET;
      else if (flag[p] === TARGET && PATTERN_TYPES.has(pt)) flag[i] = TARGET;
      else if (pt === 'parameters' || pt === 'lambda_parameters') flag[i] = PARAM;
      else if (flag[p] === PARAM && (PARAM_WRAPPERS.has(pt) || (f === 'name' && (pt === 'default_parameter' || pt === 'typed_default_parameter')))) flag[i] = PARAM;
      if (t === 'identifier') {
        let binds = flag[i] !== 0;
        if (f === 'name' && (pt === 'function_definition' || pt === 'class_definition')) binds = true;
        if (binds) {
          const name = jt.nodeText(i);
          const scope = this.scopeOf[i]!;
          this.bind(scope, name);
          let inScope = this.bindings.get(scope);
          if (!inScope) this.bindings.set(scope, (inScope = new Map()));
          let b = inScope.get(name);
          if (!b) inScope.set(name, (b = { count: 0, defs: [] }));
          b.count++;
          if (f === 'name' && pt === 'function_definition') b.defs.push(p);
          if (scope === 0) bindingCount.set(name, (bindingCount.get(name) ?? 0) + 1);
          // Every binding of a name takes part in its type: untyped ones make the name untyped.
          if (flag[i] === TARGET && !(pt === 'assignment' && f === 'left') && pt !== 'as_pattern_target') this.addType(scope, name, '');
          if (flag[i] === PARAM && pt !== 'typed_parameter' && pt !== 'typed_default_parameter') this.addType(scope, name, '');
          if (f === 'name' && pt === 'class_definition' && scope === 0) this.classNames.add(name);
        }
        if ((pt === 'global_statement' || pt === 'nonlocal_statement') && !binds) {
          const scope = this.scopeOf[i]!;
          let s = this.declared.get(scope);
          if (!s) this.declared.set(scope, (s = new Set()));
          s.add(jt.nodeText(i));
        }
        continue;
      }
      switch (t) {
        case 'function_definition':
          this.noteDef(i);
          break;
        case 'import_statement':
        case 'import_from_statement':
          this.addImport(i);
          break;
        case 'assignment':
          this.noteAssignment(i);
          break;
        case 'as_pattern':
          this.noteAsPattern(i);
          break;
        case 'typed_parameter':
        case 'typed_default_parameter':
          this.noteTypedParam(i);
          break;
      }
    }
    for (const [name, text] of this.aliasText) {
      if (bindingCount.get(name) !== 1 || this.importBindings.has(name)) continue;
      const canon = this.canonicalOfDotted(text);
      if (canon) this.aliases.set(name, canon);
    }
  }

  /** Qualified name from the enclosing `def`s and classes (`Class.method`, `outer.inner`), and a unique id. */
  private noteDef(n: number): void {
    const jt = this.jt;
    const nameNode = jt.child(n, 'name');
    if (nameNode < 0) return;
    const names = [jt.nodeText(nameNode)];
    for (let p = jt.parent(n), steps = 0; p >= 0 && steps < 256; p = jt.parent(p), steps++) {
      const pt = jt.type(p);
      if (pt === 'function_definition' || pt === 'class_definition') {
        const nm = jt.child(p, 'name');
        if (nm >= 0) names.push(jt.nodeText(nm));
      }
    }
    const qualified = names.reverse().join('.');
    let id = `${this.path}#${qualified}`;
    if (this.usedIds.has(id)) {
      const [l, c] = jt.lineCol(jt.start(n));
      id = `${id}@${l}:${c}`;
    }
    this.usedIds.add(id);
    this.defIds.set(n, { qualified, id });
    const cls = this.classOfMethodScope(n);
    if (cls) {
      const key = `${cls}\0${names[names.length - 1]}`;
      if (!this.methods.has(key)) this.methods.set(key, n);
    }
  }

  private readonly usedIds = new Set<string>();

  /** The function a name denotes in a scope when its only bindings there are `def`s (the first one wins). */
  defNamed(scope: number, name: string): string | undefined {
    const b = this.bindings.get(scope)?.get(name);
    if (!b || b.defs.length === 0 || b.defs.length !== b.count) return undefined;
    return this.defIds.get(b.defs[0]!)?.id;
  }

  /** The function of `self.<name>` when the class defines a method of that name. */
  methodNamed(className: string, name: string): string | undefined {
    const n = this.methods.get(`${className}\0${name}`);
    return n === undefined ? undefined : this.defIds.get(n)?.id;
  }

  private bind(scope: number, name: string): void {
    let s = this.bound.get(scope);
    if (!s) this.bound.set(scope, (s = new Set()));
    s.add(name);
  }

  /** Whether a function scope binds the name itself (and did not declare it global). */
  bindsLocally(scope: number, name: string): boolean {
    return (this.bound.get(scope)?.has(name) ?? false) && !(this.declared.get(scope)?.has(name) ?? false);
  }

  private addImport(n: number): void {
    const jt = this.jt;
    if (jt.type(n) === 'import_statement') {
      for (const c of jt.childrenOf(n, 'name')) {
        if (jt.type(c) === 'aliased_import') {
          const module = textOf(jt, jt.child(c, 'name')).replace(/\s+/g, '');
          const local = textOf(jt, jt.child(c, 'alias'));
          this.record({ local, module, imported: '*' }, module, true);
        } else {
          // `import a.b.c` binds the package `a`; the module is kept as written for cross-file resolution.
          const module = jt.nodeText(c).replace(/\s+/g, '');
          const local = module.split('.')[0]!;
          this.record({ local, module, imported: '*' }, local, true);
        }
      }
      return;
    }
    const modNode = jt.child(n, 'module_name');
    const module = modNode >= 0 ? jt.nodeText(modNode).replace(/\s+/g, '') : '';
    let any = false;
    for (const c of jt.childrenOf(n, 'name')) {
      any = true;
      const aliased = jt.type(c) === 'aliased_import';
      const member = (aliased ? textOf(jt, jt.child(c, 'name')) : jt.nodeText(c)).replace(/\s+/g, '');
      const local = aliased ? textOf(jt, jt.child(c, 'alias')) : member;
      if (/^\.+$/.test(module)) {
        // `from . import helpers` imports the sibling module `.helpers`.
        this.record({ local, module: module + member, imported: '*' }, module + member, true);
      } else this.record({ local, module, imported: member }, `${module}.${member}`, false);
    }
    if (!any && jt.children(n).some((c) => jt.type(c) === 'wildcard_import')) this.imports.push({ local: '*', module, imported: '*' });
  }

  private record(imp: FlowImport, canonical: string, isModule: boolean): void {
    if (!imp.local) return;
    this.imports.push(imp);
    if (!this.importBindings.has(imp.local)) this.importBindings.set(imp.local, { canonical, isModule });
  }

  private noteAssignment(n: number): void {
    const jt = this.jt;
    const left = jt.child(n, 'left');
    let right = jt.child(n, 'right');
    if (left < 0) return;
    const scope = this.scopeOf[n]!;
    const lt = jt.type(left);
    if (right >= 0 && jt.type(right) === 'await') right = jt.namedChildren(right)[0] ?? -1;
    const ctor = right >= 0 && jt.type(right) === 'call' ? this.dottedText(jt.child(right, 'function')) : undefined;
    if (lt === 'identifier') {
      const name = jt.nodeText(left);
      this.addType(scope, name, ctor ?? '');
      if (scope === 0 && right >= 0 && (jt.type(right) === 'attribute' || jt.type(right) === 'identifier')) {
        const text = this.dottedText(right);
        if (text) this.aliasText.set(name, text);
      }
    } else if (lt === 'attribute') {
      // `self.client = httpx.AsyncClient()` in a method types the field for the whole class (if no other
      // assignment of the field disagrees).
      const obj = jt.child(left, 'object');
      const cls = this.classOfMethodScope(scope);
      if (cls && obj >= 0 && jt.type(obj) === 'identifier' && jt.nodeText(obj) === this.receiverName(scope)) {
        const key = `${cls}\0${textOf(jt, jt.child(left, 'attribute'))}`;
        const list = this.fieldTypeTexts.get(key) ?? [];
        list.push(ctor ?? '');
        this.fieldTypeTexts.set(key, list);
      }
    }
  }

  private noteAsPattern(n: number): void {
    const jt = this.jt;
    const alias = jt.child(n, 'alias');
    const value = jt.namedChildren(n)[0];
    if (alias < 0 || value === undefined) return;
    const target = jt.namedChildren(alias)[0];
    if (target === undefined || jt.type(target) !== 'identifier') return;
    const ctor = jt.type(value) === 'call' ? this.dottedText(jt.child(value, 'function')) : undefined;
    this.addType(this.scopeOf[n]!, jt.nodeText(target), ctor ?? '');
  }

  private noteTypedParam(n: number): void {
    const jt = this.jt;
    const typeNode = jt.child(n, 'type');
    const nameNode = jt.type(n) === 'typed_parameter' ? jt.namedChildren(n)[0] : jt.child(n, 'name');
    if (nameNode === undefined || nameNode < 0 || jt.type(nameNode) !== 'identifier') return;
    // `p: Path`, `client: httpx.AsyncClient`, `p: Optional[Path]`, `p: Path | None`: the class named.
    const text = typeNode >= 0 ? jt.nodeText(typeNode).replace(/\s+/g, '') : '';
    const m = /^(?:Optional\[([\w.]+)\]|([\w.]+)(?:\|None)?)$/.exec(text);
    this.addType(this.scopeOf[n]!, jt.nodeText(nameNode), m ? m[1] ?? m[2]! : '');
  }

  private addType(scope: number, name: string, text: string): void {
    const key = `${scope}\0${name}`;
    const list = this.typeTexts.get(key);
    if (list) list.push(text);
    else this.typeTexts.set(key, [text]);
  }

  /** The class (canonical, e.g. `httpx.AsyncClient`) of every value a scope binds to the name, if they agree. */
  typeOf(scope: number, name: string): string | undefined {
    return this.resolveType(`${scope}\0${name}`, this.typeTexts);
  }

  /** The class of `self.<field>` in methods of the class, if every assignment agrees. */
  fieldTypeOf(className: string, field: string): string | undefined {
    return this.resolveType(`${className}\0${field}`, this.fieldTypeTexts, 'f');
  }

  private resolveType(key: string, from: Map<string, string[]>, tag = 'v'): string | undefined {
    const cacheKey = `${tag}\0${key}`;
    const hit = this.typeCache.get(cacheKey);
    if (hit !== undefined) return hit ?? undefined;
    const texts = from.get(key);
    let out: string | null = null;
    if (texts && texts.length > 0 && texts.every((t) => t === texts[0])) {
      const text = texts[0]!;
      const canon = text ? this.canonicalOfDotted(text) : undefined;
      // Classes (capitalised last segment) from imported modules give a useful name: `httpx.AsyncClient`; so do
      // the file's own top-level classes, whose methods the solver can then follow.
      if (canon && canon.includes('.') && /^[A-Z]/.test(canon.slice(canon.lastIndexOf('.') + 1))) out = canon;
      else if (!canon && this.classNames.has(text)) out = text;
    }
    this.typeCache.set(cacheKey, out);
    return out ?? undefined;
  }

  /** `sp.run` → `subprocess.run` through the import bindings; undefined when the first name is not imported. */
  canonicalOfDotted(text: string): string | undefined {
    const dot = text.indexOf('.');
    const head = dot < 0 ? text : text.slice(0, dot);
    const b = this.importBindings.get(head);
    if (!b) return undefined;
    return dot < 0 ? b.canonical : joinName(b.canonical, text.slice(dot + 1));
  }

  /** Dotted source text of a plain name or attribute chain (`a.b.c`), or undefined for anything else. */
  private dottedText(n: number): string | undefined {
    const jt = this.jt;
    if (n < 0) return undefined;
    const parts: string[] = [];
    let cur = n;
    for (let i = 0; i < 16 && jt.type(cur) === 'attribute'; i++) {
      parts.push(textOf(jt, jt.child(cur, 'attribute')));
      cur = jt.child(cur, 'object');
      if (cur < 0) return undefined;
    }
    if (jt.type(cur) !== 'identifier') return undefined;
    parts.push(jt.nodeText(cur));
    return parts.reverse().join('.');
  }

  /** The qualified class name when the scope is a method defined directly in a class body. */
  classOfMethodScope(scope: number): string | undefined {
    const hit = this.classOfScope.get(scope);
    if (hit !== undefined) return hit ?? undefined;
    const out = this.findClassOfMethod(scope);
    this.classOfScope.set(scope, out ?? null);
    return out;
  }

  private findClassOfMethod(scope: number): string | undefined {
    const jt = this.jt;
    if (scope === 0 || jt.type(scope) !== 'function_definition') return undefined;
    let p = jt.parent(scope);
    if (p >= 0 && jt.type(p) === 'decorated_definition') p = jt.parent(p);
    if (p < 0 || jt.type(p) !== 'block') return undefined;
    const cls = jt.parent(p);
    if (cls < 0 || jt.type(cls) !== 'class_definition') return undefined;
    const names: string[] = [];
    for (let c = cls, i = 0; c >= 0 && i < 32; i++) {
      if (jt.type(c) === 'class_definition') names.push(textOf(jt, jt.child(c, 'name')));
      else if (jt.type(c) === 'function_definition') break;
      c = jt.parent(c);
    }
    return names.reverse().join('.');
  }

  /** The receiver parameter's name of a method scope (`self`, `cls`), unless it is a static method. */
  receiverName(scope: number): string | undefined {
    const jt = this.jt;
    if (!this.classOfMethodScope(scope) || isStaticMethod(jt, scope)) return undefined;
    const params = jt.child(scope, 'parameters');
    const first = params >= 0 ? jt.namedChildren(params)[0] : undefined;
    if (first === undefined) return undefined;
    const t = jt.type(first);
    if (t === 'identifier') return jt.nodeText(first);
    if (t === 'typed_parameter' || t === 'default_parameter' || t === 'typed_default_parameter') {
      const name = t === 'typed_parameter' ? jt.namedChildren(first)[0] : jt.child(first, 'name');
      return name !== undefined && name >= 0 && jt.type(name) === 'identifier' ? jt.nodeText(name) : undefined;
    }
    return undefined;
  }
}

/** A node's text, or '' for a missing node (-1). */
export function textOf(jt: JTree, n: number): string {
  return n < 0 ? '' : jt.nodeText(n);
}

/** Joins a module and a member: `os` + `path` → `os.path`; a bare relative prefix joins without a dot (`.` + `x`). */
export function joinName(base: string, rest: string): string {
  return base.endsWith('.') ? base + rest : `${base}.${rest}`;
}

/** Whether a function definition is decorated with `@staticmethod`. */
export function isStaticMethod(jt: JTree, fnNode: number): boolean {
  const p = jt.parent(fnNode);
  if (p < 0 || jt.type(p) !== 'decorated_definition') return false;
  return jt.children(p).some((d) => jt.type(d) === 'decorator' && /^@\s*(staticmethod|[\w.]*\.staticmethod)\s*$/.test(jt.nodeText(d)));
}
