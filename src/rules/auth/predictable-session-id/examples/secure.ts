import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

// A per-launch token the user pastes into the client configuration.
const launchToken = randomBytes(32).toString("hex");
console.error(`MCP token: ${launchToken}`);

function hasLaunchToken(req: express.Request): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${launchToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = new McpServer({ name: "word-tools", version: "1.0.0" });
server.registerTool(
  "count_words",
  { description: "Count the words of a text.", inputSchema: { text: z.string() } },
  async ({ text }) => ({ content: [{ type: "text", text: String(text.split(/\s+/).filter(Boolean).length) }] }),
);

const transport = new StreamableHTTPServerTransport({
  // 122 random bits from the CSPRNG, as in the SDK's own examples.
  sessionIdGenerator: () => randomUUID(),
  enableDnsRebindingProtection: true,
  allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
});
await server.connect(transport);

const app = express();
app.use(express.json());
app.post("/mcp", (req, res) => {
  if (!hasLaunchToken(req)) {
    res.status(401).end();
    return;
  }
  return transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
