import express from "express";
import { createRemoteJWKSet, jwtVerify } from "jose";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import type { OAuthTokenVerifier } from "@modelcontextprotocol/sdk/server/auth/provider.js";

const ISSUER = "https://auth.example.com";
const RESOURCE = "https://crm-mcp.example.com/mcp";
const jwks = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));

const verifier: OAuthTokenVerifier = {
  async verifyAccessToken(token) {
    const { payload: claims } = await jwtVerify(token, jwks, { issuer: ISSUER, audience: RESOURCE, algorithms: ["RS256"] }).catch(() => {
      throw new InvalidTokenError("invalid access token");
    });
    return { token, clientId: String(claims.azp ?? claims.sub), scopes: String(claims.scope ?? "").split(" "), expiresAt: claims.exp };
  },
};

const server = new McpServer({ name: "crm", version: "1.0.0" });
const app = express();
app.use(express.json());
app.post("/mcp", requireBearerAuth({
  verifier,
  requiredScopes: ["crm.read"],
  resourceMetadataUrl: "https://crm-mcp.example.com/.well-known/oauth-protected-resource/mcp",
}), async (req, res) => {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableDnsRebindingProtection: true,
    allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
  });
  res.on("close", () => transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
