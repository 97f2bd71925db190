import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("crm-lookup")
DB_PATH = "/srv/crm/customers.db"
# Sort keys a caller may choose, mapped to fixed SQL: identifiers cannot be bound parameters.
ORDERINGS = {"name": "name ASC", "newest": "created_at DESC"}


@mcp.tool()
def find_customers(name: str, order: str = "name") -> list[dict]:
    """Find customers whose name contains the given text."""
    order_by = ORDERINGS.get(order, "name ASC")
    with sqlite3.connect(DB_PATH) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(
            f"SELECT id, name, email FROM customers WHERE name LIKE ? ORDER BY {order_by}",
            (f"%{name}%",),
        ).fetchall()
    return [dict(r) for r in rows]
