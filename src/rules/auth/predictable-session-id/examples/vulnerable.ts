import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const server = new McpServer({ name: "word-tools", version: "1.0.0" });
server.registerTool(
  "count_words",
  { description: "Count the words of a text.", inputSchema: { text: z.string() } },
  async ({ text }) => ({ content: [{ type: "text", text: String(text.split(/\s+/).filter(Boolean).length) }] }),
);

const transport = new StreamableHTTPServerTransport({
  // Math.random is not a cryptographic generator, so Mcp-Session-Id values can be predicted.
  sessionIdGenerator: () => Math.random().toString(36).slice(2),
  enableDnsRebindingProtection: true,
  allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
});
await server.connect(transport);

const app = express();
app.use(express.json());
app.post("/mcp", (req, res) => transport.handleRequest(req, res, req.body));
app.listen(3000, "127.0.0.1");
