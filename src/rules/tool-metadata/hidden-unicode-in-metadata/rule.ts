// MV1002 (MCPSafe MCP-048): invisible or direction-changing characters in text shown to the model.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { metadataTexts } from '../../../rule/metadata-texts.js';
import { scanInvisible } from './invisible-characters.js';

export default defineRule({
  meta: {
    id: 'MV1002',
    slug: 'hidden-unicode-in-metadata',
    title: 'Invisible Unicode characters in tool metadata',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-451', 'CWE-1427'],
    owaspMcp: ['MCP03'],
    aliases: ['MCP-048'],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'the {field} contains {count} invisible character(s) ({kinds}){smuggled}',
    docs: {
      summary:
        'Tool, parameter or prompt metadata, or the server instructions, contain characters that render as nothing or reorder text: Unicode tag characters, zero-width characters, bidirectional controls, variation selectors, private-use code points.',
      risk:
        'A model reads every code point; a human reviewing the tool list in a client sees none of these. Unicode tag characters (U+E0000–U+E007F) can spell out a complete hidden instruction in otherwise innocent text ("ASCII smuggling"), bidirectional controls make the text shown differ from the text read (Trojan Source), and zero-width characters hide payloads or break up keywords that filters look for. Legitimate tool descriptions have no use for any of them, so their presence in MCP metadata is a strong sign of an attempt to hide something from the user.',
      detection:
        'Every metadata string the inventory extracts (server instructions, tool titles and descriptions, parameter descriptions, titles, enum values and defaults, prompt and resource texts) is checked after escape sequences are decoded, so `"\\u200b"` and `"\\U000E0041"` in source count as the characters they produce. Flagged code points: tags U+E0000–U+E007F (decoded back to ASCII in the message; raises the finding to critical), zero-width U+200B–U+200D, U+2060–U+2064, U+FEFF (except a leading BOM) and U+180E, bidi controls U+200E/U+200F, U+061C, U+202A–U+202E, U+2066–U+2069, variation selectors U+FE00–U+FE0F and U+E0100–U+E01EF, private-use code points, and invisible fillers (U+00AD, U+034F, Hangul fillers). Zero-width joiners and variation selectors that belong to emoji sequences are not flagged.',
      fix:
        'Remove the characters from the metadata. If a description genuinely needs non-ASCII text, keep it to visible characters and normalise it (NFKC) before registering the tool. When the server is third-party, do not connect it until the maintainer explains the characters.',
      references: [
        { title: 'Unicode Technical Standard #39: Unicode Security Mechanisms', url: 'https://www.unicode.org/reports/tr39/' },
        { title: 'Trojan Source: Invisible Vulnerabilities (CVE-2021-42574)', url: 'https://trojansource.codes/' },
        { title: 'Unicode tag characters (U+E0000 block)', url: 'https://www.unicode.org/charts/PDF/UE0000.pdf' },
        { title: 'CWE-451: User Interface Misrepresentation of Critical Information', url: 'https://cwe.mitre.org/data/definitions/451.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const m of metadataTexts(ctx.inventory)) {
        const scan = scanInvisible(m.text.value);
        if (scan.count === 0) continue;
        out.push({
          ...at(m.text.location),
          data: { field: m.field, count: scan.count, kinds: scan.kinds.join(', '), smuggled: scan.smuggled ? `; hidden text: "${scan.smuggled.slice(0, 120)}"` : '' },
          tool: m.tool,
          severity: scan.kinds.includes('tag') ? 'critical' : undefined,
        });
      }
      return out;
    },
  },
});
