// MV2004 (MCPSafe MCP-276): a run-time value reaches an option-rich CLI's argv where it can be read as an option.
import type { Node } from 'web-tree-sitter';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { staticString } from '../../../parse/static-value.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, builtString, fixedPrefix, hasAllowListGuard, hasLeadingDashGuard, isFixedValue, isTestPath, localAssignments, resolveOnce } from '../sink-args.js';

/** What an injected option can do, per program: shown in the message so the risk is concrete. */
const PROGRAMS: Record<string, string> = {
  git: '`--upload-pack=<cmd>`, `-c core.sshCommand=<cmd>` or `--output=<file>` run commands or overwrite files',
  docker: '`--privileged` or `-v /:/host` hands the host to a container',
  kubectl: '`--kubeconfig=<file>` or `--server=<url>` redirects the cluster credentials',
  helm: '`--post-renderer=<cmd>` runs a command',
  aws: '`--endpoint-url=<url>` sends signed requests and data to another host',
  gcloud: '`--impersonate-service-account` or `--configuration` switches identities',
  az: '`--subscription` or `--debug` changes the target or leaks tokens to logs',
  terraform: '`-chdir=<dir>` or `-var-file=<file>` runs other code and reads other files',
  curl: '`-o <file>` writes anywhere and `-K <file>` reads options from a file',
  wget: '`-O <file>` or `--use-askpass=<cmd>` writes files or runs a command',
  ssh: '`-oProxyCommand=<cmd>` runs a command',
  scp: '`-oProxyCommand=<cmd>` runs a command',
  rsync: '`-e <cmd>` runs a command',
  tar: '`--checkpoint-action=exec=<cmd>` or `--to-command=<cmd>` runs a command',
  find: '`-exec <cmd> ;` or `-delete` runs commands or removes files',
  zip: '`-TT <cmd>` runs a command',
  unzip: '`-d <dir>` or `-o` writes outside the intended folder',
  npm: '`--registry=<url>` or `--script-shell=<cmd>` installs or runs other code',
  npx: '`--package=<pkg>` or `-c <cmd>` runs other code',
  pip: '`--index-url=<url>` or `-e <path>` installs other code',
  pip3: '`--index-url=<url>` or `-e <path>` installs other code',
};

/** Options whose next argument is consumed as their value, so a leading dash there cannot start a new option. */
const VALUE_OPTIONS: Record<string, ReadonlySet<string>> = {
  git: new Set(['-C', '-n', '--max-count', '--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '-m', '--message', '-b', '-B', '--branch', '--author', '--since', '--until', '--depth', '--format', '--pretty', '--git-dir', '--work-tree', '-F', '--file']),
  docker: new Set(['-t', '--tag', '-f', '--file', '--name', '-w', '--workdir', '--platform', '--network']),
  kubectl: new Set(['-n', '--namespace', '-f', '--filename', '-o', '--output', '-l', '--selector', '--context', '-c', '--container']),
  helm: new Set(['-n', '--namespace', '-f', '--values', '--version']),
  aws: new Set(['--region', '--profile', '--output', '--bucket', '--key', '--query']),
  gcloud: new Set(['--project', '--region', '--zone', '--format']),
  az: new Set(['-g', '--resource-group', '-n', '--name', '--subscription', '-o', '--output']),
  curl: new Set(['-o', '--output', '-m', '--max-time', '-X', '--request']),
  wget: new Set(['-O', '--output-document', '-P', '--directory-prefix']),
  tar: new Set(['-f', '--file', '-C', '--directory']),
  unzip: new Set(['-d']),
  find: new Set(['-name', '-iname', '-type', '-maxdepth', '-mindepth', '-path', '-newer']),
  ssh: new Set(['-i', '-p', '-l', '-F']),
  scp: new Set(['-i', '-P']),
  npm: new Set(['--prefix']),
  pip: new Set(['-r', '--requirement', '-t', '--target']),
  pip3: new Set(['-r', '--requirement', '-t', '--target']),
};

const PY_ARGV_CALLS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen']);
const PY_VARARGS_CALLS = new Set(['asyncio.create_subprocess_exec', 'anyio.run_process']);
const JS_ARGV_CALLS = new Set([
  'child_process.execFile',
  'child_process.execFileSync',
  'child_process.spawn',
  'child_process.spawnSync',
  'execa.execa',
  'execa.execaSync',
  'execa',
  'execa.default',
  'cross-spawn',
  'cross-spawn.sync',
]);
const GO_COMMAND = new Set(['os/exec.Command', 'os/exec.CommandContext']);

interface Argv {
  program: string;
  /** argv after the program name, in order. */
  rest: Node[];
  callee: string;
}

export default defineRule({
  meta: {
    id: 'MV2004',
    slug: 'argv-flag-injection',
    title: 'Run-time value can become an option of a command-line tool',
    category: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-88'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-276'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '`{arg}` is passed to {program} before any `--` separator; a value starting with `-` is read as an option: {impact}',
    docs: {
      summary:
        'A program with powerful options (git, docker, kubectl, helm, aws, gcloud, az, terraform, curl, wget, ssh, scp, rsync, tar, find, zip/unzip, npm/npx, pip) is started with an argument list, no shell, but a value computed at run time sits where the program still parses options.',
      risk:
        'Avoiding the shell stops `;` and `$(…)`, but not the program\'s own option parser. MCP tools pass model-chosen strings — a branch name, a file, a URL, a package — straight into argv, and the model can be steered by text it read moments earlier. A "branch" of `--upload-pack=touch /tmp/pwned`, a "host" of `-oProxyCommand=…` or a "path" of `--checkpoint-action=exec=…` turns a read-only helper into command execution or file overwrite on the user\'s machine. The official git MCP server added leading-dash checks to every tool after such reports.',
      detection:
        'Fires on argv-form process starts whose program is one of the listed CLIs (by its base name, so `/usr/bin/git` and `git.exe` count): Python `subprocess.run`/`call`/`check_call`/`check_output`/`Popen` with a list (inline or a name assigned once) and without `shell=True`, `asyncio.create_subprocess_exec`, and GitPython `repo.git.<command>(…)` in files that import `git`; JavaScript/TypeScript `child_process.execFile`/`execFileSync`/`spawn`/`spawnSync`, `execa`/`execaSync` and `cross-spawn` with an argument array and no `shell` option; Go `exec.Command`/`exec.CommandContext`. It reports the first element that is not fixed text and appears before a `--` (or git\'s `--end-of-options`). It does not fire when that element starts with fixed text (`"refs/heads/" + name`, `f"--format={fmt}"`), is the value of a known value-taking option (`git -C <dir>`, `kubectl -n <ns>`, `tar -f <file>`), is a constant, a number conversion or a lookup in a literal mapping, is a tool parameter restricted by an `enum` (`Literal[...]`, `z.enum`, `mcp.Enum`), or when the enclosing function checks it for a leading dash (`startswith("-")`, `startsWith("-")`, `strings.HasPrefix(x, "-")`, `x[0] == "-"`) or against an allow-list (`x in ALLOWED`, `ALLOWED.includes(x)`). Shell strings are MV2001\'s job, so `shell=True` calls are skipped. Confidence is high inside an MCP tool handler and low in test files. Arrays grown later (`cmd.append(x)`) are not followed.',
      fix: 'Put `--` before operands that come from a caller (`["git", "log", "--", path]`, `execFile("tar", ["-xf", "--", file])`; git also accepts `--end-of-options` before revisions), reject values that start with `-`, and validate refs, hosts and package names against a strict pattern or an allow-list in the tool schema (`z.string().regex(/^[\\w.\\/]+$/)` is not enough on its own — it still admits a leading dash).',
      references: [
        { title: 'CWE-88: Argument Injection or Modification', url: 'https://cwe.mitre.org/data/definitions/88.html' },
        { title: 'Argument injection vectors (Sonar research)', url: 'https://sonarsource.github.io/argument-injection-vectors/' },
        { title: 'git: gitcli — `--end-of-options`', url: 'https://git-scm.com/docs/gitcli' },
        { title: 'MCPSafe MCP-276: argv flag injection', url: 'https://mcpsafe.io/threats/MCP-276' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /subprocess|create_subprocess_exec|run_process|execFile|spawn|execa|Command|\.git\./,
    detect(ctx) {
      const out: RawFinding[] = [];
      const handlers = new Handlers(ctx);
      let gitPython: boolean | undefined;
      for (const call of ctx.calls()) {
        const argv = argvOf(call, ctx, () => (gitPython ??= [...ctx.imports().values()].some((b) => b.module === 'git' || b.module.startsWith('git.'))));
        if (!argv) continue;
        const hit = firstInjectable(argv, call, ctx, handlers);
        if (!hit) continue;
        const site = handlers.at(call.node);
        out.push({
          span: nodeSpan(hit),
          data: { arg: hit.text.length > 40 ? `${hit.text.slice(0, 39)}…` : hit.text, program: argv.program, impact: PROGRAMS[argv.program]! },
          tool: site?.tool,
          confidence: isTestPath(ctx.path) ? 'low' : site ? 'high' : undefined,
        });
      }
      return out;
    },
  },
});

/** The program and argv of a process start whose program is one of the option-rich CLIs. */
function argvOf(call: CallSite, ctx: FileContext, importsGitPython: () => boolean): Argv | undefined {
  const name = call.name;
  if (!name) return undefined;
  const lang = ctx.codeLanguage!;
  if (lang === 'python') {
    if (PY_ARGV_CALLS.has(name)) {
      if (call.kwargs.get('shell') && call.kwargs.get('shell')!.text !== 'False') return undefined;
      const first = call.args[0] ?? call.kwargs.get('args');
      const list = first ? resolveOnce(first, ctx) : undefined;
      if (!list || (list.type !== 'list' && list.type !== 'tuple')) return undefined;
      return withProgram(elements(list), ctx, name);
    }
    if (PY_VARARGS_CALLS.has(name)) {
      if (name === 'anyio.run_process') {
        const list = call.args[0] ? resolveOnce(call.args[0], ctx) : undefined;
        return list && (list.type === 'list' || list.type === 'tuple') ? withProgram(elements(list), ctx, name) : undefined;
      }
      return withProgram(call.args, ctx, name);
    }
    // GitPython: `repo.git.checkout(ref)` runs `git checkout <ref>`; keyword arguments become fixed options.
    const parts = name.split('.');
    if (parts.length >= 3 && parts[parts.length - 2] === 'git' && parts[parts.length - 1] !== 'execute' && !parts[parts.length - 1]!.startsWith('_') && importsGitPython()) {
      return { program: 'git', rest: call.args, callee: name };
    }
    return undefined;
  }
  if (lang === 'go') {
    if (!GO_COMMAND.has(name)) return undefined;
    const args = name.endsWith('CommandContext') ? call.args.slice(1) : call.args;
    return withProgram(args, ctx, name);
  }
  if (!JS_ARGV_CALLS.has(name) || call.isNew) return undefined;
  const [program, list, opts] = call.args;
  if (!program || !list) return undefined;
  const arr = resolveOnce(list, ctx);
  if (arr.type !== 'array') return undefined;
  const shell = objectProperties(opts?.type === 'object' ? opts : undefined, lang).get('shell');
  if (shell && shell.text !== 'false') return undefined;
  return withProgram([program, ...elements(arr)], ctx, name);
}

function elements(list: Node): Node[] {
  return list.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

function withProgram(args: Node[], ctx: FileContext, callee: string): Argv | undefined {
  const [first, ...rest] = args;
  const prog = first ? staticString(first, ctx.codeLanguage!, ctx.assignments()) : undefined;
  if (!prog?.complete) return undefined;
  const base = prog.value.split(/[\\/]/).pop()!.replace(/\.exe$/i, '').toLowerCase();
  return PROGRAMS[base] ? { program: base, rest, callee } : undefined;
}

/** The first argv element that a caller could turn into an option, if any. */
function firstInjectable(argv: Argv, call: CallSite, ctx: FileContext, handlers: Handlers, depth = 0): Node | undefined {
  const lang = ctx.codeLanguage!;
  const valueOptions = VALUE_OPTIONS[argv.program];
  let consumed = false;
  for (const [i, el] of argv.rest.entries()) {
    const fixed = staticString(el, lang, ctx.assignments());
    if (fixed?.complete) {
      const v = fixed.value;
      if (v === '--' || (argv.program === 'git' && v === '--end-of-options')) return undefined;
      // `-C <dir>`, and tar's bundled `-xzf <file>` / `xzf <file>`, take the next element as their value.
      consumed = Boolean(valueOptions?.has(v)) || (argv.program === 'tar' && /^-?[a-zA-Z]*f$/.test(v) && (v.startsWith('-') || i === 0));
      continue;
    }
    if (consumed) {
      consumed = false;
      continue;
    }
    if (isSafeElement(el, argv, call, ctx, handlers, depth)) continue;
    return el;
  }
  return undefined;
}

function isSafeElement(el: Node, argv: Argv, call: CallSite, ctx: FileContext, handlers: Handlers, depth: number): boolean {
  // `*BASE_ARGS` / `...BASE_ARGS` / `base...`: safe when the spread list is a literal of fixed strings.
  if (el.type === 'list_splat' || el.type === 'spread_element' || el.type === 'variadic_argument') {
    const inner = el.namedChildren[0];
    // Lists spread into lists that spread each other: give up (as unsafe) rather than loop.
    if (!inner || depth > 3) return false;
    // Every list the name can hold (one per branch) must be safe on its own: fixed text, or option values.
    const lists = inner.type === 'identifier' ? localAssignments(inner, ctx) ?? [] : [inner];
    return lists.length > 0 && lists.every((l) => {
      const list = resolveOnce(l, ctx);
      const items = list.type === 'list' || list.type === 'tuple' || list.type === 'array' ? elements(list) : list.type === 'composite_literal' ? elements(list.childForFieldName('body') ?? list).map((e) => e.namedChildren[0] ?? e) : undefined;
      return items !== undefined && firstInjectable({ ...argv, rest: items }, call, ctx, handlers, depth + 1) === undefined;
    });
  }
  if (isFixedValue(el, ctx)) return true;
  const prefix = fixedPrefix(el, ctx);
  // A fixed first character decides: `refs/heads/{x}` can never start with a dash, and `--format={x}` stays that option.
  if (prefix !== undefined && !/^-{1,2}$/.test(prefix)) return true;
  // `host + ":/tmp/x"`: the leading value decides, so guards and schemas are looked up for it.
  const built = builtString(el, ctx);
  const value = unwrap(built?.text.startsWith('{…}') && built.holes[0] ? built.holes[0] : el);
  if (isFixedValue(value, ctx)) return true;
  if (hasLeadingDashGuard(value, call.node, ctx) || hasAllowListGuard(value, call.node, ctx)) return true;
  return handlers.isEnumParam(value, handlers.at(call.node));
}

/** `str(x)`, `String(x)`, `x!`, `(x)` → `x`, so guards and schema lookups see the name. */
function unwrap(node: Node): Node {
  let cur = node;
  for (let i = 0; i < 4; i++) {
    if (cur.type === 'parenthesized_expression' || cur.type === 'non_null_expression' || cur.type === 'as_expression') cur = cur.namedChildren[0] ?? cur;
    else if ((cur.type === 'call' || cur.type === 'call_expression') && /^(?:str|String|os\.fspath)$/.test(cur.childForFieldName('function')?.text ?? '')) {
      const list = cur.childForFieldName('arguments');
      const a = list?.namedChildren.find((c) => c && c.type !== 'comment');
      if (!a || list!.namedChildren.filter((c) => c && c.type !== 'comment').length !== 1) break;
      cur = a;
    } else break;
  }
  return cur;
}
