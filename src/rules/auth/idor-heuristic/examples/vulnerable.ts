import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { Pool } from "pg";
import { z } from "zod";
import { verifier, issuerMetadata } from "./verifier.js";

const pool = new Pool();
const serverUrl = new URL("https://billing.example.com/mcp");
const server = new McpServer({ name: "billing", version: "1.0.0" });

server.registerTool(
  "invoice_total",
  { description: "Total amount of an invoice.", inputSchema: { invoiceId: z.string().uuid() } },
  async ({ invoiceId }) => {
    // Any signed-in caller can read any invoice: the row is chosen by id alone.
    const { rows } = await pool.query("SELECT total_cents FROM invoices WHERE id = $1", [invoiceId]);
    const total = rows.length ? (Number(rows[0].total_cents) / 100).toFixed(2) : "no such invoice";
    return { content: [{ type: "text", text: total }] };
  },
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
