import ejs from "ejs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "report-writer", version: "1.0.0" });

server.registerTool(
  "render_summary",
  { description: "Render a project summary from an EJS template.", inputSchema: { template: z.string(), project: z.string() } },
  async ({ template, project }) => {
    // EJS compiles <% %> blocks to JavaScript, so the caller's template runs as code in this process.
    const text = ejs.render(template, { project, generated: new Date().toISOString() });
    return { content: [{ type: "text", text }] };
  },
);

await server.connect(new StdioServerTransport());
