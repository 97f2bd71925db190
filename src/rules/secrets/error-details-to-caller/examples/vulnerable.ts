import { readFile } from "node:fs/promises";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const ROOT = path.resolve(process.env.DOCS_ROOT ?? "docs");
const server = new McpServer({ name: "handbook", version: "1.0.0" });

server.registerTool(
  "handbook_page",
  { description: "Return a page of the team handbook.", inputSchema: { page: z.enum(["onboarding", "oncall", "release"]) } },
  async ({ page }) => {
    try {
      const text = await readFile(path.join(ROOT, `${page}.md`), "utf8");
      return { content: [{ type: "text", text }] };
    } catch (err) {
      // The Node error message includes the absolute path on this machine.
      return { content: [{ type: "text", text: `Failed: ${(err as Error).message}` }], isError: true };
    }
  },
);

await server.connect(new StdioServerTransport());
