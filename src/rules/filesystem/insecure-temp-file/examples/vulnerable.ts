import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "metrics-snapshot", version: "1.0.0" });
const METRICS = { requests: 1200, errors: 3 };

server.registerTool("snapshot_metrics", { description: "Save the current metrics to a file and return its path." }, async () => {
  // Same name for every user and every run of the server.
  const file = path.join(os.tmpdir(), "mcp-metrics.json");
  await fs.writeFile(file, JSON.stringify(METRICS));
  return { content: [{ type: "text", text: file }] };
});

await server.connect(new StdioServerTransport());
