// MV5010 (MCPSafe MCP-266): per-session state found by the MCP session id alone, with no check that the caller owns the session.
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../../parse/call-sites.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import {
  callIndex,
  callsWithin,
  codeText,
  enclosingFunction,
  familyOf,
  functionName,
  isMcpContext,
  isTestPath,
  methodName,
  nameWords,
  receiverOf,
  refName,
  singleValue,
  staticText,
  targetKind,
  type Family,
} from '../oauth-flow-facts.js';

/** Store reads: `sessions.get(id)`, redis `get`/`hget`/`hgetall`, Go `sync.Map.Load`. */
const LOOKUP_METHODS = new Set(['get', 'hget', 'hgetall', 'hGet', 'hGetAll', 'lrange', 'lRange', 'smembers', 'sMembers', 'Load', 'Get', 'HGet', 'HGetAll', 'LoadOrStore']);
/** Receivers that hold request input, not per-session state. */
const INPUT_RECEIVER = /header|query|param|args|form|cookie|environ|^env$|body|search/i;
/** Names on either side of an equality test that make it an ownership check. */
const IDENTITY = /owner|user_?id|\bsub\b|client_?id|principal|tenant|\bauth\b|auth_?info|identity|account/i;
/** Helpers whose name says they check who a session belongs to. */
const OWNERSHIP_HELPER = /owner|belongs|same_?user|(?:check|verify|assert|ensure)_?session/i;
const EQUALITY: Record<Family, RegExp> = { python: /^(?:==|!=|is|is not)$/, js: /^(?:===|!==|==|!=)$/, go: /^(?:==|!=)$/ };
const COMPARISONS: Record<Family, string> = { python: 'comparison_operator', js: 'binary_expression', go: 'binary_expression' };
/** Parts of a key that bind it to a user. */
const USERISH = /user|sub$|^sub|owner|client_?id|principal|account|tenant|caller|identity/i;

const SUBSCRIPT_TYPES: Record<Family, string> = { python: 'subscript', js: 'subscript_expression', go: 'index_expression' };

export default defineRule({
  meta: {
    id: 'MV5010',
    slug: 'session-not-bound-to-user',
    title: 'Session state looked up by session id alone',
    category: 'auth',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-639', 'CWE-384'],
    owaspMcp: ['MCP07'],
    aliases: ['MCP-266'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '`{lookup}` finds per-session state by the session id alone and nothing in {fn} checks that the session belongs to the caller',
    docs: {
      summary: 'An MCP server keeps per-session state — transports, conversation data, queued events, caches — keyed by the `Mcp-Session-Id` (or another session id) alone, and the function that looks it up never compares the session\'s owner with the authenticated user.',
      risk:
        'The MCP security best practices call this session hijacking: session ids travel in headers, logs and proxies, and a server that finds state by the id alone hands that state to anyone who presents the id. With the TypeScript SDK\'s usual `transports[sessionId]` map an attacker who is allowed to connect at all (any valid token) can attach to another user\'s session, post tool calls into it and read the server-sent events meant for that user; with shared queues or Redis keys such as `session:<id>` they can inject events that the victim\'s agent will treat as tool output (session hijack prompt injection). The specification says servers must not use sessions for authentication and should bind session data to the user, e.g. with `<user_id>:<session_id>` keys.',
      detection:
        'In files that import an MCP SDK or mention MCP, a read of per-session state whose key is a session id: subscripts (`transports[sessionId]`, `sessions[session_id]`, Go `m[sessionID]`) that are not assignment targets or deletions, and store reads `.get(…)`, redis `get`/`hget`/`hgetall`, Go `Load`/`Get`. A key is a session id when it is a name such as `sessionId`, `session_id`, `sid`, `mcp_session_id` (or an attribute/field with that name, like fastmcp `ctx.session_id` or the SDK handler\'s `extra.sessionId`), the `mcp-session-id` header, a call such as mcp-go `SessionID()` or go-sdk `req.Session.ID()`, or a string built from one of these and literal text only (`f"session:{session_id}"`, `` `events:${sessionId}` ``). Keys that also contain a user, subject, owner, client id, account or tenant (`f"{user_id}:{session_id}"`, a tuple) do not fire, and neither does any lookup inside a function that compares the session\'s owner with the caller — an equality test (`==`, `!=`, `===`, `!==`, `is`) that mentions an owner, user id, `sub`, client id, principal, tenant or `req.auth`/`authInfo` — or calls a helper named like an ownership check (`assertSessionOwner`, `session_belongs_to`, `verify_session`). Only reading the identity (checking that a token exists, logging `req.auth`) does not count. Receivers that hold request input (`headers`, `query`, `params`, `cookies`) are ignored, and so are ids the server holds itself (`transport.sessionId`, `this.sessionId`, `self.session_id`), as in the SDK example\'s `onclose` clean-up. One finding per function, at its first such lookup; test files are skipped. The rule cannot see identity checks done in middleware that rejects a session used by someone else — suppress with a reason in that case.',
      fix: 'Record who opened each session and check it on every request: store `{ transport, owner: req.auth.clientId }` (TypeScript `requireBearerAuth` sets `req.auth`) and answer 403 when `entry.owner !== req.auth.clientId`; key shared stores by user and session (`f"{access_token.client_id}:{session_id}"`, go-sdk `auth.TokenInfoFromContext(ctx).UserID + ":" + id`). Keep requiring a valid token on every request instead of trusting the session, and generate session ids with a CSPRNG (MV5011).',
      references: [
        { title: 'MCP security best practices: session hijacking', url: 'https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices#session-hijacking' },
        { title: 'MCP specification: Streamable HTTP session management', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports#session-management' },
        { title: 'CWE-639: Authorization Bypass Through User-Controlled Key', url: 'https://cwe.mitre.org/data/definitions/639.html' },
        { title: 'OWASP Session Management Cheat Sheet', url: 'https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /session|Session|sid/,
    detect(ctx) {
      if (isTestPath(ctx.path) || !isMcpContext(ctx)) return [];
      const fam = familyOf(ctx);
      const lookups: { node: Node; fn: Node }[] = [];
      for (const sub of descendantsOfType(ctx.tree!.rootNode, SUBSCRIPT_TYPES[fam])) {
        const recv = sub.childForFieldName(fam === 'python' ? 'value' : fam === 'go' ? 'operand' : 'object');
        const key = sub.childForFieldName(fam === 'python' ? 'subscript' : 'index');
        if (!recv || !key || !sessionOnlyKey(key, ctx, fam) || !storeReceiver(recv, fam) || isWriteTarget(sub)) continue;
        const fn = enclosingFunction(sub, ctx);
        if (fn) lookups.push({ node: sub, fn });
      }
      for (const call of ctx.calls()) {
        if (!LOOKUP_METHODS.has(methodName(call) ?? '')) continue;
        const recv = receiverOf(call);
        if (!recv || !storeReceiver(recv, fam) || !call.args[0] || !sessionOnlyKey(call.args[0], ctx, fam)) continue;
        const fn = enclosingFunction(call.node, ctx);
        if (fn) lookups.push({ node: call.node, fn });
      }
      lookups.sort((a, b) => a.node.startIndex - b.node.startIndex);
      const out: RawFinding[] = [];
      const done = new Set<number>();
      for (const l of lookups) {
        if (done.has(l.fn.id)) continue;
        done.add(l.fn.id);
        if (comparesOwner(l.fn, ctx, fam)) continue;
        const name = functionName(l.fn, ctx);
        out.push({ span: nodeSpan(l.node), data: { lookup: shorten(l.node.text), fn: name ? `\`${name}\`` : 'this handler' } });
      }
      return out;
    },
  },
});

/**
 * True when the function compares the session's owner with the caller (an equality test that mentions an owner,
 * user id, subject, client id, principal, tenant or `req.auth`) or calls a helper named like an ownership check.
 * Merely reading the identity (say, logging `req.auth`) does not count.
 */
function comparesOwner(fn: Node, ctx: FileContext, fam: Family): boolean {
  for (const cmp of descendantsOfType(fn, COMPARISONS[fam])) {
    const op = fam === 'python' ? cmp.children.filter((c) => c && !c.isNamed).map((c) => c!.text).join(' ') : cmp.childForFieldName('operator')?.text ?? '';
    if (EQUALITY[fam].test(op) && IDENTITY.test(codeText(cmp))) return true;
  }
  return callsWithin(fn, ctx).some((c) => OWNERSHIP_HELPER.test(methodName(c) ?? ''));
}

function shorten(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}…` : one;
}

/** Assignment targets and deletions only store or drop state. */
function isWriteTarget(node: Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if ((p.type === 'assignment' || p.type === 'assignment_expression' || p.type === 'augmented_assignment' || p.type === 'augmented_assignment_expression') && p.childForFieldName('left')?.id === node.id) return true;
  if (p.type === 'expression_list' && p.parent?.type === 'assignment_statement' && p.parent.childForFieldName('left')?.id === p.id) return true;
  if (p.type === 'delete_statement' || (p.type === 'unary_expression' && p.text.startsWith('delete'))) return true;
  return false;
}

function storeReceiver(recv: Node, fam: Family): boolean {
  const name = refName(recv, fam) ?? (recv.type === 'call' || recv.type === 'call_expression' ? '' : recv.text);
  return !INPUT_RECEIVER.test(name);
}

/** True when a key expression is a session id and nothing else that could identify the user. */
function sessionOnlyKey(key: Node, ctx: FileContext, fam: Family): boolean {
  let sessionParts = 0;
  const stack: Node[] = [key];
  while (stack.length) {
    const n = stack.pop()!;
    const kind = partKind(n, ctx, fam);
    if (kind === 'session') sessionParts++;
    else if (kind === 'literal') continue;
    else if (kind === 'compound') {
      for (const c of n.namedChildren) if (c) stack.push(c);
    } else return false;
  }
  return sessionParts > 0;
}

/** How one part of a key counts: the session id, literal text, something built of parts, or anything else. */
function partKind(n: Node, ctx: FileContext, fam: Family): 'session' | 'literal' | 'compound' | 'other' {
  switch (n.type) {
    case 'string_content':
    case 'string_fragment':
    case 'string_start':
    case 'string_end':
    case 'escape_sequence':
    case 'interpreted_string_literal_content':
    case 'format_specifier':
      return 'literal';
    case 'string':
    case 'template_string':
    case 'interpolation':
    case 'template_substitution':
    case 'parenthesized_expression':
    case 'binary_operator':
    case 'binary_expression':
    case 'as_expression':
    case 'non_null_expression':
      if ((n.type === 'string' || n.type === 'template_string') && staticText(n, ctx) !== undefined) return 'literal';
      return 'compound';
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return 'literal';
  }
  if (n.type === 'call' || n.type === 'call_expression') return sessionCall(callIndex(ctx).get(n.id), ctx, fam) ? 'session' : 'other';
  const name = refName(n, fam);
  if (!name || USERISH.test(name) || serverOwnId(n, ctx)) return 'other';
  if (targetKind(name, false) === 'session-id' && !nameWords(name).some((w) => w === 'generator' || w === 'generate')) return 'session';
  return staticText(n, ctx) !== undefined ? 'literal' : 'other';
}

/**
 * An id the server itself holds rather than one the request presented: `transport.sessionId`, `this.sessionId`,
 * `self.session_id`, or a name assigned once from one of those (the SDK example's `onclose` cleanup).
 */
function serverOwnId(n: Node, ctx: FileContext): boolean {
  const v = n.type === 'identifier' ? singleValue(n, ctx) ?? n : n;
  if (v.type !== 'attribute' && v.type !== 'member_expression' && v.type !== 'selector_expression') return false;
  const obj = v.childForFieldName(v.type === 'selector_expression' ? 'operand' : 'object');
  return obj !== null && /^(?:self|this|transport|server)$/i.test(obj.type === 'this' ? 'this' : obj.text);
}

/** `headers.get("mcp-session-id")`, mcp-go `session.SessionID()`, go-sdk `req.Session.ID()`, `str(session_id)`. */
function sessionCall(call: CallSite | undefined, ctx: FileContext, fam: Family): boolean {
  if (!call) return false;
  const m = methodName(call) ?? '';
  if ((m === 'get' || m === 'Get') && call.args[0] && /^mcp-session-id$/i.test(staticText(call.args[0], ctx) ?? '')) return true;
  if (/^(?:get_?)?session_?id$/i.test(m)) return true;
  if (m === 'ID' || m === 'Id' || m === 'id') {
    const recv = receiverOf(call);
    return Boolean(recv && nameWords(refName(recv, fam) ?? '').includes('session'));
  }
  if ((m === 'str' || m === 'String') && call.args.length === 1) return partKind(call.args[0]!, ctx, fam) === 'session';
  return false;
}
