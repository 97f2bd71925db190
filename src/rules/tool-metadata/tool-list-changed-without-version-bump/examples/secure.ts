import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

// The SDK reports this object in its initialize result, so updating it changes the advertised version.
const info = { name: "catalog", version: "1.0.0" };
const server = new McpServer(info);
let revision = 1;

server.registerTool("reload_catalog", { description: "Re-read the product catalog." }, async () => {
  revision += 1;
  info.version = `1.0.${revision}`;
  server.sendToolListChanged();
  return { content: [{ type: "text", text: `catalog revision ${revision}` }] };
});

await server.connect(new StdioServerTransport());
