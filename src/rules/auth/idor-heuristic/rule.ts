// MV2110 (MCPSafe MCP-045): heuristic — a record id chosen by the model selects a database row in a server with authenticated callers, and nothing in the handler ties the row to the caller.
import type { Location } from '../../../model/location.js';
import { at, defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { flowFinding } from '../../../rule/taint-findings.js';
import { linesAt, locKey, mentionsCallerIdentity, textAt, toolSites, type ToolSite } from '../../network/tool-flow-facts.js';

/** `id`, `uuid`, `invoice_id`, `orderId`, `customerID`, `document_uuid`. */
const ID_PARAM = /^(?:id|uuid|guid)$|[_-](?:id|uuid|guid)$|[a-z0-9](?:Id|ID|Uuid|UUID|Guid)$/i;
/** Calls that read or change database records: drivers, ORMs and query builders. */
const DB_CALL =
  /([A-Za-z_$][\w$.]{0,80}\.(?:execute|executemany|fetchone|fetchall|fetchrow|fetchval|query|queryRaw|\$queryRaw|\$queryRawUnsafe|find|findOne|find_one|findUnique|findUniqueOrThrow|findFirst|findMany|findByPk|findById|find_by_id|filter|filter_by|where|get_or_404|prepare|select|update|delete|update_one|delete_one|deleteOne|updateOne))\s*\(/;
/** Words that show the handler talks to a database at all. */
const DB_WORDS = /\b(?:SELECT|UPDATE|DELETE|INSERT|cursor|prisma|session\.query|objects\.|collection|knex|sequelize|findUnique|find_one|fetchone|fetchall)\b/;

export default defineRule({
  meta: {
    id: 'MV2110',
    slug: 'idor-heuristic',
    title: 'Record id from a tool argument selects data without a check on who is asking (heuristic)',
    category: 'auth',
    severity: 'high',
    confidence: 'low',
    cwe: ['CWE-639', 'CWE-862'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-045'],
    mode: 'deep',
    languages: ['python', 'typescript'],
    status: 'experimental',
    enabledByDefault: false,
    message: '{source} reaches {api} in {sink}{via}{broken}, and nothing in the handler ties the record to the caller (no user, owner, tenant or access-token lookup)',
    docs: {
      summary:
        'In a server that authenticates its callers, a tool takes a record id (`id`, `invoice_id`, `orderId`, `uuid`) and uses it to read or change a database record, while neither the handler nor the trace mentions the caller\'s identity — no user, owner, tenant, `sub` claim, `authInfo` or `get_access_token()`. Every authenticated caller can then reach every record by guessing or enumerating ids.',
      risk:
        'Remote MCP servers serve many users through one process and one database connection. The model picks the id — from the user\'s request, or from text an attacker planted — and the server does whatever the id points at. Without a filter on the caller (`WHERE id = ? AND owner_id = ?`, a tenant-scoped repository, a row-level-security session), this is an insecure direct object reference (IDOR): one user\'s agent reads or modifies another user\'s invoices, tickets or documents. The agent will happily iterate ids when asked, so enumeration needs no special tooling.',
      detection:
        'Heuristic, deep mode, off by default (turn it on with `--rule MV2110`, `--all-rules` or the config). Only for servers that authenticate callers (the inventory has an auth set-up: bearer middleware, a token verifier, JWT verification, an OAuth provider). For each tool argument whose name looks like a record id, it fires when the argument reaches a `sql` sink (Python `cursor.execute`, SQLAlchemy `text`; Node `db.query`, `$queryRawUnsafe`) or when a line of the handler that calls a database API (`execute`, `fetchone`, `query`, `findUnique`, `findFirst`, `find_one`, `filter_by`, `where`, `get_or_404`, `prepare`…) names the argument — parameterised queries and ORM lookups included, since the question is whose row it is, not injection — in a handler that talks to a database (a `sql` effect or SQL/ORM words). It stays quiet when the handler or the functions the argument passes through mention the caller: identifiers containing `user`, `owner`, `tenant`, `principal`, `claims`, `caller`, `identity`, the `sub` claim, `authInfo`, `get_access_token`, `current_user`, `request_context`; the tool\'s own arguments do not count (an `owner_id` argument chosen by the model proves nothing). Limits: checks done in helpers the argument does not flow through (numbers produce no flow) are not seen; a check under an unrelated name (`acl.allows(…)`) is not recognised; an id that is not named like one is not considered.',
      fix:
        'Scope every lookup by the authenticated caller: take the identity from the verified token (Python `get_access_token()` or the request context; TypeScript `extra.authInfo` in the tool callback) — never from a tool argument — and add it to the query (`WHERE id = ? AND owner_id = ?`), use a tenant-scoped repository, or enable row-level security with the caller set on the session. Return "not found" for records the caller does not own, and prefer unguessable ids (UUIDs) as a second line of defence, not the only one.',
      references: [
        { title: 'OWASP API Security Top 10 2023: API1 Broken Object Level Authorization', url: 'https://owasp.org/API-Security/editions/2023/en/0xa1-broken-object-level-authorization/' },
        { title: 'OWASP Cheat Sheet: Insecure Direct Object Reference Prevention', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Insecure_Direct_Object_Reference_Prevention_Cheat_Sheet.html' },
        { title: 'MCP specification 2025-11-25: Authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'CWE-639: Authorization Bypass Through User-Controlled Key', url: 'https://cwe.mitre.org/data/definitions/639.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      if (!authenticates(ctx)) return [];
      const sites = toolSites(ctx).filter((s) => s.server.language === 'python' || s.server.language === 'typescript');
      const sqlFlows = ctx.flows().filter((f) => f.sink.kind === 'sql' && f.source.kind === 'tool-input' && f.source.tool && f.source.param);
      const out: RawFinding[] = [];
      const seen = new Set<string>();
      for (const site of sites) {
        const handler = textAt(ctx, site.handler.location, 400);
        const exclude = new Set(site.tool.params.flatMap((p) => identifiersOf(site, p.name)));
        for (const p of site.tool.params) {
          if (!ID_PARAM.test(p.name)) continue;
          const key = `${site.tool.name}\0${p.name}\0${locKey(site.handler.location)}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const flow = sqlFlows.find((f) => f.source.tool === site.tool.name && f.source.param === p.name);
          if (flow) {
            const viaText = flow.via.map((v) => textAt(ctx, v.location, 200)).join('\n');
            const steps = flow.steps.map((s) => linesAt(ctx, s.location, 4)).join('\n');
            if (mentionsCallerIdentity(`${handler}\n${viaText}\n${steps}`, exclude)) continue;
            const f = flowFinding(flow, { broken: '' });
            f.related = undefined;
            out.push(f);
            continue;
          }
          if (mentionsCallerIdentity(handler, exclude)) continue;
          const hasDb = site.effects?.kinds.includes('sql') || DB_WORDS.test(handler);
          if (!hasDb) continue;
          const lookup = lookupLine(ctx, site, identifiersOf(site, p.name));
          if (!lookup) continue;
          out.push({
            ...at(lookup.location),
            data: { source: `argument "${p.name}" of tool "${site.tool.name}"`, api: lookup.api, sink: `${lookup.location.path}:${lookup.location.startLine}`, via: '', broken: '' },
            tool: site.tool.name,
          });
        }
      }
      return out;
    },
  },
});

/** Some auth set-up anywhere: the server has callers with identities. */
function authenticates(ctx: ProjectContext): boolean {
  return ctx.inventory.servers.some((s) => s.auth.length > 0) || ctx.inventory.files.some((f) => f.auth.length > 0);
}

function identifiersOf(site: ToolSite, param: string): string[] {
  const out = new Set([param]);
  for (const b of site.handler.bindings) {
    if (b.param !== param) continue;
    if (/^[A-Za-z_$][\w$]*$/.test(b.local)) out.add(b.local);
    const last = /\.([A-Za-z_$][\w$]*)$/.exec(b.local);
    if (last) out.add(last[1]!);
  }
  return [...out];
}

/** The first line of the handler that calls a database API and names the argument. */
function lookupLine(ctx: ProjectContext, site: ToolSite, names: string[]): { location: Location; api: string } | undefined {
  const h = site.handler.location;
  const lines = ctx.lines(h.path);
  const last = Math.min(h.endLine, h.startLine + 400);
  for (let n = h.startLine; n <= last; n++) {
    // A call spread over a few lines: the database call and the argument may sit on different ones.
    const window = lines.slice(n - 1, Math.min(n + 2, last)).join('\n');
    const m = DB_CALL.exec(lines[n - 1] ?? '');
    if (!m) continue;
    if (!names.some((name) => new RegExp(`(?:^|[^\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`).test(window))) continue;
    const col = (lines[n - 1] ?? '').indexOf(m[1]!) + 1;
    return { location: { path: h.path, startLine: n, startColumn: col, endLine: n, endColumn: col + m[1]!.length }, api: m[1]! };
  }
  return undefined;
}

