// OAuth discovery metadata in a Go file: well-known routes on muxes/routers, the SDKs' metadata handlers, and well-known path literals.
import type { Node } from 'web-tree-sitter';
import type { MetadataRoute } from '../../model/inventory.js';
import { decodeString } from '../../parse/string-literal.js';
import type { GoFile } from './go-file.js';
import { unwrapWithType } from './go-syntax.js';

const PROTECTED_RESOURCE = '/.well-known/oauth-protected-resource';
const WELL_KNOWN = /\/\.well-known\/oauth-(?:protected-resource|authorization-server)(?:\/[^\s"'`?#{}]*)?/;
/** A mux pattern: optional Go 1.22 method and host before the path. */
const ROUTE_PATTERN = /^(?:[A-Z]+\s+)?(?:[^/\s]+)?(\/\.well-known\/oauth-(?:protected-resource|authorization-server)(?:\/[^\s?#]*)?)$/;
/** Route-registering methods of net/http, chi, gorilla/mux, gin, echo, fiber and httprouter. */
const ROUTE_METHODS = new Set(['Handle', 'HandleFunc', 'Handler', 'HandlerFunc', 'Get', 'GET', 'Head', 'HEAD', 'Options', 'OPTIONS', 'Any', 'All', 'Add', 'Method', 'MethodFunc', 'Path', 'PathPrefix', 'Route', 'Match', 'Mount']);
const NAME = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
const STATIC_STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal', 'identifier', 'binary_expression']);
/** SDK helpers that serve protected-resource metadata (their members, for a quick first check). */
const ROUTER_MEMBERS = new Set(['ProtectedResourceMetadataHandler', 'NewProtectedResourceMetadataHandler', 'WithProtectedResourceMetadata', 'WithSSEProtectedResourceMetadata']);
const SDK_ROUTERS: Record<string, string> = {
  'go-sdk:auth.ProtectedResourceMetadataHandler': 'auth.ProtectedResourceMetadataHandler',
  'mcp-go:server.NewProtectedResourceMetadataHandler': 'server.NewProtectedResourceMetadataHandler',
  'mcp-go:server.WithProtectedResourceMetadata': 'server.WithProtectedResourceMetadata',
  'mcp-go:server.WithSSEProtectedResourceMetadata': 'server.WithSSEProtectedResourceMetadata',
};

export function findMetadataRoutes(file: GoFile): MetadataRoute[] {
  const out: MetadataRoute[] = [];
  const src = file.src;
  const sdkPaths = src.includes('WellKnownProtectedResourcePath') || src.includes('ProtectedResourceMetadataPath');
  for (const info of file.callsNamed([...ROUTE_METHODS], file.sdkCalls())) {
    const { site: c, fnType, sdk: s, field } = info;
    const router = s && ROUTER_MEMBERS.has(s.member) ? SDK_ROUTERS[`${s.family}:${s.pkg}.${s.member}`] : undefined;
    if (router) {
      out.push({ kind: 'sdk-router', path: PROTECTED_RESOURCE, api: router, location: file.loc(c.node) });
      continue;
    }
    const method = fnType === 'selector_expression' ? field : undefined;
    if (!method || !ROUTE_METHODS.has(method)) continue;
    // `client.Get(u)`, `t.Add(-time.Hour)`: most such calls have no argument that could be a static path.
    if (!sdkPaths) {
      const texts = file.argumentTexts(info);
      if (texts && !texts.slice(0, 2).some((t) => mayBeStaticString(file, t))) continue;
    }
    for (const a of info.args.slice(0, 2)) {
      const path = routePath(file, a, sdkPaths);
      if (path) {
        out.push({ kind: 'route', path, api: info.fn.text, location: file.loc(c.node) });
        break;
      }
    }
  }
  // A well-known path in a literal needs the word in the source, unless decoding a literal could produce it.
  const literals = src.includes('well-known') || file.mayHideText() ? file.index.nodes(['interpreted_string_literal', 'raw_string_literal']) : [];
  for (const lit of literals) {
    if (!lit) continue;
    // The parent is asked only for a match: each `parent` step re-descends the tree from its root.
    const m = WELL_KNOWN.exec(decodeString(lit, 'go')?.value ?? '');
    if (m && lit.parent?.type !== 'import_spec') out.push({ kind: 'literal', path: m[0], location: file.loc(lit) });
  }
  return out.sort((a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn);
}

/**
 * Whether an argument written `text` (no comments in it) can resolve to a complete static string (see
 * `staticString`): a name assigned exactly once in the file, or literals and names joined by `+`, in parentheses or
 * not. Any other token (`.`, `[`, numbers' operators, a call's `(`) leaves some part unknown.
 */
function mayBeStaticString(file: GoFile, text: string): boolean {
  if (NAME.test(text)) return file.assignments.get(text)?.length === 1;
  const rest = text.replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`/g, '""');
  return !/[^\p{L}\p{Nd}_\s()+"]/u.test(rest) && !/[\p{L}\p{Nd}_)"]\s*\(/u.test(rest);
}

/** The well-known path a route argument names, including mcp-go's path constant and helper. */
function routePath(file: GoFile, arg: Node, sdkPaths: boolean): string | undefined {
  const [a, type] = unwrapWithType(arg);
  // Only literals, names and concatenations (which need a `+` somewhere in their text) can be static strings.
  const s = STATIC_STRING_TYPES.has(type) && (type !== 'binary_expression' || file.textOf(a).includes('+')) ? file.str(a, true) : undefined;
  if (s !== undefined) return ROUTE_PATTERN.exec(s)?.[1];
  // `server.WellKnownProtectedResourcePath` or `server.ProtectedResourceMetadataPath(resource)` (mcp-go), whose
  // names must then be in the source.
  if (!sdkPaths) return undefined;
  const call = type === 'call_expression' ? file.callOf(a) : undefined;
  const head = call ? undefined : type === 'call_expression' ? a.childForFieldName('function') : type === 'binary_expression' ? a.childForFieldName('left') : a;
  const sdk = call ? call.sdk : head ? file.sdk(head) : undefined;
  if (sdk?.family === 'mcp-go' && (sdk.member === 'WellKnownProtectedResourcePath' || sdk.member === 'ProtectedResourceMetadataPath')) {
    const suffix = type === 'binary_expression' ? file.str(a.childForFieldName('right')!) : undefined;
    return suffix && suffix.startsWith('/') ? PROTECTED_RESOURCE + suffix : PROTECTED_RESOURCE;
  }
  return undefined;
}
