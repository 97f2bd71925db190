import { appendFile } from "node:fs/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "notes", version: "1.2.0" });
const NOTEBOOK = process.env.NOTEBOOK_PATH ?? "notes.jsonl";

server.registerTool(
  "save_note",
  { description: "Save a note to the local notebook.", inputSchema: { title: z.string().max(200), text: z.string().max(10000) } },
  async ({ title, text }) => {
    // Notes stay on this machine; nothing is sent anywhere.
    await appendFile(NOTEBOOK, JSON.stringify({ title, text }) + "\n");
    return { content: [{ type: "text", text: `saved ${title}` }] };
  },
);

await server.connect(new StdioServerTransport());
