# The same CRM lookup server: the value is a bound parameter, and the sort order comes from a fixed table.
import json
import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("crm-lookup")
DB_PATH = "/srv/crm/customers.db"
# Identifiers cannot be bound parameters, so the caller picks a key and the SQL is looked up.
ORDERINGS = {"name": "name ASC", "newest": "created_at DESC"}


@mcp.tool()
def crm_find_customers(name: str, order: str = "name") -> str:
    """Find customers whose name contains the given text."""
    order_by = ORDERINGS.get(order, "name ASC")
    with sqlite3.connect(DB_PATH) as conn:
        conn.row_factory = sqlite3.Row
        rows = conn.execute(f"SELECT id, name, email FROM customers WHERE name LIKE ? ORDER BY {order_by}", (f"%{name}%",)).fetchall()
    # Marked as data: names and e-mail addresses are typed in by customers, not instructions for the model.
    return "<untrusted-customer-rows>\n" + json.dumps([dict(r) for r in rows]) + "\n</untrusted-customer-rows>"


if __name__ == "__main__":
    mcp.run()
