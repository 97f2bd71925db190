# A kanban board server: boards are exported to a snapshot string and imported back from one.
import base64
import json

from mcp.server.fastmcp import FastMCP
from pydantic import BaseModel

mcp = FastMCP("kanban")


class Board(BaseModel):
    cards: list[str]


BOARD = Board(cards=[])


@mcp.tool()
def export_board() -> str:
    """Export the board as a snapshot string."""
    return base64.b64encode(BOARD.model_dump_json().encode()).decode()


@mcp.tool()
def import_board(snapshot: str) -> str:
    """Import a board from a snapshot string made by export_board."""
    # JSON holds only data, and the model checks its shape before anything uses it.
    board = Board.model_validate(json.loads(base64.b64decode(snapshot)))
    BOARD.cards = board.cards
    return f"imported {len(board.cards)} cards"


if __name__ == "__main__":
    mcp.run()
