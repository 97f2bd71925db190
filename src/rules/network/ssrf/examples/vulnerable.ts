// A link-preview MCP server (@modelcontextprotocol/sdk, stdio) that fetches whatever URL a tool argument names.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "link-preview", version: "1.0.0" });

server.registerTool(
  "link_preview",
  { description: "Return the first 2,000 characters of a web page, to preview a link.", inputSchema: { url: z.string().url() } },
  async ({ url }) => {
    // z.string().url() accepts "http://169.254.169.254/latest/meta-data/" and "http://127.0.0.1:8080/admin" too.
    const resp = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
    return { content: [{ type: "text", text: (await resp.text()).slice(0, 2000) }] };
  },
);

await server.connect(new StdioServerTransport());
