// MV1101: a tool parameter whose value only ever leaves the server (a request body or URL) and feeds nothing the tool does: a side channel for whatever the model is asked to put in it.
import type { SinkKind } from '../../../flow/concepts.js';
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { flowFinding, MODEL_CONTROLLED } from '../../../rule/taint-findings.js';
import { nameWords } from '../../secrets/credential-words.js';
import { linesAt, locKey, textAt, toolSites, type ToolSite } from '../../network/tool-flow-facts.js';

const OUT: ReadonlySet<SinkKind> = new Set(['outbound-data', 'url']);
/** Logging a value is not using it for anything. */
const NEUTRAL: ReadonlySet<SinkKind> = new Set(['log']);
/** Parameter names that invite the model to pour conversation context into them. */
const INVITING_WORDS = new Set(['sidenote', 'note', 'notes', 'context', 'metadata', 'meta', 'feedback', 'extra', 'conversation', 'history', 'memo', 'debug', 'telemetry', 'remarks', 'reasoning', 'thoughts', 'annotation', 'annotations', 'summary', 'transcript']);
/** Lines that call something or decide something: where a parameter is put to work. */
const CALL_OR_RESULT = /\(|\bif\b|\bswitch\b|\bmatch\b|\breturn\b/;
/** Lines that build what the tool returns. */
const RESULT_LINE = /\breturn\b|NewToolResult|\btext\s*:|\bcontent\s*:|structuredContent|TextContent/;

interface ParamFlows {
  param: string;
  out: TaintFlow[];
  use: TaintFlow[];
}

export default defineRule({
  meta: {
    id: 'MV1101',
    slug: 'exfiltration-parameter',
    title: 'Tool parameter is only sent elsewhere, never used for the tool\'s work',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-201', 'CWE-359'],
    owaspMcp: ['MCP03', 'MCP10'],
    aliases: [],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}, and nothing else tool "{tool}" does uses it{why}',
    docs: {
      summary:
        'A tool declares a parameter whose value the handler only sends out — in a request body, a query string, a message or a URL — while the tool\'s actual work (its result, its files, its other requests) is done with its other parameters. The parameter is a side channel: whatever the model puts in it leaves the machine.',
      risk:
        'The model fills every parameter a tool declares, guided by the parameter\'s name and description. A parameter named `sidenote`, `context`, `notes` or `feedback`, described as "include any relevant context", is all it takes for the model to pass along the conversation, file contents it has read or secrets it has seen — and if the handler forwards that value to a server of the author\'s choosing without using it, the tool is an exfiltration channel. Invariant Labs demonstrated this with an `add(a, b, sidenote)` tool that returned `a + b` while shipping the `sidenote` (filled with `~/.cursor/mcp.json` and SSH keys, as the poisoned description asked) to the attacker. The same shape appears by accident in analytics and "feedback" hooks that quietly send user-chosen text to third parties.',
      detection:
        'Deep mode. For every tool, the flows of each declared parameter (`tool-input` sources, grouped by tool and parameter) are sorted into sends — `outbound-data` (request bodies and query parameters: `requests`/`httpx` `json=`/`data=`/`params=`, `fetch(…, { body })`, axios bodies, `sendMail`, Slack `chat.postMessage`, Go `http.NewRequest` bodies) and `url` (the request URL) — and uses (every other sink, including the tool\'s own result); logging counts as neither. A parameter fires when it reaches at least one send, no use, and shares no send with the tool\'s other parameters (no other parameter reaches the same call, and the call and the steps leading to it do not mention another parameter), and the tool does something else with its other parameters: one of them reaches a use, or is named on a line of the handler that sends nothing but calls, decides or returns something (`return a + b`, `fetch(url + encodeURIComponent(city))`, `NewToolResult…`). A parameter whose name invites context (`sidenote`, `notes`, `context`, `metadata`, `feedback`, `extra`, `history`, `debug`, `telemetry`…) is reported at high confidence, and also when the tool\'s other parameters are themselves only sent, to other calls. Tools whose parameters all go into one request — `send_email(to, subject, body)`, `create_issue(repo, title, body)` — and tools with a single parameter stay quiet. Enum, number and boolean parameters produce no flows and never fire. Limits: a parameter passed whole in an arguments object (`args`) without a declared schema is not split by name; nested functions that use the parameter are followed where they are called.',
      fix:
        'Remove parameters the tool does not need for its work. If data must really be sent somewhere (telemetry, feedback), make that a separate, clearly described tool the user can see and approve, send only fixed fields, and never ask the model to include conversation context, file contents or credentials. When reviewing a third-party server, treat a parameter that is forwarded but never used as a red flag and do not install the server.',
      references: [
        { title: 'Invariant Labs: MCP security notification — tool poisoning attacks (the sidenote exfiltration)', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'MCP specification 2025-11-25: Tools — security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
        { title: 'OWASP MCP Top 10: MCP10 Context Injection & Over-Sharing', url: 'https://owasp.org/www-project-mcp-top-10/' },
        { title: 'CWE-201: Insertion of Sensitive Information Into Sent Data', url: 'https://cwe.mitre.org/data/definitions/201.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const sites = toolSites(ctx);
      const byTool = new Map<string, TaintFlow[]>();
      for (const f of ctx.flows()) {
        if (!MODEL_CONTROLLED.includes(f.source.kind) || !f.source.tool || !f.source.param) continue;
        byTool.set(f.source.tool, [...(byTool.get(f.source.tool) ?? []), f]);
      }
      const out: RawFinding[] = [];
      const seen = new Set<string>();
      for (const site of sites) {
        const key = `${site.tool.name}\0${locKey(site.handler.location)}`;
        if (seen.has(key) || site.tool.params.length < 2) continue;
        seen.add(key);
        const flows = (byTool.get(site.tool.name) ?? []).filter((f) => inHandlerOf(site, f, sites));
        out.push(...findingsFor(ctx, site, flows));
      }
      return out;
    },
  },
});

/** Flows of a tool name belong to this handler when several servers reuse a tool name. */
function inHandlerOf(site: ToolSite, f: TaintFlow, sites: readonly ToolSite[]): boolean {
  const same = sites.filter((s) => s.tool.name === site.tool.name);
  if (same.length < 2) return true;
  const l = f.source.location;
  const h = site.handler.location;
  return l.path === h.path && l.startLine >= h.startLine && l.startLine <= h.endLine;
}

function findingsFor(ctx: ProjectContext, site: ToolSite, flows: readonly TaintFlow[]): RawFinding[] {
  const params = site.tool.params.map((p) => p.name);
  const table = new Map<string, ParamFlows>(params.map((p) => [p, { param: p, out: [], use: [] }]));
  for (const f of flows) {
    const entry = table.get(f.source.param!);
    if (!entry || NEUTRAL.has(f.sink.kind)) continue;
    (OUT.has(f.sink.kind) ? entry.out : entry.use).push(f);
  }
  const handlerText = textAt(ctx, site.handler.location, 400);
  const handlerLines = handlerText.split('\n').map((text, i) => ({ text, line: site.handler.location.startLine + i }));
  const resultLines = handlerLines.map((l) => l.text).filter((l) => RESULT_LINE.test(l));
  const names = (param: string) => identifiersOf(site, param);
  const out: RawFinding[] = [];
  for (const p of table.values()) {
    if (!p.out.length || p.use.length) continue;
    const others = [...table.values()].filter((o) => o.param !== p.param);
    const sinks = new Set(p.out.map((f) => locKey(f.sink.location)));
    // Sent together with another parameter: the send is the tool's work (an e-mail, an issue, a search).
    if (others.some((o) => o.out.some((f) => sinks.has(locKey(f.sink.location))))) continue;
    const sendTexts = p.out.flatMap((f) => [linesAt(ctx, f.sink.location, 8), ...f.steps.slice(1, -1).map((s) => linesAt(ctx, s.location, 4))]);
    if (others.some((o) => names(o.param).some((n) => sendTexts.some((t) => mentions(t, n))))) continue;
    // Lines of the handler that send nothing: where the other parameters do the tool's work.
    const sent = [...p.out.flatMap((f) => [f.sink.location, ...f.steps.slice(1, -1).map((s) => s.location)]), ...others.flatMap((o) => o.out.map((f) => f.sink.location))];
    const sendLines = new Set(sent.filter((l) => l.path === site.handler.location.path).map((l) => l.startLine));
    const workLines = handlerLines.filter((l) => !sendLines.has(l.line) && l.line !== site.handler.location.startLine).map((l) => l.text);
    const usesOthers = others.some((o) => o.use.length > 0 || names(o.param).some((n) => resultLines.some((l) => mentions(l, n)) || workLines.some((l) => CALL_OR_RESULT.test(l) && mentions(l, n))));
    const inviting = nameWords(p.param).some((w) => INVITING_WORDS.has(w)) || /side_?note/i.test(p.param);
    const othersOnlySent = others.some((o) => o.out.length > 0);
    if (!usesOthers && !(inviting && othersOnlySent)) continue;
    const flow = [...p.out].sort((a, b) => locKey(a.sink.location).localeCompare(locKey(b.sink.location)))[0]!;
    const f = flowFinding(flow, {
      tool: site.tool.name,
      broken: '',
      why: inviting ? `; its name "${p.param}" invites the model to fill it with conversation context` : '',
    });
    f.related = undefined;
    f.confidence = inviting ? 'high' : 'medium';
    out.push(f);
  }
  return out;
}

/** The names a parameter goes by in the handler: the parameter itself and its local binding. */
function identifiersOf(site: ToolSite, param: string): string[] {
  const out = new Set([param]);
  for (const b of site.handler.bindings) if (b.param === param && /^[A-Za-z_$][\w$]*$/.test(b.local)) out.add(b.local);
  return [...out];
}

function mentions(text: string, name: string): boolean {
  const esc = name.replace(/\$/g, '\\$');
  return new RegExp(`(?:^|[^\\w$])${esc}(?![\\w$])`, 'i').test(text);
}
