// MV7003 (MCPSafe MCP-271): a tool handler returns literal text that gives the model a standing order for the rest of the session.
import { defineRule, nodeSpan, type RawFinding } from '../../../rule/rule.js';
import { toolOutputTexts } from '../../tool-metadata/handler-effects.js';

// Each pattern is a flat alternation with bounded gaps, so matching stays linear in the text length.
const DIRECTIVES: readonly RegExp[] = [
  /\bfrom\s+now\s+on\b/i,
  /\bfrom\s+this\s+point\s+(?:on|onwards?|forward)\b/i,
  /\bgoing\s+forward,?\s+(?:you|always|never|please)\b/i,
  /\bfor\s+the\s+rest\s+of\s+(?:this|the|our)\s+(?:conversation|session|chat)\b/i,
  /\bin\s+(?:every|each|all(?:\s+of)?(?:\s+your)?(?:\s+future)?)\s+(?:future\s+)?(?:responses?|repl(?:y|ies)|answers?|messages?)\b/i,
  /\bfor\s+all\s+(?:future|subsequent)\s+(?:responses|replies|answers|messages|requests|turns)\b/i,
  /\balways\s+(?:include|append|prepend|add|respond|reply|answer|mention|end|start|begin|sign|say|write|cc|bcc|send|forward)\b/i,
  /\bremember\s+to\s+always\b/i,
  /\byou\s+are\s+now\s+(?:acting\s+as|in\s+[\w-]+\s+mode|(?:an?\s+)?(?:ai|assistant|model|chatbot|agent|dan)\b)/i,
  /\b(?:respond|reply|answer)\s+only\s+(?:with|in)\b/i,
  /\buntil\s+(?:told|instructed)\s+otherwise\b/i,
];

export default defineRule({
  meta: {
    id: 'MV7003',
    slug: 'persistent-directive-in-output',
    title: 'Tool output carries a standing instruction for the model',
    category: 'output',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-1427'],
    owaspMcp: ['MCP06', 'MCP03'],
    aliases: ['MCP-271'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'tool "{tool}" returns text with a standing order for the model ("{phrase}"); a tool result should report data, not change how the model behaves for the rest of the session',
    docs: {
      summary:
        'A tool handler returns fixed text — a string literal, the literal parts of an f-string or template, or a constant — that tells the model how to behave from now on: "from now on…", "for the rest of this conversation…", "in every response…", "always include…", "respond only with…".',
      risk:
        'Tool results land in the model\'s context with the same weight as anything else it reads, and they stay there for the rest of the session. An instruction planted in a result therefore persists: it can make the model append data to every answer, route later tool calls elsewhere, or change its persona long after the tool returned — without the user ever seeing the text, since clients usually collapse tool output. Unlike a poisoned description, this text never appears in the tool list, so reviewing the server\'s metadata does not reveal it.',
      detection:
        'Looks at the text tool handlers of the scanned file return: values of `return` statements (Python, TypeScript, Go), the body of expression-bodied handler arrows, `{ type: "text", text: … }` objects, and result constructors (`TextContent(...)`, `mcp.NewToolResultText(...)`, `mcp.NewToolResultError(...)`, `mcp.NewTextContent(...)`, go-sdk `&mcp.TextContent{Text: …}`), resolving constants assigned once in the file and reading the literal parts of f-strings and template literals. It fires on standing-order phrases: "from now on", "from this point on/forward", "going forward, you/always…", "for the rest of this/the conversation/session", "in every/each/all future response/reply/message", "for all future responses/requests", "always include/append/add/respond/mention/cc/send…", "remember to always", "you are now acting as / in … mode / an AI…", "respond/reply/answer only with/in", "until told otherwise". Only tool handlers are checked (prompt bodies are metadata, which the tool-poisoning rule reads). Text that arrives from outside at run time (a fetched page that contains such a phrase) is the deep rule\'s concern; text passed to other functions inside the return expression (an inner LLM prompt) may be reported by mistake.',
      fix:
        'Return only the result: data, a status, an error that says what went wrong. If the client or model needs guidance on how to use the tool, put it in the tool description, where users and reviewers can see it, and keep it about this tool\'s inputs and outputs.',
      references: [
        { title: 'CyberArk: poison everywhere — no output from your MCP server is safe', url: 'https://www.cyberark.com/resources/threat-research-blog/poison-everywhere-no-output-from-your-mcp-server-is-safe' },
        { title: 'MCP specification 2025-11-25: Tools — security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
        { title: 'OWASP LLM01: Prompt Injection', url: 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/' },
        { title: 'CWE-1427: Improper Neutralization of Input Used for LLM Prompting', url: 'https://cwe.mitre.org/data/definitions/1427.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /now on|this point|going forward|rest of|every|each|all future|all subsequent|always|you are now|only with|only in|otherwise/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const t of toolOutputTexts(ctx)) {
        const phrase = directive(t.value);
        if (!phrase) continue;
        out.push({ span: nodeSpan(t.node), data: { tool: t.scope.name, phrase }, tool: t.scope.name });
      }
      return out;
    },
  },
});

function directive(text: string): string | undefined {
  for (const re of DIRECTIVES) {
    const m = re.exec(text);
    if (m) return m[0].replace(/\s+/g, ' ');
  }
  return undefined;
}
