import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const run = promisify(execFile);
const server = new McpServer({ name: "repo-browser", version: "1.0.0" });

server.registerTool(
  "commit_history",
  {
    description: "List the last commits reachable from a revision.",
    // The schema already refuses a leading dash; --end-of-options below is the second line of defence.
    inputSchema: { revision: z.string().regex(/^[\w][\w.\/~^-]*$/) },
  },
  async ({ revision }) => {
    const { stdout } = await run("git", ["log", "--oneline", "-n", "50", "--end-of-options", revision], { cwd: "/srv/checkouts/website", timeout: 30_000 });
    return { content: [{ type: "text", text: stdout }] };
  },
);

await server.connect(new StdioServerTransport());
