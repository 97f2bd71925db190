import open from "open";
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";

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
    // The URL comes from the server's OAuth metadata; `open` hands it to the OS (PowerShell on Windows) unchecked.
    await open(authorizationUrl.toString());
  }
}
