// MV1901: a tool definition changed between two listings of one probe, or the server announced such a change.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

export default defineRule({
  meta: {
    id: 'MV1901',
    slug: 'tool-changed-during-probe',
    title: 'Tool definition changed while the server was being probed',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-494', 'CWE-1427'],
    owaspMcp: ['MCP03', 'MCP04'],
    aliases: [],
    mode: 'live',
    languages: ['any'],
    status: 'experimental',
    message: 'tool "{tool}" {what} between two listings a moment apart{fields}',
    docs: {
      summary:
        'The server returned a different definition of a tool (description, schema, annotations) when its tools were listed a second time a few hundred milliseconds later, or a tool appeared or disappeared in between — without the client having done anything.',
      risk:
        'Clients show a tool\'s description to the user once, at approval time, and keep sending the current text to the model afterwards. A server that changes its descriptions after the first listing (a "rug pull") gets an approved, harmless-looking tool and then replaces the text the model reads with instructions it never showed the user. Changing definitions inside one session, unprompted, is the cheapest version of that trick.',
      detection:
        'During a live probe mcpvet lists the tools, waits briefly (300 ms by default), and lists them again without calling anything. Every tool whose title, description, input or output schema or annotations differ between the two answers — and every tool that appears or disappears — is reported at the tool\'s entry in the probe document. Servers that legitimately change their tool set at run time (plugins loaded on demand) also fire; they should announce it with `notifications/tools/list_changed` and keep existing definitions stable.',
      fix:
        'Keep tool definitions static for the life of a server process; if tools must change, ship them as a new server version so that clients ask the user again. Pin third-party servers with `mcpvet pin` and check them with `mcpvet scan --live --lock mcpvet.lock` in CI.',
      references: [
        { title: 'Invariant Labs: MCP tool poisoning and rug pulls', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'MCP specification 2025-11-25: Tools — list changed notification', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#list-changed-notification' },
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const c of ctx.live?.changesDuringProbe ?? []) {
        const what = c.change === 'changed' ? 'changed' : c.change === 'added' ? 'appeared' : 'disappeared';
        out.push({ ...at(c.location), data: { tool: c.tool, what, fields: c.fields.length ? ` (${c.fields.join(', ')})` : '' }, tool: c.tool });
      }
      return out;
    },
  },
});
