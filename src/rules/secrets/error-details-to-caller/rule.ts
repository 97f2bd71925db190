// MV3002 (MCPSafe MCP-085): an MCP handler returns exception text or a stack trace to the client instead of logging it.
import type { Node } from 'web-tree-sitter';
import type { Confidence } from '../../../model/severity.js';
import type { CallSite } from '../../../parse/call-sites.js';
import { calleeName } from '../../../parse/imports.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingHandler, handlerScopes, type HandlerScope } from '../../../rule/tool-handlers.js';

/** Exceptions whose message was written for the client: re-raising or returning their text is the intended use. */
const CLIENT_FACING = /^(?:\w+\.)*(?:ToolError|McpError|ResourceError|PromptError|ClientError|UserError)$/;
/** Validation errors usually carry the server's own message about the input: still reported, at low confidence. */
const INPUT_ERRORS = /^(?:\w+\.)*(?:ValueError|ValidationError|KeyError|JSONDecodeError|UnicodeDecodeError)$/;
const PY_TRACEBACK = new Set(['traceback.format_exc', 'traceback.format_exception', 'traceback.format_tb', 'traceback.format_stack', 'traceback.format_exception_only', 'sys.exc_info']);
/** Attributes of a Python exception that hold its text or what a subprocess/HTTP call echoed. */
const PY_TEXT_ATTRS = new Set(['args', 'message', 'msg', 'strerror', 'filename', 'stderr', 'stdout', 'output', 'text', 'body', 'detail', 'details', 'reason', 'response', 'doc']);
/** Properties of a JS error that hold its text, stack, or what a failed call echoed. */
const JS_TEXT_PROPS = new Set(['message', 'stack', 'cause', 'stderr', 'stdout', 'toString', 'response', 'body', 'details']);
const JS_STRINGIFY = new Set(['String', 'JSON.stringify', 'util.inspect', 'inspect', 'util.format']);
const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'non_null_expression', 'satisfies_expression', 'await', 'await_expression']);
const PY_FUNCTIONS = new Set(['function_definition', 'lambda']);
const JS_FUNCTIONS = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function', 'method_definition', 'generator_function', 'generator_function_declaration']);
/** mcp-go result constructors whose text goes to the client. */
const MCP_GO = 'github.com/mark3labs/mcp-go/mcp.';
const GO_RESULT_TEXT = new Set(['NewToolResultError', 'NewToolResultText', 'NewTextContent', 'NewToolResultErrorf', 'NewToolResultErrorFromErr']);
const GO_SDK = /^github\.com\/modelcontextprotocol\/go-sdk\/mcp$/;
const GO_ERR_NAME = /^(?:err|e|\w*Err|err[A-Z0-9_]\w*)$/;
const GO_FORMAT = /^fmt\.(?:Sprintf|Sprint|Sprintln|Errorf)$/;
/** Helpers that clean a message before it is returned. */
const SANITIZER = /saniti[sz]e|redact|mask|scrub|safe_?(?:error|message)|public_?(?:error|message)|user_?(?:facing_?)?message|friendly/i;
const MAX_NODES = 3000;
const MAX_ANCESTORS = 400;

interface ErrorVars {
  /** Names bound to the caught exception. */
  exceptions: Set<string>;
  /** Names destructured from it (`catch ({ message })`) that already are its text. */
  texts: Set<string>;
  confidence?: Confidence;
  /** The catch only handles errors meant for the client. */
  clientFacing: boolean;
}

interface Hit {
  node: Node;
  what: string;
  scope: HandlerScope;
  confidence?: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV3002',
    slug: 'error-details-to-caller',
    title: 'Exception details returned to the MCP client',
    category: 'secrets',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-209'],
    owaspMcp: ['MCP01'],
    aliases: ['MCP-085'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} goes back to the client from the {kind} handler; exception text can expose paths, hosts, queries and internal state',
    docs: {
      summary:
        'A tool, prompt or resource handler catches an exception and puts its text, repr or stack trace into the result (or into the error it raises), so the client and its model see whatever the failing library wrote.',
      risk:
        'Everything a handler returns lands in the model\'s context and often in the chat transcript. Exception text is written for developers: it contains file system paths, database names and fragments of SQL, internal host names and ports, library versions, and sometimes connection strings with credentials. For a remote server this hands reconnaissance data to any caller; for every server it also forwards text the server does not control — an upstream API or a file can put instructions into an error message that the model then reads (CyberArk showed tool poisoning through error output). Messages can also be harmless, which is why this rule has medium confidence: review what the caught exceptions can contain.',
      detection:
        'Only code inside MCP handlers (as found by the inventory) is checked. Python: inside an `except … as e:` block, a `return` or `raise` whose value contains `str(e)`, `repr(e)`, `format(e)`, `e` interpolated in an f-string, `%` or `+` formatting or `.format()`, `e` as a keyword, dict or list value, or `e.args`/`e.message`/`e.strerror`/`e.stderr`/`e.output`/`e.response`…; and anywhere in a handler, a returned or raised `traceback.format_exc()`/`format_exception()`/`format_tb()`/`sys.exc_info()`. JavaScript/TypeScript: inside `catch (err)` (or a `.catch(err => …)` callback), a `return` or `throw` whose value contains `err.message`, `err.stack`, `err.cause`, `err.stderr`, `err.response`, `err.toString()`, `String(err)`, `JSON.stringify(err)`, `util.inspect(err)`, `${err}` or `"…" + err` — including through `(err as Error).message` and `err instanceof Error ? err.message : String(err)` — or a name destructured from the error (`catch ({ message })`). Go: mcp-go `mcp.NewToolResultError`, `NewToolResultErrorf`, `NewToolResultText` and `NewTextContent` whose text contains `err.Error()` or an error passed to `fmt.Sprintf`/`Sprint`, `mcp.NewToolResultErrorFromErr(msg, err)` (it appends the error text), and go-sdk `&mcp.TextContent{Text: …}` built the same way. Logging the error, returning a fixed message, `type(e).__name__`, `err.name`/`err.code`/status codes, and exceptions meant for the client (`except ToolError as e: raise`, `McpError`) do not fire; catches of `ValueError`/`ValidationError`/`KeyError` only are reported at low confidence because their messages are usually the server\'s own. Not covered: uncaught exceptions and returned Go errors, which the SDKs themselves turn into error results (see the fix).',
      fix:
        'Log the exception server-side with its stack trace (`logger.exception(...)`, `console.error(err)`, `slog.Error("query failed", "err", err)`) and return a short, fixed message that tells the model what it can do (`"Lookup failed: the database is unavailable, try again later"`, with `isError: true`). Raise `ToolError("…")` with a message you wrote. In FastMCP (standalone) set `mask_error_details=True` so unexpected exceptions reach the client as a generic message; for Go, return a result built with `mcp.NewToolResultError("…")` rather than the raw error.',
      references: [
        { title: 'CWE-209: Generation of Error Message Containing Sensitive Information', url: 'https://cwe.mitre.org/data/definitions/209.html' },
        { title: 'MCP specification: tools, error handling', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling' },
        { title: 'CyberArk: poison everywhere — no output from your MCP server is safe', url: 'https://www.cyberark.com/resources/threat-research-blog/poison-everywhere-no-output-from-your-mcp-server-is-safe' },
        { title: 'OWASP Error Handling Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /except|catch|err|Err|traceback|exc_info/,
    detect(ctx) {
      const scopes = handlerScopes(ctx.inventory);
      if (scopes.length === 0) return [];
      const hits = ctx.codeLanguage === 'go' ? detectGo(ctx, scopes) : detectStatements(ctx, scopes);
      return hits.map(
        (h): RawFinding => ({ span: nodeSpan(h.node), data: { what: h.what, kind: h.scope.kind }, tool: h.scope.kind === 'tool' ? h.scope.name : undefined, ...(h.confidence ? { confidence: h.confidence } : {}) }),
      );
    },
  },
});

/** Python and JS: returns, raises and throws inside handlers, checked against the caught exceptions around them. */
function detectStatements(ctx: FileContext, scopes: HandlerScope[]): Hit[] {
  const py = ctx.codeLanguage === 'python';
  const hits: Hit[] = [];
  const types = py ? ['return_statement', 'raise_statement'] : ['return_statement', 'throw_statement', 'arrow_function'];
  for (const stmt of descendantsOfType(ctx.tree!.rootNode, types)) {
    const scope = enclosingHandler(scopes, stmt);
    if (!scope) continue;
    let value: Node | null | undefined;
    if (stmt.type === 'arrow_function') {
      // `.catch((err) => ({ … err.message … }))`: the expression body is the returned value.
      const body = stmt.childForFieldName('body');
      if (!body || body.type === 'statement_block' || !isCatchCallback(stmt)) continue;
      value = body;
    } else {
      value = stmt.namedChildren.find((c) => c && c.type !== 'comment' && c !== stmt.childForFieldName('cause'));
    }
    if (!value) continue;
    // `raise e` / `throw err` re-raise the same exception: what the client sees is the SDK's decision.
    const vars = errorVars(stmt, ctx);
    if (stmt.type !== 'return_statement' && stmt.type !== 'arrow_function' && value.type === 'identifier' && vars.exceptions.has(value.text)) continue;
    if (vars.clientFacing) continue;
    const what = py ? pythonDisclosure(value, vars, ctx) : jsDisclosure(value, vars, ctx);
    if (what) hits.push({ node: stmt, what, scope, confidence: vars.confidence });
  }
  return hits;
}

/** The exception names in scope at a statement: enclosing `except … as e`, `catch (err)` and `.catch(err => …)`. */
function errorVars(stmt: Node, ctx: FileContext): ErrorVars {
  const py = ctx.codeLanguage === 'python';
  const out: ErrorVars = { exceptions: new Set(), texts: new Set(), clientFacing: false };
  let innermost = true;
  let cur: Node | null = stmt.type === 'arrow_function' ? stmt : stmt.parent;
  for (let i = 0; cur && i < MAX_ANCESTORS; i++, cur = cur.parent) {
    if (py && cur.type === 'except_clause') {
      const value = cur.childForFieldName('value') ?? cur.namedChildren.find((c) => c?.type === 'as_pattern');
      if (value?.type === 'as_pattern') {
        const alias = value.childForFieldName('alias')?.namedChildren[0] ?? value.childForFieldName('alias');
        if (alias) out.exceptions.add(alias.text);
        const typeNames = (value.namedChildren[0]?.text ?? '').split(/[\s(),]+/).filter(Boolean);
        if (innermost && typeNames.length > 0) {
          if (typeNames.every((t) => CLIENT_FACING.test(t))) out.clientFacing = true;
          else if (typeNames.every((t) => INPUT_ERRORS.test(t))) out.confidence = 'low';
        }
        innermost = false;
      }
    } else if (!py && cur.type === 'catch_clause') {
      addCatchParam(cur.childForFieldName('parameter'), out);
      innermost = false;
    } else if (!py && JS_FUNCTIONS.has(cur.type)) {
      if (!isCatchCallback(cur)) break;
      const params = cur.childForFieldName('parameters')?.namedChildren ?? [];
      const first = cur.childForFieldName('parameter') ?? params[0];
      const pattern = first?.type === 'required_parameter' || first?.type === 'optional_parameter' ? first.childForFieldName('pattern') : first;
      addCatchParam(pattern, out);
      innermost = false;
    } else if (py && PY_FUNCTIONS.has(cur.type)) break;
  }
  return out;
}

function addCatchParam(param: Node | null | undefined, out: ErrorVars): void {
  if (!param) return;
  if (param.type === 'identifier') out.exceptions.add(param.text);
  else if (param.type === 'object_pattern') {
    for (const p of param.namedChildren) {
      if (p?.type === 'shorthand_property_identifier_pattern') out.texts.add(p.text);
      else if (p?.type === 'pair_pattern') {
        const v = p.childForFieldName('value');
        if (v?.type === 'identifier') out.texts.add(v.text);
      }
    }
  }
}

/** `promise.catch((err) => …)` or `.then(ok, (err) => …)`'s rejection handler. */
function isCatchCallback(fn: Node): boolean {
  const args = fn.parent;
  const call = args?.parent;
  if (args?.type !== 'arguments' || call?.type !== 'call_expression') return false;
  const callee = call.childForFieldName('function');
  return callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'catch' && args.namedChildren[0]?.id === fn.id;
}

/** The parent of a node, looking through parentheses, casts and awaits. */
function effectiveParent(n: Node): { parent: Node | null; child: Node } {
  let child = n;
  let parent = n.parent;
  while (parent && WRAPPERS.has(parent.type)) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** Iterates the nodes of a value subtree (bounded, explicit stack). */
function* nodesOf(root: Node): Generator<Node> {
  const stack: Node[] = [root];
  let budget = MAX_NODES;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop()!;
    yield n;
    // Nested functions build values for later, not this result; a sanitiser's output is no longer the raw text.
    if (n !== root && (PY_FUNCTIONS.has(n.type) || JS_FUNCTIONS.has(n.type))) continue;
    if ((n.type === 'call' || n.type === 'call_expression') && SANITIZER.test(n.childForFieldName('function')?.text ?? '')) continue;
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
}

function pythonDisclosure(value: Node, vars: ErrorVars, ctx: FileContext): string | undefined {
  for (const n of nodesOf(value)) {
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const name = fn ? calleeName(fn, ctx.imports(), 'python') : undefined;
      if (name && PY_TRACEBACK.has(name)) return `${name}()`;
      continue;
    }
    if (n.type !== 'identifier' || !vars.exceptions.has(n.text)) continue;
    const { parent, child } = effectiveParent(n);
    if (!parent) continue;
    switch (parent.type) {
      case 'attribute': {
        if (parent.childForFieldName('object')?.id !== child.id) break;
        const attr = parent.childForFieldName('attribute')?.text ?? '';
        if (PY_TEXT_ATTRS.has(attr)) return `${n.text}.${attr}`;
        break;
      }
      case 'argument_list': {
        const call = parent.parent;
        const fn = call?.childForFieldName('function');
        if (!fn) break;
        if (fn.type === 'identifier' && (fn.text === 'str' || fn.text === 'repr' || fn.text === 'format')) return `${fn.text}(${n.text})`;
        if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && fn.childForFieldName('object')?.type === 'string') return `${n.text} formatted into the message`;
        break;
      }
      case 'interpolation':
        return `${n.text} interpolated into the message`;
      case 'binary_operator':
        if (/^[+%]$/.test(parent.childForFieldName('operator')?.text ?? '')) return `${n.text} formatted into the message`;
        break;
      case 'keyword_argument':
      case 'pair':
      case 'list':
      case 'tuple':
      case 'return_statement':
        if (parent.type === 'pair' && parent.childForFieldName('value')?.id !== child.id) break;
        return `the exception object ${n.text}`;
    }
  }
  return undefined;
}

function jsDisclosure(value: Node, vars: ErrorVars, ctx: FileContext): string | undefined {
  const lang = ctx.codeLanguage!;
  for (const n of nodesOf(value)) {
    if (n.type === 'shorthand_property_identifier' && vars.texts.has(n.text)) return `the error's ${n.text}`;
    if (n.type !== 'identifier') continue;
    const isErr = vars.exceptions.has(n.text);
    if (!isErr && !vars.texts.has(n.text)) continue;
    const { parent, child } = effectiveParent(n);
    if (!parent) continue;
    if (!isErr) {
      // A name destructured from the error is its text wherever it is used as a value.
      if (parent.type === 'member_expression' && parent.childForFieldName('object')?.id === child.id) continue;
      return `the error's ${n.text}`;
    }
    switch (parent.type) {
      case 'member_expression': {
        if (parent.childForFieldName('object')?.id !== child.id) break;
        const prop = parent.childForFieldName('property')?.text ?? '';
        if (JS_TEXT_PROPS.has(prop)) return `${n.text}.${prop}`;
        break;
      }
      case 'arguments': {
        const fn = parent.parent?.childForFieldName('function');
        const name = fn ? calleeName(fn, ctx.imports(), lang) : undefined;
        if (name && JS_STRINGIFY.has(name)) return `${name}(${n.text})`;
        break;
      }
      case 'template_substitution':
        return `${n.text} interpolated into the message`;
      case 'binary_expression':
        if (parent.childForFieldName('operator')?.text === '+') return `${n.text} concatenated into the message`;
        break;
    }
  }
  return undefined;
}

/** Go: result constructors (mcp-go) and `mcp.TextContent` literals (go-sdk) whose text is built from an error. */
function detectGo(ctx: FileContext, scopes: HandlerScope[]): Hit[] {
  const hits: Hit[] = [];
  for (const call of ctx.calls()) {
    const name = call.name ?? '';
    if (!name.startsWith(MCP_GO) || !GO_RESULT_TEXT.has(name.slice(MCP_GO.length))) continue;
    const scope = enclosingHandler(scopes, call.node);
    if (!scope) continue;
    const what = goCallDisclosure(call, name.slice(MCP_GO.length), ctx);
    if (what) hits.push({ node: call.node, what, scope });
  }
  const sdkLocals = [...ctx.imports().values()].filter((b) => GO_SDK.test(b.module)).map((b) => b.local);
  if (sdkLocals.length > 0 && ctx.text.includes('TextContent')) {
    for (const lit of descendantsOfType(ctx.tree!.rootNode, 'composite_literal')) {
      const type = lit.childForFieldName('type');
      if (type?.type !== 'qualified_type' || type.childForFieldName('name')?.text !== 'TextContent' || !sdkLocals.includes(type.childForFieldName('package')?.text ?? '')) continue;
      const scope = enclosingHandler(scopes, lit);
      if (!scope) continue;
      for (const el of lit.childForFieldName('body')?.namedChildren ?? []) {
        if (el?.type !== 'keyed_element' || el.namedChildren[0]?.text !== 'Text') continue;
        const v = el.namedChildren[1];
        const what = v ? goTextDisclosure(v.type === 'literal_element' ? v.namedChildren[0] ?? v : v, ctx) : undefined;
        if (what) hits.push({ node: lit, what, scope });
      }
    }
  }
  return hits;
}

function goCallDisclosure(call: CallSite, fn: string, ctx: FileContext): string | undefined {
  if (fn === 'NewToolResultErrorFromErr') {
    const err = call.args[1];
    return err && err.type !== 'nil' ? `mcp.NewToolResultErrorFromErr with ${err.text} (it appends the error text)` : undefined;
  }
  if (fn === 'NewToolResultErrorf') {
    const err = call.args.slice(1).find((a) => a.type === 'identifier' && GO_ERR_NAME.test(a.text));
    if (err) return `${err.text} formatted into mcp.NewToolResultErrorf`;
  }
  for (const a of call.args) {
    const what = goTextDisclosure(a, ctx);
    if (what) return what;
  }
  return undefined;
}

/** `err.Error()`, or an error handed to `fmt.Sprintf`, anywhere in a text expression (through `+` and formatting). */
function goTextDisclosure(value: Node, ctx: FileContext): string | undefined {
  for (const n of nodesOf(value)) {
    if (n.type !== 'call_expression') continue;
    const fn = n.childForFieldName('function');
    if (fn?.type === 'selector_expression' && fn.childForFieldName('field')?.text === 'Error' && GO_ERR_NAME.test(fn.childForFieldName('operand')?.text ?? '')) {
      return `${fn.childForFieldName('operand')!.text}.Error()`;
    }
    const name = fn ? calleeName(fn, ctx.imports(), 'go') : undefined;
    if (name && GO_FORMAT.test(name)) {
      const args = n.childForFieldName('arguments')?.namedChildren ?? [];
      const err = args.slice(1).find((a) => a?.type === 'identifier' && GO_ERR_NAME.test(a.text));
      if (err) return `${err.text} formatted with ${name}`;
    }
  }
  return undefined;
}
