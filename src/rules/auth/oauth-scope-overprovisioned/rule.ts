// MV5015 (MCPSafe MCP-204): OAuth scopes that grant write/admin power to a server whose tools only read (heuristic).
import type { ToolDef } from '../../../model/inventory.js';
import type { Span } from '../../../model/location.js';
import { defineRule, type ProjectContext, type RawFinding } from '../../../rule/rule.js';
import { nameWords, isTestPath } from '../token-api-facts.js';

interface Broad {
  /** What the scope grants, for the message. */
  grants: string;
}

/** Scopes that are far broader than reading (exact match). */
const BROAD_EXACT: Record<string, string> = {
  '*': 'every permission',
  all: 'every permission',
  admin: 'administrative access',
  full_access: 'full access',
  root: 'administrative access',
  repo: 'GitHub read/write access to all public and private repositories',
  delete_repo: 'GitHub repository deletion',
  'admin:org': 'GitHub organization administration',
  'write:org': 'GitHub organization membership changes',
  'admin:repo_hook': 'GitHub webhook administration',
  'admin:org_hook': 'GitHub organization webhook administration',
  'admin:public_key': 'GitHub SSH key administration',
  'admin:gpg_key': 'GitHub GPG key administration',
  'admin:enterprise': 'GitHub enterprise administration',
  'write:packages': 'GitHub package publishing',
  'delete:packages': 'GitHub package deletion',
  workflow: 'GitHub Actions workflow changes',
  'https://www.googleapis.com/auth/drive': 'read/write/delete access to every Google Drive file',
  'https://mail.google.com/': 'full Gmail access, including permanent deletion',
  'https://www.googleapis.com/auth/gmail.modify': 'Gmail read/write/send',
  'https://www.googleapis.com/auth/cloud-platform': 'every Google Cloud API the user can reach',
  'https://www.googleapis.com/auth/calendar': 'read/write access to every Google calendar',
  'https://www.googleapis.com/auth/spreadsheets': 'read/write access to every Google Sheet',
  'https://www.googleapis.com/auth/documents': 'read/write access to every Google Doc',
  'https://www.googleapis.com/auth/contacts': 'read/write access to Google contacts',
  'Directory.AccessAsUser.All': 'Microsoft Graph directory access as the user',
};
/** Scope families that are broad by construction. */
const BROAD_PATTERNS: [RegExp, string][] = [
  [/^https:\/\/www\.googleapis\.com\/auth\/admin\./, 'Google Workspace administration'],
  [/^admin\.[a-z.]+(?::(?:read|write))?$/, 'Slack workspace administration'],
  [/^[A-Z][A-Za-z]+\.ReadWrite\.All$/, 'Microsoft Graph tenant-wide read/write'],
];

/** A key or name followed by `:` or `=`; `isScopeKey` decides whether it introduces scopes. */
const KEY = /["']?\b([A-Za-z_][A-Za-z0-9_]*)["']?\s*(?::(?!:)|=(?!=))/g;
const STRING = /"([^"\\\n]*)"|'([^'\\\n]*)'|`([^`\\]*)`/g;
/** Tool names that read: `get_`, `list_`, `search_`… (snake_case or camelCase). */
const READ_NAME = /^(?:get|list|search|read|fetch|find|query|describe|show|lookup|count|view|check)(?:_|-|[A-Z]|$)/;
const MAX_LINES = 30;
const CODE = new Set(['python', 'javascript', 'typescript', 'tsx', 'go', 'json', 'yaml', 'toml']);

export default defineRule({
  meta: {
    id: 'MV5015',
    slug: 'oauth-scope-overprovisioned',
    title: 'OAuth scopes broader than the read-only tools need',
    category: 'auth',
    severity: 'medium',
    confidence: 'low',
    cwe: ['CWE-250'],
    owaspMcp: ['MCP02'],
    aliases: ['MCP-204'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'experimental',
    enabledByDefault: false,
    message: 'OAuth scope "{scope}" grants {grants}, but {tools}; request a read-only scope instead',
    docs: {
      summary: 'The server requests or advertises an OAuth scope that grants write, delete or admin rights (GitHub `repo`, `admin:org`, Google full Drive or Gmail, `cloud-platform`, Slack `admin`, `*`), while every tool it exposes only reads.',
      risk:
        'Whatever a token can do, a manipulated agent can make the server do: a prompt injection in an issue, e-mail or document steers tool calls, and the OAuth scope — not the tool list — is the real limit. An MCP server that only lists and reads but holds `repo` or full Drive access turns every injection into a possible write, deletion or data theft across all of the user\'s resources, and a leaked token carries the same reach. The MCP security guidance on scope minimisation asks for the smallest scopes that make the tools work, with step-up authorization when a write is actually needed.',
      detection:
        'Heuristic, off by default (enable with `--rule MV5015`, `--all-rules` or the config). Runs on the whole project: it fires only when the project has at least one tool and every tool looks read-only — `readOnlyHint: true`, or a name starting with `get`, `list`, `search`, `read`, `fetch`, `find`, `query`, `describe`, `show`, `lookup`, `count`, `view` or `check` — and no tool is marked `readOnlyHint: false` or `destructiveHint: true`. It then reads the string literals that follow a scope key or name in source and config files (any key or variable whose last word is `scope` or `scopes` — `scope`, `requiredScopes`, `default_scopes`, `GITHUB_SCOPES`, Go `Scopes: []string{…}` — and `scopes_supported`/`scopesSupported`), splitting space- or comma-separated lists, and reports broad scopes: `*`, `all`, `admin`, `full_access`, `root`; GitHub `repo`, `delete_repo`, `admin:*`, `write:org`, `write:packages`, `workflow`; Google full `drive`, `https://mail.google.com/`, `gmail.modify`, `cloud-platform`, full `calendar`/`spreadsheets`/`documents`/`contacts` and `admin.*`; Slack `admin.*`; Microsoft Graph `*.ReadWrite.All`. Scopes held in variables or built at run time are not resolved, and the rule cannot know which API calls the tools make — it compares with the tools\' declared intent only. Test code (`tests/`, `test_*.py`, `*_test.go`, `*.test.ts`, `*.spec.ts`, `testdata/`) is not scanned.',
      fix: 'Request the narrowest scopes the tools use and ask for more only when a write tool is invoked (incremental authorization / step-up): GitHub fine-grained tokens or `read:org`, `public_repo` only when writing; Google `drive.readonly`, `drive.file`, `gmail.readonly`, `calendar.readonly`; Slack read scopes such as `channels:history`; Graph `*.Read`. Advertise the same minimal set in `scopes_supported`.',
      references: [
        { title: 'MCP security best practices: scope minimization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#scope-minimization' },
        { title: 'GitHub: scopes for OAuth apps', url: 'https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps' },
        { title: 'Google: OAuth 2.0 scopes for Google APIs', url: 'https://developers.google.com/identity/protocols/oauth2/scopes' },
        { title: 'CWE-250: Execution with Unnecessary Privileges', url: 'https://cwe.mitre.org/data/definitions/250.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const tools = ctx.inventory.servers.flatMap((s) => s.tools);
      if (tools.length === 0 || !tools.every(readsOnly)) return [];
      const hinted = tools.filter((t) => t.annotations?.readOnlyHint === true).length;
      const summary =
        tools.length === 1
          ? `the only tool, "${tools[0]!.name}", only reads`
          : `all ${tools.length} tools only read (${hinted === tools.length ? 'readOnlyHint' : hinted === 0 ? 'get/list/search/read names' : 'readOnlyHint or read-style names'})`;
      const out: RawFinding[] = [];
      for (const file of ctx.files) {
        if (!CODE.has(file.language) || isTestPath(file.path)) continue;
        for (const hit of scopesIn(ctx, file.path)) out.push({ path: file.path, span: hit.span, data: { scope: hit.scope, grants: hit.grants, tools: summary } });
      }
      return out;
    },
  },
});

function readsOnly(t: ToolDef): boolean {
  if (!t.nameResolved) return false;
  if (t.annotations?.readOnlyHint === false || t.annotations?.destructiveHint === true) return false;
  return t.annotations?.readOnlyHint === true || READ_NAME.test(t.name);
}

/** `scope`, `scopes`, `requiredScopes`, `GITHUB_SCOPES`, `scopes_supported` — not `scopeDescription` or `telescope`. */
function isScopeKey(name: string): boolean {
  const words = nameWords(name);
  const last = words.at(-1);
  if (last === 'scope' || last === 'scopes') return true;
  return words.length >= 2 && words.at(-2) === 'scopes' && last === 'supported';
}

function broad(scope: string): Broad | undefined {
  const exact = BROAD_EXACT[scope];
  if (exact) return { grants: exact };
  for (const [re, grants] of BROAD_PATTERNS) if (re.test(scope)) return { grants };
  return undefined;
}

/** Broad scopes in the string literals after each scope key of a file, one hit per scope and line. */
function scopesIn(ctx: ProjectContext, path: string): { span: Span; scope: string; grants: string }[] {
  const lines = ctx.lines(path);
  const out: { span: Span; scope: string; grants: string }[] = [];
  const seen = new Set<string>();
  for (let row = 0; row < lines.length; row++) {
    const line = lines[row]!;
    if (!/scope|Scope|SCOPE/.test(line)) continue;
    KEY.lastIndex = 0;
    for (let key = KEY.exec(line); key; key = KEY.exec(line)) {
      if (!isScopeKey(key[1]!)) continue;
      for (const lit of valueRegion(lines, row, key.index + key[0].length)) {
        for (const scope of lit.text.split(/[\s,]+/).filter(Boolean)) {
          const b = broad(scope);
          const id = `${lit.row}:${scope}`;
          if (!b || seen.has(id)) continue;
          seen.add(id);
          out.push({ span: { start: { row: lit.row, column: lit.column }, end: { row: lit.row, column: lit.column + lit.length } }, scope, grants: b.grants });
        }
      }
    }
  }
  return out;
}

/**
 * The string literals of the value that starts at (row, col): the rest of the line, or a bracketed list/map that may
 * span up to MAX_LINES lines. Go slice types (`[]string{…}`) are skipped to their braces.
 */
function valueRegion(lines: readonly string[], row: number, col: number): { row: number; column: number; length: number; text: string }[] {
  const out: { row: number; column: number; length: number; text: string }[] = [];
  let start = col;
  const rest = lines[row]!.slice(col);
  const goSlice = /^\s*\[\]\*?[\w.]+\s*\{/.exec(rest);
  if (goSlice) start = col + goSlice[0].length - 1;
  const opening = /^\s*([[{(])/.exec(lines[row]!.slice(start));
  if (!opening) {
    collect(lines[row]!, row, start, lines[row]!.length, out);
    return out;
  }
  let depth = 0;
  let quote = '';
  for (let r = row; r < lines.length && r < row + MAX_LINES; r++) {
    const text = lines[r]!;
    const from = r === row ? start : 0;
    for (let i = from; i < text.length; i++) {
      const c = text[i]!;
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
        continue;
      }
      if (c === '"' || c === "'" || c === '`') quote = c;
      else if (c === '[' || c === '{' || c === '(') depth++;
      else if (c === ']' || c === '}' || c === ')') {
        depth--;
        if (depth === 0) {
          collect(text, r, from, i, out);
          return out;
        }
      }
    }
    collect(text, r, from, text.length, out);
    // A string never closes across lines in the languages scanned here (template literals aside).
    quote = quote === '`' ? quote : '';
  }
  return out;
}

function collect(text: string, row: number, from: number, to: number, out: { row: number; column: number; length: number; text: string }[]): void {
  const slice = text.slice(from, to);
  STRING.lastIndex = 0;
  for (let m = STRING.exec(slice); m; m = STRING.exec(slice)) {
    out.push({ row, column: from + m.index + 1, length: m[0].length - 2, text: m[1] ?? m[2] ?? m[3] ?? '' });
  }
}
