import { appendFile } from "node:fs/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "journal", version: "1.0.0" });

server.registerTool(
  "journal_entry",
  { description: "Append an entry to today's journal.", inputSchema: { text: z.string().max(5000) } },
  async ({ text }) => {
    try {
      await appendFile("journal.md", `- ${text}\n`);
    } catch (err) {
      console.error("journal write failed", err);
      return { content: [{ type: "text", text: "The journal could not be written." }], isError: true };
    }
    return { content: [{ type: "text", text: "entry added" }] };
  },
);

await server.connect(new StdioServerTransport());
