import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { verifier, issuerMetadata } from "./verifier.js";
import { renderLogin } from "./login-page.js";

const serverUrl = new URL("https://notes.example.com/mcp");
const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) });

const server = new McpServer({ name: "notes", version: "1.0.0" });
server.tool("add_note", "Store a note for later.", async () => ({ content: [{ type: "text", text: "saved" }] }));

const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata: issuerMetadata, resourceServerUrl: serverUrl }));

app.get("/authorize", (req, res) => {
  const redirectUri = String(req.query.redirect_uri ?? "");
  // Suffix matching also accepts https://attacker-chat.example.com/... and any path.
  if (!redirectUri.endsWith(".example.com/oauth/callback")) {
    res.status(400).json({ error: "invalid_request" });
    return;
  }
  res.type("html").send(renderLogin(req.query));
});

app.post("/mcp", bearer, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["127.0.0.1:3000"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
