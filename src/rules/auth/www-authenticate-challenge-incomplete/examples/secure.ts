import express from "express";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { mcpAuthMetadataRouter, getOAuthProtectedResourceMetadataUrl } from "@modelcontextprotocol/sdk/server/auth/router.js";
import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import type { OAuthTokenVerifier } from "@modelcontextprotocol/sdk/server/auth/provider.js";
import { z } from "zod";

const ISSUER = "https://auth.example.com";
const serverUrl = new URL("https://crm-mcp.example.com/mcp");
const jwks = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));
const issuerMetadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/authorize`,
  token_endpoint: `${ISSUER}/token`,
  response_types_supported: ["code"],
};

const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token) {
    const { payload: claims } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: serverUrl.href, algorithms: ["RS256"] }).catch(() => {
      throw new InvalidTokenError("invalid access token");
    });
    return { token, clientId: String(claims.azp ?? claims.sub), scopes: String(claims.scope ?? "").split(" "), expiresAt: claims.exp };
  },
};

const server = new McpServer({ name: "crm", version: "1.0.0" });
server.registerTool(
  "find_customer",
  { description: "Look up a customer record by e-mail address.", inputSchema: { email: z.string().email() } },
  async ({ email }) => ({ content: [{ type: "text", text: `no customer with e-mail ${email}` }] }),
);

const app = express();
app.use(express.json());
app.use(mcpAuthMetadataRouter({ oauthMetadata: issuerMetadata, resourceServerUrl: serverUrl }));
app.post(
  "/mcp",
  requireBearerAuth({ verifier, requiredScopes: ["crm.read"], resourceMetadataUrl: getOAuthProtectedResourceMetadataUrl(serverUrl) }),
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
