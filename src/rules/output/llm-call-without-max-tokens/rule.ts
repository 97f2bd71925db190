// MV7002 (MCPSafe MCP-084): a tool calls a paid LLM API with no output-token cap (denial of wallet), or an absurd or caller-chosen one, or in an unbounded loop.
import type { Node } from 'web-tree-sitter';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingHandler, handlerScopes, type HandlerScope } from '../../../rule/tool-handlers.js';
import { capProblem, DEFAULT_MAX_TOKENS_LIMIT, unboundedLoop, uncappedInput } from '../llm-budget-facts.js';

interface Api {
  /** How the finding names the call. */
  label: string;
  /** Option names that cap the output, in the SDK's spelling; nested as `parent.child`. */
  caps: string[];
  /** The SDK requires the cap (Anthropic): only its value and loops are checked. */
  required?: boolean;
  /** The cap can also be set on the model object: a constructor call named like this with a generation config counts. */
  modelConstructor?: RegExp;
}

interface Options {
  /** Option name → value node. */
  bag: Map<string, Node>;
  /** A spread, `**kwargs` or unresolved variable may carry the cap. */
  opaque: boolean;
}

const PY_MODULES: [RegExp, string][] = [
  [/^openai\b/, 'openai'],
  [/^anthropic\b/, 'anthropic'],
  [/^(?:google\.generativeai|google\.genai|google\.cloud\.aiplatform|vertexai)\b/, 'google'],
  [/^(?:boto3|aioboto3)\b/, 'bedrock'],
];
const JS_MODULES: [RegExp, string][] = [
  [/^openai$/, 'openai'],
  [/^@anthropic-ai\/sdk$/, 'anthropic'],
  [/^@google\/(?:genai|generative-ai)$/, 'google'],
];
const GO_MODULES: [RegExp, string][] = [
  [/^github\.com\/sashabaranov\/go-openai$/, 'go-openai'],
  [/^github\.com\/openai\/openai-go(?:\/v\d+)?$/, 'openai-go'],
  [/^github\.com\/anthropics\/anthropic-sdk-go$/, 'anthropic'],
];

const OPENAI_CHAT: Api = { label: 'OpenAI chat completion', caps: ['max_tokens', 'max_completion_tokens'] };
const OPENAI_RESPONSES: Api = { label: 'OpenAI Responses call', caps: ['max_output_tokens'] };
const ANTHROPIC: Api = { label: 'Anthropic messages call', caps: ['max_tokens'], required: true };
const GOOGLE_PY: Api = { label: 'Gemini generate_content', caps: ['generation_config.max_output_tokens', 'config.max_output_tokens'], modelConstructor: /(?:^|\.)GenerativeModel$/ };
const BEDROCK_PY: Api = { label: 'Bedrock converse', caps: ['inferenceConfig.maxTokens'] };
const LANGCHAIN_PY: Api = { label: 'LangChain ChatOpenAI', caps: ['max_tokens', 'max_completion_tokens'] };
const LITELLM: Api = { label: 'LiteLLM completion', caps: ['max_tokens', 'max_completion_tokens'] };
const JS_OPENAI_CHAT: Api = { label: 'OpenAI chat completion', caps: ['max_tokens', 'max_completion_tokens'] };
const JS_GOOGLE: Api = { label: 'Gemini generateContent', caps: ['config.maxOutputTokens', 'generationConfig.maxOutputTokens'], modelConstructor: /(?:^|\.)getGenerativeModel$/ };
const JS_BEDROCK: Api = { label: 'Bedrock ConverseCommand', caps: ['inferenceConfig.maxTokens'] };
const JS_LANGCHAIN: Api = { label: 'LangChain ChatOpenAI', caps: ['maxTokens', 'maxCompletionTokens'] };
const JS_AI_SDK: Api = { label: 'AI SDK text generation', caps: ['maxTokens', 'maxOutputTokens'] };
const GO_OPENAI_CHAT: Api = { label: 'OpenAI chat completion', caps: ['MaxTokens', 'MaxCompletionTokens'] };
const GO_OPENAI_RESPONSES: Api = { label: 'OpenAI Responses call', caps: ['MaxOutputTokens'] };
const GO_ANTHROPIC: Api = { label: 'Anthropic messages call', caps: ['MaxTokens'], required: true };

const LANGCHAIN_CHAT_OPENAI = /^(?:langchain_openai|langchain\.chat_models|langchain_community\.chat_models(?:\.openai)?)\.(?:Azure)?ChatOpenAI$/;

export default defineRule({
  meta: {
    id: 'MV7002',
    slug: 'llm-call-without-max-tokens',
    title: 'Paid LLM API called from a tool without an output-token cap',
    category: 'output',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-770', 'CWE-400'],
    owaspMcp: [],
    aliases: ['MCP-084'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{call} {problem}{input}; every tool call can spend the server\'s LLM budget without limit',
    docs: {
      summary:
        'Code of an MCP server with tools calls a paid LLM API (OpenAI, Anthropic, Gemini, Bedrock, LangChain, LiteLLM, the AI SDK) without capping the output tokens, with a cap far above any reasonable size or taken from a tool argument, or from a loop with no iteration limit.',
      risk:
        'Tools are called by a model, repeatedly and with arguments it chooses; a remote MCP server is called by whoever can reach it. Each call that reaches an uncapped completion can generate the model\'s maximum output — tens of thousands of tokens — on the server owner\'s API key, and an agent loop or a prompt-injected "repeat this for every item" multiplies it ("denial of wallet"). A long uncapped response also stalls the tool call. Large unbounded inputs (a tool argument with no `maxLength` pasted into the prompt) raise the bill the same way on the input side.',
      detection:
        'Only files that declare MCP tool, prompt or resource handlers are checked; calls inside a handler are reported at medium confidence, calls in the file\'s helpers at low confidence. Python: OpenAI `….chat.completions.create/parse` without `max_tokens`/`max_completion_tokens` and `….responses.create` without `max_output_tokens` (in files importing `openai`); Gemini `generate_content` without `max_output_tokens` in `generation_config=`/`config=` (unless the file builds a `GenerativeModel(…, generation_config=…)`, which may hold it); Bedrock `converse`/`converse_stream` without `inferenceConfig={"maxTokens": …}`; LangChain `ChatOpenAI(...)` without `max_tokens`; `litellm.completion`/`acompletion` without `max_tokens`. TypeScript: `openai` `chat.completions.create` and `responses.create` (same options), `@google/genai`/`@google/generative-ai` `generateContent` without `maxOutputTokens` (unless the file calls `getGenerativeModel({ …, generationConfig })`), Bedrock `new ConverseCommand({...})` without `inferenceConfig.maxTokens`, `@langchain/openai` `new ChatOpenAI({...})` without `maxTokens`, AI SDK `generateText`/`streamText` without `maxOutputTokens`/`maxTokens`. Go: go-openai `CreateChatCompletion(Stream)` and openai-go `Chat.Completions.New`/`Responses.New` without `MaxTokens`/`MaxCompletionTokens`/`MaxOutputTokens`. Anthropic requires `max_tokens`, so Anthropic calls (Python, TypeScript, Go) fire only for the following, which apply to every API: a cap above the `maxTokensLimit` option (32768 by default) or unlimited, a cap taken from a tool argument without a schema `maximum`, and a call inside a loop of the same function with no iteration cap (as in MV7001). Options passed through `**kwargs`, spreads or unresolved variables are assumed to carry a cap. Input size: when a finding is in a handler and a string tool argument appears in the call\'s arguments without a `maxLength` in its schema and without a length check or truncation in the handler (`len(x)`, `x.length`, `x[:n]`, `x.slice(…)`), the message says so and the severity is raised to high; input size alone does not fire.',
      fix:
        'Cap every completion to what the tool needs: `max_completion_tokens=800` (OpenAI), `max_output_tokens` (Responses API, Gemini), `inferenceConfig={"maxTokens": 800}` (Bedrock), `ChatOpenAI(max_tokens=800)`, `maxOutputTokens` (AI SDK), `MaxCompletionTokens` (Go). Bound the input too — `maxLength` in the tool schema (`z.string().max(8000)`, `Field(max_length=8000)`, `mcp.MaxLength(8000)`) or truncation — and loops with an iteration counter. Set spending limits and per-key rate limits at the provider as a second line of defence.',
      references: [
        { title: 'OWASP Top 10 for LLM Applications: LLM10 Unbounded Consumption', url: 'https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/' },
        { title: 'OpenAI API reference: chat completions, max_completion_tokens', url: 'https://platform.openai.com/docs/api-reference/chat/create' },
        { title: 'CWE-770: Allocation of Resources Without Limits or Throttling', url: 'https://cwe.mitre.org/data/definitions/770.html' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  defaultOptions: { maxTokensLimit: DEFAULT_MAX_TOKENS_LIMIT },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /openai|anthropic|genai|generativeai|generative-ai|vertexai|boto3|bedrock|langchain|litellm|from "ai"|from 'ai'|go-openai|openai-go|anthropic-sdk-go/i,
    detect(ctx) {
      const scopes = handlerScopes(ctx.inventory);
      if (scopes.length === 0) return [];
      const sdks = importedSdks(ctx);
      const out: RawFinding[] = [];
      for (const call of ctx.calls()) {
        const api = ctx.codeLanguage === 'python' ? pythonApi(call, sdks) : ctx.codeLanguage === 'go' ? goApi(call, sdks) : jsApi(call, sdks);
        if (!api) continue;
        const scope = enclosingHandler(scopes, call.node);
        const problem = budgetProblem(api, call, ctx, scope);
        if (!problem) continue;
        const input = uncappedInput(call.node, ctx, scope);
        out.push({
          span: nodeSpan(call.node),
          data: { call: api.label, problem, input: input ? `, and the tool argument \`${input}\` reaches it with no length limit` : '' },
          tool: scope?.kind === 'tool' ? scope.name : undefined,
          ...(input ? { severity: 'high' as const } : {}),
          ...(scope ? {} : { confidence: 'low' as const }),
        });
      }
      return out;
    },
  },
});

function importedSdks(ctx: FileContext): Set<string> {
  const table = ctx.codeLanguage === 'python' ? PY_MODULES : ctx.codeLanguage === 'go' ? GO_MODULES : JS_MODULES;
  const out = new Set<string>();
  for (const b of ctx.imports().values()) for (const [re, sdk] of table) if (re.test(b.module)) out.add(sdk);
  return out;
}

function budgetProblem(api: Api, call: CallSite, ctx: FileContext, scope: HandlerScope | undefined): string | undefined {
  const opts = callOptions(call, ctx);
  let found = false;
  for (const path of api.caps) {
    const node = lookup(opts, path, ctx);
    if (node === 'opaque') {
      found = true;
      continue;
    }
    if (!node) continue;
    found = true;
    const p = capProblem(node, ctx, scope, path.slice(path.lastIndexOf('.') + 1));
    if (p) return p;
  }
  if (!found && !opts.opaque && !api.required && !(api.modelConstructor && modelConfigured(api.modelConstructor, ctx))) {
    return `sets no output-token cap (${api.caps.map((c) => c.slice(c.lastIndexOf('.') + 1)).join(' or ')})`;
  }
  const loop = unboundedLoop(call.node, ctx);
  return loop ? `runs inside ${loop}` : undefined;
}

/** True when the file builds a model object with a generation config (`GenerativeModel(…, generation_config=…)`), which may hold the cap. */
function modelConfigured(constructor: RegExp, ctx: FileContext): boolean {
  return ctx.calls().some((c) => constructor.test(c.callee.text) && /generation_?config/i.test(c.node.text));
}

/** The options of a call: Python keyword arguments, the first JS object argument, the Go params literal. */
function callOptions(call: CallSite, ctx: FileContext): Options {
  const lang = ctx.codeLanguage!;
  if (lang === 'python') return { bag: call.kwargs, opaque: call.args.some((a) => a.type === 'dictionary_splat') };
  const arg = lang === 'go' ? call.args.find((a) => isLiteral(resolve(a, ctx))) ?? call.args[1] : call.args[0];
  return bagOf(arg ? resolve(arg, ctx) : undefined, ctx);
}

function isLiteral(n: Node | undefined): boolean {
  return n?.type === 'composite_literal' || (n?.type === 'unary_expression' && n.childForFieldName('operand')?.type === 'composite_literal');
}

/** A name assigned exactly once stands for its value. */
function resolve(node: Node, ctx: FileContext): Node {
  if (node.type !== 'identifier') return node;
  const values = ctx.assignments().get(node.text);
  return values?.length === 1 ? values[0]! : node;
}

/** Keys of a dict, object, keyword-argument call or Go composite literal. */
function bagOf(node: Node | undefined, ctx: FileContext): Options {
  const bag = new Map<string, Node>();
  if (!node) return { bag, opaque: false };
  const lang = ctx.codeLanguage!;
  let n: Node | null = node;
  if (n.type === 'unary_expression') n = n.childForFieldName('operand');
  if (!n) return { bag, opaque: true };
  switch (n.type) {
    case 'object':
      return { bag: objectProperties(n, lang), opaque: n.namedChildren.some((c) => c?.type === 'spread_element') };
    case 'dictionary': {
      let opaque = false;
      for (const p of n.namedChildren) {
        if (p?.type === 'dictionary_splat') opaque = true;
        if (p?.type !== 'pair') continue;
        const k = p.childForFieldName('key');
        const v = p.childForFieldName('value');
        const key = k ? decodeString(k, lang)?.value : undefined;
        if (key !== undefined && v) bag.set(key, v);
      }
      return { bag, opaque };
    }
    case 'call': {
      // `GenerationConfig(max_output_tokens=…)`, `types.GenerateContentConfig(...)`, `dict(maxTokens=…)`
      let opaque = false;
      for (const a of n.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a?.type === 'dictionary_splat') opaque = true;
        if (a?.type !== 'keyword_argument') continue;
        const k = a.childForFieldName('name')?.text;
        const v = a.childForFieldName('value');
        if (k && v) bag.set(k, v);
      }
      return { bag, opaque };
    }
    case 'composite_literal': {
      for (const el of n.childForFieldName('body')?.namedChildren ?? []) {
        if (el?.type !== 'keyed_element') continue;
        const [k, v] = el.namedChildren;
        if (k && v) bag.set(k.text, v.type === 'literal_element' ? v.namedChildren[0] ?? v : v);
      }
      return { bag, opaque: false };
    }
    default:
      return { bag, opaque: true };
  }
}

/** Follows `a.b` through nested option objects; 'opaque' when a level cannot be read. */
function lookup(opts: Options, path: string, ctx: FileContext): Node | undefined | 'opaque' {
  const [head, ...rest] = path.split('.');
  const v = opts.bag.get(head!);
  if (!v) return undefined;
  if (rest.length === 0) return v;
  const inner = bagOf(resolve(v, ctx), ctx);
  const found = lookup(inner, rest.join('.'), ctx);
  return found === undefined && inner.opaque ? 'opaque' : found;
}

function pythonApi(call: CallSite, sdks: Set<string>): Api | undefined {
  const name = call.name ?? '';
  if (LANGCHAIN_CHAT_OPENAI.test(name)) return LANGCHAIN_PY;
  if (name === 'litellm.completion' || name === 'litellm.acompletion') return LITELLM;
  const text = call.callee.text;
  if (sdks.has('openai') && /(?:^|\.)chat\.completions\.(?:create|parse)$|(?:^|\.)ChatCompletion\.create$/.test(text)) return OPENAI_CHAT;
  if (sdks.has('openai') && /(?:^|\.)responses\.(?:create|stream)$/.test(text)) return OPENAI_RESPONSES;
  if (sdks.has('anthropic') && /(?:^|\.)messages\.(?:create|stream)$/.test(text)) return ANTHROPIC;
  if (sdks.has('google') && /(?:^|\.)generate_content(?:_async|_stream)?$/.test(text)) return GOOGLE_PY;
  if (sdks.has('bedrock') && /\.converse(?:_stream)?$/.test(text)) return BEDROCK_PY;
  return undefined;
}

function jsApi(call: CallSite, sdks: Set<string>): Api | undefined {
  const name = call.name ?? '';
  if (call.isNew) {
    if (/^@aws-sdk\/client-bedrock-runtime\.Converse(?:Stream)?Command$/.test(name)) return JS_BEDROCK;
    if (/^@langchain\/openai\.(?:Azure)?ChatOpenAI$/.test(name)) return JS_LANGCHAIN;
    return undefined;
  }
  if (name === 'ai.generateText' || name === 'ai.streamText') return JS_AI_SDK;
  const text = call.callee.text;
  if (sdks.has('openai') && /\.chat\.completions\.(?:create|parse|stream)$/.test(text)) return JS_OPENAI_CHAT;
  if (sdks.has('openai') && /\.responses\.(?:create|stream)$/.test(text)) return OPENAI_RESPONSES;
  if (sdks.has('anthropic') && /\.messages\.(?:create|stream)$/.test(text)) return ANTHROPIC;
  if (sdks.has('google') && /\.generateContent(?:Stream)?$/.test(text)) return JS_GOOGLE;
  return undefined;
}

function goApi(call: CallSite, sdks: Set<string>): Api | undefined {
  const text = call.callee.text;
  if (sdks.has('go-openai') && /\.CreateChatCompletion(?:Stream)?$/.test(text)) return GO_OPENAI_CHAT;
  if (sdks.has('openai-go') && /\.Chat\.Completions\.New(?:Streaming)?$/.test(text)) return GO_OPENAI_CHAT;
  if (sdks.has('openai-go') && /\.Responses\.New(?:Streaming)?$/.test(text)) return GO_OPENAI_RESPONSES;
  if (sdks.has('anthropic') && /\.Messages\.New(?:Streaming)?$/.test(text)) return GO_ANTHROPIC;
  return undefined;
}
