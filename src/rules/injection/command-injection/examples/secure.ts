// The same log-search server without a shell: grep gets an argument list, and the log file comes from a fixed table.
import { execFile } from "node:child_process";
import { promisify, stripVTControlCharacters } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const run = promisify(execFile);
const server = new McpServer({ name: "log-search", version: "1.0.0" });

// The caller names a service from a closed set (the schema lists them); the path is looked up, never built.
const LOG_FILES = { web: "/var/log/nginx/access.log", db: "/var/log/postgresql/main.log" } as const;

server.registerTool(
  "logs_search",
  { description: "Search the log of a service for a text pattern.", inputSchema: { pattern: z.string(), service: z.enum(["web", "db"]) } },
  async ({ pattern, service }) => {
    // No shell parses these values; `-e` makes the pattern a pattern even when it starts with "-".
    const { stdout } = await run("grep", ["-n", "-e", pattern, "--", LOG_FILES[service]], { timeout: 30_000 });
    // Log lines can carry terminal escapes.
    return { content: [{ type: "text", text: stripVTControlCharacters(stdout.slice(-20_000)) }] };
  },
);

await server.connect(new StdioServerTransport());
