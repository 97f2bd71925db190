import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "json-transformer", version: "1.0.0" });

server.registerTool(
  "transform_json",
  {
    description: "Apply a JavaScript expression such as `data.items.map(i => i.name)` to a JSON document.",
    inputSchema: { json: z.string(), expression: z.string() },
  },
  async ({ json, expression }) => {
    const transform = new Function("data", `return (${expression});`);
    const result = transform(JSON.parse(json));
    return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }] };
  },
);

await server.connect(new StdioServerTransport());
