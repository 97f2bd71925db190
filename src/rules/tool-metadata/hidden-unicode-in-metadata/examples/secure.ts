import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "files", version: "1.0.0" });

server.tool("list_files", "List files in a folder.", { dir: z.string() }, async () => ({
  content: [],
}));
