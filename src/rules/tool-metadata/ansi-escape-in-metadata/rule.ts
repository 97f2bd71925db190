// MV1003: terminal control sequences in tool metadata, which hide or rewrite text when a client prints it.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { metadataTexts } from '../../../rule/metadata-texts.js';

/** ESC, C1 controls, BEL, backspace, and a carriage return that is not part of CRLF. */
const CONTROL = /\u001b|[\u0080-\u009f]|\u0007|\u0008|\r(?!\n)/g;

export default defineRule({
  meta: {
    id: 'MV1003',
    slug: 'ansi-escape-in-metadata',
    title: 'Terminal escape sequences in tool metadata',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-150', 'CWE-451'],
    owaspMcp: ['MCP03'],
    aliases: [],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'the {field} contains {count} terminal control character(s) ({kinds})',
    docs: {
      summary:
        'Tool, parameter or prompt metadata, or the server instructions, contain ANSI escape sequences or other terminal control characters (ESC, C1 controls, backspace, bell, bare carriage return).',
      risk:
        'Terminal-based MCP clients and the approval prompts of coding agents print tool descriptions as they come. An escape sequence can make text invisible (`ESC[8m`), move the cursor back to overwrite what was shown, or plant a hyperlink with a different target (OSC 8), while the model still receives every character. Trail of Bits showed that this lets a server show the user a harmless description while the model reads instructions. No honest tool description needs control characters.',
      detection:
        'Every metadata string the inventory extracts is checked after escape sequences in the source are decoded (`"\\x1b[8m"`, `"\\033["`, `"\\u001b"` all count). Flagged: ESC (U+001B, which starts CSI and OSC sequences), C1 controls U+0080–U+009F (including the single-byte CSI U+009B), BEL, backspace, and a carriage return that is not part of a CRLF line ending. Tabs and newlines are fine.',
      fix: 'Remove control characters from metadata. If colour is wanted in a terminal UI, add it in the client, never in text sent to the model.',
      references: [
        { title: 'Trail of Bits: deceiving users with ANSI terminal codes in MCP', url: 'https://blog.trailofbits.com/2025/04/29/deceiving-users-with-ansi-terminal-codes-in-mcp/' },
        { title: 'ECMA-48: Control Functions for Coded Character Sets', url: 'https://ecma-international.org/publications-and-standards/standards/ecma-48/' },
        { title: 'CWE-150: Improper Neutralization of Escape, Meta, or Control Sequences', url: 'https://cwe.mitre.org/data/definitions/150.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const m of metadataTexts(ctx.inventory)) {
        const hits = m.text.value.match(CONTROL);
        if (!hits) continue;
        const kinds = [...new Set(hits.map(describe))].sort();
        out.push({
          ...at(m.text.location),
          data: { field: m.field, count: hits.length, kinds: kinds.join(', ') },
          tool: m.tool,
        });
      }
      return out;
    },
  },
});

function describe(ch: string): string {
  if (ch === '\u001b') return 'ESC';
  if (ch === '\u0007') return 'BEL';
  if (ch === '\u0008') return 'backspace';
  if (ch === '\r') return 'carriage return';
  return 'C1 control';
}
