import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

const server = new McpServer({ name: "calendar", version: "1.0.0" });

server.tool("list_events", "List upcoming events.", async () => ({ content: [] }));
server.tool("list_private_events", "List private events.", async () => ({ content: [] }));
