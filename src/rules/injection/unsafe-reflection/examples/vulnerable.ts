import os from "node:os";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "process-facts", version: "1.0.0" });

server.registerTool(
  "process_fact",
  { description: "Return a fact about the host, such as hostname or uptime.", inputSchema: { fact: z.string() } },
  async ({ fact }) => {
    // Any export of the os module can be named: "userInfo", "networkInterfaces", "setPriority", ...
    const value = (os as unknown as Record<string, () => unknown>)[fact]();
    return { content: [{ type: "text", text: JSON.stringify(value) }] };
  },
);

await server.connect(new StdioServerTransport());
