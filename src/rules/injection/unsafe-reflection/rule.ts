// MV2008: a run-time value picks which function, method or module runs (reflection), so callers reach code never exposed.
import type { Node } from 'web-tree-sitter';
import { calleeName } from '../../../parse/imports.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, callArgs, callName, familyOf, fixedPrefix, hasAllowListGuard, isFixedValue, isTestPath, resolveOnce } from '../sink-args.js';

/** Node modules whose members are dangerous to call by a caller-chosen name. */
const JS_DANGEROUS_MODULES = new Set(['fs', 'fs/promises', 'child_process', 'os', 'vm', 'net', 'http', 'https', 'dgram', 'cluster', 'worker_threads', 'module', 'process', 'shelljs', 'execa']);
const JS_GLOBALS = new Set(['globalThis', 'global', 'window', 'process']);
const PATH_JOIN = new Set(['path.join', 'path.resolve', 'path.posix.join', 'path.win32.join']);

interface Hit {
  node: Node;
  what: string;
  value: Node;
}

export default defineRule({
  meta: {
    id: 'MV2008',
    slug: 'unsafe-reflection',
    title: 'Run-time value chooses the function or module to run',
    category: 'injection',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-470'],
    owaspMcp: ['MCP05'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} picks the code to run from `{value}`; a caller who controls it can reach functions the tool never meant to expose',
    docs: {
      summary: 'A function, method or module is looked up by a name computed at run time — `getattr(os, name)(…)`, `importlib.import_module(name)`, `globals()[name]()`, `require(name)`, `fs[name](…)`, `reflect.Value.MethodByName(name)` — instead of being chosen from a fixed set.',
      risk:
        'A generic "operation" or "action" argument is a common shortcut in MCP tools: the model names what to do and the server looks it up. The model can be talked into any name, and reflection does not care whether the result is `listdir` or `system`, `readFile` or `rm`, a harmless plugin or `os`. Loading a module by a caller-chosen name runs that module\'s top-level code, and `MethodByName` reaches every exported method of the value, including ones that change state.',
      detection:
        'Python: `getattr(obj, name)(…)` (called directly or through a name assigned once) where `obj` is an imported module or `self`/`cls`; `importlib.import_module(name)` and `__import__(name)`; `globals()[name]`, `locals()[name]`, `vars()[name]` and `globals().get(name)` when called. JavaScript/TypeScript: `require(name)` and `import(name)`; `mod[name](…)` where `mod` is `fs`, `fs/promises`, `child_process`, `os`, `vm`, `net`, `http(s)`, `worker_threads`, `process`, `shelljs`, `execa` or a global object (`globalThis`, `global`, `window`). Go: `MethodByName(name)` in files that import `reflect`. It fires only when `name` is not fixed. Not reported: constants and names from a lookup in a literal mapping, names with a fixed beginning that confines the choice (`getattr(self, f"do_{cmd}")`, `import_module(f"plugins.{name}")`, `require("./locales/" + lang)`, `path.join(__dirname, "plugins", name)`), names checked against an allow-list first (`if op not in ALLOWED: raise`, `ALLOWED.includes(op)`, `_, ok := allowed[op]`, `switch op {`), `enum`-restricted tool parameters, and dispatch through a dictionary or object literal of handlers (`HANDLERS[op](…)`), which is the recommended pattern. Confidence is high inside an MCP tool handler and low in test files.',
      fix: 'Dispatch through an explicit table of the operations the tool offers — `{"list": list_files, "stat": stat_file}[op]`, a `Map` of handler functions, a Go `switch` — and declare the same names as an `enum` in the tool schema so the client and model see the choices. Load plugins from a fixed list, not from a caller-supplied module name.',
      references: [
        { title: 'CWE-470: Use of Externally-Controlled Input to Select Classes or Code (Unsafe Reflection)', url: 'https://cwe.mitre.org/data/definitions/470.html' },
        { title: 'Python importlib.import_module', url: 'https://docs.python.org/3/library/importlib.html#importlib.import_module' },
        { title: 'Node.js: require', url: 'https://nodejs.org/api/modules.html#requireid' },
        { title: 'Go reflect: Value.MethodByName', url: 'https://pkg.go.dev/reflect#Value.MethodByName' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /getattr|import_module|__import__|globals|locals|vars|require|import|MethodByName/,
    detect(ctx) {
      const fam = familyOf(ctx.codeLanguage!);
      const hits = fam === 'python' ? detectPython(ctx) : fam === 'go' ? detectGo(ctx) : detectJs(ctx);
      const handlers = new Handlers(ctx);
      const out: RawFinding[] = [];
      for (const h of hits) {
        const site = handlers.at(h.node);
        if (isConfined(h.value, ctx) || hasAllowListGuard(h.value, h.node, ctx) || handlers.isEnumParam(h.value, site)) continue;
        out.push({
          span: nodeSpan(h.node),
          data: { what: h.what, value: h.value.text.length > 40 ? `${h.value.text.slice(0, 39)}…` : h.value.text },
          tool: site?.tool,
          confidence: isTestPath(ctx.path) ? 'low' : site ? 'high' : undefined,
        });
      }
      return out;
    },
  },
});

/** A name that is fixed, looked up in a literal table, or starts with fixed text that limits the choice. */
function isConfined(value: Node, ctx: FileContext): boolean {
  if (isFixedValue(value, ctx)) return true;
  if (fixedPrefix(value, ctx) !== undefined) return true;
  const v = resolveOnce(value, ctx);
  if (v.type === 'call_expression' && PATH_JOIN.has(callName(v, ctx) ?? '')) {
    const first = callArgs(v)[0];
    return Boolean(first && (first.text === '__dirname' || fixedPrefix(first, ctx) !== undefined));
  }
  return false;
}

function detectPython(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  const imports = ctx.imports();
  for (const call of ctx.calls()) {
    const name = call.name;
    if (name === 'importlib.import_module' || name === '__import__' || name === 'builtins.__import__') {
      const value = call.args[0] ?? call.kwargs.get('name');
      if (value) out.push({ node: call.node, what: name.replace(/^builtins\./, ''), value });
      continue;
    }
    // The called thing: `getattr(...)(…)`, `globals()[x](…)`, or a name assigned once to either.
    const target = resolveOnce(call.callee, ctx);
    if (target.type === 'call' && callName(target, ctx) === 'getattr') {
      const [obj, attr] = callArgs(target);
      if (!obj || !attr) continue;
      const isModule = obj.type === 'identifier' && (obj.text === 'self' || obj.text === 'cls' || imports.get(obj.text)?.imported === '*');
      if (isModule) out.push({ node: call.node, what: `getattr(${obj.text}, …)(…)`, value: attr });
      continue;
    }
    const namespace = namespaceLookup(target);
    if (namespace) out.push({ node: call.node, what: `${namespace.table}[…](…)`, value: namespace.key });
  }
  return out;
}

/** `globals()[x]` / `locals()[x]` / `vars()[x]` / `globals().get(x)` → the key expression. */
function namespaceLookup(node: Node): { table: string; key: Node } | undefined {
  const isNamespace = (n: Node | null | undefined) => Boolean(n && n.type === 'call' && /^(?:globals|locals|vars)$/.test(n.childForFieldName('function')?.text ?? '') && callArgs(n).length === 0);
  if (node.type === 'subscript') {
    const table = node.childForFieldName('value');
    const key = node.childForFieldName('subscript');
    return isNamespace(table) && key ? { table: table!.text, key } : undefined;
  }
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'get') return undefined;
    const table = fn.childForFieldName('object');
    const key = callArgs(node)[0];
    return isNamespace(table) && key ? { table: table!.text, key } : undefined;
  }
  return undefined;
}

function detectJs(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  const lang = ctx.codeLanguage!;
  const imports = ctx.imports();
  const requireRebound = imports.has('require') || ctx.assignments().has('require');
  for (const call of ctx.calls()) {
    const callee = call.callee;
    if (callee.type === 'import' || (call.name === 'require' && callee.type === 'identifier' && !requireRebound)) {
      const value = call.args[0];
      if (value) out.push({ node: call.node, what: callee.type === 'import' ? 'import()' : 'require()', value });
      continue;
    }
    const target = resolveOnce(callee, ctx);
    if (target.type !== 'subscript_expression') continue;
    const obj = unwrapCast(target.childForFieldName('object'));
    const index = target.childForFieldName('index');
    if (!obj || !index) continue;
    const objName = obj.type === 'identifier' && JS_GLOBALS.has(obj.text) && !imports.has(obj.text) ? obj.text : calleeName(obj, imports, lang);
    const module = objName?.replace(/\.promises$/, '');
    const dangerous = obj.type === 'identifier' && JS_GLOBALS.has(obj.text) ? true : Boolean(module && JS_DANGEROUS_MODULES.has(module) && isImportedHead(obj, ctx));
    if (dangerous) out.push({ node: call.node, what: `${obj.text}[…](…)`, value: index });
  }
  return out;
}

/** `(os as any)`, `(fs!)`, `(mod satisfies T)` → the expression inside. */
function unwrapCast(node: Node | null): Node | null {
  let cur = node;
  for (let i = 0; cur && i < 4; i++) {
    if (cur.type !== 'parenthesized_expression' && cur.type !== 'as_expression' && cur.type !== 'satisfies_expression' && cur.type !== 'non_null_expression') break;
    cur = cur.namedChildren[0] ?? null;
  }
  return cur;
}

/** The head of `fs` / `fs.promises` is an import binding (not a local object that happens to be named `fs`). */
function isImportedHead(obj: Node, ctx: FileContext): boolean {
  let cur: Node | null = obj;
  while (cur && cur.type === 'member_expression') cur = cur.childForFieldName('object');
  return Boolean(cur && cur.type === 'identifier' && ctx.imports().has(cur.text));
}

function detectGo(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  if (![...ctx.imports().values()].some((b) => b.module === 'reflect')) return out;
  for (const call of ctx.calls()) {
    if (call.callee.type !== 'selector_expression' || call.callee.childForFieldName('field')?.text !== 'MethodByName') continue;
    const value = call.args[0];
    if (value) out.push({ node: call.node, what: 'reflect MethodByName', value });
  }
  return out;
}

