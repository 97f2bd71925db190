import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { google } from "googleapis";
import { z } from "zod";

// The scopes the user grants when connecting Google Drive: metadata, read-only.
export const DRIVE_SCOPES = ["https://www.googleapis.com/auth/drive.metadata.readonly"];

const auth = new google.auth.OAuth2(process.env.GOOGLE_CLIENT_ID, process.env.GOOGLE_CLIENT_SECRET);
auth.setCredentials({ refresh_token: process.env.GOOGLE_REFRESH_TOKEN });
const drive = google.drive({ version: "v3", auth });
const server = new McpServer({ name: "drive-finder", version: "1.0.0" });

server.registerTool(
  "search_drive_titles",
  { description: "Find Drive files whose title contains a word.", inputSchema: { word: z.string().regex(/^[\w-]+$/) }, annotations: { readOnlyHint: true } },
  async ({ word }) => {
    const res = await drive.files.list({ q: `name contains '${word}'`, fields: "files(name)" });
    return { content: [{ type: "text", text: (res.data.files ?? []).map((f) => f.name).join("\n") }] };
  },
);

await server.connect(new StdioServerTransport());
