// MV2006 (MCPSafe MCP-080): XML is parsed with a parser that expands external entities or unbounded entity definitions.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { objectProperties } from '../../../parse/call-sites.js';
import { isStaticString } from '../../../parse/static-value.js';
import type { Confidence, Severity } from '../../../model/severity.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, callKwarg, callName, isTestPath, resolveOnce } from '../sink-args.js';

const STDLIB_MODULES: Record<string, string> = {
  'xml.etree.ElementTree': 'ElementTree',
  'xml.etree.cElementTree': 'ElementTree',
  'xml.dom.minidom': 'minidom',
  'xml.dom.pulldom': 'pulldom',
  'xml.sax': 'sax',
};
const STDLIB_FUNCTIONS: Record<string, ReadonlySet<string>> = {
  ElementTree: new Set(['parse', 'fromstring', 'fromstringlist', 'XML', 'XMLID', 'iterparse']),
  minidom: new Set(['parse', 'parseString']),
  pulldom: new Set(['parse', 'parseString']),
  sax: new Set(['parse', 'parseString']),
};
const LXML_MODULES = new Set(['lxml.etree', 'lxml.objectify']);
const LXML_FUNCTIONS = new Set(['parse', 'fromstring', 'fromstringlist', 'XML', 'iterparse']);
const LIBXMLJS = /^libxmljs2?\.(?:parseXml|parseXmlString|parseXmlAsync|Document\.fromXml)$/;

interface Hit {
  node: Node;
  callee: string;
  risk: string;
  severity: Severity;
  confidence: Confidence;
}

const RISK = {
  lxmlDefault: "uses lxml's default parser, which resolves external entities before lxml 5.0: a document can declare `<!ENTITY x SYSTEM \"file:///home/me/.ssh/id_rsa\">` and read local files into the result",
  lxmlResolving: 'creates an lxml parser that resolves external entities: a document can read local files into the result',
  lxmlNetwork: 'creates an lxml parser with network access for DTDs and entities: a document can make the server fetch internal URLs',
  saxExternal: 'turns on external general entities for a SAX parser: a document can read local files or fetch URLs',
  stdlib:
    'uses the standard-library Expat parser: external entities are not resolved, but with an Expat older than 2.4.1 (system-provided on some platforms) nested entity definitions ("billion laughs") exhaust memory',
  noent: 'substitutes entities (`noent: true`), external ones included: a document can read local files into the result',
  dtdload: 'loads external DTDs (`dtdload: true`): a document can make the server fetch files or URLs',
};

export default defineRule({
  meta: {
    id: 'MV2006',
    slug: 'xxe-prone-parser',
    title: 'XML parser can expand external or unbounded entities',
    category: 'injection',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-611', 'CWE-776'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-080'],
    mode: 'fast',
    languages: ['python', 'typescript'],
    status: 'stable',
    message: '{callee} {risk}',
    docs: {
      summary: 'XML that is not a fixed string is parsed with a parser configured, or old enough, to expand external entities (XXE) — or with the standard-library parser, whose only remaining weakness is entity-expansion bombs on old Expat builds.',
      risk:
        'MCP servers parse XML they did not write: RSS feeds, sitemaps, SVGs, Office files, SOAP responses, documents a tool was asked to open. With external entities enabled a document can include `file:///` paths — SSH keys, cloud credentials, the MCP client\'s own config — whose contents end up in the tool result the model reads and may repeat anywhere, or make the server request internal URLs. Entity-expansion bombs need no external access at all: a few hundred bytes expand to gigabytes and take down a local server the user\'s agent depends on.',
      detection:
        'Python, per parser: `lxml.etree`/`lxml.objectify` `parse`, `fromstring`, `fromstringlist`, `XML`, `iterparse` without a `parser` argument (high severity, medium confidence: lxml resolved external entities by default until 5.0, which switched to `resolve_entities="internal"`), or with a parser assigned once from `XMLParser()` that does not set `resolve_entities=False`; `XMLParser(resolve_entities=True)` and `XMLParser(no_network=False)` themselves (high confidence); `xml.sax` parsers with `setFeature(feature_external_ges, True)` (high confidence). The standard-library parsers — `xml.etree.ElementTree` `parse`/`fromstring`/`fromstringlist`/`XML`/`XMLID`/`iterparse`, `xml.dom.minidom` and `xml.dom.pulldom` `parse`/`parseString`, `xml.sax` `parse`/`parseString` — do not resolve external entities (Python 3.7.1+ for SAX), so they are reported at low severity and low confidence for the one risk left: billion-laughs and quadratic-blowup expansion when Python runs with an Expat older than 2.4.1. JavaScript/TypeScript: `libxmljs`/`libxmljs2` `parseXml`/`parseXmlString` with `noent: true` (high confidence) or `dtdload: true` without `nonet: true` (medium). Not reported: XML given as a fixed string or a fixed file name, stdlib calls in a file that imports the matching `defusedxml` module or calls `defusedxml.defuse_stdlib()`, lxml calls after `set_default_parser(XMLParser(resolve_entities=False))`, `defusedxml.*` itself, and libxmljs without those options (entities are not substituted by default). Go\'s `encoding/xml` never loads external entities or expands custom ones, and `xml2js`, `fast-xml-parser` and `@xmldom/xmldom` do not resolve external entities, so they are not covered.',
      fix: 'Use `defusedxml` (`from defusedxml.ElementTree import fromstring`, `defusedxml.lxml` is deprecated) for untrusted XML, or build lxml parsers explicitly: `etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)` and pass it to every `parse`/`fromstring`. In Node, call `parseXml(text)` without `noent`/`dtdload`, or use a parser that ignores DTDs. Requiring lxml ≥ 5.0 and a current Python (bundled Expat ≥ 2.4.1) closes the default cases.',
      references: [
        { title: 'CWE-611: Improper Restriction of XML External Entity Reference', url: 'https://cwe.mitre.org/data/definitions/611.html' },
        { title: 'CWE-776: Recursive Entity References in DTDs (XML Entity Expansion)', url: 'https://cwe.mitre.org/data/definitions/776.html' },
        { title: 'Python: XML security', url: 'https://docs.python.org/3/library/xml.html#xml-security' },
        { title: 'lxml FAQ: how do I use lxml safely as a web-service endpoint?', url: 'https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint' },
        { title: 'OWASP XML External Entity Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html' },
        { title: 'MCPSafe MCP-080: XML external entity', url: 'https://mcpsafe.io/threats/MCP-080' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    requires: /xml|XML|lxml|etree|minidom|sax|libxmljs/,
    detect(ctx) {
      const hits = ctx.codeLanguage === 'python' ? detectPython(ctx) : detectJs(ctx);
      const handlers = new Handlers(ctx);
      const lowered = isTestPath(ctx.path);
      return hits.map((h): RawFinding => ({
        span: nodeSpan(h.node),
        data: { callee: h.callee, risk: h.risk },
        tool: handlers.at(h.node)?.tool,
        severity: h.severity,
        confidence: lowered ? 'low' : h.confidence,
      }));
    },
  },
});

function detectPython(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  const defused = new Set<string>();
  for (const b of ctx.imports().values()) {
    if (!b.module.startsWith('defusedxml')) continue;
    const last = (b.imported === '*' ? b.module : `${b.module}.${b.imported}`).split('.').pop()!;
    defused.add(last === 'cElementTree' ? 'ElementTree' : last);
  }
  const calls = ctx.calls();
  if (calls.some((c) => c.name === 'defusedxml.defuse_stdlib')) for (const m of Object.values(STDLIB_MODULES)) defused.add(m);
  // `set_default_parser(XMLParser(resolve_entities=False))` makes every later default parse safe.
  const safeDefault = calls.some((c) => c.name?.endsWith('.set_default_parser') && LXML_MODULES.has(c.name.slice(0, -'.set_default_parser'.length)) && c.args[0] && parserIsSafe(c.args[0], ctx) === true);
  for (const call of calls) {
    const name = call.name;
    if (!name) continue;
    const dot = name.lastIndexOf('.');
    const mod = name.slice(0, dot);
    const fn = name.slice(dot + 1);
    if (LXML_MODULES.has(mod)) {
      if (fn === 'XMLParser') {
        const hit = lxmlParserHit(call);
        if (hit) out.push({ node: call.node, callee: name, ...hit });
        continue;
      }
      if (!LXML_FUNCTIONS.has(fn) || isFixedInput(call, ctx) || defused.has('lxml')) continue;
      const parser = call.kwargs.get('parser') ?? call.args[1];
      if (parser) {
        if (parserIsSafe(parser, ctx) !== false) continue;
      } else if (safeDefault) continue;
      out.push({ node: call.node, callee: name, risk: RISK.lxmlDefault, severity: 'high', confidence: 'medium' });
      continue;
    }
    if (name.endsWith('.setFeature') && call.args.length >= 2 && /feature_external_(?:ges|pes)$/.test(call.args[0]!.text) && call.args[1]!.text === 'True') {
      out.push({ node: call.node, callee: call.callee.text, risk: RISK.saxExternal, severity: 'high', confidence: 'high' });
      continue;
    }
    const family = STDLIB_MODULES[mod];
    if (!family || !STDLIB_FUNCTIONS[family]!.has(fn) || defused.has(family) || isFixedInput(call, ctx)) continue;
    out.push({ node: call.node, callee: name, risk: RISK.stdlib, severity: 'low', confidence: 'low' });
  }
  return out;
}

/** Risk of an lxml `XMLParser(...)` construction itself, when it opts into entity or network access. */
function lxmlParserHit(call: CallSite): Omit<Hit, 'node' | 'callee'> | undefined {
  const resolve = call.kwargs.get('resolve_entities')?.text;
  if (resolve === 'True') return { risk: RISK.lxmlResolving, severity: 'high', confidence: 'high' };
  if (call.kwargs.get('no_network')?.text === 'False' && resolve !== 'False') return { risk: RISK.lxmlNetwork, severity: 'high', confidence: 'high' };
  return undefined;
}

/**
 * Whether a `parser=` argument is safe: true for `XMLParser(resolve_entities=False)`, false for a default
 * `XMLParser()`, undefined when it cannot be told or was already reported at its construction.
 */
function parserIsSafe(parser: Node, ctx: FileContext): boolean | undefined {
  const v = resolveOnce(parser, ctx);
  if (v.type !== 'call') return undefined;
  const name = callName(v, ctx);
  if (!name?.endsWith('.XMLParser') || !LXML_MODULES.has(name.slice(0, -'.XMLParser'.length))) return undefined;
  const resolve = callKwarg(v, 'resolve_entities')?.text;
  if (resolve === 'False') return true;
  if (resolve === 'True' || callKwarg(v, 'no_network')?.text === 'False') return undefined;
  return false;
}

/** XML (or a file name) that is fixed in the source is the program's own data, not attacker input. */
function isFixedInput(call: CallSite, ctx: FileContext): boolean {
  const first = call.args[0] ?? call.kwargs.get('source') ?? call.kwargs.get('text');
  return Boolean(first && isStaticString(first, ctx.codeLanguage!, ctx.assignments()));
}

function detectJs(ctx: FileContext): Hit[] {
  const out: Hit[] = [];
  const lang = ctx.codeLanguage!;
  for (const call of ctx.calls()) {
    if (!call.name || !LIBXMLJS.test(call.name)) continue;
    if (isFixedInput(call, ctx)) continue;
    const optsNode = call.args[1] ? resolveOnce(call.args[1], ctx) : undefined;
    const opts = objectProperties(optsNode?.type === 'object' ? optsNode : undefined, lang);
    const on = (k: string) => {
      const v = opts.get(k);
      return Boolean(v && (v.type === 'true' || v.text === '1'));
    };
    if (on('noent')) out.push({ node: call.node, callee: call.name, risk: RISK.noent, severity: 'high', confidence: 'high' });
    else if (on('dtdload') && !on('nonet')) out.push({ node: call.node, callee: call.name, risk: RISK.dtdload, severity: 'high', confidence: 'medium' });
  }
  return out;
}
