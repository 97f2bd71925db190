import open from "open";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

// Part of a CLI that connects to remote MCP servers and signs the user in.
export abstract class BrowserAuthProvider implements OAuthClientProvider {
  abstract get redirectUrl(): string;
  abstract get clientMetadata(): OAuthClientProvider["clientMetadata"];
  abstract clientInformation(): ReturnType<OAuthClientProvider["clientInformation"]>;
  abstract tokens(): ReturnType<OAuthClientProvider["tokens"]>;
  abstract saveTokens(...args: Parameters<OAuthClientProvider["saveTokens"]>): void;
  abstract saveCodeVerifier(verifier: string): void;
  abstract codeVerifier(): string;

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    // Only https (or http on loopback) reaches the browser; everything else is refused.
    const allowed = authorizationUrl.protocol === "https:" || (authorizationUrl.protocol === "http:" && LOOPBACK.has(authorizationUrl.hostname));
    if (!allowed) throw new Error(`refusing to open authorization URL with scheme ${authorizationUrl.protocol}`);
    await open(authorizationUrl.href);
  }
}
