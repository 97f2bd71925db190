// MV2101 (MCPSafe MCP-002, MCP-300): a tool, prompt or resource-template argument reaches a shell command.
import { defineRule } from '../../../rule/rule.js';
import { modelInputFindings } from '../model-input-flows.js';

export default defineRule({
  meta: {
    id: 'MV2101',
    slug: 'command-injection',
    title: 'Tool argument reaches a shell command',
    category: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-78'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-002', 'MCP-300'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    supersedes: ['MV2001'],
    message: '{source} reaches {api} in {sink}{via}{broken}{also}',
    docs: {
      summary:
        'A value the model chooses — a tool argument, a prompt argument or a resource-template variable — flows, possibly through helpers in other files, into a command line that a shell runs, or into the name of the program that is started.',
      risk:
        'An MCP client fills tool arguments with whatever the language model decides, and the model follows instructions hidden in any text it has read: a web page, an issue, a file in the repository. A value pasted into a shell command therefore lets that text run `; curl … | sh` on the machine the server runs on — for local stdio servers that is the user\'s own workstation, with their SSH keys, cloud credentials and tokens. Command injection through tool arguments is the most frequently reported flaw in published MCP servers.',
      detection:
        'Deep mode only. Sources: the arguments of every MCP tool handler (FastMCP and low-level Python servers, `McpServer.tool`/`registerTool` and FastMCP in TypeScript, mcp-go `AddTool` and go-sdk `mcp.AddTool`), prompt arguments and resource-template variables. Sinks (concept `command`): Python `os.system`, `os.popen`, `subprocess.getoutput`/`getstatusoutput`, `subprocess.run`/`call`/`check_call`/`check_output`/`Popen` with `shell=True`, `asyncio.create_subprocess_shell`, `pexpect.spawn`/`run`, Fabric/Invoke `run`/`sudo`, Paramiko `exec_command`; Node `child_process.exec`/`execSync`, `spawn`/`execFile` with `{ shell: true }` or with a shell as the program (`execFile("sh", ["-c", s])`), the program argument of `spawn`/`execFile`/`execa`, `execaCommand`, `shelljs.exec`; Go `exec.Command`/`CommandContext` whose program comes from the argument or whose program is a shell given `-c <script>`, `syscall.Exec`, `os.StartProcess`. The value is followed through assignments, string building (f-strings, template literals, `%`/`format`, `fmt.Sprintf`, `+`), containers, closures and callbacks (`map`, `forEach`), class fields set by one method and read by another, and calls into functions of other files (ES imports and re-exports, `require`, Python absolute and relative imports, functions of the same Go package and of imported packages of the module). What silences it: an allow-list test before use (`if x not in ALLOWED: raise`, `ALLOWED.includes(x)`, `slices.Contains`), a strict anchored pattern match (`re.fullmatch`, `/^…$/.test`, `regexp.MatchString`), an `enum`, number or boolean schema type or a strict `pattern` on the parameter, conversion to a number (`int()`, `Number.parseInt`, `strconv.Atoi`), shell quoting (`shlex.quote`, `shell-quote`, `shellescape.Quote`), and running the program with an argument list and no shell (that is MV2102\'s concern instead). A check written after the command already ran is reported as "validated after use", and a check on a copy of the value while the original is used as "checked another variable". Limits: values passed to a constructor are not followed into Python `__init__`; methods called on a local `new X()` instance in TypeScript are not resolved; reflection, `getattr`-dispatch, dynamic imports and values that go through storage (files, databases, queues) are not followed; sanitisers the concept tables do not list are not recognised.',
      fix:
        'Do not use a shell: run the program with an argument list (`subprocess.run(["git", "log", "--", ref])`, `execFile("git", ["log", "--", ref])`, `exec.Command("git", "log", "--", ref)`) so that the value is a single argument, and put `--` before it. Never let an argument choose the program. Constrain the parameter in the tool schema (`enum`, `Literal[...]`, `z.enum`, `mcp.Enum(...)`, or a strict `pattern`) and check it against an allow-list in the handler too. If a shell is unavoidable, quote every value (`shlex.quote`).',
      references: [
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
        { title: 'OWASP OS Command Injection Defense Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html' },
        { title: 'Python subprocess: security considerations', url: 'https://docs.python.org/3/library/subprocess.html#security-considerations' },
        { title: 'Node.js child_process.exec', url: 'https://nodejs.org/api/child_process.html#child_processexeccommand-options-callback' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  project: {
    detect: (ctx) => modelInputFindings(ctx, { sinks: ['command'] }),
  },
});
