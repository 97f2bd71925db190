// MV5013 (MCPSafe MCP-278): PKCE with the `plain` method (or a challenge that is the verifier), which protects nothing.
import type { Node } from 'web-tree-sitter';
import { ancestor } from '../../../parse/walk.js';
import { decodeString } from '../../../parse/string-literal.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { enclosingFunction, familyOf, isTestPath, nameWords, namedValues, refName, staticText, unwrapElement, type Family } from '../oauth-flow-facts.js';

const STRING_TYPES = ['string', 'template_string', 'interpreted_string_literal', 'raw_string_literal'];

/** Names of the values the rule reads (as their words): the others are never read from the tree. */
const CHALLENGE_NAMES = new Set(['code challenge method', 'code challenge methods supported', 'code challenge']);

export default defineRule({
  meta: {
    id: 'MV5013',
    slug: 'pkce-plain',
    title: 'PKCE uses the plain challenge method',
    category: 'auth',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-757'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-278'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: 'PKCE {detail}, so whoever sees the authorization request also has the verifier and can redeem an intercepted code',
    docs: {
      summary: 'An OAuth authorization request uses PKCE with `code_challenge_method=plain`, sends the verifier itself as the challenge, or authorization-server code advertises `plain` in `code_challenge_methods_supported` or falls back to it when the client sends no method.',
      risk:
        'PKCE exists so that an authorization code stolen on its way back to the client — through a malicious app registered for the same redirect, a leaked log line or `Referer`, or a compromised browser extension — is useless without the verifier that only the real client knows. With the `plain` method the challenge in the authorization URL is the verifier, so the same channels that leak the code leak the verifier too. MCP clients are mostly native and desktop applications, exactly the public clients PKCE protects, and the MCP authorization specification requires `S256` whenever it can be used; OAuth 2.1 and RFC 9700 allow `plain` only when S256 cannot be used, and every current platform can compute SHA-256.',
      detection:
        'Fires on: a `code_challenge_method` / `codeChallengeMethod` / `CodeChallengeMethod` value that is the string `plain` (any case) — as a dictionary, object or struct key, keyword argument, Go `url.Values` entry, `params.set(…)`/`q.Set(…)`/`oauth2.SetAuthURLParam(…)` argument or a variable — including constants resolved in the file; `code_challenge_method=plain` inside a string literal (a hand-built URL or form body); a `code_challenge_methods_supported` list containing `"plain"` (authorization server metadata); a `code_challenge` whose value is a variable or field named like the verifier (`code_challenge = code_verifier`), reported once per function and not again when the same function already uses `plain`; and `.get("code_challenge_method", "plain")` or `method ?? "plain"` / `method or "plain"` defaults on the authorization-server side. Comparisons with `"plain"` (which usually reject it) do not fire, nor do test files.',
      fix: 'Use S256: generate a 43–128 character verifier from a CSPRNG and send `code_challenge = BASE64URL(SHA-256(verifier))` with `code_challenge_method=S256` (Python `authlib` `code_challenge_method="S256"`, Go `oauth2.S256ChallengeOption(oauth2.GenerateVerifier())`, Node `oauth4webapi.calculatePKCECodeChallenge`). Better still, let the MCP SDK client (`auth()` in TypeScript, `OAuthClientProvider` in Python) run the flow. Authorization servers should advertise only `["S256"]` and reject requests without it.',
      references: [
        { title: 'MCP specification: authorization code protection (PKCE)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-code-protection' },
        { title: 'RFC 7636: Proof Key for Code Exchange', url: 'https://www.rfc-editor.org/rfc/rfc7636' },
        { title: 'RFC 9700 §2.1.1: use S256 as the PKCE challenge method', url: 'https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1' },
        { title: 'CWE-757: Selection of Less-Secure Algorithm During Negotiation', url: 'https://cwe.mitre.org/data/definitions/757.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /plain|verifier|Verifier/,
    detect(ctx) {
      if (isTestPath(ctx.path)) return [];
      const fam = familyOf(ctx);
      const hits: { node: Node; detail: string; plain: boolean }[] = [];
      const challengeIsVerifier: { node: Node; name: string }[] = [];
      for (const nv of namedValues(ctx, (name) => CHALLENGE_NAMES.has(nameWords(name).join(' ')))) {
        const w = nameWords(nv.name).join(' ');
        if (w === 'code challenge method' && staticText(nv.value, ctx)?.toLowerCase() === 'plain') {
          hits.push({ node: nv.at, detail: 'uses the "plain" code_challenge_method', plain: true });
        } else if (w === 'code challenge methods supported' && listStrings(nv.value, ctx).some((s) => s.toLowerCase() === 'plain')) {
          hits.push({ node: nv.at, detail: 'is advertised with the "plain" method in code_challenge_methods_supported', plain: true });
        } else if (w === 'code challenge') {
          const ref = refName(nv.value, fam);
          if (ref && nameWords(ref).includes('verifier')) challengeIsVerifier.push({ node: nv.at, name: ref });
        }
      }
      for (const m of ctx.text.matchAll(/code_challenge_method=plain\b|(["'`])plain\1/gi)) {
        const hit = m[0].startsWith('code') ? inString(ctx, m.index!) : plainDefault(ctx, m.index!, fam);
        if (hit) hits.push(hit);
      }
      const plainScopes = new Set(hits.filter((h) => h.plain).map((h) => scopeId(h.node, ctx)));
      const seenScopes = new Set<number>();
      for (const c of challengeIsVerifier) {
        const scope = scopeId(c.node, ctx);
        if (plainScopes.has(scope) || seenScopes.has(scope)) continue;
        seenScopes.add(scope);
        hits.push({ node: c.node, detail: `sends the verifier itself as the challenge (${c.name})`, plain: false });
      }
      const seen = new Set<number>();
      const out: RawFinding[] = [];
      for (const h of hits) {
        if (seen.has(h.node.id)) continue;
        seen.add(h.node.id);
        out.push({ span: nodeSpan(h.node), data: { detail: h.detail } });
      }
      return out.sort((a, b) => a.span.start.row - b.span.start.row);
    },
  },
});

function scopeId(node: Node, ctx: FileContext): number {
  return enclosingFunction(node, ctx)?.id ?? -1;
}

/** Static strings of a list, tuple, set, array or Go slice literal. */
function listStrings(node: Node, ctx: FileContext): string[] {
  // A name assigned once stands for its value; follow a few such hops, never recursively.
  let cur: Node | undefined = node;
  for (let hops = 0; cur?.type === 'identifier' && hops < 4; hops++) {
    const v = ctx.assignments().get(cur.text);
    cur = v?.length === 1 && v[0]!.id !== cur.id ? v[0] : undefined;
  }
  if (!cur) return [];
  let items: (Node | null)[] = [];
  if (['list', 'tuple', 'set', 'array'].includes(cur.type)) items = cur.namedChildren;
  else if (cur.type === 'composite_literal') items = cur.childForFieldName('body')?.namedChildren ?? [];
  return items.flatMap((i) => {
    const s = i ? staticText(unwrapElement(i), ctx) : undefined;
    return s === undefined ? [] : [s];
  });
}

/** `code_challenge_method=plain` inside a string literal (not a comment). */
function inString(ctx: FileContext, index: number): { node: Node; detail: string; plain: boolean } | undefined {
  const leaf = ctx.tree!.rootNode.descendantForIndex(index);
  const str = !leaf ? undefined : STRING_TYPES.includes(leaf.type) ? leaf : ancestor(leaf, STRING_TYPES);
  return str ? { node: str, detail: 'uses code_challenge_method=plain in the authorization request', plain: true } : undefined;
}

/** Server-side fallbacks to plain: `.get("code_challenge_method", "plain")`, `method ?? "plain"`, `method or "plain"`. */
function plainDefault(ctx: FileContext, index: number, fam: Family): { node: Node; detail: string; plain: boolean } | undefined {
  const leaf = ctx.tree!.rootNode.descendantForIndex(index);
  const str = !leaf ? undefined : STRING_TYPES.includes(leaf.type) ? leaf : ancestor(leaf, STRING_TYPES);
  const parent = str?.parent;
  if (!str || !parent) return undefined;
  const isMethod = (n: Node | null | undefined) => {
    if (!n) return false;
    const key = decodeString(n, ctx.codeLanguage!)?.value ?? refName(n, fam);
    return key !== undefined && nameWords(key).join(' ') === 'code challenge method';
  };
  const detail = 'falls back to the "plain" method when the client sends none';
  if (parent.type === 'argument_list' || parent.type === 'arguments') {
    const args = parent.namedChildren;
    const call = parent.parent;
    const callee = call?.childForFieldName('function');
    const method = callee ? refName(callee, fam) : undefined;
    if ((method === 'get' || method === 'Get' || method === 'getOrDefault') && args.length === 2 && args[1]?.id === str.id && isMethod(args[0])) return { node: call!, detail, plain: true };
    return undefined;
  }
  if (parent.type === 'binary_expression' || parent.type === 'boolean_operator') {
    const op = parent.childForFieldName('operator')?.text ?? parent.children.find((c) => c && !c.isNamed)?.text;
    if ((op === '??' || op === '||' || op === 'or') && parent.childForFieldName('right')?.id === str.id && isMethod(parent.childForFieldName('left'))) return { node: parent, detail, plain: true };
  }
  return undefined;
}
