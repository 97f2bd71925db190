import logging
import sqlite3

from mcp.server.fastmcp import FastMCP

logger = logging.getLogger("orders")
mcp = FastMCP("orders")
DB_PATH = "/var/lib/orders/orders.db"


@mcp.tool()
def order_status(order_id: int) -> str:
    """Return the status of an order."""
    try:
        with sqlite3.connect(DB_PATH) as db:
            row = db.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()
    except sqlite3.Error as e:
        # The driver's message (file paths, SQL fragments) goes straight to the model.
        return f"database error: {e}"
    return row[0] if row else "no such order"
