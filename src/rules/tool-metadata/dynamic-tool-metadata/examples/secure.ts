import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// Configuration may come from the environment; the text the model reads does not.
const limit = Number(process.env.NOTES_LIMIT ?? "20");

const server = new McpServer({ name: "notes", version: "1.0.0" });

server.registerTool(
  "search_notes",
  { description: "Search the user's notes and return up to twenty matching titles.", inputSchema: { query: z.string().max(200) } },
  async ({ query }) => ({ content: [{ type: "text", text: `no notes match ${query} (limit ${limit})` }] }),
);

await server.connect(new StdioServerTransport());
