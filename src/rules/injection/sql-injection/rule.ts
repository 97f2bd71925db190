// MV2106 (MCPSafe MCP-062): a tool, prompt or resource-template argument becomes part of SQL text that is executed.
import { defineRule } from '../../../rule/rule.js';
import { modelInputFindings } from '../model-input-flows.js';

export default defineRule({
  meta: {
    id: 'MV2106',
    slug: 'sql-injection',
    title: 'Tool argument reaches SQL text',
    category: 'injection',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-89'],
    owaspMcp: ['MCP05'],
    aliases: ['MCP-062'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    supersedes: ['MV2005'],
    message: '{source} reaches {api} in {sink}{via}{broken}{also}',
    docs: {
      summary:
        'A value the model chooses is pasted into the text of a SQL statement (f-string, template literal, `%`/`format`, `fmt.Sprintf`, concatenation) that a database driver or query builder then executes, instead of being sent as a bound parameter.',
      risk:
        'Database MCP servers put a model in front of production data, often with a connection that can read every table and write some. An argument such as `x\' OR 1=1 --` returns all rows, `x\'; DROP TABLE customers; --` runs a second statement where the driver allows it, and `UNION SELECT` reads tables the tool never meant to expose — credentials, tokens, other customers\' data — straight into the model\'s context. A read-only "query helper" tool is no protection when the statement text itself is attacker-shaped; the model can be steered there by any text it read.',
      detection:
        'Deep mode only. Sources: tool and prompt arguments and resource-template variables. Sinks (concept `sql`, the statement argument only, never the bound parameters): Python DB-API `execute`/`executemany`/`executescript` on connections and cursors (sqlite3, psycopg, PyMySQL, asyncpg `fetch`/`fetchrow`/`fetchval`, aiosqlite), `sqlalchemy.text`, `pandas.read_sql`/`read_sql_query`, `psycopg2.sql.SQL`, DuckDB `sql`/`query`/`execute`; Node `query`/`execute`/`prepare`/`raw`/`unsafe` of pg, mysql2, better-sqlite3, knex `raw`/`whereRaw`/`orderByRaw`…, Prisma `$queryRawUnsafe`/`$executeRawUnsafe`, Sequelize and TypeORM `query`, Drizzle `sql.raw`; Go `database/sql` `Query`/`QueryRow`/`Exec`/`Prepare` and their `Context` forms, sqlx, pgx, GORM `Where`/`Order`/`Having`/`Joins`/`Raw`. The value is followed through string building, helpers in other files and class fields. Silenced by bound parameters (`?`, `$1`, `%s` with a parameter tuple, `:name`), tagged templates that bind their values (Prisma `$queryRaw`, `sql` template tags), identifier and literal quoting (`psycopg2.sql.Identifier`/`Literal`, `mysql.escape`/`escapeId`, `pg-format`, `pq.QuoteIdentifier`/`QuoteLiteral`), number conversion (`int()`, `Number()`, `strconv.Atoi`), an allow-list or strict pattern check before use, a value taken by key from a constant table (`ORDER_BY[choice]`, `ORDERINGS.get(choice, "name")`, recognised from the assignment\'s text), and enum/number/boolean/strict-pattern schemas. A check that happens after the query ran is reported as "validated after use", and a check of a copy while the original goes into the SQL as "checked another variable". Limits: ORMs that build SQL from keyword filters are not sinks (they bind); query text assembled in a helper that returns a query object of an unknown builder is followed only as text; values passed to a Python constructor, methods of a Python class imported from another module, and methods of a local `new Repo()` in TypeScript are not followed; stored procedures that build dynamic SQL inside the database are out of reach.',
      fix:
        'Send values as bound parameters: `conn.execute("SELECT … WHERE name = ?", (name,))`, `pool.query("… WHERE name = $1", [name])`, `db.QueryContext(ctx, "… WHERE name = $1", name)`, or the query builder\'s bindings. Identifiers (table, column, sort order) cannot be parameters: map the caller\'s choice to a fixed string from an allow-list, or quote it with the driver\'s identifier quoting. Give the server a database role that can only read what the tools need.',
      references: [
        { title: 'CWE-89: SQL Injection', url: 'https://cwe.mitre.org/data/definitions/89.html' },
        { title: 'OWASP SQL Injection Prevention Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html' },
        { title: 'Python sqlite3: how to use placeholders', url: 'https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders' },
        { title: 'Go: avoiding SQL injection risk', url: 'https://go.dev/doc/database/sql-injection' },
        { title: 'MCP specification: tools, security considerations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
      ],
    },
  },
  project: {
    detect: (ctx) => modelInputFindings(ctx, { sinks: ['sql'] }),
  },
});
