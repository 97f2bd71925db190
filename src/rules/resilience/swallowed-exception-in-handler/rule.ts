// MV9001 (MCPSafe MCP-051): an MCP handler catches every error and drops it without logging or telling the client.
import type { Node } from 'web-tree-sitter';
import type { Confidence } from '../../../model/severity.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingHandler, handlerScopes, type HandlerScope } from '../../../rule/tool-handlers.js';

/** Exception types that catch everything (or nearly). */
const BROAD = /^(?:builtins\.)?(?:Exception|BaseException)$/;
/** Go calls whose error is customarily ignored during clean-up. */
const GO_CLEANUP = new Set([
  'Close', 'CloseWithError', 'CloseRead', 'CloseWrite', 'Flush', 'Sync', 'Remove', 'RemoveAll', 'Unlock', 'RUnlock', 'Shutdown', 'Kill',
  'Release', 'SetDeadline', 'SetReadDeadline', 'SetWriteDeadline', 'Rollback', 'Stop', 'Cancel', 'Signal', 'Unsetenv',
]);
const GO_ERR_NAME = /^(?:err|e|\w*Err|err[A-Z0-9_]\w*)$/;

interface Hit {
  node: Node;
  what: string;
  scope: HandlerScope;
  confidence?: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV9001',
    slug: 'swallowed-exception-in-handler',
    title: 'Handler swallows errors without logging them',
    category: 'resilience',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-390', 'CWE-778'],
    owaspMcp: ['MCP08'],
    aliases: ['MCP-051'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{what} in the {kind} handler drops the error: nothing is logged and the client gets an empty or misleading result',
    docs: {
      summary:
        'Inside an MCP tool, prompt or resource handler, an exception handler catches everything and does nothing — `except Exception: pass`, an empty `catch {}`, `.catch(() => {})`, Go `if err != nil { return nil, nil }` or `_ = f()` — so failures vanish.',
      risk:
        'When a tool fails silently, the model receives an empty or partial result it cannot tell from success and acts on it: it reports that a file was saved, a payment was made or a check passed. Operators lose the only trace of what happened, which matters twice for MCP servers: tool calls are chosen by a model, so an attack that probes a server (path traversal attempts, malformed arguments, permission errors) shows up mainly as errors, and those are exactly what was thrown away. The MCP tools specification expects failures to be reported with `isError: true` so the model can react.',
      detection:
        'Only code inside MCP handlers (per the inventory) is checked. Python: a bare `except:` or `except Exception`/`except BaseException` (alone or in a tuple) whose body is only `pass`, `...`, `continue`, or `return`/`return None`, and `contextlib.suppress(Exception)`. JavaScript/TypeScript: a `catch` block that is empty or only returns `undefined`/`null`, and `.catch(() => {})`, `.catch(() => undefined)`, `.catch(() => null)` (arrow or function). Go: `if err != nil { }` with an empty body or one that returns only `nil` values (`return nil, nil`), and `_ = f(...)` discarding the single result of a call (usually an error) — except clean-up calls whose error is customarily ignored (`Close`, `Flush`, `Sync`, `Remove`/`RemoveAll`, `Unlock`, `Shutdown`, `Kill`, `Rollback`, `Stop`, `Cancel`, `Set*Deadline`…), reported at low confidence because the discarded value may not be an error. Handlers that catch a specific exception (`except FileNotFoundError: pass`) are treated as deliberate and do not fire, and any call in the block (logging, reporting, clean-up) silences it; a comment alone does not, because it adds no trace at run time (use an inline `mcpvet-ignore MV9001` comment for a reviewed exception).',
      fix:
        'Catch the exceptions you expect and handle them; for the rest, log with the stack trace (`logger.exception(...)`, `console.error(err)`, `slog.Error(..., "err", err)`) and return an error result the model can act on (`raise ToolError("…")`, `{ isError: true, content: [...] }`, `mcp.NewToolResultError("…")`). If ignoring an error really is correct, catch that specific type, or keep the broad catch with an `mcpvet-ignore MV9001 -- reason` comment.',
      references: [
        { title: 'CWE-390: Detection of Error Condition Without Action', url: 'https://cwe.mitre.org/data/definitions/390.html' },
        { title: 'CWE-778: Insufficient Logging', url: 'https://cwe.mitre.org/data/definitions/778.html' },
        { title: 'MCP specification: tools, error handling', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#error-handling' },
        { title: 'OWASP MCP Top 10: MCP08 Lack of Audit and Telemetry', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /except|suppress|catch|err|_ =/,
    detect(ctx) {
      const scopes = handlerScopes(ctx.inventory);
      if (scopes.length === 0) return [];
      const hits = ctx.codeLanguage === 'python' ? detectPython(ctx, scopes) : ctx.codeLanguage === 'go' ? detectGo(ctx, scopes) : detectJs(ctx, scopes);
      return hits.map(
        (h): RawFinding => ({ span: nodeSpan(h.node), data: { what: h.what, kind: h.scope.kind }, tool: h.scope.kind === 'tool' ? h.scope.name : undefined, ...(h.confidence ? { confidence: h.confidence } : {}) }),
      );
    },
  },
});

function statements(block: Node | null | undefined): Node[] {
  return (block?.namedChildren ?? []).filter((c): c is Node => c !== null && c.type !== 'comment');
}

function detectPython(ctx: FileContext, scopes: HandlerScope[]): Hit[] {
  const hits: Hit[] = [];
  for (const clause of descendantsOfType(ctx.tree!.rootNode, 'except_clause')) {
    const scope = enclosingHandler(scopes, clause);
    if (!scope) continue;
    const value = clause.childForFieldName('value') ?? clause.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
    const typeNode = value?.type === 'as_pattern' ? value.namedChildren[0] : value;
    const types = typeNode ? typeNode.text.split(/[\s(),]+/).filter(Boolean) : [];
    if (types.length > 0 && !types.some((t) => BROAD.test(t))) continue;
    const block = clause.namedChildren.find((c) => c?.type === 'block');
    if (!block) continue;
    const body = statements(block);
    if (body.length === 0 || !body.every(isPythonNoop)) continue;
    const head = types.length === 0 ? 'except:' : `except ${typeNode!.text}:`;
    hits.push({ node: clause, what: `\`${head} ${body[0]!.text}\``, scope });
  }
  for (const call of ctx.calls()) {
    if (call.name !== 'contextlib.suppress' || !call.args.some((a) => BROAD.test(a.text))) continue;
    const scope = enclosingHandler(scopes, call.node);
    if (scope) hits.push({ node: call.node, what: `\`${call.node.text.slice(0, 60)}\``, scope });
  }
  return hits;
}

function isPythonNoop(s: Node): boolean {
  if (s.type === 'pass_statement' || s.type === 'continue_statement') return true;
  if (s.type === 'expression_statement') return s.namedChildren[0]?.type === 'ellipsis';
  if (s.type === 'return_statement') {
    const v = s.namedChildren.filter((c) => c && c.type !== 'comment');
    return v.length === 0 || v[0]!.type === 'none';
  }
  return false;
}

function detectJs(ctx: FileContext, scopes: HandlerScope[]): Hit[] {
  const hits: Hit[] = [];
  for (const clause of descendantsOfType(ctx.tree!.rootNode, 'catch_clause')) {
    const scope = enclosingHandler(scopes, clause);
    if (!scope) continue;
    const body = clause.childForFieldName('body');
    if (!body) continue;
    const stmts = statements(body);
    if (stmts.length === 0) hits.push({ node: clause, what: 'an empty `catch` block', scope });
    else if (stmts.length === 1 && isJsEmptyReturn(stmts[0]!)) hits.push({ node: clause, what: `a \`catch\` block that only runs \`${stmts[0]!.text}\``, scope });
  }
  for (const call of ctx.calls()) {
    const callee = call.callee;
    if (callee.type !== 'member_expression' || callee.childForFieldName('property')?.text !== 'catch') continue;
    const fn = call.args[0];
    if (!fn || (fn.type !== 'arrow_function' && fn.type !== 'function_expression' && fn.type !== 'function')) continue;
    const body = fn.childForFieldName('body');
    if (!body) continue;
    const silent = body.type === 'statement_block' ? statements(body).length === 0 : body.type === 'undefined' || body.type === 'null' || body.text === 'undefined' || body.text === 'void 0';
    if (!silent) continue;
    const scope = enclosingHandler(scopes, call.node);
    if (scope) hits.push({ node: call.node, what: `\`.catch(${fn.text.length > 30 ? 'ignore' : fn.text})\``, scope });
  }
  return hits;
}

function isJsEmptyReturn(s: Node): boolean {
  if (s.type !== 'return_statement') return false;
  const v = s.namedChildren.filter((c) => c && c.type !== 'comment');
  return v.length === 0 || v[0]!.type === 'null' || v[0]!.type === 'undefined' || v[0]!.text === 'undefined';
}

function detectGo(ctx: FileContext, scopes: HandlerScope[]): Hit[] {
  const hits: Hit[] = [];
  for (const n of descendantsOfType(ctx.tree!.rootNode, ['if_statement', 'assignment_statement'])) {
    if (n.type === 'if_statement') {
      const cond = n.childForFieldName('condition');
      if (cond?.type !== 'binary_expression' || cond.childForFieldName('operator')?.text !== '!=') continue;
      const [l, r] = [cond.childForFieldName('left'), cond.childForFieldName('right')];
      if (r?.type !== 'nil' || !l || l.type !== 'identifier' || !GO_ERR_NAME.test(l.text)) continue;
      const block = n.childForFieldName('consequence');
      if (!block) continue;
      const list = block.namedChildren.find((c) => c?.type === 'statement_list');
      const stmts = statements(list ?? block);
      if (stmts.length === 0 || (stmts.length === 1 && isGoNilReturn(stmts[0]!))) {
        const scope = enclosingHandler(scopes, n);
        if (scope) hits.push({ node: n, what: stmts.length === 0 ? `an empty \`if ${l.text} != nil {}\`` : `\`if ${l.text} != nil { ${stmts[0]!.text} }\``, scope });
      }
    } else {
      const left = n.childForFieldName('left')?.namedChildren ?? [];
      const right = n.childForFieldName('right')?.namedChildren ?? [];
      if (left.length !== 1 || left[0]?.text !== '_' || right.length !== 1 || right[0]?.type !== 'call_expression') continue;
      const fn = right[0].childForFieldName('function');
      const name = fn?.type === 'selector_expression' ? fn.childForFieldName('field')?.text : fn?.text;
      if (!name || GO_CLEANUP.has(name)) continue;
      const scope = enclosingHandler(scopes, n);
      if (scope) hits.push({ node: n, what: `\`_ = ${fn!.text}(…)\``, scope, confidence: 'low' });
    }
  }
  return hits;
}

function isGoNilReturn(s: Node): boolean {
  if (s.type !== 'return_statement') return false;
  const list = s.namedChildren[0];
  const values = list?.type === 'expression_list' ? list.namedChildren : list ? [list] : [];
  return values.length > 0 && values.every((v) => v?.type === 'nil');
}
