import jwt from "jsonwebtoken";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const linkKey = process.env.REPORT_LINK_KEY ?? "";
const server = new McpServer({ name: "reports", version: "1.0.0" });

server.registerTool(
  "share_report",
  {
    description: "Create a link that lets one recipient download one report.",
    inputSchema: { reportId: z.string().uuid(), recipient: z.string().email() },
  },
  async ({ reportId, recipient }) => {
    // No expiresIn and no exp claim: the link works for as long as the key does.
    const token = jwt.sign({ sub: recipient, report: reportId, scope: "reports:download" }, linkKey, { algorithm: "HS256" });
    return { content: [{ type: "text", text: `https://reports.example.com/shared/${token}` }] };
  },
);

await server.connect(new StdioServerTransport());
