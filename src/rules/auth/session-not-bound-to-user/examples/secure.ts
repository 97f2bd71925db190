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

// Each session remembers the client that opened it.
const sessions: Record<string, { transport: StreamableHTTPServerTransport; owner: string }> = {};
const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata: issuerMetadata, resourceServerUrl: serverUrl }));
const bearer = requireBearerAuth({ verifier, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) });

app.post("/mcp", bearer, async (req, res) => {
  const caller = req.auth!.clientId;
  const sessionId = req.headers["mcp-session-id"] as string | undefined;
  const existing = sessionId ? sessions[sessionId] : undefined;
  if (existing && existing.owner !== caller) {
    res.status(403).json({ error: "session belongs to another client" });
    return;
  }
  let transport = existing?.transport;
  if (!transport) {
    const created = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions[id] = { transport: created, owner: caller };
      },
      enableDnsRebindingProtection: true,
      allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
    });
    await createServer().connect(created);
    transport = created;
  }
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
