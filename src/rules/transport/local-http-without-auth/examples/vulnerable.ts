import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const server = new McpServer({ name: "notes", version: "1.0.0" });
server.tool("add_note", "Store a note for later.", async () => ({ content: [{ type: "text", text: "saved" }] }));

const app = express();
app.use(express.json());
app.post("/mcp", async (req, res) => {
  // Host validation stops DNS rebinding, but any local process can still POST here: nothing checks a token.
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["127.0.0.1:3000"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
