// MV2109 (MCPSafe MCP-095): code, templates, commands or system prompts are downloaded at run time and then run.
import type { SinkKind } from '../../../flow/concepts.js';
import type { TaintFlow } from '../../../flow/taint.js';
import { defineRule, type RawFinding } from '../../../rule/rule.js';
import { flowFinding, selectFlows } from '../../../rule/taint-findings.js';

const SINKS: readonly SinkKind[] = ['code', 'template', 'llm-system', 'command'];

const EFFECT: Partial<Record<SinkKind, string>> = {
  code: 'code fetched at run time is executed, so whoever controls that response — or the network path to it — runs code in the server',
  command: 'a command fetched at run time is run, so whoever controls that response — or the network path to it — runs commands on the host',
  template: 'a template fetched at run time is compiled, and template expressions can reach the server\'s objects and data',
  'llm-system': 'the inner model\'s instructions are fetched at run time, so whoever controls that response decides what the model does',
};

export default defineRule({
  meta: {
    id: 'MV2109',
    slug: 'remote-content-drives-code',
    title: 'Behaviour is downloaded at run time: fetched content is run as code, a command, a template or a system prompt',
    category: 'injection',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-494', 'CWE-829', 'CWE-94'],
    owaspMcp: ['MCP05', 'MCP04'],
    aliases: ['MCP-095'],
    mode: 'deep',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    supersedes: ['MV2001', 'MV2002', 'MV2007'],
    message: '{source} reaches {api} in {sink}{via}{broken}{also}; {effect}',
    docs: {
      summary:
        'A tool handler downloads text over HTTP and then runs it: evaluates it as code, hands it to a shell, compiles it as a template, or uses it as the system prompt of an inner LLM call. What the server does is decided at run time by whoever serves that response.',
      risk:
        'A server that fetches its behaviour — plugins, scripts, "latest rules", prompt templates from a prompt hub — no longer behaves like the code that was reviewed and installed. Anyone who controls the remote host, its DNS, a compromised CDN, an expired domain or a network in between can change what runs inside every installation, at any time and without an update, and a URL taken from a tool argument or a fetched page lets a prompt-injected model choose the host. For a local MCP server this is code execution on the user\'s machine; for a hosted one, in the environment that holds its tokens. Even a downloaded system prompt lets the host owner turn the inner model against the user.',
      detection:
        'Deep mode only. Source: HTTP response bodies (concept `http-response`: Python `requests`, `httpx`, `aiohttp`, `urllib`; Node `fetch`, `axios`, `got`, `undici`; Go `net/http` `Get`/`Do`), whatever the URL. Sinks: `code` (Python `eval`/`exec`/`compile`/`runpy`, `importlib.import_module`; Node `eval`, `new Function`, `vm.*`, `require`/`import()` of a computed name; Go `expr`, `goja` `RunString`, `yaegi` `Eval`, `plugin.Open`), `command` (shells: `os.system`, `subprocess(..., shell=True)`, `child_process.exec`, `exec.Command("sh", "-c", …)`, and a program name taken from the response), `template` (Jinja2 `Template`/`from_string`, Handlebars/EJS/Pug/Nunjucks `compile`, Go `text/template`/`html/template` `Parse`) and `llm-system` (the system or instructions part of OpenAI, Anthropic, Gemini, LangChain and Ollama calls and of MCP sampling requests). The value is followed through decoding (`.text`, `.json()`, `io.ReadAll`), string building, containers, closures, class fields and calls into other files. Silenced by conversion to a number, an allow-list check on the value, and — for system prompts — JSON-encoding. Where the fast rules MV2001, MV2002 or MV2007 report the same line, only this finding (with its trace) is kept. Limits: only code reachable from MCP handlers is analysed (with or without arguments), so a plugin downloaded and run at start-up, outside any handler, is not seen; integrity checks (a pinned hash compared before use, a signature check) are not recognised and such code is still reported; content written to disk and loaded later is not followed.',
      fix:
        'Ship the code, commands, templates and prompts with the server, where they are reviewed, versioned and pinned with the rest of it. If something must be updated out of band, fetch data rather than code (JSON settings validated against a schema), or verify a signature or a pinned SHA-256 before using the download, over TLS to a host you control. Never take the URL of anything that will run from a tool argument or fetched content.',
      references: [
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
        { title: 'CWE-829: Inclusion of Functionality from Untrusted Control Sphere', url: 'https://cwe.mitre.org/data/definitions/829.html' },
        { title: 'CWE-94: Improper Control of Generation of Code', url: 'https://cwe.mitre.org/data/definitions/94.html' },
        { title: 'MCP specification 2025-11-25: Security best practices', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices' },
        { title: 'OWASP Top 10 2021 A08: Software and Data Integrity Failures', url: 'https://owasp.org/Top10/A08_2021-Software_and_Data_Integrity_Failures/' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const bySink = new Map<string, { flow: TaintFlow; others: TaintFlow[] }>();
      for (const flow of selectFlows(ctx, { sinks: SINKS, sources: ['http-response'] })) {
        const l = flow.sink.location;
        const key = `${l.path}\0${l.startLine}\0${l.startColumn}\0${flow.sink.kind}`;
        const seen = bySink.get(key);
        if (!seen) bySink.set(key, { flow, others: [] });
        else if (seen.flow.source.description !== flow.source.description && !seen.others.some((o) => o.source.description === flow.source.description)) seen.others.push(flow);
      }
      const out: RawFinding[] = [];
      for (const { flow, others } of bySink.values()) {
        const also = others.length ? ` (also ${others.slice(0, 2).map((o) => o.source.description).join(', ')}${others.length > 2 ? ` and ${others.length - 2} more` : ''})` : '';
        out.push(flowFinding(flow, { also, effect: EFFECT[flow.sink.kind] ?? '' }));
      }
      return out;
    },
  },
});
