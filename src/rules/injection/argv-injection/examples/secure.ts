// The same repository browser: a value after `--` is an operand, and revisions that start with "-" are refused.
import { execFile } from "node:child_process";
import { promisify, stripVTControlCharacters } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const run = promisify(execFile);
const REPO = "/srv/checkouts/website";
const server = new McpServer({ name: "repo-browser", version: "1.0.0" });

server.registerTool(
  "repo_file_history",
  { description: "List the commits that changed a file of the repository.", inputSchema: { file: z.string() } },
  async ({ file }) => {
    // Everything after "--" is a path to git, whatever it starts with.
    const { stdout } = await run("git", ["-C", REPO, "log", "--oneline", "-n", "50", "--", file], { timeout: 30_000 });
    // Commit messages can carry terminal escapes.
    return { content: [{ type: "text", text: stripVTControlCharacters(stdout) }] };
  },
);

await server.connect(new StdioServerTransport());
