// MV7004 (MCPSafe MCP-083): a tool handler returns terminal escape sequences, as literals or from a subprocess run with colour forced on.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import { decodeString, isStringNode } from '../../../parse/string-literal.js';
import type { CallSite } from '../../../parse/call-sites.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingHandler, handlerScopes } from '../../../rule/tool-handlers.js';
import { callName, classifyCall, toolOutputTexts } from '../../tool-metadata/handler-effects.js';

/** ESC and the single-byte C1 CSI/OSC introducers. */
const CONTROL = /[\u001b\u009b\u009d]/;
/** An octal `\033` escape left as text: sloppy-mode JavaScript still reads it as ESC. */
const OCTAL_ESC = /\\033\[/;
const COLOR_FLAG = /--colou?r=(?:always|force)\b|--force-colou?r\b|\bcolou?r\.ui=always\b/;
const FORCE_ENV = /\b(FORCE_COLOR|CLICOLOR_FORCE)["'`]?\s*[:=]\s*["'`]?([\w.-]*)/;
/** Argument texts longer than this are not searched for colour flags (generated data, not an argv). */
const MAX_ARG_TEXT = 4000;

export default defineRule({
  meta: {
    id: 'MV7004',
    slug: 'ansi-escape-in-output',
    title: 'Tool output contains terminal escape sequences',
    category: 'output',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-150'],
    owaspMcp: ['MCP06'],
    aliases: ['MCP-083'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'tool "{tool}" {how}; escape sequences in a result can hide or rewrite text in terminal clients while the model still reads all of it',
    docs: {
      summary:
        'A tool handler returns text with ANSI/VT escape sequences — written as literals (`"\\x1b[31m"`, `"\\033["`, `"\\u001b]8;;"`) or produced by a program the handler runs with colour forced on (`--color=always`, `FORCE_COLOR=1`).',
      risk:
        'Terminal-based MCP clients and coding agents print tool results to the user\'s terminal. Escape sequences there can hide text (`ESC[8m`), move the cursor to overwrite what was shown, set the window title or plant OSC 8 hyperlinks whose target differs from the visible text — so the user reviewing a result sees something other than what the model received. Trail of Bits showed this "ANSI deception" against MCP clients; even when no one is attacking, colour codes waste context and can confuse the model\'s reading of the result.',
      detection:
        'In the text tool handlers return (`return` values, expression-bodied handler arrows, `{ type: "text", text }` objects, `TextContent(...)`, `mcp.NewToolResultText(...)`, go-sdk `&mcp.TextContent{Text: …}`), after decoding escapes and resolving constants, any ESC (U+001B) or single-byte CSI/OSC (U+009B, U+009D) fires, as does a literal `\\033[` in JavaScript source. Separately, inside a tool handler, a subprocess call (Python `subprocess`, `os.popen`, `asyncio.create_subprocess_*`; Node `child_process`, `execa`; Go `exec.Command`) fires when its arguments force colour — `--color=always`, `--colour=always`, `--color=force`, `--force-color`, git `-c color.ui=always` — or when a call in the same handler sets `FORCE_COLOR`/`CLICOLOR_FORCE` to a non-zero value (an `env` mapping, `cmd.Env = append(…, "FORCE_COLOR=1")`); the fast rule assumes such output is captured for the result. Escape sequences that arrive in data (a file, a web page, a program\'s normal output) are the deep rule\'s concern; tool metadata is checked by MV1003.',
      fix:
        'Return plain text. Run programs with colour off (`--no-color`, `--color=never`, `NO_COLOR=1`, `TERM=dumb`) and strip control characters from anything external before returning it — for example `re.sub(r"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]", "", s)` in Python, the `strip-ansi` package or an equivalent regex in Node, `strings.Map` dropping `unicode.IsControl` runes (except newline and tab) in Go.',
      references: [
        { title: 'Trail of Bits: deceiving users with ANSI terminal codes in MCP', url: 'https://blog.trailofbits.com/2025/04/29/deceiving-users-with-ansi-terminal-codes-in-mcp/' },
        { title: 'ECMA-48: Control Functions for Coded Character Sets', url: 'https://ecma-international.org/publications-and-standards/standards/ecma-48/' },
        { title: 'NO_COLOR: disabling ANSI colour output by default', url: 'https://no-color.org/' },
        { title: 'CWE-150: Improper Neutralization of Escape, Meta, or Control Sequences', url: 'https://cwe.mitre.org/data/definitions/150.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /\\x1b|\\x1B|\\033|\\u001b|\\u001B|\\u\{1b\}|\\e\[|\\x9b|\\u009b|\u001b|colou?r|COLOR/,
    detect(ctx) {
      const lang = ctx.codeLanguage;
      if (!lang) return [];
      const out: RawFinding[] = [];
      for (const t of toolOutputTexts(ctx)) {
        const kind = escapeKind(t.value) ?? (lang !== 'python' && lang !== 'go' && OCTAL_ESC.test(t.node.text) ? 'ESC[ (CSI)' : undefined);
        if (!kind) continue;
        out.push({ span: nodeSpan(t.node), data: { tool: t.scope.name, how: `returns text containing ${kind} escape sequences` }, tool: t.scope.name });
      }
      out.push(...colourForcedRuns(ctx.calls(), lang, ctx));
      return out;
    },
  },
});

function escapeKind(text: string): string | undefined {
  const m = CONTROL.exec(text);
  if (!m) return undefined;
  const c = m[0];
  if (c === '\u009b') return 'CSI (U+009B)';
  if (c === '\u009d') return 'OSC (U+009D)';
  const next = text[m.index + 1];
  return next === '[' ? 'ESC[ (CSI)' : next === ']' ? 'ESC] (OSC)' : 'ESC';
}

/** Subprocess calls in tool handlers that force colour on, through a flag or a FORCE_COLOR-style variable set in the handler. */
function colourForcedRuns(calls: readonly CallSite[], lang: CodeLanguage, ctx: FileContext): RawFinding[] {
  const scopes = handlerScopes(ctx.inventory).filter((s) => s.kind === 'tool');
  if (!scopes.length) return [];
  const assignments = ctx.assignments();
  const perHandler = new Map<string, { execs: { node: Node; name: string; flag?: string }[]; env?: string; tool: string }>();
  for (const call of calls) {
    const scope = enclosingHandler(scopes, call.node);
    if (!scope) continue;
    const key = `${scope.handler.location.startLine}:${scope.handler.location.startColumn}`;
    const h = perHandler.get(key) ?? { execs: [], tool: scope.name };
    perHandler.set(key, h);
    const args = [...call.args, ...call.kwargs.values()];
    const env = args.map((a) => forcedEnv(a, lang)).find(Boolean);
    if (env) h.env ??= env;
    if (classifyCall(call, lang, assignments)?.kind === 'exec') h.execs.push({ node: call.node, name: callName(call), flag: args.map((a) => colourFlag(a, lang)).find(Boolean) });
  }
  const out: RawFinding[] = [];
  for (const h of perHandler.values()) {
    for (const e of h.execs) {
      const why = e.flag ?? h.env;
      if (!why) continue;
      out.push({ span: nodeSpan(e.node), data: { tool: h.tool, how: `runs ${e.name} with colour forced on (${why}) and can return its coloured output` }, tool: h.tool });
    }
  }
  return out;
}

/** Text of an argument that may hold an argv or options: a string, or a small list/array/object literal. */
function argText(a: Node, lang: CodeLanguage): string | undefined {
  if (isStringNode(a, lang)) return decodeString(a, lang)?.value;
  if (a.text.length > MAX_ARG_TEXT) return undefined;
  return ['list', 'array', 'tuple', 'dictionary', 'object', 'composite_literal', 'call', 'call_expression'].includes(a.type) ? a.text : undefined;
}

function colourFlag(a: Node, lang: CodeLanguage): string | undefined {
  const t = argText(a, lang);
  return t ? COLOR_FLAG.exec(t)?.[0].trim() : undefined;
}

function forcedEnv(a: Node, lang: CodeLanguage): string | undefined {
  const t = argText(a, lang);
  const m = t ? FORCE_ENV.exec(t) : null;
  if (!m) return undefined;
  const v = m[2]!.toLowerCase();
  return v === '0' || v === 'false' || v === '' ? undefined : `${m[1]}=${m[2]}`;
}
