import Database from "better-sqlite3";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const db = new Database("projects.db");
const server = new McpServer({ name: "projects", version: "1.0.0" });

server.registerTool(
  "drop_project",
  { description: "Delete a project and all of its tasks.", inputSchema: { id: z.number().int() } },
  async ({ id }) => {
    // One call from the model is enough: nothing asks the user first.
    db.prepare("DELETE FROM projects WHERE id = ?").run(id);
    return { content: [{ type: "text", text: "deleted" }] };
  },
);

await server.connect(new StdioServerTransport());
