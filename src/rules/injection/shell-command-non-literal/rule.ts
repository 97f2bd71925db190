// MV2001: a shell runs a command string that is not a literal, so any caller-influenced part is shell syntax.
import type { Node } from 'web-tree-sitter';
import { isStaticString } from '../../../parse/static-value.js';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';

/** Python callees whose first argument is always run by a shell. */
const PY_ALWAYS_SHELL = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell', 'commands.getoutput', 'pty.spawn']);
/** Python callees that use a shell only with `shell=True`. */
const PY_SHELL_KWARG = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
/** JS callees whose first argument is a shell command line. */
const JS_ALWAYS_SHELL = new Set(['child_process.exec', 'child_process.execSync', 'execa.execaCommand', 'execa.execaCommandSync', 'shelljs.exec']);
/** JS callees that use a shell only with `{ shell: true }`. */
const JS_SHELL_OPTION = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'execa.execa', 'execa.execaSync', 'execa.default', 'execa']);
const GO_COMMAND = new Set(['os/exec.Command', 'os/exec.CommandContext']);
/**
 * Text every file with a shell callee contains: a canonical name is built from the callee's own words or from an import,
 * so the member (Python, Go: identifiers, which have no escapes) or the module (JS, named in a string literal, which
 * might spell it with escapes) is written in the file.
 */
const CALLEE_TEXT: Record<'python' | 'js' | 'go', RegExp> = {
  python: /system|popen|subprocess|getoutput|create_subprocess_shell|spawn/,
  js: /child_process|execa|shelljs|\\/,
  go: /Command/,
};
const GO_SHELLS = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|zsh|dash|ksh|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$/;

export default defineRule({
  meta: {
    id: 'MV2001',
    slug: 'shell-command-non-literal',
    title: 'Shell runs a command built at run time',
    category: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-78'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-002', 'MCP-300'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{callee} runs a shell command that is not a fixed string; any part influenced by a tool argument becomes shell syntax',
    docs: {
      summary: 'A command line that is assembled at run time (f-string, template literal, concatenation or a variable) is handed to a shell.',
      risk:
        'Every argument an MCP client passes to a tool was chosen by a language model, and the model takes orders from whatever text reaches its context: a web page, an issue comment, a file it just read. When a tool pastes such a value into a shell command, a single `; curl … | sh` in that text runs with the server\'s privileges on the user\'s machine. Reported MCP servers (for example the Figma server, CVE-2025-53967) were exploitable exactly this way.',
      detection:
        'Fires on calls that always use a shell — Python `os.system`, `os.popen`, `subprocess.getoutput`/`getstatusoutput`, `asyncio.create_subprocess_shell`; Node `child_process.exec`/`execSync`, `execaCommand`, `shelljs.exec` — and on `subprocess.run`/`call`/`check_output`/`Popen` with `shell=True`, Node `spawn`/`execFile`/`execa` with `{ shell: true }`, and Go `exec.Command("sh"|"bash"|"cmd"|"powershell", "-c", cmd)`, when the command is not a string fully known before run time. Literals, concatenations of literals and names assigned exactly once to such a string do not fire. Callees are resolved through imports, so `from subprocess import run as r` and `const { exec } = require("node:child_process")` are recognised, while an unrelated `regex.exec(s)` is not. This fast rule does not check where the value comes from; the deep rule for command injection follows tool arguments into these calls.',
      fix: 'Run the program directly with an argument list and no shell (`subprocess.run(["git", "log", "--", path])`, `execFile("git", ["log", "--", path])`, `exec.Command("git", "log", "--", path)`), validate values against an allow-list or a strict pattern in the tool schema, and put `--` before caller-supplied operands so they cannot become options.',
      references: [
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'Python subprocess: security considerations', url: 'https://docs.python.org/3/library/subprocess.html#security-considerations' },
        { title: 'Node.js child_process.exec', url: 'https://nodejs.org/api/child_process.html#child_processexeccommand-options-callback' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /system|popen|subprocess|getoutput|exec|spawn|shell|Command|pty/,
    detect(ctx) {
      const out: RawFinding[] = [];
      // Collecting call sites needs a walk of the whole tree; a file that cannot name any shell callee is let go first.
      if (!CALLEE_TEXT[ctx.codeLanguage === 'python' ? 'python' : ctx.codeLanguage === 'go' ? 'go' : 'js'].test(ctx.text)) return out;
      for (const call of ctx.calls()) {
        const cmd = shellCommandArg(call, ctx);
        if (!cmd || isStaticString(cmd, ctx.codeLanguage!, ctx.assignments())) continue;
        out.push({ span: nodeSpan(call.node), data: { callee: call.name ?? call.callee.text } });
      }
      return out;
    },
  },
});

/** The argument a shell will interpret, when this call runs one. */
function shellCommandArg(call: CallSite, ctx: FileContext): Node | undefined {
  const name = call.name;
  if (!name) return undefined;
  const lang = ctx.codeLanguage!;
  if (lang === 'python') {
    if (PY_ALWAYS_SHELL.has(name)) return call.args[0] ?? call.kwargs.get('cmd') ?? call.kwargs.get('command');
    if (PY_SHELL_KWARG.has(name) && call.kwargs.get('shell')?.text === 'True') return call.args[0] ?? call.kwargs.get('args');
    return undefined;
  }
  if (lang === 'go') {
    if (!GO_COMMAND.has(name)) return undefined;
    const args = name.endsWith('CommandContext') ? call.args.slice(1) : call.args;
    const program = args[0] ? decodeString(args[0], lang) : undefined;
    if (!program || !GO_SHELLS.test(program.value)) return undefined;
    const flagIdx = args.findIndex((a, i) => i > 0 && /^(-c|\/c|\/C|-Command|-command)$/.test(decodeString(a, lang)?.value ?? ''));
    return flagIdx > 0 ? args[flagIdx + 1] : undefined;
  }
  if (JS_ALWAYS_SHELL.has(name)) return call.args[0];
  if (JS_SHELL_OPTION.has(name)) {
    const opts = call.args.find((a) => a.type === 'object');
    const shell = objectProperties(opts, lang).get('shell');
    if (shell && shell.text !== 'false') return call.args[0];
  }
  return undefined;
}
