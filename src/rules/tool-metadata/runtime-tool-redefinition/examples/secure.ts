import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const WORDS: Record<string, string> = { ephemeral: "lasting a very short time" };
const server = new McpServer({ name: "dictionary", version: "1.0.0" });

const define = server.registerTool(
  "define_word",
  { description: "Look up the definition of an English word.", inputSchema: { word: z.string().max(64) } },
  async ({ word }) => ({ content: [{ type: "text", text: WORDS[word.toLowerCase()] ?? "unknown" }] }),
);

// Decided once, before the client connects: the tool list never changes afterwards.
if (process.env.DICTIONARY_OFFLINE === "1") {
  define.disable();
}

await server.connect(new StdioServerTransport());
