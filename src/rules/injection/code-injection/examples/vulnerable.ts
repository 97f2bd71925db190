// A calculator MCP server (@modelcontextprotocol/sdk, stdio) that evaluates its input as JavaScript.
import vm from "node:vm";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "calculator", version: "1.0.0" });

server.registerTool(
  "calc_evaluate",
  { description: 'Evaluate a math expression such as "Math.sqrt(2) * Math.PI".', inputSchema: { expression: z.string() } },
  async ({ expression }) => {
    // node:vm is not a sandbox: "this.constructor.constructor('return process')()" reaches the real process.
    const value = vm.runInNewContext(expression, { Math }, { timeout: 100 });
    return { content: [{ type: "text", text: String(value) }] };
  },
);

await server.connect(new StdioServerTransport());
