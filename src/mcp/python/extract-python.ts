// Extracts the MCP inventory of one Python file: servers, registrations, transports, auth and OAuth metadata evidence.
import type { FileInventory } from '../../model/inventory.js';
import { compareLocations } from '../../model/location.js';
import { emptyFileInventory, type ExtractInput } from '../extract-file.js';
import { fastmcpRegistrations } from './fastmcp-registrations.js';
import { lowlevelRegistrations } from './lowlevel-registrations.js';
import { pythonMetadataRoutes } from './metadata-routes.js';
import { pythonAuth } from './python-auth.js';
import { PythonFacts } from './python-facts.js';
import { pythonTransports } from './python-transports.js';
import { pythonSdkImports } from './sdk-imports.js';
import { ServerRegistry } from './server-registry.js';

/** Text any MCP-relevant Python file contains; files without it are skipped before any tree work. */
const RELEVANT =
  /mcp|\.(?:tool|prompt|resource|list_tools|call_tool)\b|jwt|jose|well-known|OAuth|Bearer|authorization_endpoint|AuthSettings|Verifier|AuthProvider|uvicorn/i;

export function extractPython(input: ExtractInput): FileInventory | undefined {
  if (!RELEVANT.test(input.text)) return undefined;
  const facts = new PythonFacts(input);
  const inv = emptyFileInventory(input.path, 'python');
  const hasSdkImport = [...facts.imports.values()].some((b) => /^(?:mcp|fastmcp)(?:\.|$)/.test(b.module));
  const registry = new ServerRegistry(facts, hasSdkImport);

  const apiOfServers = new Map<string, string>();
  for (const s of registry.servers) if (!apiOfServers.has(s.def.sdk.package)) apiOfServers.set(s.def.sdk.package, s.def.sdk.api);
  inv.sdkImports = pythonSdkImports(facts.imports, apiOfServers);

  fastmcpRegistrations(facts, registry);
  lowlevelRegistrations(facts, registry);
  pythonTransports(facts, registry, inv);
  pythonAuth(facts, registry, inv);
  pythonMetadataRoutes(facts, inv);

  inv.servers = registry.servers.map((s) => s.def);
  inv.orphans = registry.orphans.filter((o) => o.tools.length || o.prompts.length || o.resources.length || o.transports.length);
  for (const holder of [...inv.servers, ...inv.orphans]) {
    for (const list of [holder.tools, holder.prompts, holder.resources, holder.transports] as { location: FileInventory['servers'][number]['location'] }[][]) list.sort((a, b) => compareLocations(a.location, b.location));
  }
  for (const s of inv.servers) s.auth.sort((a, b) => compareLocations(a.location, b.location));
  inv.auth.sort((a, b) => compareLocations(a.location, b.location));
  inv.metadataRoutes.sort((a, b) => compareLocations(a.location, b.location));
  inv.transports.sort((a, b) => compareLocations(a.location, b.location));
  return inv;
}
