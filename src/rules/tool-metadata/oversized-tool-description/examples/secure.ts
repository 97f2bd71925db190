import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

const server = new McpServer({ name: "inventory", version: "1.0.0" });

server.tool("search_inventory", "Search inventory items by name; returns item ids with stock levels.", async () => ({ content: [] }));
