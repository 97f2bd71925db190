import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// The server's own settings file, in its own folder.
const settingsFile = path.join(os.homedir(), ".config", "city-weather", "settings.json");
const settings: { units?: string } = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, "utf8")) : {};

const server = new McpServer({ name: "city-weather", version: "1.0.0" });
const FORECASTS: Record<string, string> = { oslo: "light snow, -3 °C", lisbon: "sunny, 19 °C" };

server.registerTool(
  "forecast",
  { description: "Get today's forecast for a city.", inputSchema: { city: z.string().max(80) } },
  async ({ city }) => ({
    content: [{ type: "text", text: `${FORECASTS[city.toLowerCase()] ?? "no forecast available"} (${settings.units ?? "metric"})` }],
  }),
);

await server.connect(new StdioServerTransport());
