// MV1108 (MCPSafe MCP-200): a tool's readOnly/destructive/idempotent/openWorld hints disagree with what its handler's code reaches (deep).
import type { SinkKind } from '../../../flow/concepts.js';
import type { Location } from '../../../model/location.js';
import type { Confidence } from '../../../model/severity.js';
import { at, defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { linesAt, textAt, toolSites, where, type ToolSite } from '../../network/tool-flow-facts.js';

/** Statements that change a database. */
const SQL_WRITE =
  /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE\s+[\w."`[\]]{1,60}\s+SET|DELETE\s+FROM|DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|COLLECTION)|TRUNCATE\s|ALTER\s+TABLE|CREATE\s+(?:TABLE|INDEX|VIEW|DATABASE)|REPLACE\s+INTO|MERGE\s+INTO|GRANT\s|REVOKE\s)/i;
/** Statements that destroy data. */
const SQL_DESTROY = /\b(?:DELETE\s+FROM|DROP\s+(?:TABLE|DATABASE|SCHEMA|INDEX|VIEW|COLLECTION)|TRUNCATE\s)/i;
/** Inserts that add a row each time they run (an upsert does not). */
const SQL_INSERT = /\bINSERT\s+INTO\b/i;
const SQL_UPSERT = /\bON\s+CONFLICT\b|\bOR\s+(?:REPLACE|IGNORE)\b|\bON\s+DUPLICATE\s+KEY\b|\bUPSERT\b|\bMERGE\s+INTO\b/i;
/** Work on the handler's own scratch files, which the hints are not about. */
const SCRATCH = /\btmp|temp|mkdtemp|tmpdir|TempDir|tempfile|NamedTemporaryFile|\bdefer\s/i;
/** Sends that deliver a message, mail or upload: they change the world outside and repeat on every call. */
const MESSAGE_SEND =
  /message send|e-mail send|Slack|GitHub API write|sendmail|send_message|chat_post|PostMessage|ChannelMessageSend|SendMail|publish|send_email|send_raw_email|upload|put_object|WriteMessage|WriteJSON/i;
/** Requests to this machine do not reach the open world. */
const LOCAL_HOST = /localhost|127\.0\.0\.1|\[::1\]|unix:|\.sock\b/i;
/** Appending writes: each call adds more. */
const APPEND = /appendFile|O_APPEND|open\([^)]{0,200}["'](?:a|ab|a\+|at)["']/;

interface Contradiction {
  hint: string;
  what: string;
  kind: SinkKind;
  api: string;
  location: Location;
  confidence: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV1108',
    slug: 'annotation-truthfulness',
    title: 'Tool annotation hints disagree with what the handler does',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-684', 'CWE-451'],
    owaspMcp: ['MCP03', 'MCP02'],
    aliases: ['MCP-200'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    supersedes: ['MV1008'],
    message: 'tool "{tool}" is annotated {hint}, but its handler {what}: it reaches {api} in {sink}',
    docs: {
      summary:
        'A tool declares `readOnlyHint: true` although its handler (or a function it calls, in any file) writes or deletes files, changes a database, sends messages or runs programs; `destructiveHint: false` although it deletes; `openWorldHint: false` although it makes outbound requests; or `idempotentHint: true` although each call inserts a row, appends to a file or sends a message.',
      risk:
        'Clients decide how much friction a tool call gets from these hints: hosts auto-approve tools that say they are read-only, skip the "this may delete data" warning for tools that say they are not destructive, retry idempotent tools freely, and treat closed-world tools as unable to leak data. A hint that misstates the handler turns a model mistake — or a prompt injection steering the model — into a silent deletion, write, duplicate payment or outbound request with no human in the loop. The MCP specification tells clients to treat annotations as untrusted hints for exactly this reason, but in practice they are shown and acted upon.',
      detection:
        'Deep mode. Reads the hints each tool declares (Python `annotations=ToolAnnotations(readOnlyHint=True)` or a dict, TypeScript `annotations: { readOnlyHint: true }`, mcp-go `mcp.WithReadOnlyHintAnnotation(true)` and friends, go-sdk `&mcp.ToolAnnotations{…}`) and compares them with the sink kinds the solver finds the handler reaching, whatever the data, through calls into other functions and files (`effects`). `readOnlyHint: true` fires on `file-write` (Python `open(…, "w")`, `Path.write_text`, `os.rename`; Node `fs.writeFile`, `fs.rename`, `mkdir`; Go `os.WriteFile`, `os.Create`), `file-delete` (`os.remove`, `shutil.rmtree`, `fs.rm`, `os.RemoveAll`), SQL that writes (`INSERT`, `UPDATE … SET`, `DELETE`, `DROP`, `ALTER`, `CREATE` in the handler or next to the executing call), sends that deliver something (`sendMail`, Slack `chat.postMessage`, `smtplib`, Octokit writes, `publish`, uploads) and — at low confidence, since many programs only read — running a program (`command`, `argv`). `destructiveHint: false` fires on deletes and on `DELETE`/`DROP`/`TRUNCATE`. `openWorldHint: false` fires on outbound requests (`url`, `outbound-data`: `requests`, `httpx`, `fetch`, axios, `net/http`) unless the request goes to `localhost`/`127.0.0.1`. `idempotentHint: true` fires on plain `INSERT INTO` (not upserts), appending writes and message sends. Renames and moves count as writes, not deletions. Writes and deletes of scratch files (names with `tmp`/`temp`, `tempfile`, `mkdtemp`, Go `defer` clean-up) are not counted. One finding per tool, at its annotations; it replaces the fast rule MV1008 on the same line. Tools without parameters are analysed too. Limits: only one example call per sink kind is kept, so SQL is judged from the text of the handler and of that call; ORM methods (`prisma.x.delete`) are not sink kinds.',
      fix:
        'Make the hints describe the tool: `readOnlyHint: false` for anything that changes state, `destructiveHint: true` when it deletes or overwrites, `openWorldHint: true` when it talks to other systems, and leave `idempotentHint` out unless repeated calls really have no further effect (use upserts or idempotency keys). Leaving a hint out lets the specification\'s safe defaults apply. If the tool was meant to be read-only, move the writing path into a separate, correctly annotated tool.',
      references: [
        { title: 'MCP specification 2025-11-25: Tools — tool annotations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool' },
        { title: 'MCP schema reference: ToolAnnotations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/schema#toolannotations' },
        { title: 'CWE-684: Incorrect Provision of Specified Functionality', url: 'https://cwe.mitre.org/data/definitions/684.html' },
        { title: 'OWASP MCP Top 10', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const site of toolSites(ctx)) {
        const ann = site.tool.annotations;
        if (!ann || !site.effects) continue;
        const c = contradiction(ctx, site);
        if (!c) continue;
        out.push({
          ...at(ann.location),
          data: { tool: site.tool.name, hint: c.hint, what: c.what, api: c.api, sink: where(c.location) },
          tool: site.tool.name,
          confidence: c.confidence,
          trace: [
            { location: site.handler.location, label: `handler of tool "${site.tool.name}"` },
            { location: c.location, label: `reaches ${c.api}` },
          ],
        });
      }
      return out;
    },
  },
});

/** The strongest disagreement between a tool's hints and its handler's effects. */
function contradiction(ctx: ProjectContext, site: ToolSite): Contradiction | undefined {
  const ann = site.tool.annotations!;
  const effects = site.effects!;
  const example = (kind: SinkKind) => effects.examples.find((e) => e.kind === kind);
  const handlerText = textAt(ctx, site.handler.location, 300);
  const lineOf = (l: Location) => linesAt(ctx, l, 4);
  const real = (kind: SinkKind) => {
    const e = example(kind);
    if (!e || SCRATCH.test(lineOf(e.location))) return undefined;
    // A rename counts as removing its source path; moving a file is a write, not a deletion.
    if (kind === 'file-delete' && /rename|(?:^|\.)move\b/i.test(e.api)) return undefined;
    return e;
  };
  const sql = example('sql');
  const sqlText = sql ? `${lineOf(sql.location)}\n${handlerText}` : '';
  const make = (hint: string, what: string, e: { kind: SinkKind; api: string; location: Location }, confidence: Confidence): Contradiction => ({
    hint,
    what,
    kind: e.kind,
    api: e.api,
    location: e.location,
    confidence,
  });
  const outbound = [example('url'), example('outbound-data')].filter((e) => e !== undefined);
  const send = outbound.find((e) => MESSAGE_SEND.test(e.api) || MESSAGE_SEND.test(lineOf(e.location)));

  const found: Contradiction[] = [];
  if (ann.readOnlyHint === true) {
    const hint = 'readOnlyHint: true';
    const del = real('file-delete');
    const write = real('file-write');
    if (del) found.push(make(hint, 'deletes files', del, 'high'));
    if (write) found.push(make(hint, 'writes files', write, 'high'));
    if (sql && SQL_WRITE.test(sqlText)) found.push(make(hint, 'changes the database', sql, 'high'));
    if (send) found.push(make(hint, 'sends data that is delivered elsewhere', send, 'medium'));
  }
  if (ann.destructiveHint === false) {
    const hint = 'destructiveHint: false';
    const del = real('file-delete');
    if (del) found.push(make(hint, 'deletes files', del, 'high'));
    if (sql && SQL_DESTROY.test(sqlText)) found.push(make(hint, 'deletes or drops database data', sql, 'high'));
  }
  if (ann.openWorldHint === false) {
    const remote = outbound.find((e) => !LOCAL_HOST.test(lineOf(e.location)) && !LOCAL_HOST.test(handlerText));
    if (remote) found.push(make('openWorldHint: false', 'makes outbound requests', remote, 'high'));
  }
  if (ann.idempotentHint === true && ann.readOnlyHint !== true) {
    const hint = 'idempotentHint: true';
    if (sql && SQL_INSERT.test(sqlText) && !SQL_UPSERT.test(sqlText)) found.push(make(hint, 'inserts a new row on every call', sql, 'medium'));
    const write = example('file-write');
    if (write && APPEND.test(`${lineOf(write.location)}\n${handlerText}`)) found.push(make(hint, 'appends to a file on every call', write, 'medium'));
    if (send) found.push(make(hint, 'sends something on every call', send, 'medium'));
  }
  if (ann.readOnlyHint === true) {
    // A program may well only read (git log, ls): reported, but at low confidence and after everything else.
    const run = example('command') ?? example('argv');
    if (run) found.push(make('readOnlyHint: true', 'runs a program, which can change state', run, 'low'));
  }
  return found[0];
}
