// MV6001: an install-time hook (npm lifecycle script, setup.py command) downloads code and runs it.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { calleeName } from '../../../parse/imports.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import type { Span } from '../../../model/location.js';

/** npm runs these on `npm install` (of the package, or of a git dependency for `prepare`). */
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare', 'prepublish'];

const DOWNLOADER = /^(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod|aria2c)$/i;
const INTERPRETER = /^(?:sh|bash|zsh|dash|ksh|fish|node|nodejs|bun|deno|python[0-9.]*|perl|ruby|php|iex|invoke-expression|pwsh|powershell|cmd|source|\.)$/i;
const PREFIX_WORDS = /^(?:sudo|env|exec|command|nohup|time)$/;
const URL = /https?:\/\/[^\s"'`|;&)<>]+/;
const PROCESS_SUBST = /\b(?:sh|bash|zsh|dash|ksh|source|node|python[0-9.]*)\s+<\(\s*(?:curl|wget)\b/;
const COMMAND_SUBST = /\b(?:sh|bash|zsh|dash|ksh|eval|node|python[0-9.]*)\b[^|;&]{0,200}(?:\$\(|`)\s*(?:curl|wget)\b/;
const NODE_INLINE = /\b(?:node|nodejs|bun)\s+(?:-e|--eval|-p|--print)\b/;
const NODE_FETCH = /\bfetch\(|\bhttps?\.get\(|\bhttps?\.request\(|require\(\s*["'\\]{1,2}(?:node:)?https?["'\\]|require\(\s*["'\\]{1,2}(?:axios|node-fetch|undici|got|request)["'\\]/;
const NODE_RUN = /\beval\b|\bFunction\(|child_process|\bexecSync\(|\bexec\(|\bspawn\(|\bspawnSync\(|runInThisContext|runInNewContext|\bimport\(/;
const PY_INLINE = /\bpython[0-9.]*\s+-c\b/;
const PY_FETCH = /urlopen|urlretrieve|urllib|requests\.get|http\.client|httpx/;
const PY_RUN = /\bexec\(|\beval\(|subprocess|os\.system|os\.popen/;
const PS_RUN = /\b(?:iex|invoke-expression)\b/i;
const PS_FETCH = /\b(?:iwr|irm|invoke-webrequest|invoke-restmethod|downloadstring|downloadfile|webclient)\b/i;

/** setuptools/distutils command classes that run during `pip install` or a build from source. */
const SETUP_COMMANDS = new Set(
  [
    'setuptools.command.install.install',
    'setuptools.command.develop.develop',
    'setuptools.command.egg_info.egg_info',
    'setuptools.command.build.build',
    'setuptools.command.build_py.build_py',
    'setuptools.command.build_ext.build_ext',
    'setuptools.command.install_lib.install_lib',
    'setuptools.command.install_scripts.install_scripts',
    'setuptools.command.bdist_egg.bdist_egg',
    'setuptools.command.bdist_wheel.bdist_wheel',
    'setuptools.command.sdist.sdist',
    'distutils.command.install.install',
    'distutils.command.build.build',
    'distutils.command.build_py.build_py',
    'distutils.command.build_ext.build_ext',
    'wheel.bdist_wheel.bdist_wheel',
  ],
);
const PY_DOWNLOAD = new Set([
  'urllib.request.urlopen',
  'urllib.request.urlretrieve',
  'urllib.urlopen',
  'urllib.urlretrieve',
  'urllib2.urlopen',
  'requests.get',
  'requests.post',
  'requests.request',
  'httpx.get',
  'httpx.stream',
  'urllib3.PoolManager',
  'urllib3.request',
  'http.client.HTTPSConnection',
  'http.client.HTTPConnection',
  'wget.download',
]);
const PY_EXEC_EXACT = new Set(['exec', 'eval', 'builtins.exec', 'builtins.eval', 'os.system', 'os.popen', 'runpy.run_path', 'runpy.run_module', 'ctypes.CDLL', 'ctypes.cdll.LoadLibrary', 'pty.spawn']);
const PY_EXEC_PREFIX = ['subprocess.', 'os.exec', 'os.spawn', 'os.posix_spawn', 'asyncio.create_subprocess_'];

export default defineRule({
  meta: {
    id: 'MV6001',
    slug: 'install-script-remote-exec',
    title: 'Install script downloads and runs code',
    category: 'supply-chain',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-494', 'CWE-506'],
    owaspMcp: ['MCP04'],
    aliases: ['MCP-207'],
    mode: 'fast',
    languages: ['manifest', 'python'],
    status: 'stable',
    message: '{where} downloads code and runs it at install time ({how}); whoever controls that download runs code on every machine that installs the package',
    docs: {
      summary: 'An install-time hook — an npm `preinstall`/`install`/`postinstall`/`prepare`/`prepublish` script or a custom setuptools install command in `setup.py` — fetches something from the network and executes it.',
      risk:
        'MCP clients start most local servers with `npx -y <package>` or `uvx <package>`, so installing the package is part of every first launch, and install hooks run on the user\'s machine with their privileges before the server exists, outside any tool-approval prompt. Code fetched at that moment is not in the published, reviewable package: the server behind the URL can change it at any time, serve different content per victim, or be taken over. This is the pattern of several npm worms and hijacked packages, and of droppers hidden in typosquatted MCP servers.',
      detection:
        'For JSON files named `package.json` (or any JSON with a top-level `name` string and a `scripts` object, such as a template copied to `package.json`): fires on the lifecycle scripts `preinstall`, `install`, `postinstall`, `preprepare`, `prepare`, `postprepare` and `prepublish` when the command pipes `curl`/`wget`/`iwr`/`irm` into an interpreter (`curl … | sh`, `wget -O- … | sudo bash`, `iwr … | iex`), feeds one through process or command substitution (`bash <(curl …)`, `sh -c "$(curl …)"`, `eval "$(wget …)"`), downloads to a file that a later command of the same script runs (`curl -o x.sh … && sh x.sh`, `wget URL && chmod +x tool && ./tool`), or runs an inline program that both fetches and executes (`node -e` with `fetch`/`https.get` and `eval`/`Function`/`child_process`, `python -c` with `urllib`/`requests` and `exec`/`subprocess`, PowerShell `iex` with `DownloadString`/`Invoke-WebRequest`). The finding is on the line of the script key. Shell quoting is respected, so `echo "curl … | sh"` does not fire; neither do other script names (`build`, `setup`), downloads that are only unpacked, or `node scripts/postinstall.js` (the local file is not followed). Python: fires on a class that subclasses a setuptools/distutils install-time command (`install`, `develop`, `egg_info`, `build_py`, `build_ext`, `bdist_wheel`, `sdist` and similar), is registered through `cmdclass` in the same file, and whose methods — or module-level functions they call — both download (`urllib.request.urlopen`/`urlretrieve`, `requests.get`, `httpx`, `http.client`) and execute (`exec`, `eval`, `subprocess`, `os.system`, `os.exec*`, `runpy`, `ctypes.CDLL`); and on module-level code of a `setup.py` that does both. The finding is on the download call.',
      fix: 'Ship everything the package needs inside the package. If a platform binary is required, publish it as an optional dependency per platform (the `optionalDependencies` + `os`/`cpu` pattern) or as a wheel, and if a download is truly unavoidable, pin it to an exact version and verify a checksum or signature that is committed in the package before running anything. Prefer no install scripts at all for MCP servers: users can then install with `--ignore-scripts` without breaking the server.',
      references: [
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
        { title: 'CWE-506: Embedded Malicious Code', url: 'https://cwe.mitre.org/data/definitions/506.html' },
        { title: 'npm docs: lifecycle scripts', url: 'https://docs.npmjs.com/cli/v10/using-npm/scripts#life-cycle-scripts' },
        { title: 'OWASP MCP Top 10: MCP04 supply chain', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  file: {
    languages: ['json', 'python'],
    requires: /"scripts"|cmdclass|setup/,
    detect(ctx) {
      return ctx.language === 'json' ? detectPackageJson(ctx) : detectSetupPy(ctx);
    },
  },
});

function detectPackageJson(ctx: FileContext): RawFinding[] {
  let pkg: unknown;
  try {
    pkg = JSON.parse(ctx.text);
  } catch {
    return [];
  }
  if (!isRecord(pkg) || !isRecord(pkg.scripts)) return [];
  const isPackageJson = /(?:^|\/)package\.json$/.test(ctx.path);
  if (!isPackageJson && typeof pkg.name !== 'string') return [];
  const out: RawFinding[] = [];
  for (const key of LIFECYCLE) {
    const script = pkg.scripts[key];
    if (typeof script !== 'string') continue;
    const how = remoteExecution(script);
    if (!how) continue;
    out.push({ span: scriptKeySpan(ctx, key), data: { where: `scripts.${key}`, how } });
  }
  return out;
}

/** Span of `"key":` inside the top-level `"scripts"` object (falling back to the `scripts` key, then line 1). */
function scriptKeySpan(ctx: FileContext, key: string): Span {
  const text = ctx.text;
  const scripts = /"scripts"\s*:/.exec(text);
  const from = scripts ? scripts.index : 0;
  const re = new RegExp(`"${key}"\\s*:`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  const at = m ? m.index : from;
  const start = offsetToPoint(text, at);
  const lineText = ctx.lines[start.row] ?? '';
  return { start, end: { row: start.row, column: Math.max(start.column + 1, lineText.length) } };
}

function offsetToPoint(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** A short description of how the script fetches and runs code, or undefined when it does not. */
function remoteExecution(script: string): string | undefined {
  if (PROCESS_SUBST.test(script)) return 'a download fed to an interpreter through <(…)';
  if (COMMAND_SUBST.test(script)) return 'a download run through $(…)';
  const commands = splitShell(script);
  const downloaded: string[] = [];
  for (const cmd of commands) {
    const stages = cmd.stages.map(words);
    const firstDownload = stages.findIndex((w) => DOWNLOADER.test(commandWord(w) ?? ''));
    if (firstDownload >= 0) {
      const runner = stages.slice(firstDownload + 1).find((w) => INTERPRETER.test(commandWord(w) ?? ''));
      if (runner) return `${commandWord(stages[firstDownload]!)} piped into ${commandWord(runner)}`;
      const file = outputFile(stages[firstDownload]!);
      if (file) downloaded.push(file);
    }
    const text = cmd.stages.join(' | ');
    if (NODE_INLINE.test(text) && NODE_FETCH.test(text) && NODE_RUN.test(text)) return 'an inline node program that fetches and executes code';
    if (PY_INLINE.test(text) && PY_FETCH.test(text) && PY_RUN.test(text)) return 'an inline python program that fetches and executes code';
    if (PS_RUN.test(text) && PS_FETCH.test(text)) return 'PowerShell Invoke-Expression on downloaded text';
    if (firstDownload < 0 && downloaded.length > 0) {
      const ran = runsFile(stages[0] ?? [], downloaded);
      if (ran) return `a downloaded file (${ran}) executed by a later command`;
    }
  }
  return undefined;
}

interface ShellCommand {
  /** Pipeline stages, quotes kept. */
  stages: string[];
}

/**
 * Splits a script into commands at unquoted `&&`, `||`, `;` and newlines, and each command into pipeline stages
 * at unquoted `|`. One linear pass; quoting is tracked so `echo "a | b"` stays one stage.
 */
function splitShell(script: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  let stages: string[] = [];
  let cur = '';
  let quote: string | undefined;
  const endStage = () => {
    stages.push(cur.trim());
    cur = '';
  };
  const endCommand = () => {
    endStage();
    if (stages.some((s) => s)) out.push({ stages });
    stages = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (quote) {
      if (c === '\\' && quote === '"' && i + 1 < script.length) {
        cur += c + script[++i];
        continue;
      }
      if (c === quote) quote = undefined;
      cur += c;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      cur += c;
    } else if (c === '\\' && i + 1 < script.length) {
      cur += c + script[++i];
    } else if ((c === '&' && script[i + 1] === '&') || (c === '|' && script[i + 1] === '|')) {
      endCommand();
      i++;
    } else if (c === ';' || c === '\n') {
      endCommand();
    } else if (c === '|') {
      endStage();
    } else cur += c;
  }
  endCommand();
  return out;
}

/** Whitespace-separated words with surrounding quotes removed. */
function words(stage: string): string[] {
  return stage
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^["']|["']$/g, ''));
}

/** The program a stage runs, skipping `sudo`, `env`, `VAR=value` and their flags. */
function commandWord(ws: readonly string[]): string | undefined {
  for (const w of ws) {
    if (PREFIX_WORDS.test(w) || /^[A-Za-z_]\w*=/.test(w) || w.startsWith('-')) continue;
    return w.replace(/^.*[\\/]/, '').replace(/\.exe$/i, '');
  }
  return undefined;
}

/** Where a curl/wget/iwr command writes its download, when it names a file (`-` means stdout, handled as a pipe). */
function outputFile(ws: readonly string[]): string | undefined {
  const prog = (commandWord(ws) ?? '').toLowerCase();
  const named = (flags: RegExp): string | undefined => {
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      const eq = /^(--?[\w-]+)=(.+)$/.exec(w);
      if (eq && flags.test(eq[1]!)) return eq[2];
      if (flags.test(w) || w === '>') return ws[i + 1];
      if (w.startsWith('>') && w.length > 1) return w.slice(1);
    }
    return undefined;
  };
  const fromUrl = () => ws.map((w) => URL.exec(w)?.[0]).find(Boolean)?.split(/[?#]/)[0]!.split('/').pop() || undefined;
  let file: string | undefined;
  if (prog === 'curl') file = named(/^(?:-o|--output)$/) ?? (ws.some((w) => w === '-O' || w === '--remote-name') ? fromUrl() : undefined);
  else if (prog === 'wget') file = named(/^(?:-O|--output-document)$/) ?? fromUrl();
  else file = named(/^-OutFile$/i);
  return file && file !== '-' && !file.startsWith('-') ? file : undefined;
}

/** The downloaded file this stage executes (as the program, or as the script of an interpreter), if any. */
function runsFile(ws: readonly string[], files: readonly string[]): string | undefined {
  const names = new Set(files.map(baseName));
  let i = 0;
  while (i < ws.length && (PREFIX_WORDS.test(ws[i]!) || /^[A-Za-z_]\w*=/.test(ws[i]!))) i++;
  const prog = ws[i];
  if (!prog) return undefined;
  if ((prog.includes('/') || prog.includes('\\')) && names.has(baseName(prog))) return baseName(prog);
  if (!INTERPRETER.test(baseName(prog).replace(/\.exe$/i, '')) && !/^(?:start|msiexec)$/i.test(prog)) return undefined;
  for (const w of ws.slice(i + 1)) {
    if (w.startsWith('-') || w.startsWith('/')) {
      if (w.startsWith('/') && names.has(baseName(w))) return baseName(w);
      continue;
    }
    return names.has(baseName(w)) ? baseName(w) : undefined;
  }
  return undefined;
}

function baseName(p: string): string {
  return p.replace(/^.*[\\/]/, '');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function detectSetupPy(ctx: FileContext): RawFinding[] {
  const root = ctx.tree?.rootNode;
  if (!root) return [];
  const calls = ctx.calls();
  const registered = registeredCommands(calls, ctx);
  const out: RawFinding[] = [];
  const functions = new Map<string, Node>();
  for (const child of root.namedChildren) {
    const def = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (def?.type === 'function_definition') {
      const n = def.childForFieldName('name')?.text;
      if (n) functions.set(n, def);
    }
  }
  for (const child of root.namedChildren) {
    const cls = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    if (cls?.type !== 'class_definition') continue;
    const name = cls.childForFieldName('name')?.text;
    if (!name || !registered.has(name) || !subclassesCommand(cls, ctx)) continue;
    // The class body plus module-level helpers it calls by name: droppers often hide the work one call away.
    const scopes = [cls];
    for (const c of calls) {
      if (within(c.node, cls) && c.callee.type === 'identifier') {
        const helper = functions.get(c.callee.text);
        if (helper && !scopes.includes(helper)) scopes.push(helper);
      }
    }
    const inScope = calls.filter((c) => scopes.some((s) => within(c.node, s)));
    const hit = downloadAndRun(inScope);
    if (hit) out.push({ span: nodeSpan(hit.node), data: { where: `install command ${name} (cmdclass)`, how: `${hit.name} then ${hit.runner}` } });
  }
  if (/(?:^|\/)setup\.py$/.test(ctx.path)) {
    const topLevel = calls.filter((c) => !hasAncestor(c.node, ['function_definition', 'class_definition', 'lambda']));
    const hit = downloadAndRun(topLevel);
    if (hit) out.push({ span: nodeSpan(hit.node), data: { where: 'setup.py (module level)', how: `${hit.name} then ${hit.runner}` } });
  }
  return out;
}

/** The first download call of a group that also executes something, with the executor's name. */
function downloadAndRun(calls: readonly CallSite[]): { node: Node; name: string; runner: string } | undefined {
  const download = calls.find((c) => c.name !== undefined && PY_DOWNLOAD.has(c.name));
  if (!download) return undefined;
  const runner = calls.find((c) => c.name !== undefined && (PY_EXEC_EXACT.has(c.name) || PY_EXEC_PREFIX.some((p) => c.name!.startsWith(p))));
  return runner ? { node: download.node, name: download.name!, runner: runner.name! } : undefined;
}

/** Class names registered through `cmdclass={...}` / `cmdclass=dict(...)` / a name assigned once to either. */
function registeredCommands(calls: readonly CallSite[], ctx: FileContext): Set<string> {
  const out = new Set<string>();
  const byNode = new Map(calls.map((c) => [c.node.id, c]));
  for (const call of calls) {
    let value = call.kwargs.get('cmdclass');
    if (!value) continue;
    if (value.type === 'identifier') {
      const values = ctx.assignments().get(value.text);
      if (values?.length === 1) value = values[0]!;
    }
    if (value.type === 'dictionary') {
      for (const pair of value.namedChildren) {
        const v = pair?.type === 'pair' ? pair.childForFieldName('value') : undefined;
        if (v?.type === 'identifier') out.add(v.text);
      }
    } else if (value.type === 'call') {
      for (const v of byNode.get(value.id)?.kwargs.values() ?? []) if (v.type === 'identifier') out.add(v.text);
    }
  }
  return out;
}

function subclassesCommand(cls: Node, ctx: FileContext): boolean {
  const supers = cls.childForFieldName('superclasses');
  return (supers?.namedChildren ?? []).some((s) => {
    if (!s) return false;
    const name = calleeName(s, ctx.imports(), 'python');
    return name !== undefined && SETUP_COMMANDS.has(name);
  });
}

function within(node: Node, scope: Node): boolean {
  return node.startIndex >= scope.startIndex && node.endIndex <= scope.endIndex;
}

function hasAncestor(node: Node, types: readonly string[]): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) if (types.includes(cur.type)) return true;
  return false;
}
