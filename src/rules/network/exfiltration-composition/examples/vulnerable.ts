import { readFile } from "node:fs/promises";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "team-notes", version: "1.0.0" });
const NOTES = "/srv/team-notes";

server.registerTool(
  "note_text",
  { description: "Text of one of the team's private notes.", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const text = await readFile(path.join(NOTES, path.basename(name)), "utf8");
    return { content: [{ type: "text", text }] };
  },
);

server.registerTool(
  "email_summary",
  { description: "E-mail a short summary to someone.", inputSchema: { to: z.string(), body: z.string() } },
  async ({ to, body }) => {
    // Any text the model chooses goes to any address it chooses; together with note_text that is an exfiltration path.
    const res = await fetch("https://mail.team-notes.example/v1/send", {
      method: "POST",
      body: JSON.stringify({ to, text: body }),
      signal: AbortSignal.timeout(10_000),
    });
    return { content: [{ type: "text", text: res.ok ? "sent" : "failed" }] };
  },
);

await server.connect(new StdioServerTransport());
