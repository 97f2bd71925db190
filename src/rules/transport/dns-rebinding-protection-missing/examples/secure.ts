import { randomUUID, timingSafeEqual } from "node:crypto";
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const configuredToken = process.env.NOTES_MCP_TOKEN;

function hasToken(req: express.Request): boolean {
  if (!configuredToken) return false;
  const given = Buffer.from(req.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${configuredToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = new McpServer({ name: "notes", version: "1.0.0" });
server.tool("read_note", "Return the text of a note.", async () => ({ content: [{ type: "text", text: "..." }] }));

const transport = new StreamableHTTPServerTransport({
  sessionIdGenerator: () => randomUUID(),
  enableDnsRebindingProtection: true,
  allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
  allowedOrigins: ["http://127.0.0.1:3000", "http://localhost:3000"],
});
await server.connect(transport);

const app = express();
app.use(express.json());
app.all("/mcp", (req, res) => {
  if (!hasToken(req)) {
    res.set("WWW-Authenticate", 'Bearer realm="notes"').status(401).end();
    return;
  }
  return transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
