import ejs from "ejs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "report-writer", version: "1.0.0" });
// A fixed template: the caller's values are data passed to it, never template code.
const SUMMARY = "Summary for <%= project %> (<%= generated %>)";

server.registerTool(
  "render_summary",
  { description: "Render a project summary.", inputSchema: { project: z.string().max(200) } },
  async ({ project }) => {
    const text = ejs.render(SUMMARY, { project, generated: new Date().toISOString() });
    return { content: [{ type: "text", text }] };
  },
);

await server.connect(new StdioServerTransport());
