import { createHash, randomBytes } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const pending = new Map<string, string>();
const server = new McpServer({ name: "repo-connector", version: "1.0.0" });

server.registerTool(
  "connect_github",
  { description: "Return the link that connects a GitHub account to this server." },
  async () => {
    const verifier = randomBytes(48).toString("base64url");
    const state = randomBytes(32).toString("base64url");
    pending.set(state, verifier);
    const url = new URL("https://github.com/login/oauth/authorize");
    url.searchParams.set("client_id", process.env.GITHUB_CLIENT_ID ?? "");
    url.searchParams.set("redirect_uri", "http://127.0.0.1:8765/callback");
    url.searchParams.set("state", state);
    url.searchParams.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
    url.searchParams.set("code_challenge_method", "S256");
    return { content: [{ type: "text", text: url.toString() }] };
  },
);

await server.connect(new StdioServerTransport());
