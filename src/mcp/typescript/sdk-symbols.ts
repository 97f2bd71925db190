// Knows the npm MCP SDK packages: which package a module belongs to, and which SDK symbol a name refers to.
import type { Node } from 'web-tree-sitter';
import type { SdkRef } from '../../model/inventory.js';
import { calleePartsOf, calleeTypeOf, type CallSite } from '../../parse/call-sites.js';
import { dottedParts } from '../../parse/imports.js';
import { unwrap, WRAPPERS } from './resolve-node.js';
import type { TsContext } from './ts-context.js';

/** A name that resolves through an import: the module it comes from and the member it names. */
export interface ImportedSymbol {
  module: string;
  /** Last member of the path (`McpServer` for `mcp.McpServer`), or `default` / `*`. */
  name: string;
  /** The MCP SDK package, when the module belongs to one. */
  package?: string;
}

/** The MCP SDK package a module specifier belongs to; undefined for other modules and for client-only modules. */
export function sdkPackageOf(module: string): string | undefined {
  if (module === 'fastmcp' || module.startsWith('fastmcp/')) return 'fastmcp';
  const m = /^@modelcontextprotocol\/([^/]+)(\/.*)?$/.exec(module);
  if (!m) return undefined;
  if (m[1] === 'sdk') return '@modelcontextprotocol/sdk';
  if (m[1] === 'client' || m[1] === 'inspector' || m[1] === 'create-server') return undefined;
  return `@modelcontextprotocol/${m[1]}`;
}

/** True for modules that only a client uses (an MCP client is not a server). */
function isClientModule(module: string): boolean {
  return module === '@modelcontextprotocol/client' || module.startsWith('@modelcontextprotocol/client/') || /^@modelcontextprotocol\/sdk\/client(\/|$)/.test(module);
}

/** True for modules of the server side of an SDK (servers, transports, auth, framework helpers). */
function isServerModule(module: string): boolean {
  if (/^@modelcontextprotocol\/sdk\/server(\/|$)/.test(module)) return true;
  if (module === 'fastmcp' || module.startsWith('fastmcp/')) return true;
  return /^@modelcontextprotocol\/(server|node|express|hono|fastify)(\/|$)/.test(module);
}

/** The import a name (or `ns.member` chain) refers to, or undefined when it is not imported. */
export function importedSymbol(node: Node, ctx: TsContext): ImportedSymbol | undefined {
  return symbolOfParts(dottedParts(unwrap(node), ctx.lang), ctx);
}

/** `importedSymbol` of a call's callee, reusing the parts the call-site collector already read. */
export function calleeSymbol(call: CallSite, ctx: TsContext): ImportedSymbol | undefined {
  if (WRAPPERS.has(calleeTypeOf(call))) return importedSymbol(call.callee, ctx);
  return symbolOfParts(calleePartsOf(call, ctx.lang), ctx);
}

function symbolOfParts(parts: readonly string[] | undefined, ctx: TsContext): ImportedSymbol | undefined {
  if (!parts) return undefined;
  const head = ctx.imports.get(parts[0]!);
  if (!head) return undefined;
  const path = head.imported === '*' || head.imported === 'default' ? parts.slice(1) : [head.imported, ...parts.slice(1)];
  const name = path.length ? path[path.length - 1]! : head.imported;
  return { module: head.module, name, package: sdkPackageOf(head.module) };
}

/** The SDK symbol name when `node` names something imported from an MCP SDK package, e.g. `McpServer`. */
export function sdkSymbol(node: Node, ctx: TsContext): string | undefined {
  const s = importedSymbol(node, ctx);
  return s?.package ? s.name : undefined;
}

/** `sdkSymbol` of a call's callee. */
export function calleeSdkSymbol(call: CallSite, ctx: TsContext): string | undefined {
  const s = calleeSymbol(call, ctx);
  return s?.package ? s.name : undefined;
}

/** One SdkRef per MCP SDK package the file imports, with the API family its imports point to. */
export function collectSdkImports(ctx: TsContext): SdkRef[] {
  const byPackage = new Map<string, { modules: Set<string>; names: Set<string> }>();
  for (const b of ctx.imports.values()) {
    const pkg = sdkPackageOf(b.module);
    if (!pkg) continue;
    const entry = byPackage.get(pkg) ?? { modules: new Set(), names: new Set() };
    entry.modules.add(b.module);
    entry.names.add(b.imported);
    byPackage.set(pkg, entry);
  }
  const out: SdkRef[] = [];
  for (const [pkg, { modules, names }] of byPackage) {
    const mods = [...modules];
    if (mods.some(isClientModule) && !mods.some(isServerModule)) continue;
    out.push({ package: pkg, api: apiFamily(pkg, mods, names) });
  }
  return out.sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : 0));
}

function apiFamily(pkg: string, modules: string[], names: Set<string>): string {
  if (pkg === 'fastmcp') return 'fastmcp';
  if (names.has('McpServer')) return 'mcpserver';
  if (names.has('Server') && modules.some((m) => /\/server(\/index(\.js)?)?$/.test(m) || m === '@modelcontextprotocol/server')) return 'lowlevel';
  if (modules.some(isServerModule)) return 'server';
  return 'types';
}

/** The API family of a server constructed with `symbol` from `pkg`. */
export function serverApi(pkg: string, symbol: string): string {
  if (pkg === 'fastmcp') return 'fastmcp';
  return symbol === 'McpServer' ? 'mcpserver' : 'lowlevel';
}
