import { execFile } from "node:child_process";
import { promisify, stripVTControlCharacters } from "node:util";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const run = promisify(execFile);
const server = new McpServer({ name: "repo-browser", version: "1.0.0" });

// Bidirectional controls and the Unicode tag block: invisible to the user, read by the model.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u{E0000}-\u{E007F}]/gu;

server.registerTool(
  "recent_subjects",
  { description: "Subjects of the last commits that touched a path of the project.", inputSchema: { path: z.string() } },
  async ({ path }) => {
    const { stdout } = await run("git", ["log", "-n", "20", "--format=%h %s", "--", path], { cwd: "/srv/checkouts/website", timeout: 30_000 });
    const text = stripVTControlCharacters(stdout).replace(INVISIBLE, "");
    return { content: [{ type: "text", text }] };
  },
);

await server.connect(new StdioServerTransport());
