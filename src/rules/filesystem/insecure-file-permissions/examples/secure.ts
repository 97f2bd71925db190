import fs from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "report-exporter", version: "1.0.0" });
const ROWS: Record<string, string[][]> = { sales: [["region", "total"], ["north", "120"]], stock: [["sku", "count"], ["a-1", "4"]] };

server.registerTool(
  "export_report",
  { description: "Write a report as CSV to the shared exports folder.", inputSchema: { report: z.enum(["sales", "stock"]) } },
  async ({ report }) => {
    const out = `/srv/reports/exports/${report}.csv`;
    fs.writeFileSync(out, ROWS[report].map((r) => r.join(",")).join("\n"));
    // Owner read/write, group read; other local users get nothing.
    fs.chmodSync(out, 0o640);
    return { content: [{ type: "text", text: out }] };
  },
);

await server.connect(new StdioServerTransport());
