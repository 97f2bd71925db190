import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { z } from "zod";
import { verifier, issuerMetadata } from "./verifier.js";

const serverUrl = new URL("https://crm-assistant.example.com/mcp");
const server = new McpServer({ name: "crm-assistant", version: "1.0.0" });

// Which segments each team scope may see; the server decides per caller before lending its key.
const SEGMENTS_BY_SCOPE: Record<string, string[]> = { "sales-emea": ["emea"], "sales-us": ["us"] };

server.registerTool(
  "account_count",
  { description: "Number of CRM accounts in a segment.", inputSchema: { segment: z.string() } },
  async ({ segment }, extra) => {
    const scopes = extra.authInfo?.scopes ?? [];
    if (!scopes.some((s) => SEGMENTS_BY_SCOPE[s]?.includes(segment))) {
      return { content: [{ type: "text", text: "this segment is not available to you" }], isError: true };
    }
    const res = await fetch("https://api.crm.example/v2/accounts/count", {
      method: "POST",
      body: JSON.stringify({ segment, api_key: process.env.CRM_ADMIN_API_KEY }),
      signal: AbortSignal.timeout(10_000),
    });
    const data = (await res.json()) as { count: number };
    return { content: [{ type: "text", text: String(Number(data.count)) }] };
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
