// A notebook MCP server (@modelcontextprotocol/sdk, stdio) whose containment check can be bypassed.
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const NOTES = path.join(os.homedir(), "notes");
const server = new McpServer({ name: "notebook", version: "1.0.0" });

server.registerTool(
  "notebook_page",
  { description: 'Return the text of a page of the notebook, e.g. "ideas/2025-06.md".', inputSchema: { page: z.string() } },
  async ({ page }) => {
    const full = path.resolve(NOTES, page);
    // Looks safe, but the prefix has no trailing separator ("~/notes-private/…" passes) and symbolic links inside
    // the folder are not resolved.
    if (!full.startsWith(NOTES)) throw new Error("pages live inside the notebook folder");
    return { content: [{ type: "text", text: await readFile(full, "utf8") }] };
  },
);

await server.connect(new StdioServerTransport());
