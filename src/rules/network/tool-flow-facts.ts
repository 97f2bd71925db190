// Facts the deep data-exposure rules share: which MCP tool a flow or effect belongs to, which environment keys a source reads, whether a URL's host is fixed, and whether handler code looks at the caller's identity.
import type { SeedEffects, SeedSource, TaintFlow } from '../../flow/taint.js';
import type { HandlerRef, ServerDef, ToolDef } from '../../model/inventory.js';
import type { Location } from '../../model/location.js';
import type { ProjectContext } from '../../rule/rule.js';
import { isCredentialName, nameWords } from '../secrets/credential-words.js';

/** A tool with its handler, its server and what its handler reaches whatever the data (deep mode). */
export interface ToolSite {
  server: ServerDef;
  tool: ToolDef;
  handler: HandlerRef;
  /** Absent when the solver did not run the handler (e.g. a tool without parameters is not seeded). */
  effects?: SeedEffects;
}

export function locKey(l: Location): string {
  return `${l.path}:${l.startLine}:${l.startColumn}`;
}

export function where(l: Location): string {
  return `${l.path}:${l.startLine}`;
}

/** Every tool that has a handler, with the handler's effects matched by the handler's location (the seed's). */
export function toolSites(ctx: ProjectContext): ToolSite[] {
  const effects = new Map(ctx.effects().map((e) => [locKey(e.at), e]));
  const out: ToolSite[] = [];
  for (const server of ctx.inventory.servers) {
    for (const tool of server.tools) {
      if (!tool.handler) continue;
      out.push({ server, tool, handler: tool.handler, effects: effects.get(locKey(tool.handler.location)) });
    }
  }
  return out;
}

export function contains(outer: Location, inner: Location): boolean {
  if (outer.path !== inner.path) return false;
  if (inner.startLine < outer.startLine || inner.startLine > outer.endLine) return false;
  if (inner.startLine === outer.startLine && inner.startColumn < outer.startColumn) return false;
  if (inner.startLine === outer.endLine && inner.startColumn > outer.endColumn) return false;
  return true;
}

/** The innermost tool handler whose span contains the location. */
export function siteAt(sites: readonly ToolSite[], l: Location): ToolSite | undefined {
  let best: ToolSite | undefined;
  for (const s of sites) {
    if (!contains(s.handler.location, l)) continue;
    if (!best || contains(best.handler.location, s.handler.location)) best = s;
  }
  return best;
}

/**
 * The tool a flow belongs to: the tool named by its source (tool arguments), the handler its result sink is (tool
 * output), else the handler that contains a step of its trace, nearest the sink first, else the one handler whose
 * effects name the sink call. Flows that stay inside helpers shared by several handlers return undefined.
 */
export function siteOfFlow(sites: readonly ToolSite[], flow: TaintFlow): ToolSite | undefined {
  if (flow.source.tool) {
    const named = sites.filter((s) => s.tool.name === flow.source.tool);
    return named.find((s) => contains(s.handler.location, flow.source.location)) ?? named[0];
  }
  const steps = [flow.sink.location, ...flow.steps.map((s) => s.location).reverse()];
  for (const l of steps) {
    const s = siteAt(sites, l);
    if (s) return s;
  }
  // A helper that reads and sends on its own: the handler whose effects name this very call.
  const key = locKey(flow.sink.location);
  const byEffect = sites.filter((s) => s.effects?.examples.some((e) => e.kind === flow.sink.kind && locKey(e.location) === key));
  return byEffect.length === 1 ? byEffect[0] : undefined;
}

/** Source text of a location (lines joined with `\n`), at most `maxLines` lines. */
export function textAt(ctx: ProjectContext, l: Location, maxLines = 40): string {
  const lines = ctx.lines(l.path);
  const last = Math.min(l.endLine, l.startLine + maxLines - 1);
  const out: string[] = [];
  for (let n = l.startLine; n <= last; n++) {
    let line = lines[n - 1] ?? '';
    if (n === l.endLine && last === l.endLine) line = line.slice(0, Math.max(0, l.endColumn - 1));
    if (n === l.startLine) line = line.slice(Math.max(0, l.startColumn - 1));
    out.push(line);
  }
  return out.join('\n');
}

/** Whole lines a location covers, at most `maxLines`. */
export function linesAt(ctx: ProjectContext, l: Location, maxLines = 40): string {
  const lines = ctx.lines(l.path);
  return lines.slice(l.startLine - 1, Math.min(l.endLine, l.startLine + maxLines - 1)).join('\n');
}

// ------------------------------------------------------------------------------------------------ environment

/** What an environment source reads: named keys, or the whole environment. */
export interface EnvRead {
  keys: string[];
  whole: boolean;
  /** Stores that only hold secrets (keyring, secret managers). */
  store: boolean;
}

const FIRST_LITERAL = /["'`]([A-Za-z_][\w.-]{0,80})["'`]/;
const ENV_MEMBER = /\benv\.([A-Za-z_]\w{0,80})\s*$/;
const DESTRUCTURE = /\{([^{}]{1,400})\}\s*=\s*(?:process\.env|import\.meta\.env|Bun\.env)\b/;
const WHOLE_ENV = /^(?:os\.environ(?:b)?(?:\.copy\(\)|\.items\(\))?|process\.env|import\.meta\.env|Bun\.env|os\.Environ\(\)|Deno\.env\.toObject\(\))$/;
const WHOLE_ENV_CALL = /^(?:dotenv\.)?(?:dotenv_values|config|parse)\s*\(/;
const SECRET_STORE = /^(?:keyring\.|getpass\.)/;

/**
 * The keys an `env-secret` source reads, from its source text: `os.environ["K"]`, `os.getenv("K")`,
 * `process.env.K`, `process.env["K"]`, `os.Getenv("K")`, `const { K } = process.env`; `whole` for the environment
 * as a mapping (`dict(os.environ)`, `os.Environ()`, `dotenv_values()`). Undefined when the key is not a literal.
 */
export function envRead(ctx: ProjectContext, source: SeedSource): EnvRead | undefined {
  if (source.kind !== 'env-secret') return undefined;
  const text = textAt(ctx, source.location, 4).trim();
  if (SECRET_STORE.test(text)) return { keys: [], whole: false, store: true };
  const member = ENV_MEMBER.exec(text);
  if (member) return { keys: [member[1]!], whole: false, store: false };
  if (WHOLE_ENV.test(text)) {
    const line = ctx.lines(source.location.path)[source.location.startLine - 1] ?? '';
    const d = DESTRUCTURE.exec(line);
    if (d) {
      const keys = d[1]!
        .split(',')
        .map((p) => p.split(/[:=]/)[0]!.replace(/^\s*\.\.\./, '').trim())
        .filter((k) => /^[A-Za-z_]\w*$/.test(k));
      return { keys, whole: false, store: false };
    }
    return { keys: [], whole: true, store: false };
  }
  const lit = FIRST_LITERAL.exec(text);
  if (lit) return { keys: [lit[1]!], whole: false, store: false };
  if (WHOLE_ENV_CALL.test(text)) return { keys: [], whole: true, store: false };
  return undefined;
}

const CONNECTION_KEY = /(?:^|_)(?:DATABASE_URL|DB_URL|DSN|CONNECTION_STRING|CONN_STR|MONGO(?:DB)?_URI)$/i;

/** An environment key that names a credential: `GITHUB_TOKEN`, `OPENAI_API_KEY`, `DB_PASSWORD`, `DATABASE_URL`. */
export function isSecretKey(key: string): boolean {
  return isCredentialName(key) || CONNECTION_KEY.test(key);
}

/** The secret keys an env read names (all of them for the whole environment), or undefined when none looks secret. */
export function secretEnv(ctx: ProjectContext, source: SeedSource): { label: string; keys: string[] } | undefined {
  const read = envRead(ctx, source);
  if (!read) return undefined;
  if (read.store) return { label: `a secret from ${source.description.replace(/ result$/, '')}`, keys: [] };
  if (read.whole) return { label: 'the whole environment', keys: [] };
  const keys = read.keys.filter(isSecretKey);
  if (!keys.length) return undefined;
  return { label: keys.length === 1 ? `secret environment variable "${keys[0]}"` : `secret environment variables ${keys.map((k) => `"${k}"`).join(', ')}`, keys };
}

// ------------------------------------------------------------------------------------------------------ URLs

const SCHEME_HOST = /[a-z][a-z0-9+.-]{0,20}:\/\/[^\s/?#"'`]+[/?#]/i;

/** The value sits after a complete `scheme://host/` in the URL, so it cannot change where the request goes. */
export function hostFixed(flow: TaintFlow): boolean {
  return flow.sink.context !== undefined && SCHEME_HOST.test(flow.sink.context);
}

// ------------------------------------------------------------------------------------------- caller identity

/** Identifiers that only name the caller's identity (whole tokens). */
const IDENTITY_TOKENS = new Set([
  'authInfo', 'auth_info', 'get_access_token', 'getAccessToken', 'access_token', 'current_user', 'currentUser', 'TokenInfo',
  'TokenInfoFromContext', 'UserFromContext', 'get_http_headers', 'get_http_request', 'request_context', 'requestContext',
]);
/** Words inside identifiers that point at who is asking (`user`, `owner_id`, `tenant`, the JWT `sub`). */
const IDENTITY_WORDS = new Set(['user', 'owner', 'tenant', 'principal', 'claims', 'caller', 'requester', 'identity', 'whoami']);
/** The JWT `sub` claim: `claims["sub"]`, `payload.sub`, `token.get("sub")` (not `re.sub`). */
const SUB_CLAIM = /["']sub["']|\b(?:claims|payload|decoded|jwt|token|info|auth)\??\.sub\b/;

/**
 * True when code mentions the caller's identity: `ctx.user`, `authInfo`, `get_access_token()`, `claims["sub"]`,
 * `owner_id`, `tenant`. Identifiers in `exclude` (the tool's own arguments, e.g. a `user_id` argument) do not count:
 * an identity the caller supplies proves nothing.
 */
export function mentionsCallerIdentity(source: string, exclude: ReadonlySet<string>): boolean {
  const text = withoutComments(source);
  for (const m of text.matchAll(/[A-Za-z_$][\w$]{0,80}/g)) {
    const tok = m[0];
    if (exclude.has(tok)) continue;
    if (IDENTITY_TOKENS.has(tok)) return true;
    if (nameWords(tok).some((w) => IDENTITY_WORDS.has(w))) return true;
  }
  return SUB_CLAIM.test(text);
}

/** Code without comments and docstrings ("Returns the user's invoice" says nothing about a check). */
export function withoutComments(text: string): string {
  return text
    .replace(/"""[\s\S]*?"""|'''[\s\S]*?'''/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|\s)(?:\/\/|#).*$/gm, '$1');
}

/** One flow per key, first (sorted) wins. */
export function dedupe<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const it of items) {
    const k = key(it);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(it);
  }
  return out;
}
