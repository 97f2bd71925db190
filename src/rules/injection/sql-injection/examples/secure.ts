// The same CRM lookup server: the value is a bound parameter.
import pg from "pg";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const pool = new pg.Pool({ host: "127.0.0.1", database: "crm", statement_timeout: 5_000 });
const server = new McpServer({ name: "crm-lookup", version: "1.0.0" });

server.registerTool(
  "crm_find_customers",
  { description: "Find customers whose name contains the given text.", inputSchema: { name: z.string().max(100) } },
  async ({ name }) => {
    const { rows } = await pool.query("SELECT id, name, email FROM customers WHERE name ILIKE $1", [`%${name}%`]);
    // Marked as data: names and e-mail addresses are typed in by customers, not instructions for the model.
    return { content: [{ type: "text", text: "<untrusted-customer-rows>\n" + JSON.stringify(rows) + "\n</untrusted-customer-rows>" }] };
  },
);

await server.connect(new StdioServerTransport());
