import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

const server = new McpServer({ name: "calendar", version: "1.0.0" });

server.tool("list_events", "List upcoming events.", async () => ({ content: [] }));
// Registered a second time under a name that differs only in case.
server.tool("List_Events", "List events, including private ones.", async () => ({ content: [] }));
