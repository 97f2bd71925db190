// MV9002 (MCPSafe MCP-110): a network or subprocess call in MCP server code has no timeout, so one hung peer hangs the tool call.
import type { Node } from 'web-tree-sitter';
import type { Confidence } from '../../../model/severity.js';
import { compositeFields, objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { calleeName } from '../../../parse/imports.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingHandler, handlerScopes, type HandlerScope } from '../../../rule/tool-handlers.js';

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
const PY_REQUESTS = new Set(HTTP_VERBS.map((v) => `requests.${v}`));
const PY_HTTPX = new Set([...HTTP_VERBS, 'stream'].map((v) => `httpx.${v}`));
const PY_HTTPX_CLIENTS = new Set(['httpx.Client', 'httpx.AsyncClient']);
const PY_SUBPROCESS = new Set(['subprocess.run', 'subprocess.call', 'subprocess.check_call', 'subprocess.check_output']);
const PY_PROCESS_FACTORIES = new Set(['subprocess.Popen', 'asyncio.create_subprocess_exec', 'asyncio.create_subprocess_shell']);
/** Calls or context managers that bound whatever runs inside them. */
const PY_DEADLINES = new Set(['asyncio.wait_for', 'asyncio.timeout', 'asyncio.timeout_at', 'anyio.fail_after', 'anyio.move_on_after', 'async_timeout.timeout', 'trio.fail_after', 'trio.move_on_after']);
const JS_FETCH = new Set(['fetch', 'node-fetch', 'node-fetch.default', 'undici.fetch', 'cross-fetch', 'cross-fetch.default']);
const JS_AXIOS_URL_CONFIG = new Set(['get', 'delete', 'head', 'options']);
const JS_AXIOS_DATA_CONFIG = new Set(['post', 'put', 'patch']);
const JS_EXEC = new Set(['child_process.exec', 'child_process.execSync', 'child_process.execFile', 'child_process.execFileSync', 'child_process.spawnSync']);
const GO_PACKAGE_HTTP = new Set(['net/http.Get', 'net/http.Post', 'net/http.PostForm', 'net/http.Head']);
const GO_DEFAULT_CLIENT = /^net\/http\.DefaultClient\.(?:Do|Get|Post|PostForm|Head)$/;
const PY_FUNCTIONS = new Set(['function_definition', 'lambda']);
const MAX_ANCESTORS = 200;

interface Hit {
  node: Node;
  call: string;
  target: 'server' | 'process';
}

export default defineRule({
  meta: {
    id: 'MV9002',
    slug: 'call-without-timeout',
    title: 'Network or subprocess call without a timeout',
    category: 'resilience',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-1088', 'CWE-400'],
    owaspMcp: ['MCP08'],
    aliases: ['MCP-110'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{call} runs without a timeout; a slow or hung {target} keeps the tool call (and the client waiting on it) busy indefinitely',
    docs: {
      summary:
        'An HTTP request or a child process started by MCP server code has no timeout — `requests.get(url)`, `subprocess.run(cmd)`, `fetch(url)`, `execFile(cmd, args)`, Go `http.Get(url)`, `&http.Client{}`, `exec.Command(...)` — so nothing bounds how long it may take.',
      risk:
        'Tool arguments are chosen by a model and can point at anything: a URL that never answers, a host that trickles one byte a minute, a command that waits for input. Without a timeout the handler waits forever, holding a worker, a connection and often a lock; a stdio server that handles requests one at a time stops answering entirely, and a remote server can be exhausted with a handful of calls. The MCP lifecycle specification asks senders to set timeouts on requests; the same applies to the requests a tool makes on the user\'s behalf.',
      detection:
        'Code inside MCP handlers is reported at medium confidence, and the rest of a file that declares handlers (the helpers they call) at low confidence; files without handlers are not checked. Python: `requests.get/post/put/patch/delete/head/options/request` (and the same methods on a `requests.Session()` held in a variable) without `timeout=`; `httpx` functions, clients and `httpx.Client`/`AsyncClient` with an explicit `timeout=None` (httpx otherwise defaults to 5 seconds); `urllib.request.urlopen` without a timeout; `subprocess.run/call/check_call/check_output` without `timeout=`; `.communicate()`/`.wait()` on a process from `subprocess.Popen` or `asyncio.create_subprocess_*` without a timeout and not inside `asyncio.wait_for`, `asyncio.timeout`, `anyio.fail_after`/`move_on_after`. JavaScript/TypeScript: `fetch` (global, node-fetch, undici) without a `signal` option; axios calls and `axios.create` without `timeout` or `signal` (unless the file sets `axios.defaults.timeout`); `child_process.exec/execSync/execFile/execFileSync/spawnSync` without `timeout` or `signal`, also when promisified. Go: `http.Get/Post/PostForm/Head` (the default client has no timeout), `http.DefaultClient.Get/Post/…`, `http.DefaultClient.Do` unless the function builds the request with `http.NewRequestWithContext` or derives a deadline with `context.WithTimeout`/`WithDeadline` (a request bound to the MCP request context is cancelled when the client cancels or times out), an `http.Client{}` literal without `Timeout` unless the file uses context-bound requests or deadlines, and `exec.Command` (use `exec.CommandContext`). Options passed as a variable that cannot be resolved, `**kwargs` and object spreads are assumed to carry a timeout. aiohttp (5-minute default), got and execa are not checked.',
      fix:
        'Pass a timeout on every call: `requests.get(url, timeout=10)`, `httpx.AsyncClient(timeout=10)`, `urlopen(url, timeout=10)`, `subprocess.run(cmd, timeout=30)`, `await asyncio.wait_for(proc.communicate(), 30)`; `fetch(url, { signal: AbortSignal.timeout(10_000) })`, `axios.create({ timeout: 10_000 })`, `execFile(cmd, args, { timeout: 30_000 })`; Go `&http.Client{Timeout: 10 * time.Second}`, `http.NewRequestWithContext(ctx, …)` with a `context.WithTimeout` deadline, and `exec.CommandContext(ctx, …)`. Derive deadlines from the MCP request context where the SDK provides one so that a client cancellation also stops the work.',
      references: [
        { title: 'MCP specification: lifecycle, timeouts', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#timeouts' },
        { title: 'Requests: timeouts', url: 'https://requests.readthedocs.io/en/latest/user/advanced/#timeouts' },
        { title: 'Go net/http: Client.Timeout', url: 'https://pkg.go.dev/net/http#Client' },
        { title: 'CWE-400: Uncontrolled Resource Consumption', url: 'https://cwe.mitre.org/data/definitions/400.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /requests|httpx|urlopen|subprocess|Popen|fetch|axios|child_process|exec|spawn|http\.|DefaultClient|Command/,
    detect(ctx) {
      const scopes = handlerScopes(ctx.inventory);
      if (scopes.length === 0) return [];
      const hits = ctx.codeLanguage === 'python' ? detectPython(ctx) : ctx.codeLanguage === 'go' ? detectGo(ctx) : detectJs(ctx);
      return hits.map((h): RawFinding => {
        const scope: HandlerScope | undefined = enclosingHandler(scopes, h.node);
        const confidence: Confidence | undefined = scope ? undefined : 'low';
        return { span: nodeSpan(h.node), data: { call: h.call, target: h.target }, tool: scope?.kind === 'tool' ? scope.name : undefined, ...(confidence ? { confidence } : {}) };
      });
    },
  },
});

/** A name assigned exactly once, and the call it was assigned from (through `await`). */
function assignedCall(name: string, ctx: FileContext): string | undefined {
  const values = ctx.assignments().get(name);
  if (values?.length !== 1) return undefined;
  let v: Node = values[0]!;
  if (v.type === 'await' || v.type === 'await_expression') v = v.namedChildren[0] ?? v;
  if (v.type !== 'call' && v.type !== 'call_expression') return undefined;
  const fn = v.childForFieldName('function');
  return fn ? calleeName(fn, ctx.imports(), ctx.codeLanguage!) : undefined;
}

function hasSplat(call: CallSite): boolean {
  return call.args.some((a) => a.type === 'dictionary_splat' || a.type === 'list_splat' || a.type === 'spread_element');
}

// ---- Python --------------------------------------------------------------------------------------------------

function detectPython(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    if (hasSplat(call)) continue;
    const timeout = call.kwargs.get('timeout');
    if (PY_REQUESTS.has(name)) {
      if (!timeout) hits.push({ node: call.node, call: name, target: 'server' });
      continue;
    }
    if (PY_HTTPX.has(name) || PY_HTTPX_CLIENTS.has(name)) {
      if (timeout?.type === 'none') hits.push({ node: call.node, call: `${name}(timeout=None)`, target: 'server' });
      continue;
    }
    if (name === 'urllib.request.urlopen') {
      if (!timeout && call.args.length < 3) hits.push({ node: call.node, call: name, target: 'server' });
      continue;
    }
    if (PY_SUBPROCESS.has(name)) {
      if (!timeout) hits.push({ node: call.node, call: name, target: 'process' });
      continue;
    }
    const callee = call.callee;
    if (callee.type !== 'attribute') continue;
    const method = callee.childForFieldName('attribute')?.text ?? '';
    const receiver = callee.childForFieldName('object');
    // Any client method of a file that uses httpx: an explicit `timeout=None` turns its default off.
    if (timeout?.type === 'none' && HTTP_VERBS.includes(method) && ctx.imports().has('httpx')) {
      hits.push({ node: call.node, call: `${callee.text}(timeout=None)`, target: 'server' });
      continue;
    }
    if (receiver?.type !== 'identifier') continue;
    const origin = assignedCall(receiver.text, ctx);
    if ((origin === 'requests.Session' || origin === 'requests.session') && HTTP_VERBS.includes(method) && !timeout) {
      hits.push({ node: call.node, call: `${callee.text} (requests session)`, target: 'server' });
    } else if (origin && PY_PROCESS_FACTORIES.has(origin) && (method === 'communicate' || method === 'wait')) {
      const positional = method === 'communicate' ? call.args.length >= 2 : call.args.length >= 1;
      if (!timeout && !positional && !insideDeadline(call.node, ctx)) hits.push({ node: call.node, call: `${callee.text}()`, target: 'process' });
    }
  }
  return hits;
}

/** True inside `asyncio.wait_for(...)` or a `with asyncio.timeout(...)` / `anyio.fail_after(...)` block of the same function. */
function insideDeadline(node: Node, ctx: FileContext): boolean {
  let cur: Node | null = node.parent;
  for (let i = 0; cur && i < MAX_ANCESTORS && !PY_FUNCTIONS.has(cur.type); i++, cur = cur.parent) {
    if (cur.type === 'call') {
      const fn = cur.childForFieldName('function');
      if (fn && PY_DEADLINES.has(calleeName(fn, ctx.imports(), 'python') ?? '')) return true;
    }
    if (cur.type === 'with_statement') {
      for (const call of descendantsOfType(cur.namedChildren.find((c) => c?.type === 'with_clause') ?? cur, 'call')) {
        const fn = call.childForFieldName('function');
        if (fn && PY_DEADLINES.has(calleeName(fn, ctx.imports(), 'python') ?? '')) return true;
      }
    }
  }
  return false;
}

// ---- JavaScript / TypeScript -----------------------------------------------------------------------------------

function detectJs(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const axiosDefaults = /axios\.defaults\.timeout\s*=/.test(ctx.text) || /\.defaults\.timeout\s*=/.test(ctx.text);
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    if (hasSplat(call)) continue;
    if (JS_FETCH.has(name) && !call.isNew && (name !== 'fetch' || !ctx.assignments().has('fetch'))) {
      const opts = options(call.args[1], ctx);
      if (opts === 'unknown') continue;
      if (!opts || (!opts.has('signal') && !opts.has('timeout'))) hits.push({ node: call.node, call: name === 'fetch' ? 'fetch' : `fetch (${name.replace(/\.default$/, '')})`, target: 'server' });
      continue;
    }
    if (name === 'axios' || name === 'axios.default' || name.startsWith('axios.')) {
      if (axiosDefaults) continue;
      const method = name.startsWith('axios.') ? name.slice('axios.'.length) : '';
      let configNode: Node | undefined;
      if (method === 'create' || method === 'request') configNode = call.args[0];
      else if (method === '' || method === 'default') configNode = call.args[0]?.type === 'object' ? call.args[0] : call.args[1];
      else if (JS_AXIOS_URL_CONFIG.has(method)) configNode = call.args[1];
      else if (JS_AXIOS_DATA_CONFIG.has(method)) configNode = call.args[2];
      else continue;
      const opts = options(configNode, ctx);
      if (opts === 'unknown') continue;
      if (!opts || (!opts.has('timeout') && !opts.has('signal'))) hits.push({ node: call.node, call: method === 'create' ? 'axios.create' : name.replace(/\.default$/, ''), target: 'server' });
      continue;
    }
    if (JS_EXEC.has(name)) {
      // exec(cmd, [options], [cb]); execFile/spawnSync(file, [args], [options], [cb]): an unreadable second argument of
      // execFile is taken as the argument list when an options position follows it.
      const rest = call.args.slice(1).filter((a) => a.type !== 'arrow_function' && a.type !== 'function_expression');
      const takesArgs = !/exec(?:Sync)?$/.test(name);
      let opts: Map<string, Node> | undefined | 'unknown';
      for (const [i, a] of rest.entries()) {
        const values = a.type === 'identifier' ? ctx.assignments().get(a.text) : undefined;
        if (a.type === 'array' || (values?.length === 1 && values[0]!.type === 'array')) continue;
        const o = options(a, ctx);
        if (o === 'unknown' && takesArgs && i === 0 && rest.length > 1) continue;
        opts = o;
        break;
      }
      if (opts === 'unknown') continue;
      if (!opts || (!opts.has('timeout') && !opts.has('signal'))) hits.push({ node: call.node, call: name.replace('child_process.', ''), target: 'process' });
    }
  }
  return hits;
}

/** Properties of an options object, `undefined` when absent, `'unknown'` when it cannot be read statically. */
function options(node: Node | undefined, ctx: FileContext): Map<string, Node> | undefined | 'unknown' {
  if (!node) return undefined;
  let n: Node = node;
  if (n.type === 'identifier') {
    if (n.text === 'undefined') return undefined;
    const values = ctx.assignments().get(n.text);
    if (values?.length !== 1) return 'unknown';
    n = values[0]!;
  }
  if (n.type !== 'object') return n.type === 'identifier' || n.type === 'member_expression' || n.type === 'call_expression' ? 'unknown' : undefined;
  if (n.namedChildren.some((c) => c?.type === 'spread_element')) return 'unknown';
  return objectProperties(n, ctx.codeLanguage!);
}

// ---- Go ------------------------------------------------------------------------------------------------------

function detectGo(ctx: FileContext): Hit[] {
  const hits: Hit[] = [];
  const calls = ctx.calls();
  // A request made with a context is cancelled with it: with the MCP request's context, a client cancellation or
  // timeout stops it; with context.WithTimeout it has its own deadline.
  const fileHasDeadlines = calls.some((c) => c.name === 'context.WithTimeout' || c.name === 'context.WithDeadline' || c.name === 'net/http.NewRequestWithContext');
  for (const call of calls) {
    const name = call.name ?? '';
    if (GO_PACKAGE_HTTP.has(name)) hits.push({ node: call.node, call: name.replace('net/http.', 'http.'), target: 'server' });
    else if (GO_DEFAULT_CLIENT.test(name) && !(name.endsWith('.Do') && functionHasDeadline(call.node, calls))) hits.push({ node: call.node, call: name.replace('net/http.', 'http.'), target: 'server' });
    else if (name === 'os/exec.Command') hits.push({ node: call.node, call: 'exec.Command', target: 'process' });
  }
  if (fileHasDeadlines || !ctx.text.includes('Client')) return hits;
  const httpLocals = [...ctx.imports().values()].filter((b) => b.module === 'net/http').map((b) => b.local);
  for (const lit of descendantsOfType(ctx.tree!.rootNode, 'composite_literal')) {
    const type = lit.childForFieldName('type');
    if (type?.type !== 'qualified_type' || type.childForFieldName('name')?.text !== 'Client' || !httpLocals.includes(type.childForFieldName('package')?.text ?? '')) continue;
    if (!compositeFields(lit).has('Timeout')) hits.push({ node: lit, call: 'an http.Client with no Timeout field', target: 'server' });
  }
  return hits;
}

/** True when the Go function around `node` derives a deadline or builds its requests with a context. */
function functionHasDeadline(node: Node, calls: readonly CallSite[]): boolean {
  let fn: Node | null = node.parent;
  for (let i = 0; fn && i < MAX_ANCESTORS && fn.type !== 'function_declaration' && fn.type !== 'method_declaration' && fn.type !== 'func_literal'; i++) fn = fn.parent;
  if (!fn) return false;
  const start = fn.startIndex;
  const end = fn.endIndex;
  return calls.some(
    (c) => (c.name === 'context.WithTimeout' || c.name === 'context.WithDeadline' || c.name === 'net/http.NewRequestWithContext') && c.node.startIndex >= start && c.node.endIndex <= end,
  );
}
