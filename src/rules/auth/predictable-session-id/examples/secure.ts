import { randomUUID } from "node:crypto";
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { verifier, issuerMetadata } from "./verifier.js";
import { z } from "zod";

const serverUrl = new URL("https://notes.example.com/mcp");
const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) });

const server = new McpServer({ name: "word-tools", version: "1.0.0" });
server.registerTool(
  "count_words",
  { description: "Count the words of a text.", inputSchema: { text: z.string() } },
  async ({ text }) => ({ content: [{ type: "text", text: String(text.split(/\s+/).filter(Boolean).length) }] }),
);

const transport = new StreamableHTTPServerTransport({
  // 122 random bits from the CSPRNG, as in the SDK's own examples.
  sessionIdGenerator: () => randomUUID(),
  enableDnsRebindingProtection: true,
  allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
});
await server.connect(transport);

const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata: issuerMetadata, resourceServerUrl: serverUrl }));
app.post("/mcp", bearer, (req, res) => transport.handleRequest(req, res, req.body));
app.listen(3000, "127.0.0.1");
