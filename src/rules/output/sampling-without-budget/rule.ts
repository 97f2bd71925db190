// MV7001 (MCPSafe MCP-211): an MCP sampling request has no real token budget, or is sent from a loop with no iteration cap.
import type { Node } from 'web-tree-sitter';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { dottedParts } from '../../../parse/imports.js';
import { decodeString } from '../../../parse/string-literal.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingHandler, handlerScopes, type HandlerScope } from '../../../rule/tool-handlers.js';
import { capProblem, DEFAULT_MAX_TOKENS_LIMIT, unboundedLoop } from '../llm-budget-facts.js';

/** fastmcp context sampling methods (their `max_tokens` defaults to 512). */
const PY_CONTEXT_SAMPLING = new Set(['sample', 'sample_step']);
const PY_CONTEXT = /^(?:ctx|context|mcp_ctx)$/;

interface Sampling {
  call: CallSite;
  shown: string;
  /** The token-cap expression, undefined when absent. */
  cap?: Node;
  capName: string;
  /** Absent cap means the SDK default applies (fastmcp: 512), not "no cap". */
  defaulted: boolean;
  /** The arguments could not be read (spread, variable), so a missing cap proves nothing. */
  opaque: boolean;
}

export default defineRule({
  meta: {
    id: 'MV7001',
    slug: 'sampling-without-budget',
    title: 'MCP sampling request without a token or iteration budget',
    category: 'output',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-770', 'CWE-834'],
    owaspMcp: [],
    aliases: ['MCP-211'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{call} {problem}; each sampling request runs on the user\'s model and budget',
    docs: {
      summary:
        'A server asks the client\'s model to generate text (`sampling/createMessage`) without a meaningful `maxTokens`, with a cap taken from a tool argument or far above any reasonable size, or from a loop that has no iteration limit.',
      risk:
        'Sampling spends the user\'s model quota and money, under the user\'s identity, on text the server chooses. Clients often approve sampling requests automatically or after one prompt, so a server that loops until the model "is done", or asks for hundreds of thousands of tokens, can burn a subscription, fill the context window, and keep a tool call running for minutes — whether by bug, by a prompt-injected stop condition that never comes, or on purpose. The specification asks both sides to cap tool-loop iterations and lets clients rate-limit, but the server is where the loop lives.',
      detection:
        'Sampling calls in files that use an MCP SDK: Python `…session.create_message(...)` and fastmcp `ctx.sample(...)`/`ctx.sample_step(...)`; TypeScript `createMessage({...})` on a server object (`server.server.createMessage`, `this.server.createMessage`…) and raw `sampling/createMessage` requests (`ctx.mcpReq.send({ method: "sampling/createMessage", params })`, `server.request(...)`); Go go-sdk `CreateMessage`/`CreateMessageWithTools(ctx, &mcp.CreateMessageParams{...})` and mcp-go `RequestSampling(ctx, mcp.CreateMessageRequest{...})`. It fires when the token cap is missing where the SDK does not supply one (`create_message` without `max_tokens`, a `createMessage` object without `maxTokens`, a Go literal without `MaxTokens`; fastmcp\'s `ctx.sample` defaults to 512 and does not fire), when the cap is above the `maxTokensLimit` option (32768 by default) or unlimited (`sys.maxsize`, `math.inf`, `Infinity`, `Number.MAX_SAFE_INTEGER`), when it comes from a tool argument whose schema has no `maximum`, and when the call sits in a `while True`/`while not done`/`for (;;)`/`for {}`/`for … in itertools.count()` loop of the same function whose condition has no `<`/`>` comparison and whose body has no `if <comparison>: break`/`return` cap. Arguments passed as a spread or a variable that cannot be resolved are assumed to carry a cap.',
      fix:
        'Give every sampling request a small explicit cap (`max_tokens=512`, `maxTokens: 512`, `MaxTokens: 512`) sized for the task, never a caller-supplied number without a schema `maximum`, and bound loops with a counter (`for _ in range(5)`, `for (let i = 0; i < 5; i++)`) plus a stop condition. Prefer one well-specified request over an open-ended agent loop, and consider `includeContext: "none"`.',
      references: [
        { title: 'MCP specification: sampling', url: 'https://modelcontextprotocol.io/specification/2025-11-25/client/sampling' },
        { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
        { title: 'CWE-834: Excessive Iteration', url: 'https://cwe.mitre.org/data/definitions/834.html' },
        { title: 'OWASP Top 10 for LLM Applications: LLM10 Unbounded Consumption', url: 'https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/' },
      ],
    },
  },
  defaultOptions: { maxTokensLimit: DEFAULT_MAX_TOKENS_LIMIT },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /create_message|sample|createMessage|CreateMessage|RequestSampling/,
    detect(ctx) {
      if (!ctx.inventory) return [];
      const scopes = handlerScopes(ctx.inventory);
      const out: RawFinding[] = [];
      for (const call of ctx.calls()) {
        const s = ctx.codeLanguage === 'python' ? pythonSampling(call, ctx) : ctx.codeLanguage === 'go' ? goSampling(call, ctx) : jsSampling(call, ctx);
        if (!s) continue;
        const scope = enclosingHandler(scopes, call.node);
        const problem = budgetProblem(s, ctx, scope);
        if (problem) out.push({ span: nodeSpan(call.node), data: { call: s.shown, problem }, tool: scope?.kind === 'tool' ? scope.name : undefined });
      }
      return out;
    },
  },
});

function budgetProblem(s: Sampling, ctx: FileContext, scope: HandlerScope | undefined): string | undefined {
  if (s.cap) {
    const p = capProblem(s.cap, ctx, scope, s.capName);
    if (p) return p;
  } else if (!s.defaulted && !s.opaque) {
    return `sets no ${s.capName}`;
  }
  const loop = unboundedLoop(s.call.node, ctx);
  return loop ? `runs inside ${loop}` : undefined;
}

function receiverParts(callee: Node, ctx: FileContext): string[] | undefined {
  const obj = callee.childForFieldName(ctx.codeLanguage === 'go' ? 'operand' : 'object');
  return obj ? dottedParts(obj, ctx.codeLanguage!) : undefined;
}

function pythonSampling(call: CallSite, ctx: FileContext): Sampling | undefined {
  const callee = call.callee;
  if (callee.type !== 'attribute') return undefined;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const parts = receiverParts(callee, ctx) ?? [];
  const last = parts[parts.length - 1] ?? '';
  const opaque = call.args.some((a) => a.type === 'dictionary_splat');
  if (method === 'create_message' && /session$/i.test(last)) {
    return { call, shown: `${parts.join('.')}.create_message`, cap: call.kwargs.get('max_tokens'), capName: 'max_tokens', defaulted: false, opaque };
  }
  if (PY_CONTEXT_SAMPLING.has(method) && PY_CONTEXT.test(last) && parts.length === 1) {
    return { call, shown: `${last}.${method}`, cap: call.kwargs.get('max_tokens'), capName: 'max_tokens', defaulted: true, opaque };
  }
  return undefined;
}

function jsSampling(call: CallSite, ctx: FileContext): Sampling | undefined {
  const callee = call.callee;
  if (callee.type !== 'member_expression') return undefined;
  const parts = receiverParts(callee, ctx) ?? [];
  const method = callee.childForFieldName('property')?.text;
  let arg: Node | undefined = resolveObject(call.args[0], ctx);
  let shown = `${parts.join('.') || 'server'}.createMessage`;
  if (method !== 'createMessage') {
    // A raw request: `ctx.mcpReq.send({ method: "sampling/createMessage", params })`, `server.request({...}, schema)`.
    const request = objectProperties(arg, ctx.codeLanguage!);
    const m = request.get('method');
    if (!m || decodeString(m, ctx.codeLanguage!)?.value !== 'sampling/createMessage') return undefined;
    arg = resolveObject(request.get('params'), ctx);
    shown = `${parts.join('.')}.${method} (sampling/createMessage)`;
  }
  if (arg?.type !== 'object') return { call, shown, capName: 'maxTokens', defaulted: false, opaque: true };
  const opaque = arg.namedChildren.some((c) => c?.type === 'spread_element');
  return { call, shown, cap: objectProperties(arg, ctx.codeLanguage!).get('maxTokens'), capName: 'maxTokens', defaulted: false, opaque };
}

function resolveObject(node: Node | undefined, ctx: FileContext): Node | undefined {
  if (node?.type !== 'identifier') return node;
  const values = ctx.assignments().get(node.text);
  return values?.length === 1 ? values[0] : undefined;
}

function goSampling(call: CallSite, ctx: FileContext): Sampling | undefined {
  const callee = call.callee;
  const method = callee.type === 'selector_expression' ? callee.childForFieldName('field')?.text : undefined;
  if (method !== 'CreateMessage' && method !== 'CreateMessageWithTools' && method !== 'RequestSampling') return undefined;
  let lit: Node | null | undefined = call.args[1];
  if (lit?.type === 'identifier') {
    const values = ctx.assignments().get(lit.text);
    lit = values?.length === 1 ? values[0] : undefined;
  }
  if (lit?.type === 'unary_expression') lit = lit.childForFieldName('operand');
  const shown = `${callee.text}`;
  if (lit?.type !== 'composite_literal') return { call, shown, capName: 'MaxTokens', defaulted: false, opaque: true };
  // mcp-go nests the parameters: `mcp.CreateMessageRequest{CreateMessageParams: mcp.CreateMessageParams{MaxTokens: …}}`.
  const cap = keyedValue(lit, 'MaxTokens') ?? keyedValue(keyedValue(lit, 'CreateMessageParams'), 'MaxTokens') ?? keyedValue(keyedValue(lit, 'Params'), 'MaxTokens');
  return { call, shown, cap, capName: 'MaxTokens', defaulted: false, opaque: false };
}

function keyedValue(lit: Node | undefined, key: string): Node | undefined {
  let n: Node | null | undefined = lit;
  if (n?.type === 'unary_expression') n = n.childForFieldName('operand');
  if (n?.type !== 'composite_literal') return undefined;
  for (const el of n.childForFieldName('body')?.namedChildren ?? []) {
    if (el?.type !== 'keyed_element') continue;
    const [k, v] = el.namedChildren;
    if (k?.text !== key || !v) continue;
    return v.type === 'literal_element' ? v.namedChildren[0] ?? v : v;
  }
  return undefined;
}
