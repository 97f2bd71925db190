// The same notebook server: the page path is resolved (links followed) and must stay inside the notebook folder.
import { readFile, realpath } from "node:fs/promises";
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
    const root = await realpath(NOTES);
    const full = await realpath(path.resolve(root, page));
    // The trailing separator keeps "notes-private" out; realpath keeps symbolic links from leading out.
    if (!full.startsWith(root + path.sep)) throw new Error("pages live inside the notebook folder");
    const pageText = await readFile(full, "utf8");
    // Marked as data: whatever a page says is notes, not instructions for the model.
    return { content: [{ type: "text", text: "<untrusted-notebook-page>\n" + pageText + "\n</untrusted-notebook-page>" }] };
  },
);

await server.connect(new StdioServerTransport());
