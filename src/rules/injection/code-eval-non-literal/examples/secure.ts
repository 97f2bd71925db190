import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "json-transformer", version: "1.0.0" });

/** Follows a dotted path such as `items.0.name` without evaluating anything. */
function pick(data: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    return (value as Record<string, unknown>)[key];
  }, data);
}

server.registerTool(
  "transform_json",
  {
    description: "Extract the value at a dotted path such as `items.0.name` from a JSON document.",
    inputSchema: { json: z.string(), path: z.string().regex(/^[\w.-]+$/) },
  },
  async ({ json, path }) => {
    const result = pick(JSON.parse(json), path);
    return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }] };
  },
);

await server.connect(new StdioServerTransport());
