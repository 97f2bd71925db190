// The same handbook server: the chapter path is resolved (links followed) and must stay inside the handbook folder.
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const HANDBOOK = "/srv/handbook";
const server = new McpServer({ name: "handbook", version: "1.0.0" });

server.registerResource(
  "chapter",
  new ResourceTemplate("handbook://chapters/{chapter}", { list: undefined }),
  { title: "Handbook chapter", mimeType: "text/markdown" },
  async (uri, { chapter }) => {
    const root = await realpath(HANDBOOK);
    const full = await realpath(path.join(root, `${chapter}.md`));
    if (!full.startsWith(root + path.sep)) throw new Error("no such chapter");
    const chapterText = await readFile(full, "utf8");
    // Marked as data: whatever a chapter says is text to read, not instructions for the model.
    return { contents: [{ uri: uri.href, mimeType: "text/markdown", text: "<untrusted-handbook-chapter>\n" + chapterText + "\n</untrusted-handbook-chapter>" }] };
  },
);

await server.connect(new StdioServerTransport());
