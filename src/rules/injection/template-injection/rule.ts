// MV2007: a template's source text is chosen at run time, so template syntax in it runs inside the server (SSTI).
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import type { Severity } from '../../../model/severity.js';
import { staticString } from '../../../parse/static-value.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, callName, familyOf, isTestPath, resolveOnce } from '../sink-args.js';

interface Engine {
  engine: string;
  impact: string;
  severity: Severity;
}

const CODE: Omit<Engine, 'engine'> = { impact: 'can reach the runtime and run code in the server', severity: 'high' };
const JINJA: Engine = { engine: 'Jinja2', ...CODE };

/** Callees whose first argument is template source. */
const PY_SINKS = new Map<string, Engine>([
  ['jinja2.Template', JINJA],
  ['jinja2.environment.Template', JINJA],
  ['flask.render_template_string', { engine: 'Jinja2 (Flask)', ...CODE }],
  ['mako.template.Template', { engine: 'Mako', ...CODE }],
]);
const JS_SINKS = new Map<string, Engine>([
  ['handlebars.compile', { engine: 'Handlebars', impact: 'can call helpers and, on Handlebars before 4.6, reach prototypes and run code', severity: 'high' }],
  ['handlebars.precompile', { engine: 'Handlebars', impact: 'can call helpers and, on Handlebars before 4.6, reach prototypes and run code', severity: 'high' }],
  ['ejs.compile', { engine: 'EJS', ...CODE }],
  ['ejs.render', { engine: 'EJS', ...CODE }],
  ['pug.compile', { engine: 'Pug', ...CODE }],
  ['pug.render', { engine: 'Pug', ...CODE }],
  ['pug.compileClient', { engine: 'Pug', ...CODE }],
  ['nunjucks.renderString', { engine: 'Nunjucks', ...CODE }],
  ['nunjucks.compile', { engine: 'Nunjucks', ...CODE }],
  ['lodash.template', { engine: 'lodash', ...CODE }],
  ['lodash/template', { engine: 'lodash', ...CODE }],
  ['underscore.template', { engine: 'underscore', ...CODE }],
  ['dot.template', { engine: 'doT', ...CODE }],
  ['dot.compile', { engine: 'doT', ...CODE }],
]);
const GO_TEMPLATE: Engine = { engine: 'Go', impact: 'can call exported methods of the data passed to Execute and read its fields', severity: 'medium' };
const GO_NEW = /^(?:text|html)\/template\.New$/;

/** Identifiers a fixed template path may be built from: path helpers and the module's own location. */
const PATH_WORDS = new Set([
  '__file__', '__dirname', '__filename', '__name__', '__package__', 'Path', 'pathlib', 'PurePath', 'os', 'path', 'join', 'dirname', 'abspath',
  'realpath', 'resolve', 'parent', 'parents', 'open', 'read', 'read_text', 'read_bytes', 'decode', 'importlib', 'resources', 'files',
  'joinpath', 'pkgutil', 'get_data', 'fs', 'readFileSync', 'readFile', 'promises', 'fileURLToPath', 'URL', 'filepath', 'Join', 'Dir',
  'ioutil', 'ReadFile', 'string', 'toString', 'with_suffix', 'self', 'cls',
]);
const READ_CALL = /(?:^|\.)(?:read_text|read_bytes|read|readFileSync|readFile|ReadFile|get_data|toString|decode)$/;

export default defineRule({
  meta: {
    id: 'MV2007',
    slug: 'template-injection',
    title: 'Template source is built at run time',
    category: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-1336', 'CWE-94'],
    owaspMcp: ['MCP05'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{callee} compiles {engine} template source from `{value}`, which is not fixed; template syntax in it {impact}',
    docs: {
      summary: 'A template engine compiles template source that comes from a variable or an assembled string instead of a fixed template, so whoever controls that text writes template code, not just data.',
      risk:
        'MCP tools that "render a report", "fill an email" or "format output" are tempting places to accept a template from the caller. Template languages are programming languages: `{{ cycler.__init__.__globals__.os.popen("id").read() }}` in Jinja2, `<%= process.mainModule.require("child_process").execSync("id") %>` in EJS or a lodash `${…}` block runs with the server\'s privileges, and the model filling the argument can be steered by text it read elsewhere. Even Go\'s `text/template`, which cannot run arbitrary code, lets the template call every exported method of the data it is given.',
      detection:
        'Fires when the template source is not fixed for: Python `jinja2.Template(…)`, `Environment(…).from_string(…)` (on an environment assigned in the file, or on any receiver in a file that imports jinja2 — not on `SandboxedEnvironment`), Flask `render_template_string`, Mako `Template`; JavaScript/TypeScript Handlebars `compile`/`precompile`, EJS `compile`/`render`, Pug `compile`/`render`/`compileClient`, Nunjucks `renderString`/`compile` and `Environment#renderString`, lodash/underscore `template`, doT `template`/`compile`; Go `text/template` and `html/template` `Parse` on a template created with `template.New` (medium severity). Fixed sources do not fire: string literals and constants, Go `//go:embed` variables, and files read from a fixed path (`Path(__file__).parent / "t.j2"` `.read_text()`, `fs.readFileSync(path.join(__dirname, "t.ejs"), "utf8")`, `os.ReadFile("t.tmpl")`). Rendering a fixed template with caller data (`Template(FIXED).render(name=x)`, `ejs.renderFile`, `env.get_template(name)`) is the safe pattern and never fires. Confidence is high inside an MCP tool handler and low in test files.',
      fix: 'Keep templates fixed — in the code, in files shipped with the server, or loaded by name through a loader (`env.get_template("report.j2")`) — and pass caller values only as render variables. If callers really must supply templates, use `jinja2.sandbox.SandboxedEnvironment` (or a logic-less engine such as Mustache) and give the template only plain data, never server objects.',
      references: [
        { title: 'CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine', url: 'https://cwe.mitre.org/data/definitions/1336.html' },
        { title: 'Jinja2: sandbox', url: 'https://jinja.palletsprojects.com/en/stable/sandbox/' },
        { title: 'PortSwigger: server-side template injection', url: 'https://portswigger.net/web-security/server-side-template-injection' },
        { title: 'Go text/template: security model', url: 'https://pkg.go.dev/text/template' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /jinja2|Template|template|mako|render_template_string|handlebars|Handlebars|ejs|pug|nunjucks|lodash|underscore|dot/,
    detect(ctx) {
      const out: RawFinding[] = [];
      const handlers = new Handlers(ctx);
      const fam = familyOf(ctx.codeLanguage!);
      let jinjaFacts: { imported: boolean; sandboxed: boolean } | undefined;
      const facts = () =>
        (jinjaFacts ??= {
          imported: [...ctx.imports().values()].some((b) => b.module === 'jinja2' || b.module.startsWith('jinja2.')),
          sandboxed: [...ctx.imports().values()].some((b) => b.module === 'jinja2.sandbox' || b.imported.includes('SandboxedEnvironment')),
        });
      for (const call of ctx.calls()) {
        const engine = fam === 'python' ? pythonSink(call, ctx, facts) : fam === 'go' ? goSink(call, ctx) : jsSink(call, ctx);
        if (!engine) continue;
        const source = call.args[0] ?? call.kwargs.get('source') ?? call.kwargs.get('text');
        if (!source || isFixedSource(source, ctx)) continue;
        const site = handlers.at(call.node);
        out.push({
          span: nodeSpan(call.node),
          data: { callee: calleeLabel(call), engine: engine.engine, impact: engine.impact, value: source.text.length > 40 ? `${source.text.slice(0, 39)}…` : source.text },
          tool: site?.tool,
          severity: engine.severity,
          confidence: isTestPath(ctx.path) ? 'low' : site ? 'high' : undefined,
        });
      }
      return out;
    },
  },
});

function calleeLabel(call: CallSite): string {
  const t = call.name ?? call.callee.text;
  return t.length > 50 ? `…${t.slice(-49)}` : t;
}

function pythonSink(call: CallSite, ctx: FileContext, facts: () => { imported: boolean; sandboxed: boolean }): Engine | undefined {
  if (call.name) {
    const direct = PY_SINKS.get(call.name);
    if (direct) return direct;
  }
  const callee = call.callee;
  if (callee.type !== 'attribute' || callee.childForFieldName('attribute')?.text !== 'from_string') return undefined;
  const receiver = callee.childForFieldName('object');
  if (!receiver) return undefined;
  const made = resolveOnce(receiver, ctx);
  const maker = made.type === 'call' ? callName(made, ctx) : undefined;
  if (maker && /^jinja2(?:\.sandbox)?\.(?:Sandboxed|ImmutableSandboxed)Environment$/.test(maker)) return undefined;
  if (maker && /^jinja2(?:\.environment)?\.Environment$/.test(maker)) return JINJA;
  // `self.env.from_string(x)`: decide by what that attribute is assigned in the file, else by the imports.
  const attr = receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : undefined;
  if (attr) {
    const m = new RegExp(`(?<![\\w])${attr}\\s*(?::[^=\\n]{0,80})?=\\s*[\\w.]{0,80}?\\b((?:Immutable)?Sandboxed)?Environment\\s*\\(`).exec(ctx.text);
    if (m) return m[1] ? undefined : JINJA;
  }
  const f = facts();
  return f.imported && !f.sandboxed ? JINJA : undefined;
}

function jsSink(call: CallSite, ctx: FileContext): Engine | undefined {
  if (call.name) {
    const direct = JS_SINKS.get(call.name);
    if (direct) return direct;
  }
  const callee = call.callee;
  if (callee.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'renderString') return undefined;
  const receiver = callee.childForFieldName('object');
  const made = receiver ? resolveOnce(receiver, ctx) : undefined;
  if (made?.type !== 'new_expression' && made?.type !== 'call_expression') return undefined;
  const fn = made.childForFieldName(made.type === 'new_expression' ? 'constructor' : 'function');
  const name = fn ? ctx.calls().find((c) => c.node.id === made.id)?.name ?? fn.text : undefined;
  return name === 'nunjucks.Environment' || name === 'nunjucks.configure' ? JS_SINKS.get('nunjucks.renderString') : undefined;
}

function goSink(call: CallSite, ctx: FileContext): Engine | undefined {
  const callee = call.callee;
  if (callee.type !== 'selector_expression' || callee.childForFieldName('field')?.text !== 'Parse') return undefined;
  // Walk the receiver chain `template.New("x").Funcs(m).Parse` (or a name bound to it) looking for template.New.
  let cur: Node | null = callee.childForFieldName('operand');
  for (let hops = 0; cur && hops < 8; hops++) {
    if (cur.type === 'identifier') {
      const v = resolveOnce(cur, ctx);
      if (v.id === cur.id) return undefined;
      cur = v;
      continue;
    }
    if (cur.type === 'call_expression') {
      const name = callName(cur, ctx);
      if (name && GO_NEW.test(name)) return GO_TEMPLATE;
      const fn = cur.childForFieldName('function');
      cur = fn?.type === 'selector_expression' ? fn.childForFieldName('operand') : null;
      continue;
    }
    if (cur.type === 'selector_expression' || cur.type === 'parenthesized_expression') {
      cur = cur.type === 'selector_expression' ? cur.childForFieldName('operand') : cur.namedChildren[0] ?? null;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** Template text fixed before run time: literals, constants, `//go:embed` data, or a file read from a fixed path. */
function isFixedSource(node: Node, ctx: FileContext, depth = 0): boolean {
  const lang = ctx.codeLanguage!;
  if (depth > 3) return false;
  if (staticString(node, lang, ctx.assignments())?.complete) return true;
  let v = resolveOnce(unwrapConversion(node), ctx);
  v = unwrapConversion(v);
  if (v.type === 'identifier') return familyOf(lang) === 'go' && isGoEmbedded(v, ctx);
  if (v.type !== 'call' && v.type !== 'call_expression') return false;
  const name = callName(v, ctx) ?? v.childForFieldName('function')?.text ?? '';
  if (!READ_CALL.test(name)) return false;
  return isFixedPath(v, ctx, depth);
}

/** `await x`, `str(x)`, `string(b)`, `x.decode()`, `x.toString()` → `x`. */
function unwrapConversion(node: Node): Node {
  let cur = node;
  for (let i = 0; i < 4; i++) {
    if (cur.type === 'await_expression' || cur.type === 'parenthesized_expression') {
      cur = cur.namedChildren[0] ?? cur;
      continue;
    }
    if ((cur.type === 'call' || cur.type === 'call_expression') && /^(?:str|string)$/.test(cur.childForFieldName('function')?.text ?? '')) {
      const a = cur.childForFieldName('arguments')?.namedChildren.find((c) => c && c.type !== 'comment');
      if (!a) break;
      cur = a;
      continue;
    }
    break;
  }
  return cur;
}

/** Every name in a file-read expression is a path helper, `__file__`/`__dirname`, or a name bound to a fixed path. */
function isFixedPath(read: Node, ctx: FileContext, depth: number): boolean {
  const lang = ctx.codeLanguage!;
  for (const id of descendantsOfType(read, 'identifier')) {
    if (PATH_WORDS.has(id.text)) continue;
    if (id.parent?.type === 'keyword_argument' && id.parent.childForFieldName('name')?.id === id.id) continue;
    if (staticString(id, lang, ctx.assignments())?.complete) continue;
    const v = resolveOnce(id, ctx);
    if (v.id !== id.id && isFixedPathExpression(v, ctx, depth + 1)) continue;
    return false;
  }
  return true;
}

function isFixedPathExpression(node: Node, ctx: FileContext, depth: number): boolean {
  if (depth > 3) return false;
  if (staticString(node, ctx.codeLanguage!, ctx.assignments())?.complete) return true;
  return descendantsOfType(node, 'identifier').every((id) => PATH_WORDS.has(id.text) || staticString(id, ctx.codeLanguage!, ctx.assignments())?.complete);
}

/** `//go:embed file` directly above `var name string` / `[]byte`. */
function isGoEmbedded(id: Node, ctx: FileContext): boolean {
  const values = ctx.assignments().get(id.text);
  if (values?.length !== 1) return false;
  const spec = values[0]!.parent;
  const decl = spec?.type === 'var_spec' ? spec.parent : undefined;
  const prev = (decl?.type === 'var_spec_list' ? spec : decl)?.previousSibling;
  return Boolean(prev?.type === 'comment' && prev.text.startsWith('//go:embed'));
}
