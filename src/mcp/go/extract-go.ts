// Extracts the MCP inventory of one Go file: mark3labs/mcp-go and the official go-sdk servers, registrations, transports, auth and metadata.
import type { FileInventory } from '../../model/inventory.js';
import { emptyFileInventory, type ExtractInput } from '../extract-file.js';
import { collectRegistrations } from './collect-registrations.js';
import { findAuth } from './find-auth.js';
import { findMetadataRoutes } from './find-metadata-routes.js';
import { findTransports } from './find-transports.js';
import { GoFile, SDK_MODULES } from './go-file.js';
import { ServerIndex, type ServerEntry } from './server-index.js';

type Orphan = FileInventory['orphans'][number];

export function extractGo(input: ExtractInput): FileInventory | undefined {
  const file = new GoFile(input);
  const inv = emptyFileInventory(input.path, 'go');
  // Auth and discovery metadata matter in any file: a project may verify tokens in a module that never imports an SDK.
  const auth = findAuth(file);
  inv.metadataRoutes = findMetadataRoutes(file);

  inv.sdkImports = file.sdkImports();
  if (!inv.sdkImports.length) {
    inv.auth = auth.map((a) => a.auth);
    return inv;
  }

  const index = new ServerIndex(file);
  const regs = collectRegistrations(file, index);
  const transports = findTransports(file, index);

  const orphans = new Map<string, Orphan>();
  const orphan = (receiver: string): Orphan => {
    let o = orphans.get(receiver);
    if (!o) orphans.set(receiver, (o = { receiver, tools: [], prompts: [], resources: [], transports: [] }));
    return o;
  };
  for (const [receiver, r] of regs.orphans) {
    const o = orphan(receiver);
    o.tools.push(...r.tools);
    o.prompts.push(...r.prompts);
    o.resources.push(...r.resources);
  }

  for (const e of index.entries) {
    const r = regs.perServer.get(e);
    if (r) {
      e.def.tools.push(...r.tools);
      e.def.prompts.push(...r.prompts);
      e.def.resources.push(...r.resources);
    }
  }
  for (const t of transports.mcp) {
    if (t.entry) t.entry.def.transports.push(t.transport);
    else if (t.receiver) orphan(t.receiver).transports.push(t.transport);
    else inv.transports.push(t.transport);
  }
  inv.transports.push(...transports.listeners);

  for (const a of auth) {
    const servers = new Set<ServerEntry>();
    for (const w of a.wraps) for (const t of transports.served(w)) if (t.entry) servers.add(t.entry);
    if (servers.size) for (const s of servers) s.def.auth.push(a.auth);
    else inv.auth.push(a.auth);
  }

  inv.servers = index.entries.map((e) => e.def);
  inv.orphans = [...orphans.values()];
  if (!inv.servers.length && !inv.orphans.length && !transports.mcp.length && isClientOnly(file)) inv.sdkImports = [];
  return inv;
}

/** A file that uses an SDK only as an MCP client (mcp-go `client` package, go-sdk `mcp.NewClient`). */
function isClientOnly(file: GoFile): boolean {
  const modules = [...file.imports.values()].map((b) => b.module);
  if (modules.some((m) => m === `${SDK_MODULES['mcp-go']}/server`)) return false;
  if (modules.some((m) => m.startsWith(`${SDK_MODULES['mcp-go']}/client`))) return true;
  return file.sdkCalls().some(({ sdk: s }) => s?.family === 'go-sdk' && s.pkg === 'mcp' && s.member === 'NewClient');
}
