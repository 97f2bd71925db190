import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { z } from "zod";
import { verifier, issuerMetadata } from "./verifier.js";

const serverUrl = new URL("https://invoices.example.com/mcp");
const server = new McpServer({ name: "invoices", version: "1.0.0" });
server.registerTool(
  "list_invoices",
  { description: "List the invoice numbers of a customer.", inputSchema: { customerId: z.string() } },
  async ({ customerId }) => ({ content: [{ type: "text", text: `${customerId}-0001` }] }),
);

const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata: issuerMetadata, resourceServerUrl: serverUrl }));
app.post(
  "/mcp",
  requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) }),
  async (req, res) => {
    const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableDnsRebindingProtection: true,
    allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
  });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  },
);
app.listen(3000, "127.0.0.1");
