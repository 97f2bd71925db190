// MV1001 (MCPSafe MCP-093): text a client shows to its model carries instructions aimed at the model, not a description.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { metadataTexts } from '../../../rule/metadata-texts.js';
import { poisoningSignals } from './poisoning-signals.js';

export default defineRule({
  meta: {
    id: 'MV1001',
    slug: 'tool-poisoning',
    title: 'Tool metadata carries hidden instructions for the model',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-1427', 'CWE-94'],
    owaspMcp: ['MCP03', 'MCP06'],
    aliases: ['MCP-093'],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'the {field} reads like instructions to the model: {signals}',
    docs: {
      summary:
        'A tool, parameter or prompt description, or the server instructions, contains text that addresses the model — pseudo-system tags, orders to ignore earlier instructions, requests to keep something from the user, or pointers to secrets and to other tools — instead of describing what the tool does.',
      risk:
        'Clients put every tool description of every connected server into the model\'s context before the user types anything, and users rarely read them. A server can therefore steer the model with text the user never sees: read `~/.ssh/id_rsa` and pass it in a "notes" parameter, always BCC an address when the e-mail tool of another server is used, do not mention this to the user. Invariant Labs demonstrated such tool poisoning against Cursor and Claude Desktop, and Trail of Bits showed the same "line jumping" through server instructions; the attack works without the poisoned tool ever being called.',
      detection:
        'Every metadata string in the inventory is checked: server instructions, tool titles and descriptions, parameter descriptions, titles, enum values and defaults, annotation titles, prompt descriptions and literal prompt bodies, resource titles and descriptions — after resolving constants, concatenation and docstrings, with escape sequences decoded. Signals are grouped: strong ones are pseudo-system or instruction tags (`<IMPORTANT>`, `<SYSTEM>`, `<instructions>`, `[INST]`, chat-template tokens, HTML comments), overrides ("ignore previous instructions", "before using this tool you must…", "the user has already approved"), concealment ("do not tell the user", "silently", "without informing"), and standing orders ("from now on", "in every response"); weaker ones are references to secrets or private data (`~/.ssh`, `id_rsa`, `.env`, `mcp.json`, credentials files, "API key", "conversation history", "system prompt") and directives about other tools ("when the send_email tool is called", "instead of using", "BCC"). A text fires when it has a strong signal, or two weaker signals of different kinds; two strong signals of different kinds raise the finding to critical. Plain capability descriptions ("Reads a file and returns its text", "API key is taken from the environment") stay quiet. The finding points at the text itself.',
      fix:
        'Describe only what the tool does with its declared inputs, in neutral language. Move operating rules for the model out of tool metadata; if the server needs the client to behave in a certain way, document it for the user. Review third-party servers whose metadata trips this rule before connecting them, and pin their tool descriptions (`mcpvet pin`) so that later changes are noticed.',
      references: [
        { title: 'Invariant Labs: MCP security notification — tool poisoning attacks', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'Trail of Bits: jumping the line — how MCP servers can attack you before you ever use them', url: 'https://blog.trailofbits.com/2025/04/21/jumping-the-line-how-mcp-servers-can-attack-you-before-you-ever-use-them/' },
        { title: 'OWASP MCP Top 10: MCP03 Tool Poisoning', url: 'https://owasp.org/www-project-mcp-top-10/' },
        { title: 'CWE-1427: Improper Neutralization of Input Used for LLM Prompting', url: 'https://cwe.mitre.org/data/definitions/1427.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const m of metadataTexts(ctx.inventory)) {
        const found = poisoningSignals(m.text.value);
        if (!found.fires) continue;
        out.push({
          ...at(m.text.location),
          data: { field: m.field, signals: found.summary },
          tool: m.tool,
          severity: found.critical ? 'critical' : undefined,
        });
      }
      return out;
    },
  },
});
