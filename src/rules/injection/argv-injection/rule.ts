// MV2102 (MCPSafe MCP-276): a tool argument becomes a program argument of an option-rich CLI and can be an option.
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule } from '../../../rule/rule.js';
import { modelInputFindings, type TraceText } from '../model-input-flows.js';

/**
 * Programs with options that run commands, write files, or reach the network (`git --upload-pack`, `find -exec`,
 * `curl -o`, `tar --to-command`, `rsync -e`…). The JS/TS and Go concept tables already only report these; Python's
 * argv sinks cover every program, so the rule reads the program name itself.
 */
const OPTION_RICH = new Set([
  'git', 'gh', 'hg', 'svn', 'docker', 'podman', 'kubectl', 'helm', 'terraform', 'aws', 'gcloud', 'az', 'curl', 'wget',
  'ssh', 'scp', 'sftp', 'rsync', 'tar', 'zip', 'unzip', '7z', 'find', 'xargs', 'grep', 'rg', 'sed', 'awk', 'gawk', 'jq',
  'yq', 'ffmpeg', 'convert', 'magick', 'openssl', 'psql', 'mysql', 'sqlite3', 'mongosh', 'redis-cli', 'npm', 'npx',
  'pnpm', 'yarn', 'bun', 'deno', 'pip', 'pip3', 'go', 'cargo', 'make', 'node', 'python', 'python3', 'perl', 'ruby',
  'php', 'java', 'env', 'sudo', 'nmap', 'nc', 'ncat', 'socat', 'systemctl', 'journalctl', 'tcpdump', 'gpg', 'pandoc',
  'less', 'man', 'chromium', 'google-chrome', 'code', 'uvx', 'uv', 'pytest', 'ansible', 'ansible-playbook', 'soffice',
  'libreoffice', 'chrome', 'firefox', 'sh', 'bash', 'zsh',
]);

/** The first string literal after `(` or `[`: the program of `run(["git", …])`, `create_subprocess_exec("find", …)`. */
const PROGRAM = /[([]\s*(?:r|b|rb|br)?(?:"([^"\n]{1,200})"|'([^'\n]{1,200})')/;

/**
 * The program a Python argv call starts, from the call's text or from the list it was given (`args = ["curl", …]`),
 * as a bare name; undefined when it is not written out.
 */
function programOf(flow: TaintFlow, text: TraceText): string | undefined {
  const candidates = [text.sinkText(flow), ...flow.steps.filter((s) => s.label.startsWith('assigned to ')).map((s) => text.line(s.location.path, s.location.startLine))];
  for (const c of candidates) {
    const m = PROGRAM.exec(c);
    if (m) return (m[1] ?? m[2]!).split(/[\\/]/).pop()!.replace(/\.exe$/i, '');
  }
  return undefined;
}

/**
 * Flows the solver reports that cannot turn into an option. Each is a gap of the shared solver, worked around here:
 * `--end-of-options` (git's spelling of `--`), a test that the value does not start with `-` before use, and Python
 * argv calls of programs without dangerous options.
 */
function canBeOption(flow: TaintFlow, text: TraceText): boolean {
  if (/["'`]--end-of-options["'`]/.test(text.sinkText(flow))) return false;
  const leadingDash = (n: string) =>
    String.raw`\b${n}\s*\.\s*(?:startswith|startsWith)\(\s*(?:"-|'-)|HasPrefix\(\s*${n}\s*,\s*"-|\b${n}\s*\[\s*0\s*\]\s*(?:===?|!==?)\s*(?:"-"|'-')|\b${n}\.charAt\(\s*0\s*\)\s*(?:===?|!==?)\s*(?:"-"|'-')`;
  if (text.checked(flow, leadingDash)) return false;
  if (flow.sink.location.path.endsWith('.py')) {
    const program = programOf(flow, text);
    if (program !== undefined && !OPTION_RICH.has(program)) return false;
  }
  return true;
}

export default defineRule({
  meta: {
    id: 'MV2102',
    slug: 'argv-injection',
    title: 'Tool argument can become an option of a command-line program',
    category: 'injection',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-88'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-276'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    supersedes: ['MV2004'],
    message: '{source} reaches {api} in {sink}{via}{broken}{also}',
    docs: {
      summary:
        'A value the model chooses is passed, without a shell, as an argument of a program whose options can run commands, write files or reach the network (git, curl, find, tar, rsync, ssh, docker…), in a position where it is read as an option when it starts with `-`.',
      risk:
        'Avoiding the shell is not enough: `git log --output=/home/user/.bashrc`, `git grep --open-files-in-pager=sh`, `find . -exec sh -c …`, `curl -o ~/.ssh/authorized_keys`, `tar --to-command=…` and `rsync -e …` all run commands or overwrite files from a single argument. A model can be steered by text it read to pass such a value as a "revision", "URL" or "file name", and for a local MCP server it then runs with the user\'s own rights. Several git MCP servers were fixed for exactly this.',
      detection:
        'Deep mode only. Sources: tool and prompt arguments and resource-template variables of the MCP inventory. Sinks (concept `argv`): Python `subprocess.run`/`call`/`check_call`/`check_output`/`Popen` without `shell=True`, `asyncio.create_subprocess_exec`, `os.exec*`/`os.spawn*`/`os.posix_spawn`, `pty.spawn`, `anyio.run_process`, GitPython `Repo.clone_from`/`Git.execute`, when the program is one of a list of option-rich CLIs (git, gh, curl, wget, find, tar, rsync, ssh, docker, kubectl, ffmpeg, pandoc, npm, pip, node, python and others; the program is read from the call or from the list literal the call was given, and an unreadable program is kept, at medium confidence); Node `spawn`/`execFile`/`execa`/`cross-spawn` with such a program and no shell, `child_process.fork` arguments, zx/execa `$` templates; Go `exec.Command`/`CommandContext` with such a program, `syscall.Exec`, `os.StartProcess`. The argument list is read element by element: values after a literal `--` or `--end-of-options`, values right behind `-e`/`--regexp`/`-m`/`--message`, and values glued behind literal text (`--format=${x}`, `refs/heads/${x}`) cannot be options and are not reported. Also silenced by: a test that the value does not start with `-` before use (`x.startswith("-")`, `x.startsWith("-")`, `strings.HasPrefix(x, "-")`, `x[0] == \'-\'`), an allow-list or strict pattern check, an enum/number/boolean/strict-pattern schema, a number conversion, and a value taken from a constant table by key. The leading-dash test, `--end-of-options` and the constant-table look-up are recognised from the source text along the trace (the data-flow engine does not model them yet), so such a test that does not actually guard the call silences the finding too. A leading-dash check written after the program ran is reported as "validated after use", one made on a copy while the original is passed as "checked another variable". With a shell (`shell=True`, `sh -c`) the flow is command injection, MV2101. Limits: programs chosen by a variable in JS/TS and Go are not judged; `--` added by a helper that builds the list in a loop is not seen; values passed to a Python constructor or to methods of a local `new X()` in TypeScript are not followed.',
      fix:
        'Put `--` (for git also `--end-of-options`) before every caller-supplied operand: `["git", "log", "--end-of-options", rev, "--"]`, `execFile("git", ["show", "--", path])`, `exec.Command("grep", "-e", pattern, "--", dir)`. Refuse values that start with `-`, constrain the parameter in the schema (`enum`, `pattern: "^[A-Za-z0-9._/]+$"`), or glue the value behind its option (`--format=${x}`).',
      references: [
        { title: 'CWE-88: Argument Injection or Modification', url: 'https://cwe.mitre.org/data/definitions/88.html' },
        { title: 'Argument injection vectors (Sonar research)', url: 'https://sonarsource.github.io/argument-injection-vectors/' },
        { title: 'gitcli: --end-of-options', url: 'https://git-scm.com/docs/gitcli' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  project: {
    detect: (ctx) =>
      modelInputFindings(ctx, {
        sinks: ['argv'],
        keep: canBeOption,
        // A Python call whose program is not written out may start a program without dangerous options.
        confidenceOf: (flow, text) => (flow.sink.location.path.endsWith('.py') && programOf(flow, text) === undefined ? 'medium' : undefined),
      }),
  },
});
