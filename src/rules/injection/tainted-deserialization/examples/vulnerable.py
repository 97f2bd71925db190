# A kanban board server: boards are exported to a snapshot string and imported back from one.
import base64
import pickle

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("kanban")
BOARD: dict[str, list[str]] = {"cards": []}


@mcp.tool()
def export_board() -> str:
    """Export the board as a snapshot string."""
    return base64.b64encode(pickle.dumps(BOARD)).decode()


@mcp.tool()
def import_board(snapshot: str) -> str:
    """Import a board from a snapshot string made by export_board."""
    # The snapshot is whatever the calling model passes: a pickle runs the functions it names while it loads.
    board = pickle.loads(base64.b64decode(snapshot))
    BOARD["cards"] = list(board["cards"])
    return f"imported {len(BOARD['cards'])} cards"


if __name__ == "__main__":
    mcp.run()
