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
    except sqlite3.Error:
        # Details stay in the server log; the model gets a message it can act on.
        logger.exception("order lookup failed for %s", order_id)
        return "The order database is unavailable right now; try again later."
    return row[0] if row else "no such order"
