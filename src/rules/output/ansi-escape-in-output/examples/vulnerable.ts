import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const run = promisify(execFile);
const server = new McpServer({ name: "repo", version: "1.0.0" });

server.registerTool("recent_commits", { description: "Show the last ten commits of the repository." }, async () => {
  // Forced colour puts escape sequences into the text the client prints and the model reads.
  const { stdout } = await run("git", ["log", "-10", "--oneline", "--color=always"], { cwd: "/srv/repo", timeout: 10_000 });
  return { content: [{ type: "text", text: stdout }] };
});

await server.connect(new StdioServerTransport());
