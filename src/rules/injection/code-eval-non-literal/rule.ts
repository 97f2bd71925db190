// MV2002: code built at run time is handed to eval/exec/Function/vm, so any caller-influenced part runs as code.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { staticString, isStaticString } from '../../../parse/static-value.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';

/** Python builtins that compile or run source text; the bare name only counts while nothing in the file rebinds it. */
const PY_BUILTINS = new Set(['eval', 'exec', 'compile']);
const PY_RUNNERS = new Set(['eval', 'exec', 'builtins.eval', 'builtins.exec']);
/** JS callees whose first argument is source text. */
const JS_SOURCE_FIRST = new Set([
  'vm.runInThisContext',
  'vm.runInNewContext',
  'vm.runInContext',
  'vm.compileFunction',
  'vm.Script',
  'vm.createScript',
  'vm.SourceTextModule',
]);
const JS_ALIASABLE = new Set(['eval', 'Function']);
const JS_GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'global', 'self']);
/** Timers run a string first argument as code in browsers (Node throws instead, but isomorphic code ships both). */
const JS_TIMERS = new Set(['setTimeout', 'setInterval']);

export default defineRule({
  meta: {
    id: 'MV2002',
    slug: 'code-eval-non-literal',
    title: 'Code built at run time is evaluated',
    category: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-94', 'CWE-95'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-010', 'MCP-300'],
    mode: 'fast',
    languages: ['python', 'typescript'],
    status: 'stable',
    message: '{callee} evaluates code that is not a fixed string; any part influenced by a tool argument runs with the server\'s privileges',
    docs: {
      summary: 'Source text assembled at run time (a variable, f-string, template literal or concatenation) is passed to an evaluator such as Python `eval`/`exec`/`compile` or JavaScript `eval`, `new Function`, or the `vm` module.',
      risk:
        'MCP tools are called by a language model, and the model fills tool arguments with whatever its context suggests — including text planted in a web page, an issue or a file it was asked to read. "Calculator", "run snippet" and "transform data" tools that evaluate an argument hand that text straight to the interpreter: `__import__("os").system(...)` or `require("child_process").execSync(...)` then runs with the server\'s privileges on the user\'s machine. Restricting `__builtins__` or using `vm.runInNewContext` is not a sandbox; both are escaped with well-known one-liners.',
      detection:
        'Fires when the code argument is not a string fully known before run time: Python builtins `eval`, `exec` and `compile` (also through `builtins.` or an alias such as `run = exec`), JavaScript/TypeScript `eval` (also `globalThis.eval`, `window.eval` and indirect `(0, eval)(…)`), `new Function(…)`/`Function(…)` (any argument, since parameter names are code too), `vm.runInThisContext`/`runInNewContext`/`runInContext`/`compileFunction`, `new vm.Script`, and `setTimeout`/`setInterval` when the first argument is a string built at run time (a callback function never fires). Literals, concatenations of literals and names assigned exactly once to such a string do not fire; Compiled code is reported once: `exec(compile(src, …))` at the `exec`, and `code = compile(src, …)` followed by `exec(code)` at the `compile`, both judged by `src`. A bare `eval`/`exec`/`compile` is only the builtin when the file neither imports nor defines that name, so `from re import compile`, a local `def compile(...)` and methods such as `model.eval()`, `regex.exec(s)`, `re.compile(p)` and `ast.literal_eval(s)` do not fire. Go has no evaluator and is not covered. This fast rule does not check where the value comes from.',
      fix: 'Do not evaluate caller-supplied text. Parse the input instead: `ast.literal_eval` or `json.loads` for Python data, `JSON.parse` for JavaScript, a small expression parser (for example a dedicated arithmetic library) for calculator tools, and a dispatch table (`{"add": add, "mul": mul}[op]`) instead of building function names into code. If running untrusted code is the product, run it in a separate, resource-limited process or container with no credentials, not in the server process.',
      references: [
        { title: 'CWE-94: Improper Control of Generation of Code', url: 'https://cwe.mitre.org/data/definitions/94.html' },
        { title: 'CWE-95: Eval Injection', url: 'https://cwe.mitre.org/data/definitions/95.html' },
        { title: 'Python built-in eval()', url: 'https://docs.python.org/3/library/functions.html#eval' },
        { title: 'Node.js vm module: not a security mechanism', url: 'https://nodejs.org/api/vm.html#vm-executing-javascript' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    requires: /eval|exec|compile|Function|vm|Script|setTimeout|setInterval/,
    detect(ctx) {
      return ctx.codeLanguage === 'python' ? detectPython(ctx) : detectJs(ctx);
    },
  },
});

function detectPython(ctx: FileContext): RawFinding[] {
  const out: RawFinding[] = [];
  let rebound: Set<string> | undefined;
  const isBuiltin = (call: CallSite): string | undefined => {
    const name = call.name;
    if (!name) return undefined;
    if (name.startsWith('builtins.') && PY_BUILTINS.has(name.slice(9))) return name;
    if (!PY_BUILTINS.has(name)) return undefined;
    rebound ??= pythonReboundNames(ctx);
    return rebound.has(name) ? undefined : name;
  };
  const calls = ctx.calls();
  const byNode = new Map<number, CallSite>();
  for (const c of calls) byNode.set(c.node.id, c);
  for (const call of calls) {
    const name = isBuiltin(call) ?? builtinAlias(call, ctx, PY_BUILTINS, (n) => !(rebound ??= pythonReboundNames(ctx)).has(n));
    if (!name) continue;
    const bare = name.replace(/^builtins\./, '');
    let code = call.args[0] ?? call.kwargs.get('source');
    if (!code) continue;
    if (bare === 'compile' && isRunnerArgument(call, byNode, isBuiltin)) continue; // reported by the enclosing eval/exec
    if (bare !== 'compile') {
      // `code = compile(src, …)` then `exec(code)`: the compile call is the one reported, judged by `src`.
      if (boundOnlyToCompile(code, ctx, byNode, isBuiltin)) continue;
      const inner = code.type === 'call' ? byNode.get(code.id) : undefined;
      if (inner && isBuiltin(inner)?.endsWith('compile')) {
        code = inner.args[0] ?? inner.kwargs.get('source');
        if (!code) continue;
      }
    }
    if (isStaticString(code, 'python', ctx.assignments())) continue;
    out.push({ span: nodeSpan(call.node), data: { callee: bare } });
  }
  return out;
}

/**
 * `run = exec; run(code)`: the shared alias resolution stops at names it cannot find assigned, which is exactly
 * what a builtin is, so follow one plain `name = builtin` hop here.
 */
function builtinAlias(call: CallSite, ctx: FileContext, builtins: ReadonlySet<string>, isUnbound: (n: string) => boolean): string | undefined {
  if (call.callee.type !== 'identifier') return undefined;
  const values = ctx.assignments().get(call.callee.text);
  const v = values?.length === 1 ? values[0]! : undefined;
  if (v?.type !== 'identifier' || !builtins.has(v.text) || ctx.imports().has(v.text)) return undefined;
  if (call.isNew && v.text !== 'Function') return undefined;
  return isUnbound(v.text) ? v.text : undefined;
}

/** True when this `compile(...)` call is the direct argument of an `eval`/`exec` call. */
function isRunnerArgument(call: CallSite, byNode: Map<number, CallSite>, isBuiltin: (c: CallSite) => string | undefined): boolean {
  const list = call.node.parent;
  const outer = list?.type === 'argument_list' ? list.parent : undefined;
  const site = outer ? byNode.get(outer.id) : undefined;
  const name = site ? isBuiltin(site) : undefined;
  return Boolean(name && PY_RUNNERS.has(name) && site!.args[0]?.id === call.node.id);
}

/** True for a name whose every assignment in the file is a builtin `compile(...)` call. */
function boundOnlyToCompile(node: Node, ctx: FileContext, byNode: Map<number, CallSite>, isBuiltin: (c: CallSite) => string | undefined): boolean {
  if (node.type !== 'identifier') return false;
  const values = ctx.assignments().get(node.text);
  if (!values?.length) return false;
  return values.every((v) => {
    const site = v.type === 'call' ? byNode.get(v.id) : undefined;
    return Boolean(site && isBuiltin(site)?.endsWith('compile'));
  });
}

/** Names that no longer mean the builtin in this file: imported, assigned, defined outside a class, or parameters. */
function pythonReboundNames(ctx: FileContext): Set<string> {
  const out = new Set<string>();
  for (const n of PY_BUILTINS) if (ctx.imports().has(n) || ctx.assignments().has(n)) out.add(n);
  const root = ctx.tree!.rootNode;
  for (const def of descendantsOfType(root, ['function_definition', 'class_definition'])) {
    const name = def.childForFieldName('name')?.text;
    if (!name || !PY_BUILTINS.has(name)) continue;
    // A method named `eval` lives in the class namespace and leaves the builtin alone.
    if (def.type === 'function_definition' && enclosingScope(def)?.type === 'class_definition') continue;
    out.add(name);
  }
  for (const params of descendantsOfType(root, ['parameters', 'lambda_parameters'])) {
    for (const p of params.namedChildren) {
      const id = p?.type === 'identifier' ? p : p?.childForFieldName('name') ?? p?.namedChildren.find((c) => c?.type === 'identifier');
      if (id && PY_BUILTINS.has(id.text)) out.add(id.text);
    }
  }
  return out;
}

function enclosingScope(node: Node): Node | undefined {
  let cur = node.parent;
  while (cur && cur.type !== 'class_definition' && cur.type !== 'function_definition' && cur.type !== 'module') cur = cur.parent;
  return cur ?? undefined;
}

function detectJs(ctx: FileContext): RawFinding[] {
  const out: RawFinding[] = [];
  const lang = ctx.codeLanguage!;
  let shadowed: Set<string> | undefined;
  const isGlobal = (n: string) => {
    shadowed ??= jsShadowedNames(ctx);
    return !shadowed.has(n);
  };
  // An unimported `vm` is some local object whose `runInContext` method is not Node's.
  let vmImported: boolean | undefined;
  const importsVm = () => (vmImported ??= [...ctx.imports().values()].some((b) => b.module === 'vm'));
  for (const call of ctx.calls()) {
    const name = jsEvaluator(call, isGlobal, importsVm) ?? builtinAlias(call, ctx, JS_ALIASABLE, isGlobal);
    if (!name) continue;
    let fires = false;
    if (name === 'Function') fires = call.args.some((a) => !isStaticString(a, lang, ctx.assignments()));
    else if (JS_TIMERS.has(name)) {
      const first = call.args[0];
      fires = Boolean(first && staticString(first, lang, ctx.assignments())?.complete === false);
    } else {
      const first = call.args[0];
      fires = Boolean(first && !isStaticString(first, lang, ctx.assignments()));
    }
    if (fires) out.push({ span: nodeSpan(call.node), data: { callee: name === 'Function' && call.isNew ? 'new Function' : name } });
  }
  return out;
}

/** The evaluator a JS call reaches, normalised (`globalThis.eval` → `eval`), or undefined. */
function jsEvaluator(call: CallSite, isGlobal: (n: string) => boolean, importsVm: () => boolean): string | undefined {
  const callee = call.callee;
  // `(0, eval)(code)` is the indirect-eval idiom: it still evaluates, only in global scope.
  if (callee.type === 'parenthesized_expression') {
    const seq = callee.namedChildren[0];
    const last = seq?.type === 'sequence_expression' ? seq.namedChildren[seq.namedChildren.length - 1] : undefined;
    return last?.type === 'identifier' && last.text === 'eval' && isGlobal('eval') ? 'eval' : undefined;
  }
  const name = call.name;
  if (!name) return undefined;
  if (JS_SOURCE_FIRST.has(name)) return importsVm() || callee.text.startsWith('require(') ? name : undefined;
  const parts = name.split('.');
  const bare = parts.length === 2 && JS_GLOBAL_OBJECTS.has(parts[0]!) ? parts[1]! : parts.length === 1 ? name : undefined;
  if (!bare) return undefined;
  if (bare === 'eval' || bare === 'Function' || JS_TIMERS.has(bare)) {
    // A callee that went through an alias (`const run = eval`) is the global; a bare name must not be rebound.
    if (call.callee.type === 'identifier' && call.callee.text === bare && !isGlobal(bare)) return undefined;
    if (bare !== 'Function' && call.isNew) return undefined;
    return bare;
  }
  return undefined;
}

/** Evaluator names declared in this file (imports, variables, functions, parameters), which hide the globals. */
function jsShadowedNames(ctx: FileContext): Set<string> {
  const watched = ['eval', 'Function', 'setTimeout', 'setInterval'];
  const out = new Set<string>();
  for (const n of watched) if (ctx.imports().has(n) || ctx.assignments().has(n)) out.add(n);
  for (const d of descendantsOfType(ctx.tree!.rootNode, ['function_declaration', 'required_parameter', 'optional_parameter', 'formal_parameters'])) {
    if (d.type === 'function_declaration') {
      const n = d.childForFieldName('name')?.text;
      if (n && watched.includes(n)) out.add(n);
    } else if (d.type === 'formal_parameters') {
      for (const p of d.namedChildren) if (p?.type === 'identifier' && watched.includes(p.text)) out.add(p.text);
    } else {
      const p = d.childForFieldName('pattern');
      if (p?.type === 'identifier' && watched.includes(p.text)) out.add(p.text);
    }
  }
  return out;
}
