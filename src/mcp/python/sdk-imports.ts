// The MCP SDK packages a Python file imports (`mcp`, `fastmcp`) and which API family of each it uses.
import type { SdkRef } from '../../model/inventory.js';
import type { ImportMap } from '../../parse/imports.js';

/** Preference when one file touches several families of the official package. */
const MCP_API_RANK = ['fastmcp', 'mcpserver', 'lowlevel', 'client', 'types'];

/** `apiOfServers` holds the API families of the servers constructed in the file, which take precedence. */
export function pythonSdkImports(imports: ImportMap, apiOfServers: ReadonlyMap<string, string>): SdkRef[] {
  const found = new Map<string, Set<string>>();
  for (const b of imports.values()) {
    const root = b.module.split('.')[0];
    if (root !== 'mcp' && root !== 'fastmcp') continue;
    const apis = found.get(root) ?? new Set<string>();
    found.set(root, apis);
    if (root === 'fastmcp') {
      apis.add('fastmcp');
      continue;
    }
    apis.add(officialApi(b.module, b.imported));
  }
  const out: SdkRef[] = [];
  for (const [pkg, apis] of found) {
    const api = apiOfServers.get(pkg) ?? MCP_API_RANK.find((a) => apis.has(a)) ?? [...apis][0]!;
    out.push({ package: pkg, api });
  }
  return out;
}

function officialApi(module: string, imported: string): string {
  if (module.startsWith('mcp.server.fastmcp') || imported === 'FastMCP') return 'fastmcp';
  if (module.startsWith('mcp.server.mcpserver') || imported === 'MCPServer') return 'mcpserver';
  if (module.startsWith('mcp.server')) return 'lowlevel';
  if (module.startsWith('mcp.client') || /^(ClientSession|StdioServerParameters|stdio_client)$/.test(imported)) return 'client';
  return 'types';
}
