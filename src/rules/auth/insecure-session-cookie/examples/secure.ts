import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { verifier, issuerMetadata } from "./verifier.js";

const serverUrl = new URL("https://notes.example.com/mcp");
const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) });

const server = new McpServer({ name: "notes", version: "1.0.0" });
server.tool("add_note", "Store a note for later.", async () => ({ content: [{ type: "text", text: "saved" }] }));

const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata: issuerMetadata, resourceServerUrl: serverUrl }));
app.use(express.urlencoded({ extended: false }));

app.post("/consent", (req, res) => {
  res.cookie("__Host-mcp_consent", String(req.body.client_id), {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    signed: true,
    maxAge: 86_400_000,
  });
  res.redirect(303, "/authorize/continue");
});

app.post("/mcp", bearer, async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["127.0.0.1:3000"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
