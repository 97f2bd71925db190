import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const run = promisify(execFile);
const server = new McpServer({ name: "repo-browser", version: "1.0.0" });

server.registerTool(
  "recent_subjects",
  { description: "Subjects of the last commits that touched a path of the project.", inputSchema: { path: z.string() } },
  async ({ path }) => {
    const { stdout } = await run("git", ["log", "-n", "20", "--format=%h %s", "--", path], { cwd: "/srv/checkouts/website", timeout: 30_000 });
    // Commit subjects are written by anyone who can push: escape sequences and tag characters arrive as they are.
    return { content: [{ type: "text", text: stdout }] };
  },
);

await server.connect(new StdioServerTransport());
