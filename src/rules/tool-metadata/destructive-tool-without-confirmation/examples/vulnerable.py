import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("projects")
db = sqlite3.connect("projects.db")


@mcp.tool()
def drop_project(project_id: int) -> str:
    """Delete a project and all of its tasks."""
    # One call from the model is enough: nothing asks the user first.
    db.execute("DELETE FROM projects WHERE id = ?", (project_id,))
    db.commit()
    return "deleted"
