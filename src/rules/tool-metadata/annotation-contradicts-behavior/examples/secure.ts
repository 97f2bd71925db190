import Database from "better-sqlite3";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const db = new Database("notes.db");
const server = new McpServer({ name: "notes", version: "1.0.0" });

server.registerTool(
  "count_notes",
  { description: "Return how many notes are stored.", annotations: { readOnlyHint: true } },
  async () => {
    const row = db.prepare("SELECT COUNT(*) AS n FROM notes").get() as { n: number };
    return { content: [{ type: "text", text: String(row.n) }] };
  },
);

// Honest hints: the tool deletes, so the client can warn before calling it.
server.registerTool(
  "archive_note",
  {
    description: "Delete a note by id. Without confirm=true it only reports what would be deleted.",
    inputSchema: { id: z.number().int(), confirm: z.boolean().default(false) },
    annotations: { readOnlyHint: false, destructiveHint: true },
  },
  async ({ id, confirm }) => {
    if (!confirm) {
      return { content: [{ type: "text", text: `Note ${id} will be deleted. Ask the user, then call again with confirm=true.` }] };
    }
    db.prepare("DELETE FROM notes WHERE id = ?").run(id);
    return { content: [{ type: "text", text: "deleted" }] };
  },
);

await server.connect(new StdioServerTransport());
