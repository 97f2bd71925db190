// A repository-browser MCP server (@modelcontextprotocol/sdk, stdio) that passes a tool argument where git reads options.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const run = promisify(execFile);
const REPO = "/srv/checkouts/website";
const server = new McpServer({ name: "repo-browser", version: "1.0.0" });

server.registerTool(
  "repo_commit_history",
  { description: "List the last commits reachable from a revision.", inputSchema: { revision: z.string().default("HEAD") } },
  async ({ revision }) => {
    // No shell, but revision = "--output=/home/user/.bashrc" still makes git overwrite a file.
    const { stdout } = await run("git", ["-C", REPO, "log", "--oneline", "-n", "50", revision], { timeout: 30_000 });
    return { content: [{ type: "text", text: stdout }] };
  },
);

await server.connect(new StdioServerTransport());
