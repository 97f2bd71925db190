import Anthropic from "@anthropic-ai/sdk";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const anthropic = new Anthropic({ timeout: 60_000 });
const server = new McpServer({ name: "translator", version: "1.0.0" });

server.registerTool(
  "translate_text",
  {
    description: "Translate text into another language.",
    inputSchema: { text: z.string().max(20000), language: z.enum(["de", "fr", "es"]) },
  },
  async ({ text, language }) => {
    const msg = await anthropic.messages.create({
      model: "claude-sonnet-4-5",
      max_tokens: 4096,
      messages: [{ role: "user", content: `Translate into ${language}:\n\n${text}` }],
    });
    const block = msg.content[0];
    return { content: [{ type: "text", text: block?.type === "text" ? block.text : "" }] };
  },
);

await server.connect(new StdioServerTransport());
