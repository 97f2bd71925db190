import { randomUUID } from "node:crypto";
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { z } from "zod";
import { verifier, issuerMetadata } from "./verifier.js";

const serverUrl = new URL("https://notes.example.com/mcp");

function createServer(): McpServer {
  const server = new McpServer({ name: "notes", version: "1.0.0" });
  server.registerTool(
    "add_note",
    { description: "Store a note for later.", inputSchema: { text: z.string() } },
    async () => ({ content: [{ type: "text", text: "saved" }] }),
  );
  return server;
}

const transports: Record<string, StreamableHTTPServerTransport> = {};
const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata: issuerMetadata, resourceServerUrl: serverUrl }));
const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) });

app.post("/mcp", bearer, async (req, res) => {
  const sessionId = req.headers["mcp-session-id"] as string | undefined;
  let transport: StreamableHTTPServerTransport;
  // Any user with a valid token who learns this id is attached to someone else's session.
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
      enableDnsRebindingProtection: true,
      allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
    });
    await createServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
