import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const bookmarks: string[] = [];
const server = new McpServer({ name: "bookmarks", version: "1.0.0" });

server.registerTool(
  "add_bookmark",
  // Any text is accepted as the URL: javascript:, file://, or 100 kB of prose.
  { description: "Save a link to the reading list.", inputSchema: { targetUrl: z.string() } },
  async ({ targetUrl }) => {
    bookmarks.push(targetUrl);
    return { content: [{ type: "text", text: `${bookmarks.length} bookmarks` }] };
  },
);

await server.connect(new StdioServerTransport());
