// MV1008 (MCPSafe MCP-200): a tool's readOnlyHint/destructiveHint annotation says the opposite of what its name or handler does.
import type { ToolDef } from '../../../model/inventory.js';
import type { Confidence } from '../../../model/severity.js';
import { at, defineRule, nodeSpan, type RawFinding } from '../../../rule/rule.js';
import { destructiveVerb, toolHandlerFacts, toolsOf, type Effect } from '../handler-effects.js';

export default defineRule({
  meta: {
    id: 'MV1008',
    slug: 'annotation-contradicts-behavior',
    title: 'Tool annotation contradicts what the tool does',
    category: 'tool-metadata',
    severity: 'high',
    confidence: 'medium',
    cwe: ['CWE-684', 'CWE-451'],
    owaspMcp: ['MCP03', 'MCP02'],
    aliases: ['MCP-200'],
    mode: 'fast',
    live: true,
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'tool "{tool}" is annotated {hint}, but {evidence}',
    docs: {
      summary:
        'A tool declares `readOnlyHint: true` although its handler deletes, writes or runs programs (or its name says it deletes), or declares `destructiveHint: false` although it deletes.',
      risk:
        'Clients use tool annotations to decide how much friction a call gets: many hosts auto-approve tools that say they are read-only, and skip the "this may delete data" warning for tools that say they are not destructive. A wrong annotation therefore turns a model mistake — or a prompt injection that steers the model — into a silent deletion or write with no human in the loop. The MCP specification tells clients to treat annotations as untrusted for exactly this reason, but in practice they are shown and acted upon; a server that misstates them, by accident or on purpose, removes the only confirmation step the user had.',
      detection:
        'Reads the annotations each tool declares — Python `annotations=ToolAnnotations(readOnlyHint=True)` or a dict, TypeScript `annotations: { readOnlyHint: true }` (`registerTool` config or the `server.tool(name, …, annotations, cb)` overload), mcp-go `mcp.WithReadOnlyHintAnnotation(true)` / `WithDestructiveHintAnnotation(false)` / `mcp.ToolAnnotation{…}`, go-sdk `&mcp.ToolAnnotations{ReadOnlyHint: true}` — and compares them with the tool\'s name and with the calls inside its handler (same file). `readOnlyHint: true` fires when the handler deletes (Python `os.remove`/`unlink`/`rmdir`, `shutil.rmtree`, `Path.unlink()`; Node `fs.unlink`/`rm`/`rmdir` incl. `fs/promises` and `fs-extra`, `rimraf`; Go `os.Remove`/`RemoveAll`; SQL literals starting `DELETE FROM`, `DROP TABLE`, `TRUNCATE`; HTTP DELETE through `requests`/`httpx`/`fetch`/`axios`/`http.NewRequest`; `process.kill`/`os.kill`; methods named `delete_*`/`deleteX`/`DeleteX`), writes (`open(…, "w")`, `write_text`, `fs.writeFile`, `os.WriteFile`, renames, `mkdir`, SQL `INSERT`/`UPDATE … SET`/`ALTER TABLE`, HTTP PUT/PATCH/POST), or runs a program (`subprocess`, `child_process`, `execa`, `exec.Command`) — an HTTP POST or a subprocess alone is reported at low confidence, because GraphQL and search APIs are queried with POST and many programs only read, or when the tool name leads or ends with a destructive verb (`delete_*`, `remove_*`, `drop_*`, `wipe_*`, `purge_*`, `destroy_*`, `kill_*`, `erase_*`, `truncate_*`, `revoke_*`, `reset_*`, `transfer_*`, `*_delete`…). `destructiveHint: false` fires when the handler deletes or the name is destructive. Deleting or writing the handler\'s own temporary files (a target named like `tmp`/`temp`, `tempfile`, `os.tmpdir()`) and clean-up in a Go `defer` are not counted. A tool without annotations, or whose hint is not a literal boolean, never fires: the specification\'s defaults (`readOnlyHint: false`, `destructiveHint: true`) are the safe side. Calls made in helper functions outside the handler are not seen by this fast rule.',
      fix:
        'Make the annotations describe the tool honestly: `readOnlyHint: false` for anything that changes state, and `destructiveHint: true` for anything that deletes or overwrites (or leave them out and let the safe defaults apply). If the tool was meant to be read-only, remove the writing code path or split it into a separate, correctly annotated tool.',
      references: [
        { title: 'MCP specification 2025-11-25: Tools — tool annotations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#tool' },
        { title: 'MCP schema reference: ToolAnnotations', url: 'https://modelcontextprotocol.io/specification/2025-11-25/schema#toolannotations' },
        { title: 'CWE-684: Incorrect Provision of Specified Functionality', url: 'https://cwe.mitre.org/data/definitions/684.html' },
        { title: 'OWASP MCP Top 10', url: 'https://owasp.org/www-project-mcp-top-10/' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /readOnlyHint|destructiveHint|read_only_hint|destructive_hint|ReadOnlyHint|DestructiveHint/,
    detect(ctx) {
      const annotated = toolsOf(ctx.inventory).filter(
        (t) => t.location.path === ctx.path && (t.annotations?.readOnlyHint === true || t.annotations?.destructiveHint === false),
      );
      if (!annotated.length) return [];
      const effectsOf = new Map<ToolDef, Effect[]>();
      for (const h of toolHandlerFacts(ctx)) for (const t of h.tools) effectsOf.set(t, h.effects);
      const out: RawFinding[] = [];
      for (const tool of annotated) {
        const c = contradiction(tool, effectsOf.get(tool) ?? []);
        if (!c) continue;
        const ann = tool.annotations!;
        out.push({ ...at(ann.location), data: { tool: tool.name, hint: c.hint, evidence: c.evidence }, tool: tool.name, confidence: c.confidence });
      }
      return out;
    },
  },
});

interface Contradiction {
  hint: string;
  evidence: string;
  confidence?: Confidence;
}

/** The strongest contradiction between a tool's hints and its behaviour: deleting beats a destructive name beats writing beats exec. */
function contradiction(tool: ToolDef, effects: Effect[]): Contradiction | undefined {
  const ann = tool.annotations!;
  const verb = tool.nameResolved ? destructiveVerb(tool.name) : undefined;
  const first = (kind: Effect['kind']) => effects.find((e) => e.kind === kind);
  const del = first('delete');
  const describe = (e: Effect) => `its handler calls ${e.what} (line ${e.node.startPosition.row + 1})`;
  const named = verb ? `its name says it does "${verb}"` : undefined;
  if (ann.readOnlyHint === true) {
    const hint = ann.destructiveHint === false ? 'readOnlyHint: true and destructiveHint: false' : 'readOnlyHint: true';
    if (del) return { hint, evidence: describe(del) };
    if (named) return { hint, evidence: named };
    const write = effects.find((e) => e.kind === 'write' && !e.weak);
    if (write) return { hint, evidence: describe(write) };
    // A POST or a subprocess may well only read: reported, but at low confidence.
    const weak = effects.find((e) => e.kind === 'write') ?? first('exec');
    if (weak) return { hint, evidence: `${describe(weak)}, which can change state`, confidence: 'low' };
    return undefined;
  }
  if (ann.destructiveHint === false) {
    if (del) return { hint: 'destructiveHint: false', evidence: describe(del) };
    if (named) return { hint: 'destructiveHint: false', evidence: named };
  }
  return undefined;
}
