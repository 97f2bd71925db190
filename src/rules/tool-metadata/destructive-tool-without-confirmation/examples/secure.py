import sqlite3

from pydantic import BaseModel
from mcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("projects")
db = sqlite3.connect("projects.db")


class Confirmation(BaseModel):
    confirm: bool


@mcp.tool()
async def drop_project(project_id: int, ctx: Context) -> str:
    """Delete a project and all of its tasks, after the user confirms."""
    # Elicitation: the client shows this question to the user, not to the model.
    answer = await ctx.elicit(message=f"Delete project {project_id} and all of its tasks?", schema=Confirmation)
    if answer.action != "accept" or not answer.data.confirm:
        return "cancelled"
    db.execute("DELETE FROM projects WHERE id = ?", (project_id,))
    db.commit()
    return "deleted"
