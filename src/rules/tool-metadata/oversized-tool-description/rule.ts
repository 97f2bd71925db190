// MV1005 (MCPSafe MCP-252): a tool description far longer than any honest description needs, or padded to hide text.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { metadataTexts } from '../../../rule/metadata-texts.js';

const DEFAULT_MAX_TOKENS = 200;
/** Runs of whitespace this long push the rest of a description out of view in most client UIs. */
const PADDING = /[ \t\u00a0]{40,}|(?:\r?\n[ \t]*){12,}/;

/**
 * A model-independent token estimate: words, numbers and punctuation marks each count once, long words count per
 * four characters. It tracks common BPE tokenisers within about 20 % on English prose, which is enough for a budget.
 */
export function estimateTokens(text: string): number {
  let n = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu)) n += m[0].length > 8 ? Math.ceil(m[0].length / 4) : 1;
  return n;
}

export default defineRule({
  meta: {
    id: 'MV1005',
    slug: 'oversized-tool-description',
    title: 'Tool description is oversized or padded',
    category: 'tool-metadata',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-1427', 'CWE-400'],
    owaspMcp: ['MCP03'],
    aliases: ['MCP-252'],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'the {field} is {what}',
    docs: {
      summary:
        'A tool description (or server instructions text) is longer than a token budget, or contains long runs of spaces or blank lines.',
      risk:
        'Every description of every connected server is sent to the model with every request, so a bloated one costs tokens and crowds out the user\'s context for as long as the server is connected. Length is also a hiding place: client UIs truncate long descriptions, and a few hundred blank lines or spaces push an injected instruction out of view while the model still reads it. Descriptions that need more than a couple of paragraphs usually mix usage documentation with model steering.',
      detection:
        'Checks tool descriptions and server instructions from the inventory. Fires when the estimated token count (words, numbers and punctuation marks count one token each, long words one per four characters) exceeds the budget — 200 tokens by default, 4× that for server instructions, configurable with `"rules": { "oversized-tool-description": { "options": { "maxTokens": 300 } } }` — or when the text contains 40 or more consecutive spaces/tabs or 12 or more consecutive line breaks, whatever its length (padding is reported at medium severity).',
      fix:
        'Keep descriptions to what the tool does, its inputs and its result, in a few sentences. Put long usage guides in documentation or a resource the user can choose to read. Remove padding.',
      references: [
        { title: 'MCP specification 2025-11-25: tools', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools' },
        { title: 'OWASP MCP Top 10: MCP03 Tool Poisoning', url: 'https://owasp.org/www-project-mcp-top-10/' },
        { title: 'CWE-400: Uncontrolled Resource Consumption', url: 'https://cwe.mitre.org/data/definitions/400.html' },
      ],
    },
  },
  defaultOptions: { maxTokens: DEFAULT_MAX_TOKENS },
  project: {
    detect(ctx) {
      const max = typeof ctx.options.maxTokens === 'number' && ctx.options.maxTokens > 0 ? ctx.options.maxTokens : DEFAULT_MAX_TOKENS;
      const out: RawFinding[] = [];
      for (const m of metadataTexts(ctx.inventory)) {
        const isInstructions = m.field === 'server instructions';
        if (!isInstructions && !m.field.startsWith('description of tool')) continue;
        const budget = isInstructions ? max * 4 : max;
        const padded = PADDING.test(m.text.value);
        const tokens = estimateTokens(m.text.value);
        if (!padded && tokens <= budget) continue;
        out.push({
          ...at(m.text.location),
          data: { field: m.field, what: padded ? 'padded with long runs of whitespace that hide what follows' : `about ${tokens} tokens long, over the budget of ${budget}` },
          tool: m.tool,
          severity: padded ? 'medium' : undefined,
        });
      }
      return out;
    },
  },
});
