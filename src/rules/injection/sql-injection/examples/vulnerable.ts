// A CRM lookup MCP server (@modelcontextprotocol/sdk, stdio) that pastes a tool argument into SQL text.
import pg from "pg";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const pool = new pg.Pool({ host: "127.0.0.1", database: "crm", statement_timeout: 5_000 });
const server = new McpServer({ name: "crm-lookup", version: "1.0.0" });

server.registerTool(
  "crm_find_customers",
  { description: "Find customers whose name contains the given text.", inputSchema: { name: z.string() } },
  async ({ name }) => {
    // name = "%' UNION SELECT username, password_hash, email FROM staff --" reads another table.
    const { rows } = await pool.query(`SELECT id, name, email FROM customers WHERE name ILIKE '%${name}%'`);
    return { content: [{ type: "text", text: JSON.stringify(rows) }] };
  },
);

await server.connect(new StdioServerTransport());
