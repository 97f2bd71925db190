import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "story-teller", version: "1.0.0" });

server.registerTool(
  "tell_story",
  {
    description: "Write a story about a topic.",
    inputSchema: { topic: z.string().max(200), length: z.number().int().positive() },
  },
  async ({ topic, length }) => {
    // The caller picks the budget, and the schema puts no upper bound on it.
    const result = await server.server.createMessage({
      messages: [{ role: "user", content: { type: "text", text: `Write a story about ${topic}.` } }],
      maxTokens: length,
    });
    return { content: [{ type: "text", text: result.content.type === "text" ? result.content.text : "" }] };
  },
);

await server.connect(new StdioServerTransport());
