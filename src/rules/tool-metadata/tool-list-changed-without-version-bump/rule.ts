// MV1011 (MCPSafe MCP-215): the server announces a changed tool list while its advertised version stays a fixed literal.
import type { Node } from 'web-tree-sitter';
import type { TextValue } from '../../../model/inventory.js';
import { objectProperties, type CallSite } from '../../../parse/call-sites.js';
import { staticString } from '../../../parse/static-value.js';
import { descendantsOfType } from '../../../parse/walk.js';
import { defineRule, nodeSpan, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { callName, lastSegment } from '../handler-effects.js';

const LIST_CHANGED = 'notifications/tools/list_changed';
const DIRECT = new Set(['sendToolListChanged', 'send_tool_list_changed']);
const GENERIC_SEND = new Set(['notification', 'sendNotification', 'send_notification', 'SendNotificationToAllClients', 'SendNotificationToClient', 'SendNotificationToSpecificClient']);
/** Calls that set the advertised server info or version at run time. */
const VERSION_SETTER = /^(?:set|update|bump)_?(?:server_?info|version)$/i;

export default defineRule({
  meta: {
    id: 'MV1011',
    slug: 'tool-list-changed-without-version-bump',
    title: 'Tool list change announced without a server version change',
    category: 'tool-metadata',
    severity: 'low',
    confidence: 'medium',
    cwe: ['CWE-494'],
    owaspMcp: ['MCP03', 'MCP09'],
    aliases: ['MCP-215'],
    mode: 'fast',
    languages: ['python', 'typescript', 'go'],
    status: 'stable',
    message: '{emitter} announces a changed tool list, but the server version {version} is never updated in this file; clients that key approved tools on the server version will not notice',
    docs: {
      summary:
        'Code sends `notifications/tools/list_changed` while the server identifies itself with a version string that is a fixed literal and is never changed in the same file.',
      risk:
        'The server version in `initialize` is what users, clients and pinning tools see when deciding whether a server is still the one they reviewed. A server that changes its tools at run time but keeps announcing the same version makes a changed tool set indistinguishable from the approved one: clients re-fetch the list silently, and audit records show "1.0.0" for two different sets of tools. This is the mechanism behind silent rug pulls; a version bump (or no run-time change at all) keeps changes visible.',
      detection:
        'Fires on explicit list-changed emissions — TypeScript `sendToolListChanged()` (McpServer or low-level Server) and `notification({ method: "notifications/tools/list_changed" })`, Python `session.send_tool_list_changed()` (e.g. `ctx.session.…`) and `send_notification(...ToolListChangedNotification...)`, mcp-go `SendNotificationToAllClients`/`SendNotificationToClient`/`SendNotificationToSpecificClient` with `"notifications/tools/list_changed"` or `mcp.MethodNotificationToolsListChanged` — when the same file shows no run-time version update: no assignment to a `….version`/`….Version` member (such as `serverInfo.version = …`) and no `setServerInfo`/`set_version`/`bumpVersion`-style call. When the server is constructed in the same file with a version that is not a fixed literal (read from package metadata or computed), the rule stays quiet, because the version may change with the tool set; when the server is constructed in another file the finding is reported at low confidence. Implicit notifications that SDKs send on their own (registering a tool on a connected TypeScript server, mcp-go `AddTool`, go-sdk `AddTool`/`RemoveTools`) are covered by the runtime-tool-redefinition rule instead.',
      fix:
        'Prefer a static tool set and ship changes as a new release with a new version. If the tool list must change at run time, derive the advertised version from the tool set (for example append a hash of the tool definitions) or update the server info before notifying, and document the behaviour so that users can re-review.',
      references: [
        { title: 'MCP specification 2025-11-25: Tools — list changed notification', url: 'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#list-changed-notification' },
        { title: 'MCP specification 2025-11-25: Lifecycle — initialization (serverInfo)', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/lifecycle#initialization' },
        { title: 'CWE-494: Download of Code Without Integrity Check', url: 'https://cwe.mitre.org/data/definitions/494.html' },
      ],
    },
  },
  file: {
    languages: ['python', 'javascript', 'typescript', 'tsx', 'go'],
    requires: /list_changed|ListChanged|ToolsListChanged/,
    detect(ctx) {
      const emissions = ctx.calls().filter((c) => isEmission(c, ctx));
      if (!emissions.length || versionUpdated(ctx)) return [];
      const servers = ctx.inventory?.servers ?? [];
      const known = servers.map((s) => s.version).filter((v): v is TextValue => v !== undefined);
      // A version computed at run time may follow the tool set; only fixed versions are reported.
      if (known.some((v) => v.origin === 'dynamic')) return [];
      const version = known.length ? known.map((v) => JSON.stringify(v.value)).join(', ') : servers.length ? '(the SDK default)' : '(set in another file)';
      const out: RawFinding[] = [];
      for (const call of emissions) {
        out.push({ span: nodeSpan(call.node), data: { emitter: `${shortCallee(call)}()`, version }, confidence: servers.length ? undefined : 'low' });
      }
      return out;
    },
  },
});

function shortCallee(call: CallSite): string {
  const name = callName(call);
  return /^[\w$.]{1,60}$/.test(name) ? name : lastSegment(name);
}

function isEmission(call: CallSite, ctx: FileContext): boolean {
  const method = lastSegment(callName(call));
  if (DIRECT.has(method)) return true;
  if (!GENERIC_SEND.has(method)) return false;
  const lang = ctx.codeLanguage!;
  for (const a of call.args) {
    const v = a.type === 'object' ? objectProperties(a, lang).get('method') : a;
    if (v && staticString(v, lang, ctx.assignments())?.value === LIST_CHANGED) return true;
    if (/\bMethodNotificationToolsListChanged\b|\bToolListChangedNotification\b/.test(a.text)) return true;
  }
  return false;
}

/** An assignment to a `version` member, or a call that sets server info, anywhere in the file. */
function versionUpdated(ctx: FileContext): boolean {
  if (ctx.calls().some((c) => VERSION_SETTER.test(lastSegment(callName(c))))) return true;
  const types = ctx.codeLanguage === 'python' ? ['assignment'] : ctx.codeLanguage === 'go' ? ['assignment_statement'] : ['assignment_expression'];
  return descendantsOfType(ctx.tree!.rootNode, types).some((a) => isVersionMember(a.childForFieldName('left')));
}

function isVersionMember(left: Node | null): boolean {
  if (!left || !['attribute', 'member_expression', 'selector_expression', 'expression_list', 'subscript', 'subscript_expression'].includes(left.type)) return false;
  return /(?:\.|\[['"])_?(?:server_?)?version['"]?\]?$/i.test(left.text.trim());
}
