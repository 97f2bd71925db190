import os from "node:os";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "process-facts", version: "1.0.0" });
// The operations this tool offers, and nothing else.
const FACTS = { hostname: () => os.hostname(), uptime: () => os.uptime() };

server.registerTool(
  "process_fact",
  { description: "Return a fact about the host.", inputSchema: { fact: z.enum(["hostname", "uptime"]) } },
  async ({ fact }) => {
    const value = FACTS[fact]();
    return { content: [{ type: "text", text: JSON.stringify(value) }] };
  },
);

await server.connect(new StdioServerTransport());
