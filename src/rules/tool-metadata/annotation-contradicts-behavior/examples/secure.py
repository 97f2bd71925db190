import sqlite3

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("notes")
db = sqlite3.connect("notes.db")


@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def count_notes() -> int:
    """Return how many notes are stored."""
    return db.execute("SELECT COUNT(*) FROM notes").fetchone()[0]


# Honest hints: the tool changes state and deletes, so the client can warn before calling it.
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True))
def archive_note(note_id: int, confirm: bool = False) -> str:
    """Delete a note by id. Without confirm=true it only reports what would be deleted."""
    if not confirm:
        return f"Note {note_id} will be deleted. Ask the user, then call again with confirm=true."
    db.execute("DELETE FROM notes WHERE id = ?", (note_id,))
    db.commit()
    return "deleted"
