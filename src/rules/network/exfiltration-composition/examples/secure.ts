import { readFile } from "node:fs/promises";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "team-notes", version: "1.0.0" });
const NOTES = "/srv/team-notes";

server.registerTool(
  "note_text",
  { description: "Text of one of the team's private notes.", inputSchema: { name: z.string() } },
  async ({ name }) => {
    const text = await readFile(path.join(NOTES, path.basename(name)), "utf8");
    return { content: [{ type: "text", text: "<untrusted-note>\n" + text + "\n</untrusted-note>" }] };
  },
);

server.registerTool(
  "temperature",
  { description: "Current temperature in a city.", inputSchema: { city: z.string() } },
  async ({ city }) => {
    // The city only goes into the path of a fixed API host: nobody but the weather service sees it.
    const res = await fetch(`https://api.weather.example/v1/current/${encodeURIComponent(city)}`, { signal: AbortSignal.timeout(10_000) });
    const data = (await res.json()) as { temperature_c: number };
    return { content: [{ type: "text", text: `${Number(data.temperature_c).toFixed(1)} °C` }] };
  },
);

await server.connect(new StdioServerTransport());
