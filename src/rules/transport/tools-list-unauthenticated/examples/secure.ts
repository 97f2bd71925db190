import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { getOAuthProtectedResourceMetadataUrl, mcpAuthMetadataRouter } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { oauthMetadata, verifier } from "./auth.js";

const resourceServerUrl = new URL("https://inventory.example.com/mcp");

const server = new McpServer({ name: "inventory", version: "1.0.0" });
server.tool("stock_level", "Units of an item left in the warehouse.", async () => ({ content: [{ type: "text", text: "42" }] }));

const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata, resourceServerUrl }));
// Every MCP request must carry a token the verifier accepts; the 401 points clients at the metadata.
const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(resourceServerUrl) });
app.post("/mcp", bearer, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["inventory.example.com"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(8080, "10.20.0.5");
