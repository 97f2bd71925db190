// MV4010: a stdio MCP server writes non-protocol output (prints, console.log, fmt.Println) to stdout, the JSON-RPC channel.
import type { Node } from 'web-tree-sitter';
import type { Transport } from '../../../model/inventory.js';
import type { CallSite } from '../../../parse/call-sites.js';
import { calleeName } from '../../../parse/imports.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingHandler, handlerScopes } from '../../../rule/tool-handlers.js';

const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|testdata|e2e)\/|(?:^|\/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go)|[^/]*\.(?:test|spec)\.[cm]?[jt]sx?|conftest\.py)$/i;
const NETWORK_KINDS = new Set<Transport['kind']>(['sse', 'streamable-http', 'http']);

/** Python calls that print to stdout unless given another stream. */
const PY_PRINT = new Set(['print', 'builtins.print', 'rich.print', 'pprint.pprint', 'pprint.pp', 'click.echo', 'typer.echo', 'click.secho', 'typer.secho']);
const PY_STDOUT_WRITE = new Set(['sys.stdout.write', 'sys.stdout.writelines', 'sys.stdout.buffer.write', 'sys.__stdout__.write']);
/** Console methods Node writes to stdout (warn, error and trace go to stderr). */
const JS_CONSOLE_STDOUT = new Set(['log', 'info', 'debug', 'dir', 'dirxml', 'table', 'group', 'groupCollapsed', 'count', 'timeEnd', 'timeLog']);
const GO_PRINT = new Set(['fmt.Print', 'fmt.Println', 'fmt.Printf']);
const GO_FPRINT = new Set(['fmt.Fprint', 'fmt.Fprintln', 'fmt.Fprintf', 'io.WriteString']);

export default defineRule({
  meta: {
    id: 'MV4010',
    slug: 'stdio-stdout-pollution',
    title: 'stdio MCP server writes non-protocol output to stdout',
    category: 'transport',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-573'],
    owaspMcp: ['MCP08'],
    aliases: [],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{call} writes to stdout, the JSON-RPC channel of this stdio server: the client reads it as a protocol message{where}',
    docs: {
      summary:
        'A server that talks MCP over stdio prints ordinary text to standard output — `print()`, `console.log`, `fmt.Println`, a logger configured for stdout — where the client expects only newline-delimited JSON-RPC messages.',
      risk:
        'The stdio transport reserves stdout for protocol messages; the specification says the server must not write anything else there. A stray line makes clients log parse errors, drop or misalign responses, or close the connection, so tools fail intermittently in ways that are hard to trace. Worse, when the printed text includes data from a tool argument or a fetched document, an attacker can craft a line that is itself a valid JSON-RPC message — a forged response or notification injected into the client\'s stream. Diagnostics belong on stderr, which clients capture as logs.',
      detection:
        'Runs only on files whose own MCP inventory serves over stdio: Python `mcp.run()` (stdio is the default) or `stdio_server()`, TypeScript `server.connect(new StdioServerTransport())` or fastmcp `start()` without options, Go mcp-go `server.ServeStdio(s)` or go-sdk `server.Run(ctx, &mcp.StdioTransport{})`. In such a file it reports Python `print(...)` without `file=` or with `file=sys.stdout`, `rich.print`, `pprint.pprint`, `click.echo`/`typer.echo` without `err=True`, `sys.stdout.write`, `logging.basicConfig(stream=sys.stdout)` and `logging.StreamHandler(sys.stdout)`; JavaScript/TypeScript `console.log`/`info`/`debug`/`dir`/`table` (not `console.error`/`warn`) and `process.stdout.write`, unless the file reassigns that console method; Go `fmt.Print`/`Println`/`Printf`, `fmt.Fprint*(os.Stdout, …)`, `os.Stdout.Write`/`WriteString`, `log.SetOutput(os.Stdout)` and `log.New(os.Stdout, …)`. When the same file also serves HTTP, only writes inside MCP tool, prompt and resource handlers are reported, since the rest may belong to the HTTP mode. Tools registered in another file than the one that starts the stdio transport are not checked, nor are test files.',
      fix:
        'Send diagnostics to stderr: `print(..., file=sys.stderr)` or the `logging` module (its default handler writes to stderr), `console.error` in Node, `fmt.Fprintln(os.Stderr, …)` or the `log` package in Go. For information meant for the user, use MCP logging notifications (`ctx.info(...)`, `server.sendLoggingMessage(...)`) so the client shows it properly.',
      references: [
        { title: 'MCP specification 2025-11-25: transports, stdio', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#stdio' },
        { title: 'MCP specification: logging utility', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/utilities/logging' },
        { title: 'CWE-573: Improper Following of Specification by Caller', url: 'https://cwe.mitre.org/data/definitions/573.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /print|Print|stdout|Stdout|console|echo/,
    detect(ctx) {
      const inv = ctx.inventory;
      if (!inv || !ctx.tree || TEST_PATH.test(ctx.path)) return [];
      const transports = [...inv.servers.flatMap((s) => s.transports), ...inv.orphans.flatMap((o) => o.transports), ...inv.transports];
      if (!transports.some((t) => t.kind === 'stdio')) return [];
      const handlersOnly = transports.some((t) => NETWORK_KINDS.has(t.kind));
      const scopes = handlerScopes(inv);
      const lang = ctx.codeLanguage!;
      const redirected = lang === 'python' || lang === 'go' ? new Set<string>() : reassignedConsoleMethods(ctx.text);
      const out: RawFinding[] = [];
      for (const call of ctx.calls()) {
        const what = lang === 'python' ? pythonStdout(call, ctx) : lang === 'go' ? goStdout(call, ctx) : jsStdout(call, redirected);
        if (!what) continue;
        const handler = enclosingHandler(scopes, call.node);
        if (handlersOnly && !handler) continue;
        out.push({ span: nodeSpan(call.node), data: { call: what, where: handler ? ` (inside the ${handler.kind} ${handler.name})` : '' }, ...(handler && handler.kind === 'tool' ? { tool: handler.name } : {}) });
      }
      return out;
    },
  },
});

function isStdout(node: Node | undefined, ctx: FileContext, lang: 'python' | 'go'): boolean {
  if (!node) return false;
  const name = calleeName(node, ctx.imports(), lang);
  return lang === 'python' ? name === 'sys.stdout' || name === 'sys.__stdout__' : name === 'os.Stdout';
}

function pythonStdout(call: CallSite, ctx: FileContext): string | undefined {
  const name = call.name ?? '';
  if (PY_PRINT.has(name)) {
    if (name.endsWith('echo') && call.kwargs.get('err')?.type === 'true') return undefined;
    const file = call.kwargs.get('file');
    if (file && !isStdout(file, ctx, 'python')) return undefined;
    return `${name}()`;
  }
  if (PY_STDOUT_WRITE.has(name)) return `${name}()`;
  if (name === 'logging.basicConfig' && isStdout(call.kwargs.get('stream'), ctx, 'python')) return 'logging.basicConfig(stream=sys.stdout)';
  if (/(?:^|\.)StreamHandler$/.test(name) && name.startsWith('logging') && isStdout(call.kwargs.get('stream') ?? call.args[0], ctx, 'python')) return 'logging.StreamHandler(sys.stdout)';
  return undefined;
}

function jsStdout(call: CallSite, redirected: ReadonlySet<string>): string | undefined {
  const name = call.name ?? '';
  const m = /^console\.(\w+)$/.exec(name);
  if (m && JS_CONSOLE_STDOUT.has(m[1]!) && !redirected.has(m[1]!)) return `${name}()`;
  if (name === 'process.stdout.write') return 'process.stdout.write()';
  return undefined;
}

/** `console.log = console.error` and similar: the file sends that method elsewhere on purpose. */
function reassignedConsoleMethods(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\bconsole\.(\w+)\s*=(?!=)/g)) out.add(m[1]!);
  return out;
}

function goStdout(call: CallSite, ctx: FileContext): string | undefined {
  const name = call.name ?? '';
  if (GO_PRINT.has(name)) return `${name}()`;
  if (GO_FPRINT.has(name) && isStdout(call.args[0], ctx, 'go')) return `${name}(os.Stdout, …)`;
  if (name === 'os.Stdout.Write' || name === 'os.Stdout.WriteString') return `${name}()`;
  if ((name === 'log.SetOutput' || name === 'log.New') && isStdout(call.args[0], ctx, 'go')) return `${name}(os.Stdout…)`;
  return undefined;
}
