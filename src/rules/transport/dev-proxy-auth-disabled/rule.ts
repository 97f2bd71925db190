// MV4011: the MCP Inspector's proxy runs with authentication switched off, on every interface, or in a version without it (CVE-2025-49596).
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../../../model/language.js';
import type { Span } from '../../../model/location.js';
import { staticString } from '../../../parse/static-value.js';
import { decodeString } from '../../../parse/string-literal.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { versionBelow } from '../../../rule/version-below.js';

const FIXED = '0.14.1';
const VAR = 'DANGEROUSLY_OMIT_AUTH';
/** `DANGEROUSLY_OMIT_AUTH=value` inside a command line (package.json script, RUN, task command). */
const SHELL_ASSIGNMENT = /\bDANGEROUSLY_OMIT_AUTH=(?:"([^"]*)"|'([^']*)'|([^\s"'&|;\\]*))/;
/** The Inspector started by a command line: its npm package (optionally pinned) or its bin. */
const INSPECTOR = /@modelcontextprotocol\/inspector(?:@([\w.^~<>=-]+))?|\bmcp-inspector\b/;
const WILDCARD_HOST = /\bHOST=["']?(?:0\.0\.0\.0|::|\[::\])["']?(?=[\s&|;]|$)/;
/** JSON keys whose string values are prose, not commands. */
const PROSE_KEYS = new Set(['description', 'readme', 'title', 'summary', 'help', 'message', 'markdownDescription', 'detail', 'notes']);
const DOTENV_LINE = /^\s*(?:export\s+)?DANGEROUSLY_OMIT_AUTH\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s#]*))/;
const YAML_LINE = /^\s*-?\s*["']?DANGEROUSLY_OMIT_AUTH["']?\s*(?::\s*(?:"([^"]*)"|'([^']*)'|([^\s#]*))|=\s*(?:"([^"]*)"|'([^']*)'|([^\s#"']*)))/;
const DOCKER_ENV = /^\s*(?:ENV|ARG)\s+(?:[\w.-]+=\S*\s+)*DANGEROUSLY_OMIT_AUTH(?:\s*=\s*|\s+)(?:"([^"]*)"|'([^']*)'|([^\s"'\\]*))/i;

const IMPACT = {
  omit: 'the Inspector proxy then accepts requests without its session token, so any web page or local process can make it start arbitrary commands (CVE-2025-49596)',
  host: 'the Inspector proxy, which starts commands on request, listens on every network interface instead of localhost',
  version: `Inspector versions before ${FIXED} run a proxy with no authentication at all (CVE-2025-49596)`,
} as const;

export default defineRule({
  meta: {
    id: 'MV4011',
    slug: 'dev-proxy-auth-disabled',
    title: 'MCP Inspector proxy exposed without authentication',
    category: 'transport',
    severity: 'critical',
    confidence: 'high',
    cwe: ['CWE-306', 'CWE-1188'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: [],
    mode: 'fast',
    languages: ['typescript', 'dotenv', 'manifest', 'dockerfile'],
    status: 'stable',
    message: '{what}: {impact}',
    docs: {
      summary:
        'The MCP Inspector — the official debugging UI whose local proxy launches MCP servers on request — is started with `DANGEROUSLY_OMIT_AUTH` set, bound to every interface with `HOST=0.0.0.0`, or pinned to a version older than 0.14.1, which had no proxy authentication.',
      risk:
        'The Inspector proxy exists to spawn arbitrary commands (the stdio server to debug) and relay traffic to them. Before 0.14.1 any web page could reach it through the browser and run commands on the developer\'s machine (CVE-2025-49596, CVSS 9.4); the fix added a per-launch session token, a localhost bind and Origin checks. `DANGEROUSLY_OMIT_AUTH` switches the token check off again — and the proxy only tests that the variable is set, so even `DANGEROUSLY_OMIT_AUTH=false` disables it. Committing it to a script, `.env` or image makes every developer who runs `npm run inspect` exposed; `HOST=0.0.0.0` extends the reach to everyone on the network.',
      detection:
        'Fires on `DANGEROUSLY_OMIT_AUTH` set to any non-empty value: in `package.json` scripts and other JSON command strings (`"inspect": "DANGEROUSLY_OMIT_AUTH=true npx @modelcontextprotocol/inspector …"`, Windows `set DANGEROUSLY_OMIT_AUTH=true&&…`), as a JSON key in `env` blocks, in `.env` files, in YAML (`environment:` of a compose service), in Dockerfile `ENV`/`ARG`/`RUN`, and in JavaScript/TypeScript as `process.env.DANGEROUSLY_OMIT_AUTH = "…"` or an `env` object passed to a child process. Also fires on a JSON command string that runs the Inspector (`@modelcontextprotocol/inspector`, `mcp-inspector`) with `HOST=0.0.0.0`/`::` (high rather than critical, as the session token still applies), and on one that pins `@modelcontextprotocol/inspector@<version>` below 0.14.1. An empty value does not fire, nor do prose fields (`description`) or comments. Dependency ranges of the Inspector in `package.json` are reported by the vulnerable-dependency rule (MV6004), not here; `HOST=0.0.0.0` inside a Dockerfile is not reported, since a container needs it and port publishing decides the exposure.',
      fix:
        'Remove `DANGEROUSLY_OMIT_AUTH` everywhere and use the session token the Inspector prints at start-up (or set `MCP_PROXY_AUTH_TOKEN` from a secret for automation). Keep the proxy on localhost (drop `HOST=0.0.0.0`; in Docker publish the port as `-p 127.0.0.1:6277:6277`) and run `@modelcontextprotocol/inspector` 0.14.1 or later — `npx @modelcontextprotocol/inspector@latest` in scripts.',
      references: [
        { title: 'CVE-2025-49596: MCP Inspector proxy without authentication', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-49596' },
        { title: 'GHSA-7f8r-222p-6f5g: MCP Inspector advisory', url: 'https://github.com/advisories/GHSA-7f8r-222p-6f5g' },
        { title: 'MCP Inspector README: proxy authentication and DANGEROUSLY_OMIT_AUTH', url: 'https://github.com/modelcontextprotocol/inspector' },
        { title: 'CWE-306: Missing Authentication for Critical Function', url: 'https://cwe.mitre.org/data/definitions/306.html' },
      ],
    },
  },
  file: {
    languages: ['javascript', 'typescript', 'tsx', 'dotenv', 'json', 'yaml', 'dockerfile'],
    requires: /DANGEROUSLY_OMIT_AUTH|inspector/,
    detect(ctx) {
      switch (ctx.language) {
        case 'json':
          return detectJson(ctx);
        case 'dotenv':
          return lineHits(ctx, DOTENV_LINE);
        case 'yaml':
          return lineHits(ctx, YAML_LINE);
        case 'dockerfile':
          return [...lineHits(ctx, DOCKER_ENV), ...dockerRun(ctx)];
        default:
          return ctx.tree && ctx.codeLanguage ? detectCode(ctx, ctx.codeLanguage) : [];
      }
    },
  },
});

function finding(span: Span, what: string, impact: keyof typeof IMPACT): RawFinding {
  // With its session token still required, an Inspector on every interface is serious but not an open door.
  return { span, data: { what, impact: IMPACT[impact] }, ...(impact === 'host' ? { severity: 'high' as const } : {}) };
}

function lineSpan(row: number, column: number, line: string): Span {
  return { start: { row, column }, end: { row, column: Math.max(column + 1, line.length) } };
}

function setWhat(value: string): string {
  const shown = value.length > 20 ? `${value.slice(0, 17)}…` : value;
  return /^(?:false|0|no|off)$/i.test(value) ? `${VAR}=${shown} still disables auth (the Inspector only checks that it is set)` : `${VAR}=${shown}`;
}

/** One finding per line whose first non-empty capture group is a non-empty value. */
function lineHits(ctx: FileContext, re: RegExp): RawFinding[] {
  const out: RawFinding[] = [];
  ctx.lines.forEach((line, row) => {
    if (line.length > 4000 || line.trimStart().startsWith('#')) return;
    const m = re.exec(line);
    const value = m?.slice(1).find((g) => g !== undefined);
    if (m && value) out.push(finding(lineSpan(row, m.index + (m[0].length - m[0].trimStart().length), line), setWhat(value), 'omit'));
  });
  return out;
}

/** `RUN DANGEROUSLY_OMIT_AUTH=1 npx …` in a Dockerfile. */
function dockerRun(ctx: FileContext): RawFinding[] {
  const out: RawFinding[] = [];
  ctx.lines.forEach((line, row) => {
    if (!/^\s*RUN\b/i.test(line)) return;
    const m = SHELL_ASSIGNMENT.exec(line);
    const value = m?.slice(1).find((g) => g !== undefined);
    if (m && value) out.push(finding(lineSpan(row, m.index, line), setWhat(value), 'omit'));
  });
  return out;
}

/** What a command line does wrong, if anything: auth off, wildcard host for the Inspector, or an old pinned Inspector. */
function commandProblem(command: string): { what: string; impact: keyof typeof IMPACT } | undefined {
  const omit = SHELL_ASSIGNMENT.exec(command);
  const value = omit?.slice(1).find((g) => g !== undefined);
  if (value) return { what: setWhat(value), impact: 'omit' };
  const inspector = INSPECTOR.exec(command);
  if (!inspector) return undefined;
  if (WILDCARD_HOST.test(command)) return { what: 'HOST=0.0.0.0 for the Inspector', impact: 'host' };
  const version = inspector[1];
  if (version && versionBelow(version, FIXED)) return { what: `@modelcontextprotocol/inspector@${version}`, impact: 'version' };
  return undefined;
}

function detectJson(ctx: FileContext): RawFinding[] {
  let doc: unknown;
  try {
    doc = JSON.parse(ctx.text);
  } catch {
    return [];
  }
  const out: RawFinding[] = [];
  const used = new Set<number>();
  const place = (needle: string): Span => {
    const row = ctx.lines.findIndex((l, i) => !used.has(i) && l.includes(needle));
    const r = row >= 0 ? row : 0;
    used.add(r);
    const line = ctx.lines[r] ?? '';
    return lineSpan(r, Math.max(0, line.length - line.trimStart().length), line);
  };
  // Iterative walk: manifests can nest deeply and recursion is not allowed on untrusted input.
  const stack: { key: string; value: unknown }[] = [{ key: '', value: doc }];
  while (stack.length) {
    const { key, value } = stack.pop()!;
    if (typeof value === 'string') {
      if (PROSE_KEYS.has(key)) continue;
      const p = commandProblem(value);
      if (p) out.push(finding(place(JSON.stringify(value).slice(1, -1)), p.what, p.impact));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ key, value: value[i] });
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i]!;
        if (k === VAR && (v === true || typeof v === 'number' || (typeof v === 'string' && v !== ''))) {
          out.push(finding(place(`"${VAR}"`), setWhat(String(v)), 'omit'));
        } else stack.push({ key: k, value: v });
      }
    }
  }
  return out.sort((a, b) => a.span.start.row - b.span.start.row);
}

function detectCode(ctx: FileContext, lang: CodeLanguage): RawFinding[] {
  const out: RawFinding[] = [];
  const assignments = ctx.assignments();
  const valueOf = (n: Node): string | undefined => {
    if (n.type === 'true' || n.type === 'number') return n.text;
    const s = staticString(n, lang, assignments);
    return s?.complete ? s.value : undefined;
  };
  for (const node of descendantsOfType(ctx.tree!.rootNode, ['pair', 'assignment_expression'])) {
    let value: Node | null = null;
    if (node.type === 'pair') {
      const key = node.childForFieldName('key');
      const k = key?.type === 'property_identifier' ? key.text : key ? decodeString(key, lang)?.value : undefined;
      if (k === VAR) value = node.childForFieldName('value');
    } else {
      const left = node.childForFieldName('left');
      const index = left?.type === 'subscript_expression' ? left.childForFieldName('index') : null;
      const prop = left?.type === 'member_expression' ? left.childForFieldName('property')?.text : index ? decodeString(index, lang)?.value : undefined;
      if (prop === VAR && /^process\.env\b/.test(left?.text ?? '')) value = node.childForFieldName('right');
    }
    const v = value ? valueOf(value) : undefined;
    if (v) out.push(finding(nodeSpan(node), setWhat(v), 'omit'));
  }
  return out;
}
