import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { z } from "zod";
import { verifier } from "./verifier.js";

const server = new McpServer({ name: "invoices", version: "1.0.0" });
server.registerTool(
  "list_invoices",
  { description: "List the invoice numbers of a customer.", inputSchema: { customerId: z.string() } },
  async ({ customerId }) => ({ content: [{ type: "text", text: `${customerId}-0001` }] }),
);

const app = express();
app.use(express.json());
// Every request needs a bearer token, but the 401 points nowhere and no metadata document exists.
app.post("/mcp", requireBearerAuth({ verifier }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableDnsRebindingProtection: true,
    allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
