import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const pending = new Map<string, string>();
const server = new McpServer({ name: "calendar-connector", version: "1.0.0" });

server.registerTool(
  "connect_calendar",
  { description: "Return the link the user opens to connect their calendar account.", inputSchema: { user: z.string() } },
  async ({ user }) => {
    const url = new URL("https://calendar.example.com/oauth/authorize");
    const params = {
      client_id: process.env.CALENDAR_CLIENT_ID ?? "",
      response_type: "code",
      redirect_uri: "http://127.0.0.1:8765/callback",
      // Math.random can be predicted, so the callback's CSRF check can be forged.
      state: Math.random().toString(36).slice(2),
    };
    pending.set(params.state, user);
    url.search = new URLSearchParams(params).toString();
    return { content: [{ type: "text", text: url.toString() }] };
  },
);

await server.connect(new StdioServerTransport());
