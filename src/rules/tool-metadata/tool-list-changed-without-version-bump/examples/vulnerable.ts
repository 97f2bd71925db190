import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "catalog", version: "1.0.0" });
let revision = 1;

server.registerTool("reload_catalog", { description: "Re-read the product catalog." }, async () => {
  revision += 1;
  // The tool set may now differ, but the server still reports version 1.0.0.
  server.sendToolListChanged();
  return { content: [{ type: "text", text: `catalog revision ${revision}` }] };
});

await server.connect(new StdioServerTransport());
