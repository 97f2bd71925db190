import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const server = new McpServer({ name: "inventory", version: "1.0.0" });
server.tool("stock_level", "Units of an item left in the warehouse.", async () => ({ content: [{ type: "text", text: "42" }] }));

const app = express();
app.use(express.json());
app.post("/mcp", async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["inventory.internal:8080"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
// A routable interface and no bearer check on /mcp.
app.listen(8080, "10.20.0.5");
