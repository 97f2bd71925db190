import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "weather", version: "1.0.0" });

server.registerTool(
  "get_forecast",
  {
    description: "Get the weather forecast for a city. Returns a one-line summary.",
    inputSchema: { city: z.string().describe("City name") },
  },
  async ({ city }) => ({ content: [{ type: "text", text: `Sunny in ${city}` }] }),
);
