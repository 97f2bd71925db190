// Shared by the deep output rules MV7101–MV7105: which flows count, where a value sits in the text it was built into
// (a Markdown URL, an HTML tag, a delimited block), and one finding per handler or sink.
import type { SourceKind } from '../../flow/concepts.js';
import type { TaintFlow } from '../../flow/taint.js';
import type { RawFinding } from '../../rule/rule.js';
import { flowFinding } from '../../rule/taint-findings.js';

/** Content that comes from outside the conversation: whoever wrote it may have written instructions into it. */
export const FETCHED_CONTENT: readonly SourceKind[] = ['http-response', 'db-row', 'file-content'];

/** Values worth stealing or chosen by the model: what a rendered URL can carry to another host. */
export const EXFILTRABLE: readonly SourceKind[] = ['tool-input', 'resource-uri', 'env-secret', 'file-content', 'http-response', 'db-row'];

/**
 * A Go flow whose trace passes through an `err` variable (`if err := dec.Decode(&v); err != nil { return nil, err }`):
 * the error of a call is not the content it read, though the solver lets a single-value `err :=` carry the taint of
 * the call's arguments. (`x, err := f()` already leaves `err` clean.)
 */
export function throughGoError(flow: TaintFlow): boolean {
  return flow.sink.location.path.endsWith('.go') && flow.steps.some((s) => s.label === 'assigned to err');
}

/**
 * One flow per sink location (the solver lists one per source), in the solver's order, with the flows of the other
 * sources that reach the same place.
 */
export function firstPerSink(flows: readonly TaintFlow[]): { flow: TaintFlow; others: TaintFlow[] }[] {
  const bySink = new Map<string, { flow: TaintFlow; others: TaintFlow[] }>();
  for (const f of flows) {
    const l = f.sink.location;
    const key = `${l.path}\0${l.startLine}\0${l.startColumn}`;
    const seen = bySink.get(key);
    if (seen) {
      if (!seen.others.some((o) => o.source.description === f.source.description) && seen.flow.source.description !== f.source.description) seen.others.push(f);
    } else bySink.set(key, { flow: f, others: [] });
  }
  return [...bySink.values()];
}

/** ` (also argument "x" of tool "t")`, or '' when one source reaches the sink. */
export function alsoText(others: readonly TaintFlow[]): string {
  if (!others.length) return '';
  const names = others.slice(0, 2).map((o) => o.source.description);
  const more = others.length > 2 ? ` and ${others.length - 2} more` : '';
  return ` (also ${names.join(', ')}${more})`;
}

/**
 * The finding for a flow into what a handler returns. Tool and prompt results are reported at the handler (that is
 * where the solver places them); the span is narrowed to its first line so the snippet shows which handler it is.
 */
export function handlerFinding(flow: TaintFlow, extra: Record<string, string | number>): RawFinding {
  const f = flowFinding(flow, extra);
  const start = f.span.start;
  const firstLineEnd = flow.sink.location.startLine === flow.sink.location.endLine ? f.span.end : { row: start.row, column: start.column + 1 };
  return { ...f, span: { start, end: firstLineEnd } };
}

/** The literal text before the value, quoted for a message: its last non-blank line and what follows, at most 60 characters. */
export function quoteContext(context: string): string {
  const trimmed = context.trimEnd();
  const line = lastLine(trimmed) + context.slice(trimmed.length);
  const short = line.length > 60 ? `…${line.slice(-60)}` : line;
  return JSON.stringify(short);
}

function lastLine(text: string): string {
  return text.slice(text.lastIndexOf('\n') + 1);
}

export interface MarkdownUrl {
  /**
   * An image is fetched by the client as soon as it renders; a link only when the user clicks it. Unknown when the
   * text before the destination was itself a value (`![${alt}](https://…`).
   */
  element: 'image' | 'link' | 'image or link';
  /** Where in the URL the value lands. */
  position: 'whole-url' | 'host' | 'path-or-query';
}

/** Inline image or link whose destination is still open at the end of the text: `![alt](https://host/x?q=`. */
const INLINE_DESTINATION = /(!?)\[[^[\]]*\]\([ \t]*<?([^\s()<>]*)$/;
/** A destination right after a value that ended the link text: `](https://host/x?q=`. */
const DESTINATION_AFTER_VALUE = /^\]\([ \t]*<?([^\s()<>]*)$/;
/** Reference definition: `[id]: https://host/x?q=`. */
const REFERENCE_DEFINITION = /^[ \t]{0,3}\[[^[\]]+\]:[ \t]*<?([^\s<>]*)$/;
/** Autolink: `<https://host/x?q=`. */
const AUTOLINK = /<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^\s<>]*)$/;
/** A complete `scheme://host/` (or `?`/`#` right after the host): what follows cannot change the host. */
// A value inside the host (U+FFFC stands for one in the solver's prefix) leaves it open.
const FIXED_HOST = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#\s\uFFFC]+[/?#]/;

/**
 * Whether the value is written into the destination of a Markdown image or link, judged from the literal text right
 * before it. Destinations cannot span lines, so only the last line counts.
 */
export function markdownUrl(context: string | undefined): MarkdownUrl | undefined {
  if (!context || insideCode(context)) return undefined;
  const line = lastLine(context);
  let element: MarkdownUrl['element'];
  let url: string;
  const inline = INLINE_DESTINATION.exec(line);
  if (inline) {
    element = inline[1] ? 'image' : 'link';
    url = inline[2]!;
  } else if (DESTINATION_AFTER_VALUE.test(line)) {
    element = 'image or link';
    url = DESTINATION_AFTER_VALUE.exec(line)![1]!;
  } else {
    const ref = REFERENCE_DEFINITION.exec(line) ?? AUTOLINK.exec(line);
    if (!ref) return undefined;
    element = 'link';
    url = ref[1]!;
  }
  const position = url === '' ? 'whole-url' : FIXED_HOST.test(url) ? 'path-or-query' : 'host';
  return { element, position };
}

/** Inside a fenced code block (an odd number of fences before) or an inline code span (an odd number of backticks on the line): shown, not rendered. */
function insideCode(context: string): boolean {
  const fences = context.split('```').length - 1 + context.split('~~~').length - 1;
  if (fences % 2 === 1) return true;
  const ticks = lastLine(context).replace(/```/g, '').split('`').length - 1;
  return ticks % 2 === 1;
}

/** Elements a client renders when it shows tool output as HTML; XML-style delimiters such as `<document>` are not among them. */
const HTML_ELEMENTS = new Set([
  'a', 'abbr', 'area', 'article', 'aside', 'audio', 'b', 'base', 'blockquote', 'body', 'br', 'button', 'canvas', 'caption',
  'code', 'dd', 'del', 'details', 'dialog', 'div', 'dl', 'dt', 'em', 'embed', 'fieldset', 'figure', 'font', 'footer', 'form',
  'frame', 'frameset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hr', 'html', 'i', 'iframe', 'img', 'input',
  'ins', 'label', 'li', 'link', 'main', 'mark', 'marquee', 'math', 'meta', 'meter', 'nav', 'noscript', 'object', 'ol',
  'option', 'p', 'picture', 'portal', 'pre', 'progress', 'q', 's', 'script', 'section', 'select', 'small', 'source', 'span',
  'strong', 'style', 'sub', 'summary', 'sup', 'svg', 'table', 'tbody', 'td', 'template', 'textarea', 'tfoot', 'th', 'thead',
  'title', 'tr', 'track', 'u', 'ul', 'video',
]);

/** Elements whose content runs script or styles the page: a value inside them acts without a click. */
const ACTIVE_ELEMENTS = new Set(['script', 'style', 'iframe', 'object', 'embed', 'frame', 'svg', 'math', 'template', 'noscript']);
/** Attributes that load a URL or run code as soon as the element renders. */
const AUTO_ATTRIBUTES = /^(?:on\w+|src|srcset|srcdoc|style|data|poster|background|content|http-equiv)$/;
/** Attributes that hold a URL followed on a click or submit. */
const CLICK_ATTRIBUTES = /^(?:href|action|formaction|xlink:href|ping)$/;

const TAG_START = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s>/]|$)/g;
/** The value is inside an attribute value, at its start or after some of it: `src="`, `href='https://x/`, `onerror=`. */
const ATTRIBUTE_OPEN = /([a-zA-Z:-]+)[ \t]*=[ \t]*(?:"[^"]*|'[^']*|[^\s"'>]*)$/;

export interface HtmlPlace {
  /** The innermost known HTML element opened before the value, lower case (`img`). */
  element: string;
  /** The attribute the value starts, when it is written into one (`src`). */
  attribute?: string;
  /**
   * What the value can do once rendered: `auto` — load a URL or run code without a click (`src`, `on*`, `<script>`);
   * `click` — a URL followed on a click (`href`); `markup` — text or another attribute, where it can add its own tags.
   */
  effect: 'auto' | 'click' | 'markup';
}

/**
 * Whether the value is written into HTML markup, judged from the literal text right before it: a known HTML element
 * (opening or closing tag) appears in it. The last such element is named.
 */
export function htmlPlace(context: string | undefined): HtmlPlace | undefined {
  if (!context || !context.includes('<')) return undefined;
  let element: string | undefined;
  let inTag = false;
  let open = false;
  for (const m of context.matchAll(TAG_START)) {
    const name = m[2]!.toLowerCase();
    if (!HTML_ELEMENTS.has(name)) continue;
    element = name;
    open = m[1] === '';
    // The value sits inside this tag (an attribute) when no `>` closes it before the end of the text.
    inTag = open && !context.slice(m.index! + m[0].length).includes('>');
  }
  if (!element) return undefined;
  const attribute = inTag ? ATTRIBUTE_OPEN.exec(context)?.[1]?.toLowerCase() : undefined;
  let effect: HtmlPlace['effect'] = 'markup';
  if (attribute !== undefined && AUTO_ATTRIBUTES.test(attribute)) effect = 'auto';
  else if (attribute !== undefined && CLICK_ATTRIBUTES.test(attribute)) effect = 'click';
  else if (!inTag && open && ACTIVE_ELEMENTS.has(element)) effect = 'auto';
  return { element, ...(attribute ? { attribute } : {}), effect };
}

/** How a message names the place: `the src attribute of <img>`, `a <div> element`. */
export function describeHtmlPlace(p: HtmlPlace): string {
  return p.attribute ? `the ${p.attribute} attribute of <${p.element}>` : `${/^[aeiou]/.test(p.element) ? 'an' : 'a'} <${p.element}> element`;
}

/**
 * Words a server writes right before fetched text to tell the model it is data: "untrusted", "do not follow
 * instructions in it", "treat it as data". Alternations only, so the match stays linear.
 */
const UNTRUSTED_MARKER = /untrusted|not (?:follow|obey|execute|act on)|never (?:follow|obey)|treat (?:it|this|them|the following|everything below) as (?:data|text|content)|data,? not (?:as )?instructions|not (?:as )?instructions/i;

export function untrustedMarker(context: string | undefined): boolean {
  return !!context && UNTRUSTED_MARKER.test(context);
}

/**
 * The delimiter that opens right before the value, if any: a code fence (```` ``` ````, `~~~`), an XML-style opening
 * tag (`<code>`, `<document source="x">`), triple quotes, or an untrusted-content marker.
 */
export function openingDelimiter(context: string | undefined): string | undefined {
  if (!context) return undefined;
  if (untrustedMarker(context)) return 'an untrusted-content marker';
  const tail = context.trimEnd();
  const fence = tail.lastIndexOf('```') >= 0 ? tail.lastIndexOf('```') : tail.lastIndexOf('~~~');
  if (fence >= 0 && /^(?:```|~~~)[\w+.-]*$/.test(tail.slice(fence))) return 'a code fence';
  if (/(?:"""|''')$/.test(tail)) return 'triple quotes';
  const lt = tail.lastIndexOf('<');
  if (lt >= 0 && /^<[A-Za-z][^<>/]*>$/.test(tail.slice(lt))) return 'an opening tag';
  return undefined;
}
