import { SignJWT } from "jose";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const linkKey = new TextEncoder().encode(process.env.REPORT_LINK_KEY ?? "");
const server = new McpServer({ name: "reports", version: "1.0.0" });

server.registerTool(
  "share_report",
  {
    description: "Create a link that lets one recipient download one report for the next hour.",
    inputSchema: { reportId: z.string().uuid(), recipient: z.string().email() },
  },
  async ({ reportId, recipient }) => {
    const token = await new SignJWT({ report: reportId, scope: "reports:download" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(recipient)
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(linkKey);
    return { content: [{ type: "text", text: `https://reports.example.com/shared/${token}` }] };
  },
);

await server.connect(new StdioServerTransport());
