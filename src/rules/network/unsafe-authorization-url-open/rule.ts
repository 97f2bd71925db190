// MV2702 (MCPSafe MCP-275): a URL that is not fixed in the code is opened through a shell or a browser launcher without a scheme check (CVE-2025-6514).
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Severity } from '../../../model/severity.js';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { staticString } from '../../../parse/static-value.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';

/** Launchers that hand a URL to the OS without a shell. */
const JS_OPEN_MODULES = /^(?:open|opn|better-opn)$/;
const PY_LAUNCHERS = new Set(['webbrowser.open', 'webbrowser.open_new', 'webbrowser.open_new_tab', 'os.startfile']);
const GO_LAUNCHERS = /^(?:github\.com\/pkg\/browser\.OpenURL|github\.com\/skratchdot\/open-golang\/open\.(?:Run|Start|RunWith|StartWith)|github\.com\/cli\/browser\.OpenURL)$/;
/** Programs that open URLs when run directly (no shell). */
const OPENER_PROGRAMS = /^(?:xdg-open|open|gio|explorer(?:\.exe)?|rundll32(?:\.exe)?|wslview|sensible-browser|x-www-browser|firefox|google-chrome|chromium)$/;
/** Shell command lines that open something: `start …`, `xdg-open …`, `open …`, `cmd /c start …`. */
const SHELL_OPENER = /^\s*(?:cmd(?:\.exe)?\s+\/[cC]\s+)?(?:start(?:\s+"")?|xdg-open|open(?:\s+-a\s+\S+)?|gio\s+open|explorer(?:\.exe)?|rundll32(?:\.exe)?\s+url\.dll,FileProtocolHandler|wslview|powershell(?:\.exe)?\s+(?:-\w+\s+)*Start-Process)\s/i;
const SHELL_PROGRAMS = /^(?:(?:\/usr)?\/bin\/)?(?:sh|bash|zsh|dash|cmd(?:\.exe)?|powershell(?:\.exe)?|pwsh)$/;
const PY_SHELL_ALWAYS = new Set(['os.system', 'os.popen', 'subprocess.getoutput', 'subprocess.getstatusoutput', 'asyncio.create_subprocess_shell']);
const PY_SUBPROCESS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output', 'subprocess.Popen', 'asyncio.create_subprocess_exec']);
const JS_SHELL_ALWAYS = new Set(['child_process.exec', 'child_process.execSync']);
const JS_SPAWN = new Set(['child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'execa.execa', 'execa']);
/** A scheme (or URL) check somewhere in the function that opens the URL. */
const SCHEME_CHECK =
  /\.protocol\b|\.scheme\b|\.Scheme\b|\bstartsWith\(\s*["'`]https?:|\bstartswith\(\s*\(?\s*r?["']https?:|HasPrefix\([^)\n]{0,80}"https?:|\^https\??:|(?:validate|assert|check|ensure|verify|sanitize|is_?(?:safe|allowed|valid|http))_?\w{0,30}(?:url|uri|link)\b/i;
const FUNCTION_TYPES = new Set([
  'function_definition', 'arrow_function', 'function_expression', 'function_declaration', 'function', 'method_definition',
  'generator_function', 'generator_function_declaration', 'method_declaration', 'func_literal', 'lambda',
]);
const MAX_ANCESTORS = 400;

interface Hit {
  call: CallSite;
  api: string;
  url: Node;
  shell: boolean;
}

export default defineRule({
  meta: {
    id: 'MV2702',
    slug: 'unsafe-authorization-url-open',
    title: 'Untrusted URL opened through a shell or without a scheme check',
    category: 'network',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-78', 'CWE-79'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-275'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{api} {problem}; a malicious authorization or resource URL can run commands or open local files on the user\'s machine',
    docs: {
      summary:
        'A URL that is not fixed in the code — typically an OAuth `authorization_endpoint`, a URL-mode elicitation URL or a resource link supplied by an MCP server — is opened with a shell command (`start`, `xdg-open`, `open`, `cmd /c start`) or with a browser launcher (npm `open`, Python `webbrowser.open`, Electron `shell.openExternal`, Go `browser.OpenURL`, `exec.Command("xdg-open", …)`) without checking that it is an `https:` (or loopback `http:`) URL.',
      risk:
        'MCP clients and proxies open URLs that a server chose: the authorization endpoint from its OAuth metadata, or the page of a URL-mode elicitation. A malicious server can return `file:///…`, `javascript:`, a custom protocol handler (`ms-msdt:`, `search-ms:`, `vscode:`) or a string full of shell metacharacters. Through a shell that is command execution on the user\'s machine — CVE-2025-6514 in mcp-remote (CVSS 9.6) passed the server-supplied authorization URL to the `open` package, which on Windows runs PowerShell. Without a shell, OS launchers still hand any scheme to its registered handler. The MCP specification requires clients to accept only `https:` authorization URLs (`http:` only for loopback), never to open them through a shell, and to sanitise server-supplied URLs.',
      detection:
        'Fires when the URL argument is not a string fully known before run time and is not built on a fixed `http(s)://host` prefix (`f"http://127.0.0.1:{port}/"` does not fire). Through a shell (critical): Python `os.system`/`os.popen`/`subprocess.*(…, shell=True)`, Node `exec`/`execSync`, `spawn`/`execFile` with `shell: true`, Go `exec.Command("sh"|"cmd"|"powershell", …)`, when the command line starts with an opener (`start`, `cmd /c start`, `xdg-open`, `open`, `open -a App`, `gio open`, `explorer`, `rundll32 url.dll,FileProtocolHandler`, `wslview`, `powershell Start-Process`), and argument lists that run `cmd /c start <url>`. A scheme check does not make a shell safe (metacharacters survive URL parsing), so shell cases fire regardless, at high severity when the function checks the scheme. Without a shell (high): npm `open`/`opn`/`better-opn`, Electron `shell.openExternal`, Python `webbrowser.open`/`open_new`/`open_new_tab`/`os.startfile`, `subprocess`/`spawn`/`execFile`/`exec.Command` running `xdg-open`, `open`, `explorer`, `rundll32`, `wslview` or a browser directly, and Go `github.com/pkg/browser.OpenURL`, `cli/browser.OpenURL`, `skratchdot/open-golang`; these fire only when the enclosing function has no scheme check — a `.protocol`/`.scheme`/`.Scheme` comparison, `startsWith("https:")`/`startswith(("https://", …))`/`strings.HasPrefix(u, "https://")`, a `^https?:` pattern, or a call to a validator named like `validateUrl`/`assertSafeUrl`/`is_allowed_url`.',
      fix:
        'Parse the URL and allow only `https:` (and `http:` for `localhost`/`127.0.0.1`): `const u = new URL(raw); if (u.protocol !== "https:") throw …`, `urlparse(raw).scheme == "https"`, `u.Scheme == "https"`; then open it with an API that does not use a shell and pass the normalised `u.href`. Never build `start`/`xdg-open` command lines with string concatenation. Upgrade mcp-remote to 0.1.16 or later.',
      references: [
        { title: 'NVD: CVE-2025-6514 (mcp-remote OS command injection)', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-6514' },
        { title: 'JFrog: critical RCE vulnerability in mcp-remote (CVE-2025-6514)', url: 'https://jfrog.com/blog/2025-6514-critical-mcp-remote-rce-vulnerability/' },
        { title: 'MCP specification: authorization, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#security-considerations' },
        { title: 'CWE-78: OS Command Injection', url: 'https://cwe.mitre.org/data/definitions/78.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /open|start|webbrowser|startfile|openExternal|OpenURL|rundll32|explorer|wslview|Start-Process/,
    detect(ctx) {
      const lang = ctx.codeLanguage!;
      const hits: Hit[] = [];
      for (const call of ctx.calls()) {
        const hit = lang === 'python' ? pythonHit(call, ctx) : lang === 'go' ? goHit(call, ctx) : jsHit(call, ctx);
        if (hit && !fixedUrl(hit.url, ctx)) hits.push(hit);
      }
      const out: RawFinding[] = [];
      for (const h of hits) {
        const checked = SCHEME_CHECK.test(enclosingFunctionText(h.call.node, ctx));
        if (checked && !h.shell) continue;
        const severity: Severity = h.shell && !checked ? 'critical' : 'high';
        const problem = h.shell
          ? checked
            ? 'puts a URL that is not fixed into a shell command line (the scheme check in this function does not stop shell metacharacters)'
            : 'puts a URL that is not fixed into a shell command line with no scheme check'
          : 'opens a URL that is not fixed without checking its scheme';
        out.push({ span: nodeSpan(h.call.node), data: { api: h.api, problem }, severity });
      }
      return out;
    },
  },
});

/** True for literals and for strings built on a fixed `http(s)://host` prefix (a local callback page, a docs page). */
function fixedUrl(node: Node, ctx: FileContext): boolean {
  const s = staticString(node, ctx.codeLanguage!, ctx.assignments());
  if (!s) return false;
  if (s.complete) return true;
  return /^https?:\/\/[^{/?#…\s]+[/:?#]/i.test(s.value) && !s.value.startsWith('{');
}

/** For shell command strings: the part after the opener must be a non-fixed URL. */
function shellCommandUrl(cmd: Node, ctx: FileContext): Node | undefined {
  const s = staticString(cmd, ctx.codeLanguage!, ctx.assignments());
  if (!s || s.complete) return undefined;
  const m = SHELL_OPENER.exec(s.value);
  if (!m) return undefined;
  const rest = s.value.slice(m[0].length).replace(/^["']/, '');
  if (/^https?:\/\/[^{/?#…\s]+[/:?#]/i.test(rest)) return undefined;
  return cmd;
}

function enclosingFunctionText(node: Node, ctx: FileContext): string {
  let cur: Node | null = node.parent;
  for (let i = 0; cur && i < MAX_ANCESTORS; i++, cur = cur.parent) if (FUNCTION_TYPES.has(cur.type)) return cur.text;
  // Module level: the whole file is the scope.
  return ctx.text;
}

function str(node: Node | undefined, lang: CodeLanguage): string | undefined {
  return node ? decodeString(node, lang)?.value : undefined;
}

/** `["cmd", "/c", "start", url]`-style argument vectors: the opener program and the URL after it. */
function argvOpener(items: Node[], lang: CodeLanguage): { url: Node; shell: boolean; program: string } | undefined {
  const program = (str(items[0], lang) ?? '').split(/[\\/]/).pop() ?? '';
  if (SHELL_PROGRAMS.test(program)) {
    const flag = items.findIndex((a, i) => i > 0 && /^(?:\/c|\/C|-c|-Command|-command)$/.test(str(a, lang) ?? ''));
    if (flag < 0) return undefined;
    const after = items.slice(flag + 1);
    if (after.length === 1) return undefined; // a whole command line: handled as a shell string
    if (/^start$/i.test(str(after[0], lang) ?? '') || /^start-process$/i.test(str(after[0], lang) ?? '')) {
      const url = after.slice(1).find((a) => str(a, lang) !== '""' && str(a, lang) !== '');
      return url ? { url, shell: true, program: `${program} ${str(items[flag], lang)} start` } : undefined;
    }
    return undefined;
  }
  if (!OPENER_PROGRAMS.test(program)) return undefined;
  // `rundll32 url.dll,FileProtocolHandler <url>`, `open -a Safari <url>`, `gio open <url>`: the URL is the last item.
  const url = items[items.length - 1];
  return url && items.length > 1 ? { url, shell: false, program } : undefined;
}

function pythonHit(call: CallSite, ctx: FileContext): Hit | undefined {
  const name = call.name ?? '';
  const lang = 'python';
  if (PY_LAUNCHERS.has(name) || /^webbrowser\.get\(.*\)\.open(?:_new(?:_tab)?)?$/.test(call.callee.text)) {
    const url = call.args[0] ?? call.kwargs.get('url');
    return url ? { call, api: name || call.callee.text, url, shell: false } : undefined;
  }
  const first = call.args[0] ?? call.kwargs.get('args') ?? call.kwargs.get('cmd') ?? call.kwargs.get('command');
  if (!first) return undefined;
  const shellKw = call.kwargs.get('shell')?.text === 'True';
  if (PY_SHELL_ALWAYS.has(name) || (PY_SUBPROCESS.has(name) && shellKw)) {
    const url = shellCommandUrl(first, ctx);
    return url ? { call, api: name, url, shell: true } : undefined;
  }
  if (PY_SUBPROCESS.has(name)) {
    const items = name === 'asyncio.create_subprocess_exec' ? call.args : first.type === 'list' || first.type === 'tuple' ? first.namedChildren.filter((c): c is Node => c !== null) : [];
    const o = argvOpener(items, lang);
    return o ? { call, api: `${name} running ${o.program}`, url: o.url, shell: o.shell } : undefined;
  }
  return undefined;
}

function jsHit(call: CallSite, ctx: FileContext): Hit | undefined {
  const lang = ctx.codeLanguage!;
  const name = call.name ?? '';
  const callee = call.callee;
  if (callee.type === 'identifier') {
    const b = ctx.imports().get(callee.text);
    if (b && JS_OPEN_MODULES.test(b.module) && (b.imported === 'default' || b.imported === '*')) {
      return call.args[0] ? { call, api: `${b.module}()`, url: call.args[0], shell: false } : undefined;
    }
  }
  if (name === 'electron.shell.openExternal' || /(?:^|\.)shell\.openExternal$/.test(callee.text)) {
    return call.args[0] ? { call, api: 'shell.openExternal', url: call.args[0], shell: false } : undefined;
  }
  const first = call.args[0];
  if (!first) return undefined;
  if (JS_SHELL_ALWAYS.has(name)) {
    const url = shellCommandUrl(first, ctx);
    return url ? { call, api: name.replace('child_process.', ''), url, shell: true } : undefined;
  }
  if (JS_SPAWN.has(name)) {
    const opts = call.args.find((a) => a.type === 'object');
    const shell = objectProperties(opts, lang).get('shell');
    const array = call.args.find((a) => a.type === 'array');
    if (shell && shell.text !== 'false') {
      const line = array ? undefined : shellCommandUrl(first, ctx);
      if (line) return { call, api: `${name.replace('child_process.', '')} with shell: true`, url: line, shell: true };
    }
    const items = [first, ...(array?.namedChildren.filter((c): c is Node => c !== null) ?? [])];
    const o = argvOpener(items, lang);
    return o ? { call, api: `${name.replace('child_process.', '')} running ${o.program}`, url: o.url, shell: o.shell || Boolean(shell && shell.text !== 'false') } : undefined;
  }
  return undefined;
}

function goHit(call: CallSite, ctx: FileContext): Hit | undefined {
  const name = call.name ?? '';
  if (GO_LAUNCHERS.test(name)) {
    const url = name.endsWith('With') ? call.args[0] : call.args[0];
    return url ? { call, api: name.slice(name.lastIndexOf('/') + 1), url, shell: false } : undefined;
  }
  if (name !== 'os/exec.Command' && name !== 'os/exec.CommandContext') return undefined;
  const items = name.endsWith('Context') ? call.args.slice(1) : call.args;
  const program = (str(items[0], 'go') ?? '').split('/').pop() ?? '';
  if (SHELL_PROGRAMS.test(program)) {
    const flag = items.findIndex((a, i) => i > 0 && /^(?:\/c|\/C|-c|-Command|-command)$/.test(str(a, 'go') ?? ''));
    if (flag > 0 && items.length === flag + 2) {
      const url = shellCommandUrl(items[flag + 1]!, ctx);
      if (url) return { call, api: `exec.Command(${program})`, url, shell: true };
    }
  }
  const o = argvOpener(items, 'go');
  return o ? { call, api: `exec.Command running ${o.program}`, url: o.url, shell: o.shell } : undefined;
}
