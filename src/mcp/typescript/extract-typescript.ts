// Extracts the MCP inventory of one JavaScript/TypeScript/TSX file: servers, registrations, transports, auth, metadata.
import type { FileInventory } from '../../model/inventory.js';
import type { ExtractInput } from '../extract-file.js';
import { emptyFileInventory } from '../extract-file.js';
import { collectAuth } from './collect-auth.js';
import { collectMetadataRoutes } from './collect-metadata-routes.js';
import { collectTransports } from './collect-transports.js';
import { FASTMCP_METHODS, fastmcpRegistrations, isFastmcpShape } from './fastmcp-registration.js';
import { collectLowLevel } from './low-level-handlers.js';
import { MCP_SERVER_METHODS, isDistinctiveRegistration, mcpServerRegistration, type Registration } from './mcp-server-registration.js';
import { unwrap } from './resolve-node.js';
import { collectSdkImports, sdkPackageOf } from './sdk-symbols.js';
import { ServerIndex } from './server-index.js';
import { createTsContext, type TsContext } from './ts-context.js';
import type { Node } from 'web-tree-sitter';
import type { CallSite } from '../../parse/call-sites.js';

/** Files without any of these cannot contribute anything, so they are skipped before any tree work. */
const RELEVANT = /@modelcontextprotocol|fastmcp|jsonwebtoken|jose|jwt|\.well-known\/oauth-|authorization_endpoint|registerTool|registerPrompt|registerResource|\.tool\(|\.prompt\(|\.resource\(|addTool|addPrompt|addResource|setRequestHandler/;

export function extractTypeScript(input: ExtractInput): FileInventory | undefined {
  if (!RELEVANT.test(input.text)) return undefined;
  const ctx = createTsContext(input);
  const inv = emptyFileInventory(input.path, 'typescript');
  inv.sdkImports = collectSdkImports(ctx);
  const index = new ServerIndex(ctx);
  const mcpFile = inv.sdkImports.length > 0 || index.sites.length > 0;

  let registered = false;
  for (const call of ctx.calls) {
    if (call.isNew || call.callee.type !== 'member_expression') continue;
    const method = call.callee.childForFieldName('property')?.text ?? '';
    const receiver = call.callee.childForFieldName('object');
    if (!receiver) continue;
    const regs = registrationsOf(call, method, receiver, ctx, index, mcpFile);
    for (const r of regs) {
      registered = true;
      if (r.kind === 'tool') index.addTool(receiver, call.node, r.def);
      else if (r.kind === 'prompt') index.addPrompt(receiver, call.node, r.def);
      else index.addResource(receiver, call.node, r.def);
    }
  }
  collectLowLevel(ctx, index, mcpFile);
  collectTransports(ctx, index, inv, mcpFile || registered);
  collectAuth(ctx, index, inv);
  collectMetadataRoutes(ctx, index, inv);

  inv.servers = index.sites.map((s) => s.def);
  inv.orphans = index.orphanList();
  return inv;
}

/** Registrations made by one call, when its receiver is (or plausibly is) an MCP server of the matching API. */
function registrationsOf(call: CallSite, method: string, receiver: Node, ctx: TsContext, index: ServerIndex, mcpFile: boolean): Registration[] {
  const isSdk = MCP_SERVER_METHODS.has(method);
  const isFast = FASTMCP_METHODS.has(method);
  if (!isSdk && !isFast) return [];
  const site = index.serverFor(receiver, call.node);
  if (site) {
    if (isSdk && site.kind !== 'mcpserver') return [];
    if (isFast && site.kind !== 'fastmcp') return [];
  } else if (!trustedReceiver(receiver, ctx, mcpFile) && !(isSdk ? isDistinctiveRegistration(call, method, ctx) : isFastmcpShape(call, method, ctx))) {
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
function trustedReceiver(receiver: Node, ctx: TsContext, mcpFile: boolean): boolean {
  let head = unwrap(receiver);
  while (head.type === 'member_expression') head = unwrap(head.childForFieldName('object')!);
  const binding = head.type === 'identifier' ? ctx.imports.get(head.text) : undefined;
  if (binding) return sdkPackageOf(binding.module) !== undefined || /^(\.|\/|@\/|~\/|#)/.test(binding.module);
  return mcpFile;
}
