// A handbook MCP server (@modelcontextprotocol/sdk, stdio) whose resource template serves any file the URI names.
import { readFile } from "node:fs/promises";
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
    // The client chooses the URI; path.join happily resolves "../../home/user/.ssh/id_rsa".
    const text = await readFile(path.join(HANDBOOK, `${chapter}.md`), "utf8");
    return { contents: [{ uri: uri.href, mimeType: "text/markdown", text }] };
  },
);

await server.connect(new StdioServerTransport());
