// Extracts the MCP inventory of one JavaScript/TypeScript/TSX file: servers, registrations, transports, auth, metadata.
import type { Node } from 'web-tree-sitter';
import type { FileInventory } from '../../model/inventory.js';
import { calleeMemberOf, calleeTypeOf, type CallSite } from '../../parse/call-sites.js';
import type { ExtractInput } from '../extract-file.js';
import { emptyFileInventory } from '../extract-file.js';
import { collectAuth } from './collect-auth.js';
import { collectMetadataRoutes } from './collect-metadata-routes.js';
import { collectTransports } from './collect-transports.js';
import { FASTMCP_METHODS, fastmcpRegistrations, isFastmcpShape } from './fastmcp-registrations.js';
import { parameters } from './handler-ref.js';
import { collectLowLevelHandlers } from './low-level-handlers.js';
import { MCP_SERVER_METHODS, isDistinctiveRegistration, mcpServerRegistration, type Registration } from './mcp-server-registration.js';
import { FUNCTION_TYPES, arrayElements, chainText, objectOf, unwrap } from './resolve-node.js';
import { collectSdkImports, sdkPackageOf } from './sdk-symbols.js';
import { ServerIndex } from './server-index.js';
import { createTsContext, type TsContext } from './ts-context.js';

/** Packages that wrap an SDK server and pass it to user code. */
const MCP_WRAPPERS = /^(mcp-handler|@vercel\/mcp-adapter|agents\/mcp)(\/|$)/;

/** Files without any of these cannot contribute anything, so they are skipped before any tree work. */
const RELEVANT = /@modelcontextprotocol|fastmcp|jsonwebtoken|jose|jwt|\.well-known\/oauth-|authorization_endpoint|registerTool|registerPrompt|registerResource|\.tool\(|\.prompt\(|\.resource\(|addTool|addPrompt|addResource|setRequestHandler/;

export function extractTypeScript(input: ExtractInput): FileInventory | undefined {
  if (!RELEVANT.test(input.text)) return undefined;
  const ctx = createTsContext(input);
  const inv = emptyFileInventory(input.path, 'typescript');
  inv.sdkImports = collectSdkImports(ctx);
  const index = new ServerIndex(ctx);
  const mcpFile = inv.sdkImports.length > 0 || index.sites.length > 0;
  // Wrappers such as `createMcpHandler((server) => …)` hand an SDK server to a callback without importing the SDK.
  const trusted = mcpFile || [...ctx.imports.values()].some((b) => MCP_WRAPPERS.test(b.module));

  let registered = false;
  for (const call of ctx.calls) {
    if (call.isNew || calleeTypeOf(call) !== 'member_expression') continue;
    const method = calleeMemberOf(call) ?? '';
    // Only these methods register anything; the receiver is looked up for them alone.
    if (!MCP_LOOP_METHODS.has(method)) continue;
    const receiver = call.callee.childForFieldName('object');
    if (!receiver) continue;
    const regs = withLoopElements(call, method, ctx, () => registrationsOf(call, method, receiver, ctx, index, trusted));
    for (const r of regs) {
      registered = true;
      if (r.kind === 'tool') index.addTool(receiver, call.node, r.def);
      else if (r.kind === 'prompt') index.addPrompt(receiver, call.node, r.def);
      else index.addResource(receiver, call.node, r.def);
    }
  }
  collectLowLevelHandlers(ctx, index, trusted);
  collectTransports(ctx, index, inv, mcpFile || registered);
  collectAuth(ctx, index, inv);
  collectMetadataRoutes(ctx, index, inv);

  inv.servers = index.sites.map((s) => s.def);
  inv.orphans = index.orphanList();
  return inv;
}

/** Registrations made by one call, when its receiver is (or plausibly is) an MCP server of the matching API. */
function registrationsOf(call: CallSite, method: string, receiver: Node, ctx: TsContext, index: ServerIndex, trusted: boolean): Registration[] {
  const isSdk = MCP_SERVER_METHODS.has(method);
  const isFast = FASTMCP_METHODS.has(method);
  if (!isSdk && !isFast) return [];
  const site = index.serverFor(receiver, call.node);
  if (site) {
    if (isSdk && site.kind !== 'mcpserver') return [];
    if (isFast && site.kind !== 'fastmcp') return [];
  } else if (!trustedReceiver(receiver, ctx, trusted) && !(isSdk ? isDistinctiveRegistration(call, method, ctx) : isFastmcpShape(call, method, ctx))) {
    return [];
  }
  if (isSdk) {
    const r = mcpServerRegistration(call, method, ctx);
    return r ? [r] : [];
  }
  if (!site && !isFastmcpShape(call, method, ctx)) return [];
  return fastmcpRegistrations(call, method, ctx);
}

/**
 * A receiver not built in this file is trusted as a server when the file imports an MCP SDK, or when the receiver
 * is imported from a project module (`import { server } from "./server.js"`). Names imported from other packages
 * (`inquirer.prompt`) are never servers.
 */
function trustedReceiver(receiver: Node, ctx: TsContext, trustedFile: boolean): boolean {
  let head = unwrap(receiver);
  while (head.type === 'member_expression') {
    const obj = head.childForFieldName('object');
    if (!obj) break;
    head = unwrap(obj);
  }
  const binding = head.type === 'identifier' ? ctx.imports.get(head.text) : undefined;
  if (binding) return sdkPackageOf(binding.module) !== undefined || /^(\.|\/|@\/|~\/|#)/.test(binding.module);
  return trustedFile;
}

/**
 * Runs `read` once per element when the call sits in a loop over a constant array of objects
 * (`for (const t of TOOLS)`, `TOOLS.forEach((t) => …)`) and its first argument reads the loop variable, so each
 * element becomes its own registration; otherwise runs it once.
 */
function withLoopElements(call: CallSite, method: string, ctx: TsContext, read: () => Registration[]): Registration[] {
  const loop = MCP_LOOP_METHODS.has(method) ? loopOver(call, ctx) : undefined;
  if (!loop) return read();
  const out: Registration[] = [];
  for (const el of loop.elements) {
    ctx.overrides.set(loop.variable, el);
    ctx.textCache.clear();
    try {
      out.push(...read());
    } finally {
      ctx.overrides.delete(loop.variable);
      ctx.textCache.clear();
    }
  }
  return out;
}

const MCP_LOOP_METHODS = new Set([...MCP_SERVER_METHODS, ...FASTMCP_METHODS]);

function loopOver(call: CallSite, ctx: TsContext): { variable: string; elements: Node[] } | undefined {
  const first = call.args[0];
  if (!first) return undefined;
  const head = chainText(first).split('.')[0]!;
  for (let cur = call.node.parent; cur; cur = cur.parent) {
    let variable: string | undefined;
    let list: Node | null | undefined;
    if (cur.type === 'for_in_statement' && cur.children.some((c) => c?.type === 'of')) {
      variable = cur.childForFieldName('left')?.text;
      list = cur.childForFieldName('right');
    } else if (FUNCTION_TYPES.has(cur.type)) {
      const outer = cur.parent?.type === 'arguments' ? cur.parent.parent : undefined;
      const fn = outer?.type === 'call_expression' ? outer.childForFieldName('function') : undefined;
      const method = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
      if (!fn || (method !== 'forEach' && method !== 'map')) return undefined;
      const param = parameters(cur)[0];
      variable = param?.type === 'identifier' ? param.text : undefined;
      list = fn.childForFieldName('object');
    } else continue;
    if (!variable || !list || variable !== head) return undefined;
    const elements = arrayElements(list, ctx)?.map((e) => objectOf(e, ctx));
    if (!elements?.length || elements.some((e) => !e) || elements.length > 500) return undefined;
    return { variable, elements: elements as Node[] };
  }
  return undefined;
}
