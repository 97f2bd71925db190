import cors from "cors";
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { oauthMetadata, verifier } from "./auth.js";

const resourceServerUrl = new URL("https://crm.example.com/mcp");
const server = new McpServer({ name: "crm", version: "1.0.0" });
server.tool("account_summary", "Summarise a customer account.", async () => ({ content: [{ type: "text", text: "..." }] }));

const app = express();
// origin: true echoes whatever site is asking, and credentials: true lets that site send the user's cookies.
app.use(cors({ origin: true, credentials: true, exposedHeaders: ["Mcp-Session-Id"] }));
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl }));
const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resourceServerUrl) });
app.post("/mcp", bearer, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["crm.example.com"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(8080, "10.20.0.7");
