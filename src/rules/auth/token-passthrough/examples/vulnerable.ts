import express from "express";
import { Octokit } from "@octokit/rest";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { z } from "zod";
import { issuerMetadata, verifier } from "./auth.js";

const serverUrl = new URL("https://gh-stats.example.com/mcp");
const server = new McpServer({ name: "gh-stats", version: "1.0.0" });

server.registerTool(
  "repo_open_issue_count",
  {
    description: "Count the open issues of a GitHub repository.",
    inputSchema: { owner: z.string().regex(/^[\w.-]+$/), repo: z.string().regex(/^[\w.-]+$/) },
    annotations: { readOnlyHint: true },
  },
  async ({ owner, repo }, extra) => {
    // The token the MCP client presented to this server is replayed against GitHub.
    const github = new Octokit({ auth: extra.authInfo?.token });
    const { data } = await github.rest.repos.get({ owner, repo });
    return { content: [{ type: "text", text: String(data.open_issues_count) }] };
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
    res.on("close", () => transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  },
);
app.listen(3000, "127.0.0.1");
