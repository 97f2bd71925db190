import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const MCP_SERVER_URL = "https://notes.example.com/mcp";
const TOKEN_URL = "https://auth.example.com/oauth/token";

async function refreshAccessToken(refreshToken: string): Promise<string> {
  const response = await fetch(TOKEN_URL, {
    method: "POST",
    // No resource parameter: the new token is not bound to the MCP server.
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: "notes-cli" }),
  });
  if (!response.ok) throw new Error(`token refresh failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export async function listRemoteTools(refreshToken: string): Promise<string[]> {
  const accessToken = await refreshAccessToken(refreshToken);
  const transport = new StreamableHTTPClientTransport(new URL(MCP_SERVER_URL), {
    requestInit: { headers: { Authorization: `Bearer ${accessToken}` } },
  });
  const client = new Client({ name: "notes-cli", version: "1.0.0" });
  await client.connect(transport);
  const { tools } = await client.listTools();
  return tools.map((t) => t.name);
}
