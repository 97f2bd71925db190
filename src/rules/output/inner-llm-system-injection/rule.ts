// MV7103 (MCPSafe MCP-205, MCP-270): a tool or prompt argument is written into the system part of an inner LLM call.
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { MODEL_CONTROLLED, selectFlows } from '../../../rule/taint-findings.js';
import { alsoText, firstPerSink, handlerFinding, openingDelimiter } from '../untrusted-content-flows.js';

export default defineRule({
  meta: {
    id: 'MV7103',
    slug: 'inner-llm-system-injection',
    title: 'Tool argument is written into the system prompt of an inner LLM call',
    category: 'output',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-1427'],
    owaspMcp: ['MCP06'],
    aliases: ['MCP-205', 'MCP-270'],
    mode: 'deep',
    languages: ['python', 'typescript'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}{also}; whoever chooses that value writes the instructions the inner model follows',
    docs: {
      summary:
        'A value the calling model chooses — a tool argument, prompt argument or resource-template variable — flows into the system or instructions part of an LLM call the server makes itself: an OpenAI, Anthropic, Gemini, Ollama or LangChain system message, or the `systemPrompt` of an MCP sampling request.',
      risk:
        'Servers that run their own model (to summarise, classify, translate, review) rely on the system prompt to keep that model on task: what it may reveal, which tools it may call, which format it answers in. The system part outranks the user part, and a tool argument is written by a model that may itself be following instructions planted in a web page or document. Putting the argument into the system prompt hands that control to whoever steered the outer model: the inner model can be told to ignore its task, leak its instructions or the data it was given, or — when it has tools or its answer is executed — act on the attacker\'s behalf. Through sampling, the text even reaches the user\'s own client model with system authority.',
      detection:
        'Deep mode only. Sources: tool arguments, prompt arguments and resource-template variables. Sinks (concept `llm-system`): Python OpenAI `responses.create(instructions=…)`, Anthropic `messages.create(system=…)`, any `.create(system=…, instructions=…)`, Gemini `GenerativeModel(system_instruction=…)` and `GenerateContentConfig(system_instruction=…)`, LangChain `SystemMessage(…)` and `ChatPromptTemplate.from_messages/from_template`, Ollama `generate(system=…)`, OpenAI Agents and PydanticAI `Agent(instructions=…, system_prompt=…)`, MCP sampling `create_message(system_prompt=…)`; TypeScript `system`/`instructions` of OpenAI, Anthropic and compatible clients and of the Vercel AI SDK, Gemini `systemInstruction`, LangChain `SystemMessage` and prompt templates, sampling `createMessage({ systemPrompt })`. The value is followed through helpers in other files, string building, containers, closures and class fields. Silenced by an `enum`, number or boolean type or strict `pattern` on the parameter, an allow-list check, conversion to a number, and JSON-encoding (`json.dumps`, `JSON.stringify`), which the concept tables treat as quoting. Confidence is lowered to medium when the text right before the value opens a delimiter (a tag, a fence, triple quotes). Limits: a system message given as a `{"role": "system", "content": …}` entry of `messages` is not told apart from the user part. Sampling through a typed `Context` (`ctx.session.create_message`, fastmcp `ctx.sample`) and TypeScript `server.server.createMessage` are sinks like any `create_message`/`createMessage`.',
      fix:
        'Keep the system prompt a constant the server owns. Put the caller\'s text in the user message, between delimiters, and describe it in the system prompt as data to work on. Where an argument has to shape the instructions (a language, a tone, a persona), constrain it with an enum in the tool schema (`Literal[...]`, `z.enum`, `mcp.Enum`) and map it to fixed text on the server (`TONES[tone]`).',
      references: [
        { title: 'CWE-1427: Improper Neutralization of Input Used for LLM Prompting', url: 'https://cwe.mitre.org/data/definitions/1427.html' },
        { title: 'OWASP LLM01:2025 Prompt Injection', url: 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/' },
        { title: 'MCP specification 2025-11-25: Sampling — security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/client/sampling#security-considerations' },
        { title: 'Anthropic: giving Claude a role with a system prompt', url: 'https://docs.anthropic.com/en/docs/build-with-claude/prompt-engineering/system-prompts' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const { flow, others } of firstPerSink(selectFlows(ctx, { sinks: ['llm-system'], sources: MODEL_CONTROLLED }))) {
        const f = handlerFinding(flow, { also: alsoText(others) });
        if (openingDelimiter(flow.sink.context)) f.confidence = 'medium';
        out.push(f);
      }
      return out;
    },
  },
});
