import { createHash, randomBytes } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const verifiers = new Map<string, string>();

function storePassword(username: string, password: string): void {
  // SHA-1 of the bare password: identical passwords share a digest and guesses cost nothing.
  verifiers.set(username, createHash("sha1").update(password).digest("hex"));
}

const server = new McpServer({ name: "wiki-admin", version: "1.0.0" });
server.registerTool(
  "invite_member",
  { description: "Create a wiki account; the member sets a password through the reset link.", inputSchema: { username: z.string().regex(/^[a-z0-9_]{3,32}$/) } },
  async ({ username }) => {
    // A random placeholder until the member chooses a password.
    storePassword(username, randomBytes(24).toString("base64url"));
    return { content: [{ type: "text", text: `account ${username} created` }] };
  },
);

await server.connect(new StdioServerTransport());
