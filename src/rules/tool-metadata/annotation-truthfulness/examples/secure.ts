import { readFile } from "node:fs/promises";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "quarterly-reports", version: "1.0.0" });

const REPORTS = { q1: "/srv/reports/q1.json", q2: "/srv/reports/q2.json" } as const;

server.registerTool(
  "report_total",
  {
    description: "Total of one quarterly report.",
    inputSchema: { name: z.enum(["q1", "q2"]) },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  async ({ name }) => {
    // Only reads: the hints are true.
    const data = JSON.parse(await readFile(REPORTS[name], "utf8"));
    return { content: [{ type: "text", text: `${name}: ${Number(data.total)}` }] };
  },
);

await server.connect(new StdioServerTransport());
