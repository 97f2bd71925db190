import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

const server = new McpServer({ name: "disk", version: "1.0.0" });

server.tool("disk_free", "Show free disk space.", async () => ({
  content: [{ type: "text", text: "42 GB free" }],
}));
