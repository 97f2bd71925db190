// MV1006: tool names that break the MCP naming rules (length, characters) or repeat within one server.
import type { ToolDef } from '../../../model/inventory.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

const VALID = /^[A-Za-z0-9_.-]{1,128}$/;

export default defineRule({
  meta: {
    id: 'MV1006',
    slug: 'tool-name-nonconformant',
    title: 'Tool name breaks the MCP naming rules or is duplicated',
    category: 'tool-metadata',
    severity: 'low',
    confidence: 'high',
    cwe: ['CWE-573', 'CWE-694'],
    owaspMcp: ['MCP03'],
    aliases: [],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'tool name "{name}" {problem}',
    docs: {
      summary:
        'A tool name is empty, longer than 128 characters, uses characters outside `A–Z a–z 0–9 _ - .`, or is registered twice by the same server (also when the two differ only in case).',
      risk:
        'The MCP specification (2025-11-25) asks for tool names of 1–128 characters from that set, unique within a server. Clients key approvals, allow-lists and routing on the name: a duplicate silently replaces the first tool (or the second is dropped, depending on the SDK), names with spaces or Unicode break client-side permission rules, and case-only differences let a second tool hide behind an approved one.',
      detection:
        'Checks every statically known tool name in the inventory (names computed at run time are skipped). Reports names that do not match `^[A-Za-z0-9_.-]{1,128}$`, and every registration after the first of a name (compared case-insensitively) within one server.',
      fix: 'Use short snake_case or dotted names made of ASCII letters, digits, `_`, `-` and `.`, and register each name once.',
      references: [
        { title: 'MCP specification 2025-11-25: tool names', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names' },
        { title: 'CWE-694: Use of Multiple Resources with Duplicate Identifier', url: 'https://cwe.mitre.org/data/definitions/694.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      const report = (t: ToolDef, problem: string) => {
        out.push({
          ...at(t.location),
          data: { name: t.name.length > 80 ? `${t.name.slice(0, 77)}...` : t.name, problem },
          tool: t.name,
        });
      };
      for (const server of ctx.inventory.servers) {
        const seen = new Map<string, ToolDef>();
        const tools = [...server.tools].sort((a, b) => (a.location.path < b.location.path ? -1 : a.location.path > b.location.path ? 1 : a.location.startLine - b.location.startLine));
        for (const t of tools) {
          if (!t.nameResolved) continue;
          if (!VALID.test(t.name)) {
            report(t, t.name.length === 0 ? 'is empty' : t.name.length > 128 ? `is ${t.name.length} characters long (at most 128)` : `contains characters outside A-Z a-z 0-9 _ - . (${describeBad(t.name)})`);
          }
          const key = t.name.toLowerCase();
          const first = seen.get(key);
          if (first) report(t, `${first.name === t.name ? 'is registered again' : `differs only in case from "${first.name}"`} (first at ${first.location.path}:${first.location.startLine})`);
          else seen.set(key, t);
        }
      }
      return out;
    },
  },
});

function describeBad(name: string): string {
  const bad = [...new Set(Array.from(name).filter((c) => !/[A-Za-z0-9_.-]/.test(c)))].slice(0, 5);
  return bad.map((c) => (c === ' ' ? 'space' : /[\x21-\x7e]/.test(c) ? `"${c}"` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)).join(', ');
}
