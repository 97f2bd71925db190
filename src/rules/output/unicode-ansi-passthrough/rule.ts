// MV7106 (MCPSafe MCP-223, MCP-083): program output (or, when enabled, echoed arguments) returned to the client without control and tag characters stripped.
import type { SourceKind } from '../../../flow/concepts.js';
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { flowFinding } from '../../../rule/taint-findings.js';
import { linesAt, siteOfFlow, textAt, toolSites, type ToolSite } from '../../network/tool-flow-facts.js';

const ECHO_SOURCES: readonly SourceKind[] = ['tool-input', 'prompt-arg', 'resource-uri'];

/** Helpers whose name says they strip escapes or invisible characters. */
const STRIP_NAME = /strip|sanitiz|scrub|printable|(?:remove|drop|clean|filter|escape)[-_]?(?:ansi|control|ctrl|escape|invisible|unicode|tags?|nonprint)|ansi|control[-_]?char/i;
/**
 * Code that removes terminal escapes or invisible characters: escape-sequence regexes (`\x1b`, `\u001b`, `\033`,
 * C0/C1 ranges, `\p{C}`, Unicode tag ranges), character-class predicates (`unicode.IsControl`, `isprintable`,
 * `unicodedata.category`), and stripping libraries (`strip-ansi`, `stripVTControlCharacters`, `stripansi`).
 */
const STRIP_CODE =
  /\\x1[bB]|\\u001[bB]|\\u\{1[bB]\}|\\033|\\e\[|\\x00-|\\x0[0-9a-fA-F]-|\\u0000-|\\x7[fF]-|\\p\{C[cfo]?\}|\\p\{Cc\}|\[:cntrl:\]|\[:print:\]|\\u\{[eE]0{3,4}\}|\\U000[eE]0|\\u[dD][bB]40|unicode\.IsControl|unicode\.IsPrint|unicode\.IsGraphic|\.isprintable\(|unicodedata\.category|strip-?ansi|stripAnsi|stripVTControlCharacters|stripansi|ansi\.Strip|acarl005/;

export default defineRule({
  meta: {
    id: 'MV7106',
    slug: 'unicode-ansi-passthrough',
    title: 'Program output returned to the client without stripping control and invisible characters',
    category: 'output',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-150', 'CWE-116'],
    owaspMcp: ['MCP06', 'MCP10'],
    aliases: ['MCP-223', 'MCP-083'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    // Returning what a program printed is what CLI-wrapping tools are for: an audit rule, selected on purpose.
    enabledByDefault: false,
    message: '{source} reaches {api} in {sink}{via}{broken}{also}, with no step that strips terminal escapes or invisible Unicode',
    docs: {
      summary:
        'A tool handler runs a program and returns what it printed — `git log`, a build, a linter, `kubectl logs` — without removing terminal escape sequences (ESC/CSI/OSC) and invisible Unicode (tag characters U+E0000–U+E007F, bidirectional controls, zero-width characters) first.',
      risk:
        'Program output carries text written by other people: commit messages, file names, log lines, package descriptions. Terminal-based MCP clients print tool results to the user\'s terminal, where escape sequences can hide lines, move the cursor to overwrite what was shown, or plant hyperlinks whose target differs from their text; the model, meanwhile, reads every byte. Unicode tag characters are invisible in every client but are read by the model as ordinary text, which makes them a channel for instructions that the user reviewing the result cannot see ("ASCII smuggling"). An attacker who can get a commit message or a log line into the output can therefore show the user one thing and tell the model another.',
      detection:
        'Deep mode, and off by default — returning what a program printed is what tools that wrap a CLI are for, so this rule audits where unfiltered program output reaches the client; select it with `--rule MV7106`, `--all-rules` or the config. Source: output of other programs (`subprocess-output`): Python `subprocess.run`/`check_output`/`Popen`, `os.popen`, `asyncio.create_subprocess_*`, `pexpect.run`, paramiko `exec_command`; Node `child_process` `exec`/`execFile`/`spawn` (also promisified), `execa`, `zx`; Go `exec.Cmd` `Output`/`CombinedOutput`/`StdoutPipe`. Sink: what a tool or prompt handler returns (`tool-output`, `prompt-output`), followed through helpers in other files, string building, containers and callbacks. One finding per handler, at the handler. It stays quiet when the trace passes through a helper whose name says it strips (`strip_ansi`, `sanitize_output`, `remove_control_chars`…), or when the handler or a step of the trace contains code that removes escapes or invisible characters: a regex with `\\x1b`/`\\u001b`/`\\033`, a C0/C1 range (`\\x00-\\x1f`, `\\x7f-\\x9f`), `\\p{C}`/`\\p{Cc}`, a tag range (`\\u{E0000}`, `\\U000E0000`), `[[:cntrl:]]`; `unicode.IsControl`/`IsPrint`/`IsGraphic` in Go, `str.isprintable()`/`unicodedata.category` in Python; the `strip-ansi` package, `util.stripVTControlCharacters` or Go `stripansi`. Such a step is taken at its word — a regex that only removes colour codes still leaves tag characters in. With the option `echoArguments: true`, tool, prompt and resource-template arguments returned as they are are reported too, at low confidence (the model chose them, but a prompt injection may have). Output collected by a stream callback into a variable of the handler (`proc.stdout.on("data", (c) => (out += c))`) is followed. Limits: Go output read line by line (`scanner.Scan()`) is followed only as far as the solver follows loops over a reader.',
      fix:
        'Strip control characters (keep `\\n` and `\\t`), the C1 range, bidirectional overrides and the Unicode tag block from anything a program printed before returning it — in Python `re.sub(r"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069\\U000e0000-\\U000e007f]", "", out)`, in Node `stripVTControlCharacters()` from `node:util` plus a replace of `/[\\u{E0000}-\\u{E007F}\\u202A-\\u202E\\u2066-\\u2069]/gu`, in Go `strings.Map` dropping runes for which `unicode.IsControl` or `unicode.Is(unicode.Tags, r)` holds (except newline and tab). Run programs with colour off (`--no-color`, `NO_COLOR=1`, `TERM=dumb`) so legitimate output has nothing to strip, and return only the fields the task needs.',
      references: [
        { title: 'Trail of Bits: deceiving users with ANSI terminal codes in MCP', url: 'https://blog.trailofbits.com/2025/04/29/deceiving-users-with-ansi-terminal-codes-in-mcp/' },
        { title: 'Embrace The Red: ASCII smuggler — hidden prompt injections with Unicode tags', url: 'https://embracethered.com/blog/posts/2024/hiding-and-finding-text-with-unicode-tags/' },
        { title: 'Unicode Standard: Tags block (U+E0000–U+E007F)', url: 'https://www.unicode.org/charts/PDF/UE0000.pdf' },
        { title: 'CWE-150: Improper Neutralization of Escape, Meta, or Control Sequences', url: 'https://cwe.mitre.org/data/definitions/150.html' },
        { title: 'OWASP LLM01:2025 Prompt Injection', url: 'https://genai.owasp.org/llmrisk/llm01-prompt-injection/' },
      ],
    },
  },
  defaultOptions: { echoArguments: false },
  project: {
    detect(ctx) {
      const echo = ctx.options.echoArguments === true;
      const sites = toolSites(ctx);
      const flows = ctx
        .flows()
        .filter((f) => (f.sink.kind === 'tool-output' || f.sink.kind === 'prompt-output') && (f.source.kind === 'subprocess-output' || (echo && ECHO_SOURCES.includes(f.source.kind))))
        .filter((f) => !f.marks?.includes('control-stripped'));
      const bySink = new Map<string, TaintFlow[]>();
      for (const f of flows) {
        if (stripped(ctx, f, siteOfFlow(sites, f))) continue;
        const l = f.sink.location;
        const key = `${l.path}:${l.startLine}:${l.startColumn}`;
        bySink.set(key, [...(bySink.get(key) ?? []), f]);
      }
      const out: RawFinding[] = [];
      for (const group of bySink.values()) {
        // Program output first: it is the finding; echoed arguments are mentioned with it.
        const sorted = [...group].sort((a, b) => rank(a) - rank(b));
        const flow = sorted[0]!;
        const others = [...new Set(sorted.slice(1).map((o) => o.source.description))].filter((d) => d !== flow.source.description);
        const also = others.length ? ` (also ${others.slice(0, 2).join(', ')}${others.length > 2 ? ` and ${others.length - 2} more` : ''})` : '';
        const f = flowFinding(flow, { also, broken: '' });
        f.related = undefined;
        if (flow.source.kind !== 'subprocess-output') f.confidence = 'low';
        // The sink is the whole handler: show its first line only.
        if (flow.sink.location.endLine > flow.sink.location.startLine) f.span = { start: f.span.start, end: { row: f.span.start.row, column: f.span.start.column + 1 } };
        out.push(f);
      }
      return out;
    },
  },
});

function rank(f: TaintFlow): number {
  return f.source.kind === 'subprocess-output' ? 0 : 1;
}

/** Whether the trace passes through something that strips control or invisible characters. */
function stripped(ctx: ProjectContext, flow: TaintFlow, site: ToolSite | undefined): boolean {
  for (const v of flow.via) {
    if (STRIP_NAME.test(v.name)) return true;
    const body = textAt(ctx, v.location, 80);
    if (STRIP_CODE.test(body) || usesStripPattern(ctx, v.location.path, body)) return true;
  }
  for (const s of flow.steps.slice(0, -1)) {
    const text = linesAt(ctx, s.location, 8);
    if (STRIP_CODE.test(text) || usesStripPattern(ctx, s.location.path, text)) return true;
  }
  // The return statement is not a step of the trace: look at the handler's own code.
  if (!site) return false;
  const handler = textAt(ctx, site.handler.location, 300);
  return STRIP_CODE.test(handler) || usesStripPattern(ctx, site.handler.location.path, handler);
}

/** `CONTROL.sub("", s)`, `s.replace(CONTROL, "")`, `ansiRe.ReplaceAllString(s, "")`: a pattern applied by name. */
const APPLIED_PATTERN = /\b([A-Za-z_$][\w$]{0,60})\.(?:sub|subn|ReplaceAllString|ReplaceAllLiteralString|ReplaceAll)\(|\.replace(?:All)?\(\s*([A-Za-z_$][\w$]{0,60})\s*,/g;

/** Whether the code applies a pattern whose definition in the same file removes escapes or invisible characters. */
function usesStripPattern(ctx: ProjectContext, path: string, code: string): boolean {
  const names = new Set<string>();
  for (const m of code.matchAll(APPLIED_PATTERN)) names.add((m[1] ?? m[2])!);
  if (!names.size) return false;
  const lines = ctx.lines(path);
  for (const name of names) {
    const def = new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}\\s*(?::[^=\\n]{0,80})?:?=`);
    for (let i = 0; i < lines.length; i++) {
      if (!def.test(lines[i]!)) continue;
      if (STRIP_CODE.test(lines.slice(i, i + 3).join('\n'))) return true;
    }
  }
  return false;
}
