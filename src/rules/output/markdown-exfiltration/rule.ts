// MV7104 (MCPSafe MCP-220, MCP-221): a tool result puts arguments, secrets or fetched data into a Markdown image or link URL.
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { selectFlows } from '../../../rule/taint-findings.js';
import { alsoText, EXFILTRABLE, firstPerSink, handlerFinding, markdownUrl, throughGoError, quoteContext, type MarkdownUrl } from '../untrusted-content-flows.js';

const WHERE: Record<MarkdownUrl['position'], string> = {
  'whole-url': 'the whole URL',
  host: 'the host of the URL',
  'path-or-query': 'the path or query of the URL',
};

const EFFECT: Record<MarkdownUrl['element'], string> = {
  image: 'a client that renders the result requests that URL by itself, without a click',
  link: 'one click on the link sends it to that address',
  'image or link': 'rendered as an image, the client requests that URL by itself; as a link, one click sends it',
};

export default defineRule({
  meta: {
    id: 'MV7104',
    slug: 'markdown-exfiltration',
    title: 'Tool result writes data into a Markdown image or link URL',
    category: 'output',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-201', 'CWE-1427'],
    owaspMcp: ['MCP10', 'MCP06'],
    aliases: ['MCP-220', 'MCP-221'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}{also}, written into {where} of a Markdown {element} (after {context}); {effect}',
    docs: {
      summary:
        'A tool or resource-template handler builds Markdown whose image `![…](url)` or link `[…](url)` URL contains a value the model chose, an environment secret, file contents or fetched text, so rendering the result sends that value to whichever host the URL names.',
      risk:
        'Chat clients render Markdown in tool results and in the answers the model copies them into. An image is fetched as soon as it is shown — no click, no confirmation — so a URL that carries data is a silent outbound channel: the query string reaches the image host and its logs. When a tool argument lands in such a URL, a prompt-injected model only has to call the tool with the conversation\'s secrets as the argument; when the argument or fetched text picks the host itself, the data goes to the attacker directly. Secrets and file contents written into an image URL leak even without an attack, to the image host, proxies and the client\'s cache. This is the exfiltration step of most published prompt-injection chains (EchoLeak, Bard and ChatGPT plugin leaks).',
      detection:
        'Deep mode only. Sources: tool arguments and resource-template variables, environment reads (`env-secret`: `os.environ`, `os.getenv`, `process.env`, `os.Getenv`), file reads (`file-content`), HTTP response bodies (`http-response`) and database rows (`db-row`). Sink: what a tool or resource-template handler returns (`tool-output`), followed through helpers in other files, string building, containers and closures. It fires when the literal text right before the value, on its line, leaves a Markdown URL open: an inline image or link destination (`![chart](https://charts.example.com/render?q=`, `[details](`), a reference definition (`[1]: https://…`) or an autolink (`<https://…`). One finding per handler, at the handler. Severity is lowered to medium for links (they need a click), and confidence to medium when the value only lands in the path or query after a fixed `scheme://host/`; a value that is the whole URL or picks the host is high/high. Silenced by conversions to numbers or booleans, by an allow-list check or an `enum`/strict `pattern` in the tool schema, and when the value is not inside a Markdown URL (plain text, a code block). URL-encoding (`quote`, `encodeURIComponent`) does not silence it: an encoded value still travels. The Markdown URL is looked for in the literal text right before the value, then in the whole string before it (other values and constants in it stand for unknown text), so a URL split by an earlier value (`?w={w}&token={t}`) or Markdown built in one string and embedded in another (`"Result:\\n" + md`) is still recognised. Limits: Markdown assembled by a library (`markdown_table(...)`) is not seen; in Go, traces that pass through an `err` variable are ignored.',
      fix:
        'Do not put data into URLs that a client may render: return images as MCP image content (`ImageContent` with base64 data fetched by the server) or links to fixed pages without query data, and let the user open them. Where a URL must carry a value, restrict the value to an allow-list or enum (a chart type, an id the server issued), never secrets, file contents or free text, and keep the host fixed and owned by you. Clients should also refuse to load images from hosts they do not trust, but a server cannot rely on that.',
      references: [
        { title: 'CWE-201: Insertion of Sensitive Information Into Sent Data', url: 'https://cwe.mitre.org/data/definitions/201.html' },
        { title: 'CWE-1427: Improper Neutralization of Input Used for LLM Prompting', url: 'https://cwe.mitre.org/data/definitions/1427.html' },
        { title: 'OWASP LLM01:2025 Prompt Injection', url: 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/' },
        { title: 'CVE-2025-32711 (EchoLeak): data exfiltration through a rendered Markdown reference', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-32711' },
        { title: 'MCP specification 2025-11-25: Tools — security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const hits: { flow: TaintFlow; md: MarkdownUrl; text: string }[] = [];
      for (const flow of selectFlows(ctx, { sinks: ['tool-output'], sources: EXFILTRABLE })) {
        // The text right before the value first; else the whole string before it, which keeps a Markdown URL that an
        // earlier value or an outer concatenation split from the value (`?w=${w}&token=${t}`, `"Result:\n" + md`).
        const near = markdownUrl(flow.sink.context);
        const md = near ?? markdownUrl(flow.sink.prefix);
        const text = near ? flow.sink.context! : (flow.sink.prefix ?? '').replace(/\uFFFC/g, '…');
        if (md && !throughGoError(flow)) hits.push({ flow, md, text });
      }
      const out: RawFinding[] = [];
      for (const { flow, others } of firstPerSink(hits.map((h) => h.flow))) {
        const { md, text } = hits.find((h) => h.flow === flow)!;
        out.push({
          ...handlerFinding(flow, {
            also: alsoText(others),
            where: WHERE[md.position],
            element: md.element,
            context: quoteContext(text),
            effect: EFFECT[md.element],
          }),
          ...(md.element === 'link' ? { severity: 'medium' as const } : {}),
          ...(md.position === 'path-or-query' ? { confidence: 'medium' as const } : {}),
        });
      }
      return out;
    },
  },
});
