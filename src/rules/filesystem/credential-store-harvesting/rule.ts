// MV2504: code reads other programs' credential stores (SSH keys, cloud CLIs, browsers, keychains, other MCP clients' configs).
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import type { Confidence } from '../../../model/severity.js';
import { staticString } from '../../../parse/static-value.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, builtString, callArgs, callName, enclosingFunction, familyOf, isTestPath, resolveOnce } from '../../injection/sink-args.js';

interface Store {
  name: string;
  re: RegExp;
  /** Only a path under a home directory counts (a project's own `.npmrc` is not someone else's secret). */
  home: boolean;
  /** Client libraries that read this store themselves; a file importing one is probably configuring it. */
  clients?: RegExp;
}

const STORES: Store[] = [
  { name: 'SSH private keys (~/.ssh)', re: /(?:^|\/)\.ssh(?:\/?$|\/(?:\*[^/]*|id_[\w*-]*|identity|[^/]*\.pem|[^/]*_key)$)/, home: true, clients: /^(?:paramiko|asyncssh|fabric|ssh2|node-ssh|golang\.org\/x\/crypto\/ssh)/ },
  { name: 'AWS credentials (~/.aws)', re: /(?:^|\/)\.aws\/(?:credentials$|sso\/cache|cli\/cache)/, home: true, clients: /^(?:boto3|botocore|aioboto3|@aws-sdk\/|aws-sdk|github\.com\/aws\/aws-sdk-go)/ },
  { name: 'Google Cloud credentials (~/.config/gcloud)', re: /(?:^|\/)\.config\/gcloud(?:\/|$)/, home: true, clients: /^(?:google\.auth|google\.cloud|@google-cloud\/|google-auth-library|cloud\.google\.com\/go|golang\.org\/x\/oauth2\/google)/ },
  { name: 'Azure CLI tokens (~/.azure)', re: /(?:^|\/)\.azure\/(?:accessTokens\.json|msal_token_cache|azureProfile\.json)/, home: true, clients: /^(?:azure\.|@azure\/|github\.com\/Azure\/)/ },
  { name: 'the Kubernetes config (~/.kube/config)', re: /(?:^|\/)\.kube\/config$/, home: true, clients: /^(?:kubernetes|@kubernetes\/client-node|k8s\.io\/client-go)/ },
  { name: 'Docker registry credentials (~/.docker/config.json)', re: /(?:^|\/)\.docker\/config\.json$/, home: true, clients: /^(?:docker|dockerode|github\.com\/docker\/)/ },
  { name: 'npm tokens (~/.npmrc)', re: /(?:^|\/)\.npmrc$/, home: true },
  { name: 'PyPI tokens (~/.pypirc)', re: /(?:^|\/)\.pypirc$/, home: true },
  { name: 'netrc passwords (~/.netrc)', re: /(?:^|\/)[._]netrc$/, home: true },
  { name: 'git credentials (~/.git-credentials)', re: /(?:^|\/)\.git-credentials$/, home: true },
  { name: 'GitHub CLI tokens (~/.config/gh/hosts.yml)', re: /(?:^|\/)\.config\/gh\/hosts\.ya?ml$/, home: true },
  { name: 'browser saved passwords or cookies', re: /(?:chrome|chromium|edge|brave|opera|vivaldi|google)[^\n]*\/(?:login data|cookies|web data|local state)$/i, home: false },
  { name: 'Firefox saved passwords or cookies', re: /(?:^|\/)(?:key[34]\.db|cookies\.sqlite)$|(?:firefox|mozilla)[^\n]*\/logins\.json$/i, home: false },
  { name: "Claude Desktop's MCP configuration", re: /(?:^|\/)claude_desktop_config\.json$/, home: false },
  { name: "Cursor's MCP configuration (~/.cursor/mcp.json)", re: /(?:^|\/)\.cursor\/mcp\.json$/, home: true },
  { name: "Claude Code's settings and tokens (~/.claude.json)", re: /(?:^|\/)\.claude\.json$/, home: true },
  { name: "Claude Code's OAuth tokens (~/.claude/.credentials.json)", re: /(?:^|\/)\.claude\/\.credentials\.json$/, home: false },
  { name: "Codex CLI's tokens (~/.codex/auth.json)", re: /(?:^|\/)\.codex\/auth\.json$/, home: true },
  { name: "Windsurf's MCP configuration", re: /(?:^|\/)\.codeium\/windsurf\/mcp_config\.json$/, home: false },
];

const HOME_ROOT = /^(?:~|\/home\/[^/]+|\/Users\/[^/]+|\/root|[a-z]:\/users\/[^/]+)(?:\/|$)/i;
const HOME_ENV: Record<string, string> = { HOME: '~', USERPROFILE: '~', APPDATA: '~/AppData/Roaming', LOCALAPPDATA: '~/AppData/Local', XDG_CONFIG_HOME: '~/.config' };
const HOME_CALLS = new Set(['pathlib.Path.home', 'os.homedir', 'os.UserHomeDir', 'os.path.expanduser', 'os.UserConfigDir']);
const JOIN_CALLS = new Set(['os.path.join', 'posixpath.join', 'ntpath.join', 'path.join', 'path.resolve', 'path.posix.join', 'path.win32.join', 'path/filepath.Join', 'path.Join', 'pathlib.Path', 'pathlib.PurePath', 'pathlib.PosixPath', 'pathlib.WindowsPath']);
const HOME_NAME = /^(?:user_?)?home(?:_?dir|_?path|_?directory)?$/i;

/** Read APIs by canonical name → index of the path argument. */
const PY_READS = new Map<string, number>([
  ['open', 0], ['builtins.open', 0], ['io.open', 0], ['codecs.open', 0], ['aiofiles.open', 0], ['shutil.copy', 0], ['shutil.copy2', 0],
  ['shutil.copyfile', 0], ['shutil.copytree', 0], ['sqlite3.connect', 0], ['glob.glob', 0], ['glob.iglob', 0], ['os.listdir', 0], ['os.scandir', 0],
  ['os.walk', 0],
]);
const PY_READ_METHODS = new Set(['read_text', 'read_bytes', 'open', 'glob', 'rglob', 'iterdir']);
const JS_READS = new Map<string, number>();
for (const base of ['fs', 'fs.promises', 'fs/promises']) {
  for (const f of ['readFile', 'readFileSync', 'createReadStream', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'readdir', 'readdirSync', 'opendir', 'opendirSync']) JS_READS.set(`${base}.${f}`, 0);
}
for (const n of ['better-sqlite3', 'sqlite3.Database', 'glob', 'glob.glob', 'glob.globSync', 'fast-glob', 'fast-glob.sync']) JS_READS.set(n, 0);
const GO_READS = new Map<string, number>([
  ['os.ReadFile', 0], ['io/ioutil.ReadFile', 0], ['os.Open', 0], ['os.ReadDir', 0], ['io/ioutil.ReadDir', 0], ['path/filepath.Glob', 0],
  ['path/filepath.Walk', 0], ['path/filepath.WalkDir', 0], ['database/sql.Open', 1],
]);

const PY_SPAWN = /^(?:subprocess\.\w+|os\.system|os\.popen|asyncio\.create_subprocess_(?:exec|shell))$/;
const JS_SPAWN = /^(?:child_process\.\w+|execa(?:\.\w+)?)$/;
const KEYCHAIN_DUMP = /(?:^|[\s/'"])security\s+dump-keychain\b/;
const KEYCHAIN_READ = /(?:^|[\s/'"])security\s+find-(?:generic|internet)-password\b|(?:^|[\s/'"])secret-tool\s+(?:lookup|search)\b/;
const BROWSER_KEY = /Safe Storage|Chrome|Chromium|Brave|Edge|Opera|Vivaldi/;

export default defineRule({
  meta: {
    id: 'MV2504',
    slug: 'credential-store-harvesting',
    title: "Code reads other programs' credentials",
    category: 'filesystem',
    severity: 'critical',
    confidence: 'medium',
    cwe: ['CWE-200', 'CWE-506'],
    owaspMcp: ['MCP01', 'MCP04'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: "{api} reads {store}; a tool server has no business with another program's secrets",
    docs: {
      summary: "The server opens files where other programs keep secrets — SSH keys, cloud CLI credentials, kube and docker configs, `.npmrc`/`.netrc`/`.git-credentials`, browser password and cookie databases, the macOS keychain, or other MCP clients' configuration and token files.",
      risk:
        "A local MCP server runs with the user's full file access, and users install them from registries after reading a README. Reading `~/.ssh/id_ed25519`, `~/.aws/credentials` or `claude_desktop_config.json` (which holds the API keys of every other configured server) is what credential-stealing packages do; combined with any network call the secrets are gone, and the user only approved a \"weather\" tool. Legitimate servers get credentials from their own configuration or environment, or let the official SDK (boto3, the Kubernetes client) read its own file.",
      detection:
        "Builds the path passed to a read API from literals, `~`, home-directory calls (`Path.home()`, `os.path.expanduser`, `os.homedir()`, `os.UserHomeDir()`, `HOME`/`USERPROFILE`/`APPDATA` variables, names like `home_dir`), joins (`os.path.join`, `Path / …`, `joinpath`, `path.join`, `filepath.Join`), f-strings, template literals and `+`, and matches it against: `~/.ssh` private keys or the folder itself (not `.pub`, `known_hosts` or `config`), `~/.aws/credentials` and SSO/CLI caches, `~/.config/gcloud`, `~/.azure` token caches, `~/.kube/config`, `~/.docker/config.json`, `~/.npmrc`, `~/.pypirc`, `~/.netrc`, `~/.git-credentials`, `~/.config/gh/hosts.yml`, Chromium-family `Login Data`/`Cookies`/`Web Data`/`Local State`, Firefox `key4.db`/`logins.json`/`cookies.sqlite`, `claude_desktop_config.json`, `~/.cursor/mcp.json`, `~/.claude.json`, `~/.claude/.credentials.json`, `~/.codex/auth.json` and Windsurf's `mcp_config.json`. Read APIs: Python `open` in a reading mode, `Path.read_text`/`read_bytes`/`open`/`glob`/`iterdir`, `shutil.copy*`, `sqlite3.connect`, `glob.glob`, `os.listdir`/`scandir`/`walk`; Node `fs.readFile`/`createReadStream`/`copyFile`/`cp`/`readdir`/`opendir` (all forms), `better-sqlite3`, `sqlite3.Database`, `glob`/`fast-glob`; Go `os.ReadFile`, `ioutil.ReadFile`, `os.Open`, `os.ReadDir`, `filepath.Glob`/`Walk`/`WalkDir`, `sql.Open`. Keychain dumps through a process (`security dump-keychain`, or `find-generic-password` for a browser's \"Safe Storage\" key) are reported at high confidence; other `security find-*-password` and `secret-tool lookup` calls at low confidence, since a server may read its own item. Dot-files must sit under a home directory, so a project's own `.npmrc` or `.cursor/mcp.json` does not fire. Confidence is high in a tool handler or at module load, medium in other functions, and low when the file imports the client library that owns the store (paramiko, boto3, the Kubernetes client, …), when it writes an `mcpServers` entry back (an installer), or in test files. Writes are not reported here.",
      fix: "Remove the read. Take credentials from the server's own configuration or environment variables declared in its manifest, and let official SDKs find their own credential files. If a server genuinely needs a user's SSH or cloud identity, ask for it explicitly (a configured key path, an OAuth flow) and say so in the tool description; never read other MCP clients' configuration.",
      references: [
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
        { title: 'CWE-506: Embedded Malicious Code', url: 'https://cwe.mitre.org/data/definitions/506.html' },
        { title: 'MITRE ATT&CK T1552.001: Unsecured Credentials — Credentials in Files', url: 'https://attack.mitre.org/techniques/T1552/001/' },
        { title: 'MITRE ATT&CK T1555: Credentials from Password Stores', url: 'https://attack.mitre.org/techniques/T1555/' },
        { title: 'MCP specification: security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /\.ssh|\.aws|gcloud|\.azure|\.kube|\.docker|npmrc|pypirc|netrc|git-credentials|hosts\.yml|Login Data|Cookies|Web Data|Local State|key4|key3|logins\.json|cookies\.sqlite|claude|\.cursor|\.codex|windsurf|security|secret-tool/,
    detect(ctx) {
      const out: RawFinding[] = [];
      const fam = familyOf(ctx.codeLanguage!);
      const handlers = new Handlers(ctx);
      const lowered = isTestPath(ctx.path);
      const installer = /mcpServers/.test(ctx.text) && /write_text|json\.dump|writeFile|WriteFile|\.write\(|["']w["']/.test(ctx.text);
      const modules = [...ctx.imports().values()].map((b) => b.module);
      for (const call of ctx.calls()) {
        const keychain = keychainRead(call, ctx, fam);
        let store: Store | undefined;
        let what: string | undefined;
        let confidence: Confidence | undefined;
        let api = call.name ?? call.callee.text;
        if (keychain) {
          what = keychain.what;
          confidence = keychain.confidence;
        } else {
          const read = readPath(call, ctx, fam);
          if (!read) continue;
          api = read.api;
          const path = pathText(read.arg, ctx);
          store = path ? matchStore(path) : undefined;
          if (!store) continue;
          what = store.name;
        }
        const site = handlers.at(call.node);
        const atLoad = !enclosingFunction(call.node, ctx.codeLanguage!);
        if (!confidence) confidence = site || atLoad ? 'high' : 'medium';
        if (lowered || (store?.clients && modules.some((m) => store!.clients!.test(m))) || (installer && store && /MCP configuration|settings/.test(store.name))) confidence = 'low';
        out.push({ span: nodeSpan(call.node), data: { api, store: what }, tool: site?.tool, confidence });
      }
      return out;
    },
  },
});

/** The path argument of a call that reads, lists or copies a file or folder, and how to name the call. */
function readPath(call: CallSite, ctx: FileContext, fam: 'python' | 'js' | 'go'): { arg: Node; api: string } | undefined {
  const arg = readPathArg(call, ctx, fam);
  if (!arg) return undefined;
  const table = fam === 'python' ? PY_READS : fam === 'go' ? GO_READS : JS_READS;
  if (call.name && table.has(call.name)) return { arg, api: call.name };
  const method = call.callee.childForFieldName('attribute')?.text;
  return { arg, api: method === 'read' ? 'ConfigParser.read' : `Path.${method}` };
}

function readPathArg(call: CallSite, ctx: FileContext, fam: 'python' | 'js' | 'go'): Node | undefined {
  const name = call.name;
  const table = fam === 'python' ? PY_READS : fam === 'go' ? GO_READS : JS_READS;
  const idx = name ? table.get(name) : undefined;
  if (idx !== undefined) {
    if (fam === 'python' && /open$/.test(name!) && writesMode(call.args[1] ?? call.kwargs.get('mode'), ctx)) return undefined;
    if (fam === 'js' && /\.open(?:Sync)?$/.test(name!)) return undefined;
    return call.args[idx] ?? call.kwargs.get('file') ?? call.kwargs.get('path');
  }
  if (fam !== 'python' || call.callee.type !== 'attribute') return undefined;
  const method = call.callee.childForFieldName('attribute')?.text ?? '';
  const receiver = call.callee.childForFieldName('object') ?? undefined;
  if (!receiver) return undefined;
  if (PY_READ_METHODS.has(method)) return method === 'open' && writesMode(call.args[0] ?? call.kwargs.get('mode'), ctx) ? undefined : receiver;
  // `ConfigParser().read(path)`
  if (method === 'read' && call.args[0]) return call.args[0];
  return undefined;
}

function writesMode(mode: Node | undefined, ctx: FileContext): boolean {
  const m = mode ? staticString(mode, ctx.codeLanguage!, ctx.assignments()) : undefined;
  return Boolean(m && /[wax+]/.test(m.value));
}

function matchStore(path: string): Store | undefined {
  const p = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  const home = HOME_ROOT.test(p);
  return STORES.find((s) => (!s.home || home) && s.re.test(p));
}

/**
 * The path an expression builds, with `~` for the home directory and `*` for parts that are not known. Undefined
 * when nothing about it is known.
 */
function pathText(node: Node, ctx: FileContext, depth = 0): string | undefined {
  if (depth > 6) return undefined;
  const lang = ctx.codeLanguage!;
  const s = staticString(node, lang, ctx.assignments());
  if (s?.complete) return s.value;
  let v = node;
  if (v.type === 'parenthesized_expression' || v.type === 'await_expression') return v.namedChildren[0] ? pathText(v.namedChildren[0], ctx, depth + 1) : undefined;
  if (v.type === 'identifier') {
    const r = resolveOnce(v, ctx);
    if (r.id === v.id) return HOME_NAME.test(v.text) ? '~' : undefined;
    v = r;
    const rs = staticString(v, lang, ctx.assignments());
    if (rs?.complete) return rs.value;
  }
  const env = envHome(v, ctx);
  if (env) return env;
  if (v.type === 'binary_operator' && v.childForFieldName('operator')?.text === '/') {
    const l = v.childForFieldName('left');
    const r = v.childForFieldName('right');
    return `${(l && pathText(l, ctx, depth + 1)) ?? '*'}/${(r && pathText(r, ctx, depth + 1)) ?? '*'}`;
  }
  const built = builtString(v, ctx);
  if (built) {
    let i = 0;
    return built.text.replace(/\{…\}/g, () => {
      const hole = built.holes[i++];
      return (hole && pathText(hole, ctx, depth + 1)) ?? '*';
    });
  }
  if (v.type !== 'call' && v.type !== 'call_expression') return undefined;
  const name = callName(v, ctx);
  const args = callArgs(v);
  if (name && HOME_CALLS.has(name)) {
    if (name === 'os.path.expanduser') return args[0] ? pathText(args[0], ctx, depth + 1) : undefined;
    return name === 'os.UserConfigDir' ? '~/.config' : '~';
  }
  if (name && JOIN_CALLS.has(name)) return joinAll(args, ctx, depth);
  if (name && /^(?:str|String|os\.fspath)$/.test(name) && args[0]) return pathText(args[0], ctx, depth + 1);
  // Method chains: `Path("~/.aws/credentials").expanduser()`, `Path.home().joinpath(".ssh", "id_rsa")`, `p.toString()`.
  const fn = v.childForFieldName('function');
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
  const recv = fn?.childForFieldName('object');
  if (!method || !recv) return undefined;
  if (method === 'expanduser' || method === 'resolve' || method === 'absolute' || method === 'toString') return pathText(recv, ctx, depth + 1);
  if (method === 'joinpath') {
    const base = pathText(recv, ctx, depth + 1) ?? '*';
    const rest = joinAll(args, ctx, depth);
    return rest ? `${base}/${rest}` : base;
  }
  return undefined;
}

function joinAll(args: Node[], ctx: FileContext, depth: number): string | undefined {
  if (!args.length) return undefined;
  const parts = args.map((a) => pathText(a, ctx, depth + 1) ?? '*');
  return parts.every((p) => p === '*') ? undefined : parts.join('/');
}

/** `os.environ["HOME"]`, `os.getenv("HOME")`, `process.env.HOME`, `os.Getenv("HOME")` and the Windows equivalents. */
function envHome(v: Node, ctx: FileContext): string | undefined {
  const lang = ctx.codeLanguage!;
  let key: string | undefined;
  if (v.type === 'member_expression' && v.childForFieldName('object')?.text === 'process.env') key = v.childForFieldName('property')?.text;
  else if (v.type === 'subscript' || v.type === 'subscript_expression') {
    const obj = v.childForFieldName('value') ?? v.childForFieldName('object');
    const idx = v.childForFieldName('subscript') ?? v.childForFieldName('index');
    if (obj && /^(?:os\.environ|process\.env)$/.test(obj.text) && idx) key = decodeString(idx, lang)?.value;
  } else if (v.type === 'call' || v.type === 'call_expression') {
    const name = callName(v, ctx) ?? '';
    if (/^(?:os\.getenv|os\.environ\.get|os\.Getenv)$/.test(name)) {
      const a = callArgs(v)[0];
      key = a ? decodeString(a, lang)?.value : undefined;
    }
  }
  return key ? HOME_ENV[key] : undefined;
}

/** A process that reads the macOS keychain or the Secret Service: `security dump-keychain`, `security find-generic-password`. */
function keychainRead(call: CallSite, ctx: FileContext, fam: 'python' | 'js' | 'go'): { what: string; confidence: Confidence } | undefined {
  const name = call.name ?? '';
  const spawn = fam === 'python' ? PY_SPAWN.test(name) : fam === 'go' ? name === 'os/exec.Command' || name === 'os/exec.CommandContext' : JS_SPAWN.test(name);
  if (!spawn) return undefined;
  const lang = ctx.codeLanguage!;
  const words: string[] = [];
  const argList = call.node.childForFieldName('arguments');
  if (!argList) return undefined;
  for (const s of descendantsOfType(argList, ['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal'])) {
    const d = decodeString(s, lang);
    if (d) words.push(d.value);
  }
  const text = words.join(' ');
  if (KEYCHAIN_DUMP.test(text)) return { what: 'the whole macOS keychain (security dump-keychain)', confidence: 'high' };
  if (!KEYCHAIN_READ.test(text)) return undefined;
  if (BROWSER_KEY.test(text)) return { what: "a browser's cookie and password encryption key from the keychain", confidence: 'high' };
  return { what: 'a password from the system keychain', confidence: 'low' };
}
