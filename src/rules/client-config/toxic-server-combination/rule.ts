// MV8008: one client runs servers that together read private data, take in untrusted content and can send data out.
import type { TraceStep } from '../../../model/finding.js';
import { CLIENT_NAMES } from '../../../model/client-config.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { describeServer, hostGroups, serverKey, type KnownTool, type ServerTools } from '../server-tools.js';
import { rolesOf, type Role } from './tool-roles.js';

interface Leg {
  member: ServerTools;
  tools: KnownTool[];
}

const ROLE_ORDER: readonly Role[] = ['untrusted', 'private', 'egress'];
const ROLE_LABEL: Record<Role, string> = { untrusted: 'takes in untrusted content', private: 'reads private data', egress: 'sends data out' };

export default defineRule({
  meta: {
    id: 'MV8008',
    slug: 'toxic-server-combination',
    title: 'Configured servers combine private data, untrusted content and a way out',
    category: 'client-config',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-200', 'CWE-1427'],
    owaspMcp: ['MCP06', 'MCP10'],
    aliases: ['MCP-005'],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{client} runs a toxic combination: {chain}; instructions hidden in the untrusted content can make the model read the private data and send it out',
    docs: {
      summary:
        'The servers one client runs together cover all three legs of the "lethal trifecta" between them: a tool that reads private data (files, databases, private repositories, mail), a tool that takes in content written by others (web pages, issues, incoming mail, chat), and a tool that sends data out (email, chat messages, public issues, HTTP requests to a URL the model picks).',
      risk:
        'Each server may be harmless on its own. Together, a web page or issue comment read through one server can carry instructions (prompt injection) that the model follows with the other servers\' tools: read `~/.ssh` or a private repository, then post it in a comment, an email or a request URL. This is how the GitHub MCP "toxic agent flow" and the WhatsApp history exfiltration worked, and no single server\'s scan can see it.',
      detection:
        'Tools are classified by name (verb and object: `read_file` private, `list_issues` and `fetch` untrusted, `send_email`, `create_issue` and `fetch` outbound), and, for servers scanned with `--resolve`, by their annotations (`openWorldHint`), description and handler effects. Tool names come from the config itself (Gemini CLI `includeTools`, Codex `enabled_tools`, Cline `autoApprove`, Roo `alwaysAllow`) and from `--resolve`; servers without known tools take no part. Servers are combined per client (Claude Code per-project entries with the user-wide ones), disabled servers are skipped, and at least two different servers must be involved — a single server with all three legs is a matter for that server\'s own scan. The message prints the chain: which server and which tools play each part.',
      fix:
        'Break one leg: do not run a server that ingests untrusted content in the same client as servers with private data and outbound tools; restrict tokens (a GitHub token for public repositories only, a read-only mail scope); turn off the outbound tools you do not need (`excludeTools`, `disabled_tools`); and keep confirmation prompts on for every outbound tool instead of auto-approving it.',
      references: [
        { title: 'Simon Willison: the lethal trifecta for AI agents', url: 'https://simonwillison.net/2025/Jun/16/the-lethal-trifecta/' },
        { title: 'Invariant Labs: GitHub MCP exploited (toxic agent flow)', url: 'https://invariantlabs.ai/blog/mcp-github-vulnerability' },
        { title: 'MCP specification 2025-11-25: security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'CWE-1427: Improper Neutralization of Input Used for LLM Prompting', url: 'https://cwe.mitre.org/data/definitions/1427.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      const reported = new Set<string>();
      for (const group of hostGroups(ctx)) {
        const legs = new Map<Role, Leg[]>(ROLE_ORDER.map((r) => [r, []]));
        for (const member of group.members) {
          const byRole = new Map<Role, KnownTool[]>();
          for (const tool of member.tools) for (const role of rolesOf(tool)) byRole.set(role, [...(byRole.get(role) ?? []), tool]);
          for (const [role, tools] of byRole) legs.get(role)!.push({ member, tools });
        }
        const chain = pickChain(legs);
        if (!chain) continue;
        const id = chain.map((l) => serverKey(l.member)).join('\0');
        if (reported.has(id)) continue;
        reported.add(id);
        const text = chain.map((l, i) => `${describeServer(l.member)} ${ROLE_LABEL[ROLE_ORDER[i]!]} (${l.tools.slice(0, 3).map((t) => t.name).join(', ')})`).join(' → ');
        const trace: TraceStep[] = chain.map((l, i) => ({ location: l.tools[0]!.location, label: `${ROLE_LABEL[ROLE_ORDER[i]!]}: ${l.tools.map((t) => t.name).join(', ')} of "${l.member.server.name}"` }));
        const exit = chain[2]!;
        out.push({
          ...at(exit.member.server.location),
          data: { client: group.project !== undefined ? `${CLIENT_NAMES[group.client]} (project ${group.project})` : CLIENT_NAMES[group.client], chain: text },
          trace,
          related: chain.slice(0, 2).map((l) => ({ location: l.member.server.location, message: `server "${l.member.server.name}"` })),
        });
      }
      return out;
    },
  },
});

/**
 * One server per leg (untrusted, private, egress), using at least two different servers and preferring a different
 * server for each leg, or undefined when some leg is missing.
 */
function pickChain(legs: ReadonlyMap<Role, Leg[]>): Leg[] | undefined {
  const options = ROLE_ORDER.map((r) => legs.get(r) ?? []);
  if (options.some((o) => !o.length)) return undefined;
  let best: { chain: Leg[]; distinct: number } | undefined;
  for (const u of options[0]!) {
    for (const p of options[1]!) {
      for (const e of options[2]!) {
        const distinct = new Set([u, p, e].map((l) => serverKey(l.member))).size;
        if (distinct < 2) continue;
        if (!best || distinct > best.distinct) best = { chain: [u, p, e], distinct };
        if (distinct === 3) return best.chain;
      }
    }
  }
  return best?.chain;
}
