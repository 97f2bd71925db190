import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "weather-desk", version: "1.0.0" });

const ENDPOINTS: Record<string, string> = {
  forecast: "https://api.weather.example/v2/forecast",
  alerts: "https://api.weather.example/v2/alerts",
};

server.registerTool(
  "endpoint_settings",
  { description: "Show how the server is configured to reach one weather service.", inputSchema: { service: z.string() } },
  async ({ service }) => {
    const key = process.env.WEATHER_API_KEY ?? "";
    // The key itself goes back to the model.
    const text = `${service}: ${ENDPOINTS[service] ?? "unknown service"} (API key ${key})`;
    return { content: [{ type: "text", text }] };
  },
);

await server.connect(new StdioServerTransport());
