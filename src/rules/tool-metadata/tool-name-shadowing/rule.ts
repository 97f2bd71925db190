// MV1004 (MCPSafe MCP-046): a tool name equal to, or dressed up as, a tool of a widely installed server.
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { matchWellKnown, OWNER_PACKAGES } from './well-known-tools.js';

export default defineRule({
  meta: {
    id: 'MV1004',
    slug: 'tool-name-shadowing',
    title: 'Tool name shadows a well-known tool',
    category: 'tool-metadata',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-1357', 'CWE-694'],
    owaspMcp: ['MCP03'],
    aliases: ['MCP-046'],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'tool "{name}" {how} "{known}" of {owner}; a client with both servers may send calls meant for that tool here',
    docs: {
      summary:
        'A tool is named exactly like a tool of a widely installed MCP server or agent built-in (`read_file`, `git_commit`, `send_email`, `bash`…), or like one with only case, separators or look-alike letters changed.',
      risk:
        'Clients merge the tools of every connected server into one list, and the model picks tools by name and description. A server that registers `read_file` or `send_email` competes with the trusted server that owns that name: depending on the client, calls — and the file paths, message bodies and tokens in them — go to whichever registered last or sounds more convincing. Look-alike names (a Cyrillic `е` in `rеad_file`, `Read-File`) exist only to be confused with the original and are a strong sign of intent.',
      detection:
        'Each tool name in the inventory is compared with a bundled list of about 70 tool names of the reference servers (filesystem, git, fetch, memory, time), the GitHub, Slack, Playwright, Puppeteer and search servers, and the shell tools of coding agents. An exact match is reported at medium severity and confidence (it may be the genuine server, or a deliberate replacement). A name that only matches after folding case and `_`/`-`/`.` separators is reported at medium severity, and a name that matches after replacing Cyrillic and Greek look-alike letters is reported as high severity and high confidence. When the scanned project is the owner itself — a manifest names one of the owner\'s published packages (`@modelcontextprotocol/server-filesystem`, `mcp-server-git`, `@playwright/mcp`…) — exact and variant matches of that owner\'s names are not reported; look-alike letters still are.',
      fix:
        'Give tools a distinctive, namespaced name that says which service they act on (`acme_docs_read_page`, not `read_file`). If the server really is a drop-in replacement for a well-known server, say so in its documentation and suppress this finding with a reason.',
      references: [
        { title: 'Invariant Labs: tool shadowing across MCP servers', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'MCP specification 2025-11-25: tool names', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool-names' },
        { title: 'Unicode Technical Standard #39: confusable detection', url: 'https://www.unicode.org/reports/tr39/#Confusable_Detection' },
        { title: 'CWE-1357: Reliance on Insufficiently Trustworthy Component', url: 'https://cwe.mitre.org/data/definitions/1357.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      // The reference servers themselves (scanned from their published packages) own these names.
      const ownPackages = new Set(ctx.inventory.manifests.map((m) => m.name).filter((n): n is string => !!n));
      const isOwner = (owner: string) => (OWNER_PACKAGES[owner] ?? []).some((p) => ownPackages.has(p));
      for (const server of ctx.inventory.servers) {
        for (const tool of server.tools) {
          if (!tool.nameResolved) continue;
          const m = matchWellKnown(tool.name);
          if (!m || (m.kind !== 'lookalike' && isOwner(m.owner))) continue;
          out.push({
            ...at(tool.location),
            data: { name: tool.name, known: m.known, owner: m.owner, how: m.kind === 'exact' ? 'has the same name as' : m.kind === 'variant' ? 'is a spelling variant of' : 'uses look-alike letters to imitate' },
            tool: tool.name,
            severity: m.kind === 'lookalike' ? 'high' : undefined,
            confidence: m.kind === 'lookalike' ? 'high' : undefined,
          });
        }
      }
      return out;
    },
  },
});
