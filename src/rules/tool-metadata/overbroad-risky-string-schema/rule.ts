// MV1007 (MCPSafe MCP-206): a tool parameter named like a command, query, code, URL or path accepts any string.
import type { SchemaProperty } from '../../../model/inventory.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';

type Kind = 'command' | 'query' | 'code' | 'url' | 'path';

const WHAT: Record<Kind, string> = {
  command: 'a shell command',
  query: 'a database query',
  code: 'code or an expression to evaluate',
  url: 'a URL',
  path: 'a file system path',
};

/** Head nouns (the last word of the name) and what they stand for. */
const HEADS: Record<string, Kind> = {
  command: 'command', cmd: 'command', commandline: 'command', cmdline: 'command', shell: 'command',
  sql: 'query', query: 'query',
  code: 'code', script: 'code', expr: 'code', expression: 'code', eval: 'code', snippet: 'code',
  url: 'url', uri: 'url', endpoint: 'url', href: 'url', webhook: 'url',
  path: 'path', file: 'path', filename: 'path', filepath: 'path', pathname: 'path', dir: 'path', dirname: 'path', directory: 'path', folder: 'path',
};
/** Words that make a name risky wherever they appear (`shell_args`, `sql_text`, `eval_input`). */
const ANYWHERE: Record<string, Kind> = { shell: 'command', sql: 'query', eval: 'code' };
/** `country_code`, `status_code`, `zip_code`: codes that are identifiers, not programs. */
const CODE_QUALIFIERS = new Set([
  'country', 'zip', 'postal', 'post', 'currency', 'language', 'lang', 'locale', 'status', 'error', 'exit', 'auth', 'authorization', 'verification',
  'otp', 'promo', 'coupon', 'discount', 'color', 'colour', 'region', 'iso', 'area', 'airport', 'product', 'access', 'invite', 'referral', 'qr',
  'bar', 'tax', 'unit', 'response', 'http', 'pin', 'security', 'confirmation', 'activation', 'state', 'city', 'station', 'stock', 'item', 'sku',
  'reason', 'diagnosis', 'icd', 'naics', 'hs', 'mfa', 'totp', 'reset', 'voucher', 'gift', 'ticker', 'symbol', 'iata', 'icao',
]);
/** A plain `query` is a search string unless the name or the tool's text says it is for a database. */
const QUERY_QUALIFIERS = new Set(['sql', 'db', 'database', 'cypher', 'graphql', 'gql', 'sparql', 'raw', 'mongo', 'es', 'kql', 'promql', 'jql']);
const DATABASE_TEXT = /\b(?:sql|sqlite|postgres(?:ql)?|mysql|database|cypher|graphql|sparql|select\s+statement)\b/i;
const URL_FORMATS = new Set(['uri', 'url', 'iri', 'uri-reference', 'iri-reference', 'hostname', 'uri-template']);
/** Patterns that accept anything are no constraint. */
const TRIVIAL_PATTERN = /^\^?(?:\.\*|\.\+|\[\\s\\S\]\*|\[\\s\\S\]\+)\$?$/;
const STRING_TYPES = /^(?:str|string|Path|pathlib\.Path|PurePath|os\.PathLike(?:\[str\])?)$/;

export default defineRule({
  meta: {
    id: 'MV1007',
    slug: 'overbroad-risky-string-schema',
    title: 'Risky tool parameter accepts any string',
    category: 'tool-metadata',
    severity: 'medium',
    confidence: 'low',
    cwe: ['CWE-20', 'CWE-1284'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-206'],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    enabledByDefault: false,
    message: 'parameter "{param}" of tool "{tool}" looks like {what} but accepts any string: no enum, pattern{format} or maxLength constrains it',
    docs: {
      summary:
        'A tool parameter whose name says it carries a command, a database query, code, a URL or a path (`command`, `cmd`, `sql`, `script`, `expr`, `targetUrl`, `endpoint`, `file_path`, `dir`…) is declared as a plain string with no enum, pattern, format or length limit.',
      risk:
        'Tool arguments are written by a language model that can be steered by anything in its context. The input schema is the one place where the server tells both the model and the SDK what a valid value looks like: an enum of allowed commands, a pattern for a relative path, `format: uri` for a URL, a length cap. Without it, every value the model produces reaches the handler, and whether a shell metacharacter, `../`, `file://` or a 50 kB query is rejected depends entirely on hand-written checks further down — which this parameter\'s name suggests are the dangerous places. A tight schema is cheap defence in depth and also makes the model choose valid values more often.',
      detection:
        'Reads the parameters of every tool in the inventory (Python signatures with `Annotated`/`Field`/`Literal`, pydantic fields; zod shapes and JSON Schema objects in TypeScript; mcp-go `With*` options and struct tags; go-sdk input structs) and splits each name into words (`targetUrl` → target, url; `file_path` → file, path). It fires when the last word is one of command/cmd/shell/commandline, sql, code/script/expr/expression/eval/snippet, url/uri/endpoint/href/webhook, path/file/filename/filepath/dir/directory/folder (or the name is `file_name`/`dir_name`-like, or contains `shell`, `sql` or `eval` anywhere), the declared type is a string (`str`, `string`, `Path`), and none of these constrain it: a non-empty enum (`z.enum`, `Literal[...]`, `enum=`, `mcp.Enum`), a pattern that is not a match-all (`z.string().regex(...)`, `Field(pattern=...)`, `mcp.Pattern`, `jsonschema:"pattern=..."`), `maxLength` (`.max(n)`, `max_length=`, `mcp.MaxLength`), or — for URL-like names — a `format` such as `uri` (`z.string().url()`, `AnyUrl`/`HttpUrl` types). A plain `query` is treated as a search string unless qualified (`sql_query`, `db_query`, `cypher_query`) or the tool\'s name or description mentions SQL, a database, GraphQL or Cypher; `code` qualified as an identifier (`country_code`, `status_code`, `zip_code`…) is ignored. Parameters without a declared type are skipped. This rule is off by default because a name is only a hint and many servers validate such values in code: enable it with `--rule MV1007` or `--all-rules` when reviewing schemas.',
      fix:
        'Constrain the parameter in the schema: an enum of the commands or tables the tool supports, an anchored pattern for paths (`^[\\w./-]{1,200}$` relative to a fixed root) or identifiers, `format: "uri"` plus a host allow-list checked in code for URLs, and a `maxLength` for free text. In zod: `z.enum([...])`, `z.string().regex(/^…$/).max(200)`, `z.string().url()`; in Python: `Literal[...]` or `Annotated[str, Field(pattern=r"^…$", max_length=200)]`; in mcp-go: `mcp.Enum(...)`, `mcp.Pattern(...)`, `mcp.MaxLength(...)`. Keep validating in the handler too — schemas are advisory to the model.',
      references: [
        { title: 'MCP specification 2025-11-25: Tools — security considerations (validate all tool inputs)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
        { title: 'JSON Schema: string validation (pattern, maxLength, format)', url: 'https://json-schema.org/understanding-json-schema/reference/string' },
        { title: 'CWE-20: Improper Input Validation', url: 'https://cwe.mitre.org/data/definitions/20.html' },
        { title: 'CWE-1284: Improper Validation of Specified Quantity in Input', url: 'https://cwe.mitre.org/data/definitions/1284.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const server of ctx.inventory.servers) {
        for (const tool of server.tools) {
          const toolText = `${tool.name} ${tool.description?.value ?? ''}`;
          for (const p of tool.params) {
            const kind = riskyKind(p, toolText);
            if (!kind || !isPlainString(p) || constrained(p, kind)) continue;
            out.push({
              ...at(p.location),
              data: { param: p.name, tool: tool.name, what: WHAT[kind], format: kind === 'url' ? ', format' : '' },
              tool: tool.name,
            });
          }
        }
      }
      return out;
    },
  },
});

/** Lower-case words of an identifier: `targetURL` → target, url; `file-path` → file, path. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function riskyKind(p: SchemaProperty, toolText: string): Kind | undefined {
  const w = words(p.name);
  if (!w.length) return undefined;
  for (const x of w) if (ANYWHERE[x]) return ANYWHERE[x];
  const last = w[w.length - 1]!;
  const prev = w.length > 1 ? w[w.length - 2]! : undefined;
  if ((last === 'name' || last === 'names') && prev && ['file', 'dir', 'folder', 'path', 'directory'].includes(prev)) return 'path';
  const kind = HEADS[last];
  if (!kind) return undefined;
  if (last === 'code' && prev && CODE_QUALIFIERS.has(prev)) return undefined;
  if (last === 'query' && !(prev && QUERY_QUALIFIERS.has(prev)) && !DATABASE_TEXT.test(`${toolText} ${p.description?.value ?? ''}`)) return undefined;
  return kind;
}

function isPlainString(p: SchemaProperty): boolean {
  if (!p.type) return false;
  // `Optional[str]`, `str | None`, `Union[str, None]` are still free strings.
  const t = p.type
    .replace(/\s+/g, '')
    .replace(/^(?:typing\.)?Optional\[(.*)\]$/, '$1')
    .replace(/^(?:typing\.)?Union\[(.*),None\]$/, '$1')
    .replace(/\|None$|^None\|/g, '');
  return STRING_TYPES.test(t);
}

function constrained(p: SchemaProperty, kind: Kind): boolean {
  if (p.enum && p.enum.length > 0) return true;
  if (p.pattern && !TRIVIAL_PATTERN.test(p.pattern)) return true;
  if (p.maxLength !== undefined) return true;
  return kind === 'url' && p.format !== undefined && URL_FORMATS.has(p.format);
}
