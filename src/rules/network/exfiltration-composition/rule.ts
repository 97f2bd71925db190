// MV2703 (MCPSafe MCP-005): one server offers a tool that reads private data and another that sends model-chosen data out — the exfiltration pair a prompt-injected agent needs.
import type { TaintFlow } from '../../../flow/taint.js';
import type { ServerDef } from '../../../model/inventory.js';
import { defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { flowFinding, MODEL_CONTROLLED } from '../../../rule/taint-findings.js';
import { hostFixed, locKey, secretEnv, siteOfFlow, toolSites, where, type ToolSite } from '../tool-flow-facts.js';

/** Request APIs whose data can only be query parameters (`requests.get(url, params=…)`). */
const QUERY_ONLY = /(?:^|\.)(?:get|head|options|Get|Head)$/;

interface Reader {
  site: ToolSite;
  reads: string;
}

export default defineRule({
  meta: {
    id: 'MV2703',
    slug: 'exfiltration-composition',
    title: 'Server pairs a tool that reads private data with a tool that sends data out',
    category: 'network',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-200', 'CWE-441'],
    owaspMcp: ['MCP06', 'MCP10'],
    aliases: ['MCP-005'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}, and tool "{reader}" of the same server {reads}: an agent steered by injected text can read with one tool and send with the other',
    docs: {
      summary:
        'The same MCP server exposes a tool that returns private data to the model — file contents, database rows, secrets, or any file the model names — and a tool that sends data the model chooses to another place — a request body, a message, an e-mail, or a URL whose host the model picks.',
      risk:
        'A model that can read private data, is exposed to text an attacker wrote, and can send data out is all an attacker needs: instructions hidden in a web page, an issue or a document ask the agent to read `~/.ssh/id_rsa` or the customer table with the first tool and pass it to the second. Each tool is harmless on its own and every call looks legitimate to a user approving them one at a time; together they form an exfiltration channel (Simon Willison\'s "lethal trifecta"). This is how the published GitHub-MCP and Supabase-MCP data leaks worked, and a single server that offers both halves hands the agent the whole chain.',
      detection:
        'Deep mode. Per server, a reading tool is one whose handler returns `file-content`, `db-row` or a secret `env-secret` value to the model (a flow into its `tool-output`: Python `open`/`Path.read_text`, `fetchall`/`fetchone`; Node `fs.readFile`, `db.query`/`findMany`; Go `os.ReadFile`, `rows.Scan`), or passes a model-controlled value into a `file-read` sink (it reads whatever file the model names). A sending tool is one with a flow from its own arguments into `outbound-data` (request bodies, e-mail, Slack/Discord messages, Octokit writes, Go `http.NewRequest` bodies; query parameters of a GET count only through its URL) or into a `url` whose host the argument can choose (the value is not placed after a fixed `scheme://host/`). One finding per server when a reading tool and a different sending tool exist, at the first send, naming both tools. A request to a fixed API host that only carries a URL-encoded argument in its path or query (`https://api.github.com/repos/${encodeURIComponent(repo)}`) is not a sending tool, and a tool that reads a fixed file without returning it is not a reading tool. Tools without parameters are analysed too (a parameterless reader such as `read_notes()` counts). Limits: the rule looks at one server at a time and does not know about other servers connected to the same client.',
      fix:
        'Split the capabilities: put tools that read private data and tools that send data out in different servers, so users can connect them to different agents, or drop one half. Where both are needed, let the sending tool reach only fixed, allow-listed destinations with fixed fields, require the user\'s confirmation (MCP elicitation) for each send, and mark the reading tool\'s results as untrusted data. Scope credentials and file access so that the reading tool cannot reach secrets in the first place.',
      references: [
        { title: 'Simon Willison: the lethal trifecta for AI agents — private data, untrusted content and external communication', url: 'https://simonwillison.net/2025/Jun/16/the-lethal-trifecta/' },
        { title: 'Invariant Labs: GitHub MCP exploited — accessing private repositories via MCP', url: 'https://invariantlabs.ai/blog/mcp-github-vulnerability' },
        { title: 'MCP specification 2025-11-25: Security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'CWE-200: Exposure of Sensitive Information to an Unauthorized Actor', url: 'https://cwe.mitre.org/data/definitions/200.html' },
        { title: 'OWASP MCP Top 10: MCP10 Context Injection & Over-Sharing', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const sites = toolSites(ctx);
      const flows = ctx.flows();
      const readers = new Map<ServerDef, Reader[]>();
      const senders = new Map<ServerDef, { site: ToolSite; flow: TaintFlow }[]>();
      for (const flow of flows) {
        const site = siteOfFlow(sites, flow);
        if (!site) continue;
        const reads = readsPrivate(ctx, flow);
        if (reads) readers.set(site.server, [...(readers.get(site.server) ?? []), { site, reads }]);
        if (sendsOut(flow)) senders.set(site.server, [...(senders.get(site.server) ?? []), { site, flow }]);
      }
      const out: RawFinding[] = [];
      for (const [server, sends] of senders) {
        const rs = readers.get(server) ?? [];
        const ordered = [...sends].sort((a, b) => locKey(a.flow.sink.location).localeCompare(locKey(b.flow.sink.location)));
        let reported = false;
        for (const s of ordered) {
          const r = rs.find((x) => x.site.tool.name !== s.site.tool.name);
          if (!r || reported) continue;
          const f = flowFinding(s.flow, { reader: r.site.tool.name, reads: r.reads, broken: '' });
          f.related = [{ location: r.site.handler.location, message: `tool "${r.site.tool.name}" ${r.reads}` }];
          f.tool = s.site.tool.name;
          out.push(f);
          reported = true;
        }
      }
      return out;
    },
  },
});

/** What a flow says about its tool reading private data, as a phrase, or undefined. */
function readsPrivate(ctx: ProjectContext, flow: TaintFlow): string | undefined {
  if (flow.sink.kind === 'tool-output') {
    const at = `(${flow.source.description.replace(/ result$/, '')} in ${where(flow.source.location)})`;
    if (flow.source.kind === 'file-content') return `returns file contents ${at}`;
    if (flow.source.kind === 'db-row') return `returns database rows ${at}`;
    if (flow.source.kind === 'env-secret') {
      const secret = secretEnv(ctx, flow.source);
      if (secret) return `returns ${secret.label} ${at}`;
    }
    return undefined;
  }
  if (flow.sink.kind === 'file-read' && MODEL_CONTROLLED.includes(flow.source.kind)) return `reads any file the model names (${flow.sink.api} in ${where(flow.sink.location)})`;
  return undefined;
}

/** A model-chosen value leaves the server: in a request body or message, or in a URL whose host it can choose. */
function sendsOut(flow: TaintFlow): boolean {
  if (!MODEL_CONTROLLED.includes(flow.source.kind)) return false;
  // Data in a GET goes into the query string of the URL's host, which the URL sink judges.
  if (flow.sink.kind === 'outbound-data') return !QUERY_ONLY.test(flow.sink.api);
  return flow.sink.kind === 'url' && !hostFixed(flow);
}
