// MV8007: two servers that one client runs side by side expose a tool of the same name.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { skeleton } from '../../tool-metadata/tool-name-shadowing/well-known-tools.js';
import { describeServer, hostGroups, serverKey, type KnownTool, type ServerTools } from '../server-tools.js';

export default defineRule({
  meta: {
    id: 'MV8007',
    slug: 'duplicate-tool-across-servers',
    title: 'Same tool name exposed by two configured servers',
    category: 'client-config',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-694', 'CWE-1357'],
    owaspMcp: ['MCP03', 'MCP09'],
    aliases: ['MCP-046'],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: 'tool "{tool}" of {second} {how} tool "{firstTool}" of {first}; the model cannot tell which one it calls, and one can shadow the other',
    docs: {
      summary:
        'Two servers that the same client runs together (across its user and project configs) both expose a tool with the same name, or with names that differ only in case, separators or look-alike letters.',
      risk:
        'The client merges every server\'s tools into one list for the model. With two `send_email` or `read_file` tools, which one is called depends on client internals and on which description sounds more convincing — a malicious or careless server can take over calls meant for a trusted one, and receive the file paths, message bodies and tokens in their arguments. Look-alike names exist only to be confused with the original.',
      detection:
        'Needs the tool names of the configured servers. They come from the config itself — allow and auto-approval lists such as Gemini CLI `includeTools`, Codex `enabled_tools`, Cline `autoApprove` and Roo `alwaysAllow` — and, with `mcpvet scan --config --resolve`, from scanning each server\'s npm or PyPI package. Servers are compared within one client only (Claude Code per-project entries together with the user-wide ones); disabled servers are skipped. Names are compared after folding case, `_`/`-`/`.` and Cyrillic/Greek look-alike letters. Without tool names (no lists in the config and no `--resolve`), the rule has nothing to compare and the scan says so.',
      fix:
        'Remove one of the two servers, or keep only one of the colliding tools enabled (`excludeTools`, `disabled_tools`, or the client\'s tool picker). Prefer servers that namespace their tools (`github_create_issue`).',
      references: [
        { title: 'Invariant Labs: tool poisoning and cross-server shadowing', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'MCP specification 2025-11-25: tool names', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names' },
        { title: 'CWE-694: Use of Multiple Resources with Duplicate Identifier', url: 'https://cwe.mitre.org/data/definitions/694.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      const reported = new Set<string>();
      for (const group of hostGroups(ctx)) {
        const seen = new Map<string, { member: ServerTools; tool: KnownTool }>();
        for (const member of group.members) {
          for (const tool of member.tools) {
            const key = skeleton(tool.name);
            const first = seen.get(key);
            if (!first) {
              seen.set(key, { member, tool });
              continue;
            }
            if (serverKey(first.member) === serverKey(member)) continue;
            const id = `${key}\0${serverKey(first.member)}\0${serverKey(member)}`;
            if (reported.has(id)) continue;
            reported.add(id);
            out.push({
              ...at(tool.location),
              data: {
                tool: tool.name,
                second: describeServer(member),
                how: tool.name === first.tool.name ? 'duplicates' : tool.name.toLowerCase() === first.tool.name.toLowerCase() ? 'differs only in case from' : 'imitates',
                firstTool: first.tool.name,
                first: describeServer(first.member),
              },
              tool: tool.name,
              related: [{ location: first.tool.location, message: `tool "${first.tool.name}" of ${describeServer(first.member)}` }],
              ...(/[^\x00-\x7f]/.test(tool.name) ? { severity: 'high' as const, confidence: 'high' as const } : {}),
            });
          }
        }
      }
      return out;
    },
  },
});
