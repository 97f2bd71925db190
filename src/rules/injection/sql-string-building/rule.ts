// MV2005 (MCPSafe MCP-062): SQL text assembled from run-time values is sent to a database driver.
import type { Node } from 'web-tree-sitter';
import { calleeMemberOf, type CallSite } from '../../../parse/call-sites.js';
import { decodeString } from '../../../parse/string-literal.js';
import { staticString } from '../../../parse/static-value.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { Handlers, builtString, callName, enclosingFunction, familyOf, hasAllowListGuard, isFixedValue, isTestPath, resolveOnce, type BuiltString } from '../sink-args.js';

/** Python methods whose first argument is SQL (DB-API cursors and connections, SQLAlchemy connections). */
const PY_METHODS = new Set(['execute', 'executemany', 'executescript', 'mogrify', 'exec_driver_sql']);
const PY_FUNCTIONS = new Set(['pandas.read_sql', 'pandas.read_sql_query', 'pandas.io.sql.read_sql']);
const PY_TEXT = new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text']);
/** JS/TS methods whose first argument is SQL: pg/mysql2/mssql, Knex, Sequelize, Prisma, better-sqlite3/sqlite3. */
const JS_METHODS = new Set(['query', 'execute', 'raw', 'whereRaw', 'orderByRaw', 'havingRaw', 'joinRaw', 'selectRaw', '$queryRawUnsafe', '$executeRawUnsafe', 'exec', 'prepare', 'run', 'all', 'get', 'each', 'unsafe']);
/** Go database/sql, sqlx and gorm methods; the SQL is the first string argument after an optional context. */
const GO_METHODS = new Set(['Query', 'QueryRow', 'Exec', 'QueryContext', 'QueryRowContext', 'ExecContext', 'Prepare', 'PrepareContext', 'Raw', 'Where', 'Get', 'Select', 'GetContext', 'SelectContext', 'Queryx', 'QueryRowx', 'MustExec', 'NamedExec']);

/** Methods that take a SQL fragment (a condition or ordering) rather than a whole statement. */
const FRAGMENT_METHODS = new Set(['Where', 'whereRaw', 'orderByRaw', 'havingRaw', 'joinRaw', 'selectRaw', 'Raw', 'raw']);
const FRAGMENT_TEXT = /[=<>]|\b(?:like|ilike|in|between|is|asc|desc)\b/i;

/** Calls that quote a value for SQL; a hole filled by one is not injectable. */
const QUOTING = /(?:^|\.)(?:escape|escapeId|escapeIdentifier|escapeLiteral|quote_ident|quote_literal|quote|Identifier|Literal|QuoteIdentifier|QuoteLiteral)$|^pg-format/;
/** Placeholder lists such as `",".join("?" * len(ids))` or `ids.map(() => "?").join(", ")`. */
const PLACEHOLDER_TEXT = /^(?:\s|,|\?|%s|\$\d{1,3}|:\w{1,40}|@p\d{1,3}|\(|\))*$/;

export default defineRule({
  meta: {
    id: 'MV2005',
    slug: 'sql-string-building',
    title: 'SQL query built from run-time values',
    category: 'injection',
    severity: 'critical',
    confidence: 'medium',
    cwe: ['CWE-89'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-062'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{callee} runs SQL built with {how} from `{value}`; a quote in that value rewrites the query',
    docs: {
      summary: 'A SQL statement is assembled with an f-string, `%`/`.format`, a template literal, `+` or `fmt.Sprintf` from values known only at run time and then executed, instead of passing those values as bound parameters.',
      risk:
        'Database tools are among the most common MCP servers, and their arguments — a name to search, a sort column, a filter — are written by a language model that follows instructions found in its context. One `\' OR 1=1 --` or `; DROP TABLE` in such an argument reads or destroys every row the server\'s account can reach. Stored rows then flow back into the model as tool output, so an injected row can carry further instructions (the pattern reported in the archived SQLite reference server, which was forked thousands of times).',
      detection:
        'Fires when a statement whose fixed text looks like SQL (`SELECT … FROM`, `INSERT INTO`, `UPDATE … SET`, `DELETE FROM`, DDL, `PRAGMA`, or a `WHERE`/`ORDER BY` fragment) contains a value that is not fixed, and reaches: Python `.execute`/`executemany`/`executescript`/`mogrify`/`exec_driver_sql` on any cursor, connection or session, `sqlalchemy.text(…)`, `pandas.read_sql`/`read_sql_query`; JavaScript/TypeScript `.query`/`.execute` (pg, mysql2, mssql, Sequelize), Knex `raw`/`whereRaw`/`orderByRaw`, Prisma `$queryRawUnsafe`/`$executeRawUnsafe`, better-sqlite3/sqlite3 `exec`/`prepare`/`run`/`all`/`get`, postgres.js `unsafe`; Go `Query`/`QueryRow`/`Exec` and their `Context` forms, `Prepare`, sqlx `Get`/`Select`/`Queryx`, gorm `Raw`/`Where`/`Exec`. The statement may be inline or in a variable built in the same function, including `sql += …` steps. Not reported: bound parameters (`execute("… = ?", (x,))`, `$1`, `%s` with a parameter tuple, Knex `raw("… ?", [x])`), tagged templates (Prisma ``$queryRaw`…` ``, ``sql`…` ``), values printed with numeric verbs (`%d`) or converted with `int()`/`Number()`/`strconv.Itoa`, placeholder lists (`",".join("?" * len(ids))`), values from a lookup in a literal mapping (`ORDER_BY[sort]`, `COLUMNS.get(name)`) or checked against an allow-list first (`if col not in ALLOWED: raise`), quoting helpers (`escapeId`, `quote_ident`, `sql.Identifier`), and `enum`-restricted tool parameters. Confidence is high inside an MCP tool handler and low in test files.',
      fix: 'Pass values as parameters and keep the SQL text constant: `cur.execute("SELECT … WHERE name = ?", (name,))` (sqlite3) or `%s` placeholders (psycopg, PyMySQL), `session.execute(text("… = :name"), {"name": name})`, `pool.query("… = $1", [name])`, Prisma ``$queryRaw`… ${name}` ``, Go `db.QueryContext(ctx, "… = $1", name)`. Identifiers (table, column, sort direction) cannot be parameters: map the argument through a fixed dictionary (`{"newest": "created_at DESC"}[sort]`) or quote it with the driver\'s identifier helper (`psycopg.sql.Identifier`, `escapeId`). For "run a query" tools, connect with a read-only role and parse the statement before running it.',
      references: [
        { title: 'CWE-89: SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' },
        { title: 'OWASP SQL Injection Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html' },
        { title: 'Python sqlite3: how to use placeholders', url: 'https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders' },
        { title: 'Go: avoiding SQL injection risk', url: 'https://go.dev/doc/database/sql-injection' },
        { title: 'MCPSafe MCP-062: SQL injection', url: 'https://mcpsafe.io/threats/MCP-062' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /SELECT|select|INSERT|insert|UPDATE|update|DELETE|delete|CREATE|create|DROP|drop|ALTER|alter|PRAGMA|pragma|WHERE|where|TRUNCATE|truncate/,
    detect(ctx) {
      const out: RawFinding[] = [];
      const handlers = new Handlers(ctx);
      for (const call of ctx.calls()) {
        const sqlArgs = sqlArguments(call, ctx);
        if (!sqlArgs) continue;
        for (const arg of sqlArgs) {
          const sql = assembledSql(arg, call.node, ctx);
          if (!sql || !(looksLikeSql(sql.text) || (FRAGMENT_METHODS.has(methodName(call) ?? '') && FRAGMENT_TEXT.test(sql.text)))) continue;
          const site = handlers.at(call.node);
          const hole = sql.holes.find((h) => !isSafeHole(h, call.node, ctx, handlers));
          if (!hole) continue;
          out.push({
            span: nodeSpan(call.node),
            data: { callee: calleeLabel(call), how: HOW[sql.how], value: hole.text.length > 40 ? `${hole.text.slice(0, 39)}…` : hole.text },
            tool: site?.tool,
            confidence: isTestPath(ctx.path) ? 'low' : site ? 'high' : undefined,
          });
          break;
        }
      }
      return out;
    },
  },
});

const HOW: Record<BuiltString['how'], string> = {
  'f-string': 'an f-string',
  'template literal': 'a template literal',
  '%-formatting': '`%` formatting',
  'str.format': '`str.format`',
  concatenation: 'string concatenation',
  'fmt.Sprintf': '`fmt.Sprintf`',
};

function calleeLabel(call: CallSite): string {
  const t = call.callee.text;
  return t.length > 40 ? `…${t.slice(-39)}` : t;
}

/** The member a method call invokes (known for most calls without reading the callee node). */
function methodName(call: CallSite): string | undefined {
  return calleeMemberOf(call);
}

/** The arguments of this call that hold SQL text, when it is a SQL sink. */
function sqlArguments(call: CallSite, ctx: FileContext): Node[] | undefined {
  const fam = familyOf(ctx.codeLanguage!);
  const method = methodName(call);
  if (fam === 'python') {
    if (call.name && PY_TEXT.has(call.name)) return call.args.slice(0, 1);
    if (call.name && PY_FUNCTIONS.has(call.name)) return [call.args[0] ?? call.kwargs.get('sql')].filter((n): n is Node => Boolean(n));
    if (!method || !PY_METHODS.has(method)) return undefined;
    const first = call.args[0] ?? call.kwargs.get('sql') ?? call.kwargs.get('query') ?? call.kwargs.get('statement') ?? call.kwargs.get('operation');
    // `session.execute(text(f"…"))` is reported once, at `text(…)`.
    if (!first || (first.type === 'call' && PY_TEXT.has(callName(first, ctx) ?? ''))) return undefined;
    return [first];
  }
  if (fam === 'js') {
    if (!method || !JS_METHODS.has(method) || call.isNew) return undefined;
    return call.args.slice(0, 1);
  }
  if (!method || !GO_METHODS.has(method)) return undefined;
  return call.args.slice(0, 3);
}

/**
 * The SQL an argument carries: built inline, or in a variable assembled in the same function (every assignment,
 * including `sql += …` steps, contributes its text and holes).
 */
function assembledSql(arg: Node, sink: Node, ctx: FileContext): BuiltString | undefined {
  const direct = builtString(arg, ctx);
  if (direct) return direct;
  if (arg.type !== 'identifier') return undefined;
  const values = ctx.assignments().get(arg.text);
  if (!values?.length) return undefined;
  const fn = enclosingFunction(sink, ctx.codeLanguage!);
  let text = '';
  const holes: Node[] = [];
  let how: BuiltString['how'] | undefined;
  for (const v of values) {
    if (v.startIndex > sink.startIndex) continue;
    if (enclosingFunction(v, ctx.codeLanguage!)?.id !== fn?.id) continue;
    const value = appendedValue(v);
    if (!value) continue;
    const built = builtString(value, ctx);
    if (built) {
      text += built.text;
      holes.push(...built.holes);
      how ??= built.how;
      continue;
    }
    const fixed = staticString(value, ctx.codeLanguage!, ctx.assignments());
    if (fixed) text += fixed.value;
  }
  return how ? { how, text, holes } : undefined;
}

/** For `x += piece` the assignments table holds `x` itself; the appended piece is what counts. */
function appendedValue(v: Node): Node | undefined {
  const p = v.parent;
  if (v.type === 'identifier' && p && (p.type === 'augmented_assignment' || p.type === 'augmented_assignment_expression') && p.childForFieldName('left')?.id === v.id) {
    return p.childForFieldName('right') ?? undefined;
  }
  return v;
}

/** Statement keywords in the fixed text, checked as separate tests so every pattern stays linear. */
function looksLikeSql(text: string): boolean {
  const t = text.toLowerCase();
  const has = (w: string) => new RegExp(`\\b${w}\\b`).test(t);
  if (has('select') && has('from')) return true;
  if (has('insert') && has('into')) return true;
  if (has('update') && has('set')) return true;
  if (has('delete') && has('from')) return true;
  if (/\b(?:create|drop|alter|truncate)\s+(?:table|index|view|database|schema|user)\b/.test(t)) return true;
  if (/\bpragma\s+\w/.test(t)) return true;
  if (has('where') && /[=<>]|\blike\b|\bin\s*\(/.test(t)) return true;
  return /\b(?:order|group)\s+by\b/.test(t);
}

function isSafeHole(hole: Node, sink: Node, ctx: FileContext, handlers: Handlers, depth = 0): boolean {
  if (isFixedValue(hole, ctx)) return true;
  const v = resolveOnce(hole, ctx);
  // `strings.Repeat("?,", n-1) + "?"`: placeholder text glued together stays placeholder text.
  const built = depth < 2 ? builtString(v, ctx) : undefined;
  if (built && PLACEHOLDER_TEXT.test(built.text.replaceAll('{…}', '')) && built.holes.every((h) => isSafeHole(h, sink, ctx, handlers, depth + 1))) return true;
  if (v.type === 'call' || v.type === 'call_expression') {
    const name = callName(v, ctx) ?? v.childForFieldName('function')?.text ?? '';
    if (QUOTING.test(name)) return true;
    if (/(?:^|\.)join$|^strings\.(?:Join|Repeat)$/.test(name) && isPlaceholderList(v, ctx)) return true;
    if (name === 'len' || name.endsWith('.length')) return true;
  }
  if (hasAllowListGuard(hole, sink, ctx)) return true;
  return handlers.isEnumParam(hole, handlers.at(sink));
}

/** True when every string inside the call is placeholder text (`?`, `%s`, `$1`, commas). */
function isPlaceholderList(call: Node, ctx: FileContext): boolean {
  const lang = ctx.codeLanguage!;
  const strings = descendantsOfType(call, familyOf(lang) === 'python' ? ['string'] : familyOf(lang) === 'go' ? ['interpreted_string_literal', 'raw_string_literal'] : ['string', 'template_string']);
  if (!strings.some((s) => /\?|%s|\$\d/.test(decodeString(s, lang)?.value ?? ''))) return false;
  return strings.every((s) => {
    const d = decodeString(s, lang);
    return Boolean(d?.complete && PLACEHOLDER_TEXT.test(d.value));
  });
}

