// MV1012 (MCPSafe MCP-095): tool names, descriptions, parameter text or server instructions are fetched from the network, the environment or a file at run time.
import type { Node } from 'web-tree-sitter';
import type { FileInventory, SchemaProperty, TextValue } from '../../../model/inventory.js';
import type { Severity } from '../../../model/severity.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { at, defineRule, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { callName, lastSegment } from '../handler-effects.js';

type Source = 'network' | 'environment' | 'file';

// Flat alternations only, so matching stays linear in the expression length.
const SOURCES: readonly { source: Source; re: RegExp }[] = [
  { source: 'network', re: /\b(?:requests|httpx|aiohttp|urllib3|axios|superagent|undici)\b|\burlopen\s*\(|\bfetch\s*\(|\bgot\s*\(|\bky\s*\(|\bhttp\.(?:Get|Post|Head)\s*\(|\bhttp\.NewRequest|\bhttp\.DefaultClient\b/ },
  { source: 'environment', re: /\bos\.environ\b|\bgetenv\s*\(|\bprocess\.env\b|\bos\.Getenv\b|\bos\.LookupEnv\b|\bDeno\.env\b/ },
  { source: 'file', re: /\bopen\s*\(|\bread_text\s*\(|\bread_bytes\s*\(|\breadFile(?:Sync)?\s*\(|\bos\.ReadFile\b|\bioutil\.ReadFile\b|\bjson\.load\s*\(|\byaml\.(?:safe_)?load\s*\(|\btomllib\.load\s*\(|\btoml\.load\s*\(/ },
];
const SEVERITY: Record<Source, Severity> = { network: 'high', environment: 'medium', file: 'medium' };
/** How far a value is followed through assignments and loop variables. */
const MAX_HOPS = 3;
const MAX_NAMES = 8;
const NOT_VARIABLES = new Set(['self', 'this', 'None', 'True', 'False', 'null', 'undefined', 'true', 'false', 'nil', 'str', 'String', 'string', 'int', 'bytes', 'await', 'new', 'f', 'in', 'of', 'for', 'if', 'else', 'and', 'or', 'not']);

interface Field {
  text?: TextValue;
  /** An unresolved tool/prompt name: the expression text and where the registration is. */
  expr?: { text: string; at: TextValue['location'] };
  field: string;
  tool?: string;
}

export default defineRule({
  meta: {
    id: 'MV1012',
    slug: 'dynamic-tool-metadata',
    title: 'Tool metadata loaded at run time from a mutable source',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-494', 'CWE-829'],
    owaspMcp: ['MCP03', 'MCP04'],
    aliases: ['MCP-095'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{field}: read from {source} at run time ({expr}); what the model sees can change without a code change or review',
    docs: {
      summary:
        'A tool name, title or description, a parameter description, a prompt or resource description, or the server instructions are not written in the code but fetched over the network, read from an environment variable or loaded from a file when the server starts or runs.',
      risk:
        'Tool metadata goes straight into the model\'s context and steers what the model does. When it is fetched from a URL, whoever controls that URL (or can tamper with the response) can rewrite every description — insert poisoning instructions, rename tools to shadow another server\'s — after the package was reviewed, published and pinned: a rug pull that needs no new release. Metadata from environment variables or files is less exposed but still escapes code review and version pinning. Metadata that ships in the code is reviewed with the code.',
      detection:
        'For every metadata field the inventory extracts in the scanned file — server instructions, tool titles and descriptions, annotation titles, parameter titles and descriptions, prompt and resource titles and descriptions — whose value is only known at run time, the rule looks at the expression that produces it: a network call (`requests`/`httpx`/`aiohttp`/`urlopen`, `fetch`/`axios`/`got`/`ky`, Go `http.Get`/`http.NewRequest`) makes it high severity; an environment read (`os.environ`, `os.getenv`, `process.env`, `os.Getenv`) or a file read (`open(...)`, `read_text`, `json.load`/`yaml.safe_load`, `readFile`/`readFileSync`, `os.ReadFile`) medium. Names are followed through single assignments and loop variables up to three steps, so `for spec in requests.get(URL).json(): mcp.add_tool(fn, description=spec["description"])` and `const meta = await (await fetch(url)).json(); server.tool(meta.name, meta.description, …)` are found. Tool and prompt names that are not literals are checked the same way. Files that ship inside the package — paths built from `__file__`, `__dirname` or `import.meta.url`, `importlib.resources`/`pkgutil.get_data`, Go `embed.FS` — are reviewed with the code and do not fire. Values built from literals, constants and other computations (a version string, a list of supported formats) do not fire, nor does data fetched inside handlers and returned as results. Input schemas computed at run time are not examined by this fast rule.',
      fix:
        'Write tool names, descriptions, parameter text and server instructions as literals in the code, so that they are reviewed, versioned and pinned with it. If some text must be configurable, choose among fixed, reviewed variants in code instead of inserting external text, and never load metadata from a remote endpoint at run time.',
      references: [
        { title: 'MCP specification 2025-11-25: Tools — security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
        { title: 'Invariant Labs: MCP security notification — tool poisoning and rug pulls', url: 'https://invariantlabs.ai/blog/mcp-security-notification-tool-poisoning-attacks' },
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
        { title: 'CWE-829: Inclusion of Functionality from Untrusted Control Sphere', url: 'https://cwe.mitre.org/data/definitions/829.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /requests|httpx|aiohttp|urlopen|fetch|axios|got|ky|http\.|environ|getenv|process\.env|Getenv|LookupEnv|open|read_text|read_bytes|readFile|ReadFile|json\.load|yaml|toml/,
    detect(ctx) {
      const inv = ctx.inventory;
      if (!inv || !ctx.tree) return [];
      const fields = metadataFields(inv, ctx.path);
      if (!fields.length) return [];
      const bindings = loopBindings(ctx);
      const out: RawFinding[] = [];
      for (const f of fields) {
        const expr = f.text ? exprText(ctx, f.text) : f.expr!.text;
        const source = sourceOf(expr, ctx, bindings, 0, new Set());
        if (!source) continue;
        const location = f.text?.location ?? f.expr!.at;
        out.push({
          ...at(location),
          data: { field: f.field, source: source === 'network' ? 'the network' : source === 'environment' ? 'an environment variable' : 'a file', expr: snippet(expr) },
          tool: f.tool,
          severity: SEVERITY[source],
        });
      }
      return out;
    },
  },
});

/** Metadata of this file whose value is only known at run time. */
function metadataFields(inv: FileInventory, path: string): Field[] {
  const out: Field[] = [];
  const push = (text: TextValue | undefined, field: string, tool?: string) => {
    if (text && text.origin === 'dynamic' && text.location.path === path) out.push({ text, field, tool });
  };
  const pushProps = (props: SchemaProperty[], of: string, tool?: string) => {
    for (const p of props) {
      push(p.title, `title of parameter "${p.name}" of ${of}`, tool);
      push(p.description, `description of parameter "${p.name}" of ${of}`, tool);
    }
  };
  for (const s of inv.servers) push(s.instructions, 'server instructions');
  for (const g of [...inv.servers, ...inv.orphans]) {
    for (const t of g.tools) {
      const of = t.nameResolved ? `tool "${t.name}"` : 'a tool';
      const tool = t.nameResolved ? t.name : undefined;
      if (!t.nameResolved && t.location.path === path) out.push({ expr: { text: t.name, at: t.location }, field: `name of the tool registered with ${t.api}` });
      push(t.title, `title of ${of}`, tool);
      push(t.description, `description of ${of}`, tool);
      push(t.annotations?.title, `annotation title of ${of}`, tool);
      pushProps(t.params, of, tool);
    }
    for (const p of g.prompts) {
      const of = p.nameResolved ? `prompt "${p.name}"` : 'a prompt';
      if (!p.nameResolved && p.location.path === path) out.push({ expr: { text: p.name, at: p.location }, field: `name of the prompt registered with ${p.api}` });
      push(p.title, `title of ${of}`);
      push(p.description, `description of ${of}`);
      pushProps(p.arguments, of);
    }
    for (const r of g.resources) {
      push(r.title, `title of resource "${r.name ?? r.uri}"`);
      push(r.description, `description of resource "${r.name ?? r.uri}"`);
    }
  }
  return out;
}

/** The source text of the expression a TextValue was read from. */
function exprText(ctx: FileContext, t: TextValue): string {
  const l = t.location;
  const node = ctx.tree!.rootNode.descendantForPosition({ row: l.startLine - 1, column: l.startColumn - 1 }, { row: l.endLine - 1, column: Math.max(0, l.endColumn - 1) });
  return node?.text ?? t.value;
}

/** Where an expression's value comes from: its own calls, or (through names) the values those names hold. */
function sourceOf(expr: string, ctx: FileContext, bindings: ReadonlyMap<string, string>, depth: number, seen: Set<string>): Source | undefined {
  for (const s of SOURCES) {
    if (!s.re.test(expr)) continue;
    // A file that ships inside the package (next to the module, or a package resource) is reviewed with the code.
    if (s.source === 'file' && mentions(expr, PACKAGED, ctx, bindings, 0, new Set())) continue;
    return s.source;
  }
  if (depth >= MAX_HOPS) return undefined;
  for (const next of valuesOfNames(expr, ctx, bindings, seen)) {
    const s = sourceOf(next, ctx, bindings, depth + 1, seen);
    if (s) return s;
  }
  return undefined;
}

/** Paths relative to the module or read as package resources. */
const PACKAGED = /__file__|__dirname|import\.meta\.(?:url|dirname|resolve)|importlib\.resources|\bpkgutil\.get_data|\bresources\.files\b|\bpkg_resources\b|\bembed\.FS\b/;

/** True when the expression, or a value it names (followed a few steps), matches `re`. */
function mentions(expr: string, re: RegExp, ctx: FileContext, bindings: ReadonlyMap<string, string>, depth: number, seen: Set<string>): boolean {
  if (re.test(expr)) return true;
  if (depth >= MAX_HOPS) return false;
  return valuesOfNames(expr, ctx, bindings, seen).some((v) => mentions(v, re, ctx, bindings, depth + 1, seen));
}

/** The source text of what each name in an expression holds: its single assignment, or what a loop binds it to. */
function valuesOfNames(expr: string, ctx: FileContext, bindings: ReadonlyMap<string, string>, seen: Set<string>): string[] {
  // Names that stand for values: not inside string literals, not member names after a dot.
  const code = expr.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
  const names = [...new Set(code.match(/(?<![.\w$])[A-Za-z_$][\w$]*/g) ?? [])].filter((n) => !NOT_VARIABLES.has(n) && !seen.has(n)).slice(0, MAX_NAMES);
  const out: string[] = [];
  for (const name of names) {
    seen.add(name);
    const values = ctx.assignments().get(name);
    const own = values?.length === 1 && values[0]!.text !== name ? values[0]!.text : undefined;
    const next = own ?? bindings.get(name);
    if (next !== undefined && next !== name) out.push(next);
  }
  return out;
}

/** Loop and callback variables → the text of what they iterate over (`for spec in X`, `for (const m of X)`, `X.forEach((m) => …)`, `range X`). */
function loopBindings(ctx: FileContext): Map<string, string> {
  const out = new Map<string, string>();
  const lang = ctx.codeLanguage!;
  const bind = (left: Node | null | undefined, right: Node | null | undefined) => {
    if (!left || !right) return;
    const ids = left.type === 'identifier' ? [left] : descendantsOfType(left, 'identifier');
    for (const id of ids) if (!out.has(id.text)) out.set(id.text, right.text);
  };
  const types = lang === 'python' ? ['for_statement', 'for_in_clause'] : lang === 'go' ? ['range_clause', 'short_var_declaration', 'assignment_statement'] : ['for_in_statement'];
  for (const n of descendantsOfType(ctx.tree!.rootNode, types)) {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    // Go `body, err := io.ReadAll(r)`: several names from one call, which single-assignment lookup cannot resolve.
    if (n.type !== 'range_clause' && lang === 'go' && !(left && right && left.namedChildCount > 1 && right.namedChildCount === 1)) continue;
    bind(left, right);
  }
  if (lang !== 'python' && lang !== 'go') {
    for (const call of ctx.calls()) {
      const m = lastSegment(callName(call));
      if (m !== 'forEach' && m !== 'map' && m !== 'flatMap') continue;
      const fn = call.args[0];
      const obj = call.callee.childForFieldName('object');
      const params = fn?.childForFieldName('parameters') ?? fn?.childForFieldName('parameter');
      const first = params?.type === 'identifier' ? params : params?.namedChildren[0];
      bind(first?.type === 'required_parameter' ? first.childForFieldName('pattern') : first, obj);
    }
  }
  return out;
}

function snippet(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}
