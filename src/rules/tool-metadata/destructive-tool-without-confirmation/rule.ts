// MV1009 (MCPSafe MCP-201): a tool handler deletes or destroys something with no confirmation, dry-run or elicitation step in front of it.
import { defineRule, nodeSpan, type RawFinding } from '../../../rule/rule.js';
import { toolHandlerFacts } from '../handler-effects.js';

export default defineRule({
  meta: {
    id: 'MV1009',
    slug: 'destructive-tool-without-confirmation',
    title: 'Destructive tool runs without a confirmation step',
    category: 'tool-metadata',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-862', 'CWE-1427'],
    owaspMcp: ['MCP06', 'MCP02'],
    aliases: ['MCP-201'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'tool "{tool}" calls {sink} without a confirm/dry-run parameter checked first or an elicitation request to the user',
    docs: {
      summary:
        'A tool handler deletes files, rows, remote objects or processes as soon as it is called: no confirm or dry-run flag is checked before the deletion and the user is never asked through MCP elicitation.',
      risk:
        'Tool calls are chosen by a language model, and the model can be steered by any text it reads — a web page, an e-mail, a file in the repository. A tool that destroys data on the first call lets one injected sentence ("clean up by deleting the workspace") become an irreversible action, and many clients run tools without showing each call to the user. A server-side gate — a `confirm`/`dry_run` parameter that must be set in a second, deliberate call, or an elicitation request that the client shows to the human — keeps a person in the loop for exactly the calls that cannot be undone.',
      detection:
        'Per tool handler whose code is in the scanned file (so each tool of a module is judged on its own, unlike a file-wide check), the rule looks for deleting calls inside the handler: Python `os.remove`/`unlink`/`rmdir`/`removedirs`, `shutil.rmtree`, `Path.unlink()`/`rmdir()`, `os.kill`; Node `fs.unlink`/`rm`/`rmdir` (callback, sync, `fs/promises`, `fs-extra` `remove`/`emptyDir`), `rimraf`, `process.kill`, AWS SDK `new Delete…Command`; Go `os.Remove`/`RemoveAll`, `syscall.Kill`; SQL string literals starting `DELETE FROM`, `DROP TABLE|DATABASE|SCHEMA|VIEW|INDEX`, `TRUNCATE` passed to any call; HTTP DELETE through `requests`/`httpx`, `fetch`/`axios`/`got`/`ky`, `http.NewRequest`; and methods named for deletion (`delete_object`, `deleteMany`, `DropTable`…). Deleting or writing the handler\'s own temporary files (a target named like `tmp`/`temp`, `tempfile`, `os.tmpdir()`) and clean-up in a Go `defer` are not counted. It stays quiet when the same handler tests a gate flag in a condition (`if not confirm`, `if (!args.dryRun)`, `if !req.GetBool("confirm", false)`; names containing `confirm`, `dry_run`/`dryRun`, `preview`, `approve`, `acknowledge`, or starting with `force`), or asks the user through elicitation (`ctx.elicit(…)`, `server.elicitInput(…)`/`server.server.elicitInput(…)`, a request with method `elicitation/create`, mcp-go `RequestElicitation`, go-sdk `Session.Elicit`). A `destructiveHint: true` annotation does not count as a gate — it depends on the client, and clients commonly run in auto-approve mode — but it lowers the finding to low severity, because a specification-following host can still confirm. HTTP PUT/PATCH and plain writes are not counted as destructive (MCPSafe counts PUT/PATCH). Gates or deletions in helper functions outside the handler are not seen by this fast rule.',
      fix:
        'Add a gate in the handler: a boolean `confirm` (or `dry_run` that defaults to true) parameter whose absence makes the tool only describe what it would delete, or an elicitation request (`await ctx.elicit(...)` in FastMCP, `server.server.elicitInput(...)` in the TypeScript SDK, `RequestElicitation` in mcp-go, `req.Session.Elicit` in the go-sdk) that the client shows to the user before anything is removed. Also annotate the tool `destructiveHint: true` so hosts can warn, and prefer soft-delete (move to a trash folder, mark rows deleted) where possible.',
      references: [
        { title: 'MCP specification 2025-11-25: Tools — security considerations (human in the loop)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations' },
        { title: 'MCP specification 2025-11-25: Elicitation', url: 'https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation' },
        { title: 'CWE-862: Missing Authorization', url: 'https://cwe.mitre.org/data/definitions/862.html' },
        { title: 'OWASP MCP Top 10', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /remove|unlink|rmdir|rmtree|\brm|kill|delete|drop|truncate|destroy|purge|wipe|erase|terminate|rimraf/i,
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const h of toolHandlerFacts(ctx, { gates: true })) {
        const sink = h.effects.find((e) => e.kind === 'delete');
        if (!sink || h.gated || h.elicits) continue;
        const tools = h.tools.length ? h.tools : [];
        const name = tools[0]?.name ?? h.scope.name;
        const flagged = tools.length > 0 && tools.every((t) => t.annotations?.destructiveHint === true);
        out.push({ span: nodeSpan(sink.node), data: { tool: name, sink: sink.what }, tool: name, severity: flagged ? 'low' : undefined });
      }
      return out;
    },
  },
});
