// Indexes every file's flow IR so that calls can be resolved to functions: locals, closures, methods, imports
// (relative and package-absolute), re-exports, and Go packages spread over several files.
import path from 'node:path';
import type { FileFlow, FlowCall, FlowFunction, FlowImport } from './ir.js';

export interface GoModule {
  /** Folder of go.mod, relative to the scan root ('' for the root). */
  dir: string;
  /** The module path declared in go.mod. */
  module: string;
}

export class ProgramIndex {
  readonly files = new Map<string, FileFlow>();
  readonly functions = new Map<string, FlowFunction>();
  readonly fileOf = new Map<string, FileFlow>();
  private readonly topLevel = new Map<string, Map<string, string>>();
  private readonly methods = new Map<string, Map<string, string>>();
  /** Classes declared at the top level of each file (those with a method), by file path. */
  private readonly classes = new Map<string, Set<string>>();
  private readonly children = new Map<string, Map<string, string>>();
  private readonly goPackages = new Map<string, Map<string, string>>();
  private readonly goModules: readonly GoModule[];
  private readonly moduleCache = new Map<string, string | undefined>();

  constructor(flows: readonly FileFlow[], goModules: readonly GoModule[] = []) {
    this.goModules = [...goModules].sort((a, b) => b.module.length - a.module.length);
    for (const f of flows) {
      this.files.set(f.path, f);
      const top = new Map<string, string>();
      for (const fn of f.functions) {
        this.functions.set(fn.id, fn);
        this.fileOf.set(fn.id, f);
        if (fn.parent && !fn.parent.endsWith('#<module>')) {
          const siblings = this.children.get(fn.parent) ?? new Map<string, string>();
          siblings.set(fn.name, fn.id);
          this.children.set(fn.parent, siblings);
        }
        if (fn.className) {
          const key = `${f.language === 'go' ? path.posix.dirname(f.path) : f.path}::${fn.className}`;
          const m = this.methods.get(key) ?? new Map<string, string>();
          if (!m.has(fn.name)) m.set(fn.name, fn.id);
          this.methods.set(key, m);
          if (fn.qualified.includes('.') && (!fn.parent || fn.parent.endsWith('#<module>'))) {
            top.set(fn.qualified, fn.id);
            const own = this.classes.get(f.path) ?? new Set<string>();
            own.add(fn.className);
            this.classes.set(f.path, own);
          }
        } else if (!fn.parent || fn.parent.endsWith('#<module>')) {
          if (fn.qualified !== '<module>' && !top.has(fn.name)) top.set(fn.name, fn.id);
        }
      }
      this.topLevel.set(f.path, top);
      if (f.language === 'go') {
        const dir = path.posix.dirname(f.path);
        const pkg = this.goPackages.get(dir) ?? new Map<string, string>();
        for (const [name, id] of top) if (!pkg.has(name)) pkg.set(name, id);
        this.goPackages.set(dir, pkg);
      }
    }
  }

  /** The functions a call may run (usually zero or one). */
  resolve(caller: FlowFunction, call: FlowCall): FlowFunction[] {
    const file = this.fileOf.get(caller.id);
    if (!file) return [];
    // A call on a value (`p.startswith(x)`) is never a project function by name; its callee starts with `.`, which a
    // Python relative module (`.util.helper`) also does, so the receiver tells them apart.
    // A method named after its receiver's known class (`.storage.DocStore.read`, typed by the builder) resolves like
    // any qualified name; a bare `.name` on a value does not.
    if (call.receiver && !call.callee.startsWith('self.') && /^\.[^.]+$/.test(call.callee)) return [];
    if (call.receiver && !call.callee.startsWith('self.') && file.language === 'typescript') return [];
    const id = this.resolveId(file, caller, call.callee);
    const fn = id ? this.functions.get(id) : undefined;
    return fn ? [fn] : [];
  }

  private resolveId(file: FileFlow, caller: FlowFunction, callee: string): string | undefined {
    if (callee.startsWith('self.')) {
      const cls = this.enclosingClass(caller);
      if (!cls) return undefined;
      const key = `${file.language === 'go' ? path.posix.dirname(file.path) : file.path}::${cls}`;
      return this.methods.get(key)?.get(callee.slice(5));
    }
    if (callee.startsWith('<')) return undefined;
    if (!callee.includes('.') || (file.language === 'go' && !callee.includes('/') && !callee.includes('.'))) {
      // A closure or nested function visible from the caller, then the file's own top level, then an import.
      for (let cur: FlowFunction | undefined = caller; cur; cur = cur.parent ? this.functions.get(cur.parent) : undefined) {
        const hit = this.children.get(cur.id)?.get(callee);
        if (hit) return hit;
      }
      const own = this.topLevel.get(file.path)?.get(callee) ?? constructorOf(this.topLevel.get(file.path), callee);
      if (own) return own;
      if (file.language === 'go') return this.goPackages.get(path.posix.dirname(file.path))?.get(callee);
    }
    const own = this.topLevel.get(file.path)?.get(callee);
    if (own) return own;
    return this.resolveImported(file, callee, 0);
  }

  /**
   * A method of a class by the class's name as the caller's file sees it: the file's own class, or one it imports
   * (`import { Runner } from './runner'`, `from .runner import Runner`).
   */
  resolveMethod(caller: FlowFunction, className: string, method: string): FlowFunction | undefined {
    const file = this.fileOf.get(caller.id);
    if (!file) return undefined;
    const own = this.topLevel.get(file.path)?.get(`${className}.${method}`);
    if (own) return this.functions.get(own);
    const imp = file.imports.find((i) => i.local === className);
    const target = imp ? this.resolveModule(file, imp.module) : undefined;
    const name = imp && imp.imported !== '*' && imp.imported !== 'default' ? imp.imported : className;
    const id = target ? this.topLevel.get(target.path)?.get(`${name}.${method}`) : undefined;
    return id ? this.functions.get(id) : undefined;
  }

  /** Whether a call constructs one of the project's classes (`Runner(...)`, `new Runner(...)`), by the class name. */
  constructedClass(caller: FlowFunction, call: FlowCall): string | undefined {
    const name = call.callee;
    if (call.receiver || !/^[A-Z][\w$]*$/.test(name)) return undefined;
    const file = this.fileOf.get(caller.id);
    if (!file) return undefined;
    if (this.classes.get(file.path)?.has(name) || file.imports.some((i) => i.local === name)) return name;
    return undefined;
  }

  private enclosingClass(fn: FlowFunction): string | undefined {
    for (let cur: FlowFunction | undefined = fn; cur; cur = cur.parent ? this.functions.get(cur.parent) : undefined) {
      if (cur.className) return cur.className;
    }
    return undefined;
  }

  /** `./util.js.resolvePath` or `helper` (imported by name) → the function in the project file that defines it. */
  private resolveImported(file: FileFlow, callee: string, depth: number): string | undefined {
    if (depth > 8) return undefined;
    // Longest matching import first: a module named `a.b` must win over `a`.
    const candidates = [...file.imports].sort((a, b) => b.module.length - a.module.length || b.local.length - a.local.length);
    for (const imp of candidates) {
      const member = memberOf(imp, callee);
      if (member === undefined) continue;
      const target = this.resolveModule(file, imp.module);
      if (!target) continue;
      return this.exportedFunction(target, member, depth + 1);
    }
    return undefined;
  }

  private exportedFunction(file: FileFlow, name: string, depth: number): string | undefined {
    if (depth > 8) return undefined;
    if (file.language === 'go') return this.goPackages.get(path.posix.dirname(file.path))?.get(name);
    for (const e of file.exports) {
      if (e.name === name && e.fnId) return e.fnId;
      if (e.from && (e.name === name || e.name === '*')) {
        const target = this.resolveModule(file, e.from.module);
        if (!target) continue;
        const hit = this.exportedFunction(target, e.name === '*' ? name : e.from.imported, depth + 1);
        if (hit) return hit;
      }
    }
    const top = this.topLevel.get(file.path)?.get(name) ?? constructorOf(this.topLevel.get(file.path), name);
    if (top) return top;
    // A name the module imports and passes on (`from .impl import helper` in an __init__.py).
    const alias = file.imports.find((i) => i.local === name);
    if (alias) return this.resolveImported(file, alias.local, depth + 1);
    return undefined;
  }

  /** The project file a module specifier names, if the project has it. */
  resolveModule(from: FileFlow, module: string): FileFlow | undefined {
    const key = `${from.path}\0${module}`;
    if (this.moduleCache.has(key)) {
      const p = this.moduleCache.get(key);
      return p ? this.files.get(p) : undefined;
    }
    const hit = this.candidatesFor(from, module).find((p) => this.files.has(p));
    this.moduleCache.set(key, hit);
    return hit ? this.files.get(hit) : undefined;
  }

  private candidatesFor(from: FileFlow, module: string): string[] {
    const dir = path.posix.dirname(from.path);
    const norm = (p: string) => path.posix.normalize(p).replace(/^\.\//, '');
    if (from.language === 'typescript') {
      if (!module.startsWith('.')) return [];
      const base = norm(path.posix.join(dir, module));
      const stem = base.replace(/\.(m|c)?(j|t)sx?$/, '');
      const exts = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
      return [base, ...exts.map((e) => stem + e), ...exts.map((e) => `${base}/index${e}`)];
    }
    if (from.language === 'python') {
      const m = /^(\.*)(.*)$/.exec(module)!;
      const dots = m[1]!.length;
      const rest = m[2] ? m[2].split('.').join('/') : '';
      const forms = (root: string) => {
        const p = rest ? (root ? `${root}/${rest}` : rest) : root;
        return [`${p}.py`, `${p}/__init__.py`].map(norm);
      };
      if (dots > 0) {
        let root = dir;
        for (let i = 1; i < dots; i++) root = path.posix.dirname(root);
        return forms(root === '.' ? '' : root);
      }
      // Absolute imports: try the file's folder and every folder above it (source roots such as src/).
      const out: string[] = [];
      for (let cur = dir; ; cur = path.posix.dirname(cur)) {
        out.push(...forms(cur === '.' ? '' : cur));
        if (cur === '.' || cur === '' || cur === '/') break;
      }
      return out;
    }
    // Go: the import path minus the module path is a folder of the module; any file of it will do.
    for (const gm of this.goModules) {
      if (module !== gm.module && !module.startsWith(`${gm.module}/`)) continue;
      const sub = module.slice(gm.module.length).replace(/^\//, '');
      const folder = norm([gm.dir, sub].filter(Boolean).join('/'));
      return [...this.files.keys()].filter((p) => path.posix.dirname(p) === folder).sort().slice(0, 1);
    }
    return [];
  }
}

/** The constructor of a class by its name in a file's top-level index (`Runner` → `Runner.__init__`). */
function constructorOf(top: ReadonlyMap<string, string> | undefined, name: string): string | undefined {
  if (!top || name.includes('.')) return undefined;
  return top.get(`${name}.__init__`) ?? top.get(`${name}.constructor`);
}

/** The member a callee names through this import, or undefined when the callee does not go through it. */
function memberOf(imp: FlowImport, callee: string): string | undefined {
  if (imp.imported === '*' || imp.imported === 'default') {
    if (callee === imp.local && imp.imported === 'default') return 'default';
    const prefix = `${imp.module}.`;
    // `.storage.DocStore.read` keeps `DocStore.read`: a method of a class the module defines.
    if (callee.startsWith(prefix)) return callee.slice(prefix.length);
    return undefined;
  }
  if (callee === imp.local) return imp.imported;
  if (callee === `${imp.module}.${imp.imported}`) return imp.imported;
  // A method of an imported class, named through the import: `.storage.DocStore.read` → `DocStore.read`.
  const qualified = `${imp.module}.${imp.imported}.`;
  if (callee.startsWith(qualified)) return `${imp.imported}.${callee.slice(qualified.length)}`;
  return undefined;
}
