import express, { type Response } from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { mcpAuthRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import type { AuthorizationParams, OAuthServerProvider } from "@modelcontextprotocol/sdk/server/auth/provider.js";
import type { OAuthRegisteredClientsStore } from "@modelcontextprotocol/sdk/server/auth/clients.js";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { OAuthClientInformationFull, OAuthTokens } from "@modelcontextprotocol/sdk/shared/auth.js";
import { randomBytes } from "node:crypto";

const baseUrl = new URL("http://127.0.0.1:3000");

class GitHubProxyProvider implements OAuthServerProvider {
  private clients = new Map<string, OAuthClientInformationFull>();
  private pending = new Map<string, AuthorizationParams>();

  get clientsStore(): OAuthRegisteredClientsStore {
    return {
      getClient: async (id) => this.clients.get(id),
      registerClient: async (client) => {
        this.clients.set(client.client_id, client);
        return client;
      },
    };
  }

  async authorize(client: OAuthClientInformationFull, params: AuthorizationParams, res: Response): Promise<void> {
    const upstreamState = randomBytes(32).toString("base64url");
    this.pending.set(upstreamState, params);
    const url = new URL("https://github.com/login/oauth/authorize");
    url.searchParams.set("client_id", process.env.GITHUB_CLIENT_ID ?? "");
    url.searchParams.set("redirect_uri", new URL("/github/callback", baseUrl).href);
    url.searchParams.set("state", upstreamState);
    // Straight to GitHub under the proxy's own client id; GitHub will not ask again for an app it knows.
    res.redirect(url.toString());
  }

  async challengeForAuthorizationCode(): Promise<string> {
    throw new Error("left out of this example");
  }
  async exchangeAuthorizationCode(): Promise<OAuthTokens> {
    throw new Error("left out of this example");
  }
  async exchangeRefreshToken(): Promise<OAuthTokens> {
    throw new Error("left out of this example");
  }
  async verifyAccessToken(): Promise<AuthInfo> {
    throw new Error("left out of this example");
  }
}

const provider = new GitHubProxyProvider();
const mcpUrl = new URL("/mcp", baseUrl);
const server = new McpServer({ name: "github-proxy", version: "1.0.0" });
server.tool("count_stars", "Return the star count of a repository (placeholder).", async () => ({ content: [{ type: "text", text: "0" }] }));

const app = express();
app.use(express.json());
app.use(mcpAuthRouter({ provider, issuerUrl: baseUrl, resourceServerUrl: mcpUrl }));
app.post("/mcp", requireBearerAuth({ verifier: provider, resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(mcpUrl) }), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["127.0.0.1:3000"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
