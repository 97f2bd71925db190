import Database from "better-sqlite3";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const db = new Database("projects.db");
const server = new McpServer({ name: "projects", version: "1.0.0" });

server.registerTool(
  "drop_project",
  {
    description: "Delete a project and all of its tasks. Without confirm=true it only reports what would be deleted.",
    inputSchema: { id: z.number().int(), confirm: z.boolean().default(false) },
    annotations: { destructiveHint: true },
  },
  async ({ id, confirm }) => {
    const row = db.prepare("SELECT COUNT(*) AS n FROM tasks WHERE project_id = ?").get(id) as { n: number };
    // The first call only describes the deletion; the model has to ask the user and call again.
    if (!confirm) {
      return { content: [{ type: "text", text: `Project ${id} and ${row.n} task(s) would be deleted. Ask the user first.` }] };
    }
    db.prepare("DELETE FROM projects WHERE id = ?").run(id);
    return { content: [{ type: "text", text: "deleted" }] };
  },
);

await server.connect(new StdioServerTransport());
