import { randomBytes } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const invites = new Map<string, string>();
const server = new McpServer({ name: "team-invites", version: "1.0.0" });

server.registerTool(
  "create_invite",
  { description: "Create an invitation code for a new team member.", inputSchema: { email: z.string().email() } },
  async ({ email }) => {
    const inviteCode = randomBytes(18).toString("base64url");
    invites.set(inviteCode, email);
    return { content: [{ type: "text", text: inviteCode }] };
  },
);

await server.connect(new StdioServerTransport());
