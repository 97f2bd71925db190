# A CRM lookup MCP server (official `mcp` SDK, FastMCP) that pastes a tool argument into SQL text.
import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("crm-lookup")
DB_PATH = "/srv/crm/customers.db"


@mcp.tool()
def crm_find_customers(name: str) -> list[dict]:
    """Find customers whose name contains the given text."""
    with sqlite3.connect(DB_PATH) as conn:
        conn.row_factory = sqlite3.Row
        # name = "%' UNION SELECT username, password_hash, email FROM staff --" reads another table.
        rows = conn.execute(f"SELECT id, name, email FROM customers WHERE name LIKE '%{name}%'").fetchall()
    return [dict(r) for r in rows]


if __name__ == "__main__":
    mcp.run()
