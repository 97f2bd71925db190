// MV2107 (MCPSafe MCP-010, MCP-300): a tool, prompt or resource-template argument is evaluated as code.
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule } from '../../../rule/rule.js';
import { modelInputFindings } from '../model-input-flows.js';

/**
 * `getattr(obj, name)` is a `code` sink in the Python table (an attribute chosen by input), but it picks among what
 * the object already has rather than running new code: that is unsafe reflection, MV2008's concern.
 */
const notEvaluation = (flow: TaintFlow) => !flow.sink.api.startsWith('getattr');

export default defineRule({
  meta: {
    id: 'MV2107',
    slug: 'code-injection',
    title: 'Tool argument is evaluated as code',
    category: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-94', 'CWE-95'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-010', 'MCP-300'],
    mode: 'deep',
    languages: ['python', 'typescript'],
    status: 'stable',
    supersedes: ['MV2002'],
    message: '{source} reaches {api} in {sink}{via}{broken}{also}',
    docs: {
      summary:
        'A value the model chooses is run as Python or JavaScript — through `eval`, `exec`, `compile`, `new Function`, `node:vm`, a string given to `setTimeout`, or a module name given to an import — so the caller writes code that runs inside the server.',
      risk:
        '"Calculator" and "formula" tools that `eval` their input are a classic in MCP servers. Whatever the model passes runs with the server\'s privileges: `__import__("os").system(…)` in Python, `process.mainModule.require("child_process")` in Node, reading files, environment variables and tokens, or opening a reverse shell on the user\'s machine. Restricted globals (`{"__builtins__": {}}`) and `node:vm` contexts are not sandboxes — both have well-known escapes — so the only safe input is input that never reaches the evaluator as code.',
      detection:
        'Deep mode only. Sources: tool and prompt arguments and resource-template variables. Sinks (concept `code`): Python `eval`, `exec`, `compile`, `execfile`, `runpy.run_path`/`run_module`, `importlib.import_module`, `__import__`, `code.InteractiveInterpreter.runsource`, `pandas.eval`, `numexpr.evaluate`, `js2py.eval_js`; JavaScript/TypeScript `eval`, `new Function`/`Function`, `vm.runInNewContext`/`runInThisContext`/`runInContext`/`Script`/`compileFunction`, `setTimeout`/`setInterval` with a string, `require(x)` and `import(x)`, `child_process.fork(module)`, browser-automation `page.evaluate`/`addScriptTag` (code run in the page). Followed through string building, callbacks, class fields and helpers in other files (ES imports, `require`, Python relative imports). Silenced by: `ast.literal_eval` (literals only), number conversion (`int()`, `float()`, `Number.parseInt`), a whole-value strict pattern check before use (`re.fullmatch(r"[0-9+*/() -]+", x)`, `/^[0-9+\\-*/() ]+$/.test(x)`), an allow-list check, enum/number/boolean/strict-pattern schemas. A pattern check placed after the evaluation is reported as "validated after use", one made on a copy as "checked another variable". `getattr(obj, name)` is reported by MV2008 (unsafe reflection), not here. Known false positive: a `.evaluate(x)` method of a safe expression library on an object the analysis cannot type (mathjs `math.evaluate`) is taken for Puppeteer\'s `page.evaluate`. Limits: Go is not covered (it has no `eval`; Go template and expression-engine sinks belong to the template rule); values passed to a Python constructor, and code loaded from a file the tool wrote earlier, are not followed.',
      fix:
        'Do not evaluate caller text. Parse the narrow language you need instead: `ast.literal_eval` for Python literals, `JSON.parse` for data, a small expression parser or a safe evaluator (`simpleeval`, `expr-eval`, mathjs without `import`/`createUnit`) for arithmetic, and a fixed table of functions keyed by an enum for "operations". Choose plugins from a fixed map of modules, never by a module name or path from the caller.',
      references: [
        { title: 'CWE-94: Improper Control of Generation of Code', url: 'https://cwe.mitre.org/data/definitions/94.html' },
        { title: 'CWE-95: Eval Injection', url: 'https://cwe.mitre.org/data/definitions/95.html' },
        { title: 'Python ast.literal_eval', url: 'https://docs.python.org/3/library/ast.html#ast.literal_eval' },
        { title: 'Node.js vm module: not a security mechanism', url: 'https://nodejs.org/api/vm.html#vm-executing-javascript' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  project: {
    detect: (ctx) => modelInputFindings(ctx, { sinks: ['code'], keep: notEvaluation }),
  },
});
