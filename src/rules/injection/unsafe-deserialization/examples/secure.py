import base64
import json

from mcp.server.fastmcp import FastMCP
from pydantic import BaseModel

mcp = FastMCP("notebook-state")


class Session(BaseModel):
    cells: list[str]


@mcp.tool()
def restore_session(state: str) -> str:
    """Restore a notebook session from the `state` string returned by save_session."""
    session = Session.model_validate(json.loads(base64.b64decode(state)))
    return f"restored {len(session.cells)} cells"


@mcp.tool()
def save_session(cells: list[str]) -> str:
    """Serialise the current cells so that restore_session can bring them back later."""
    return base64.b64encode(Session(cells=cells).model_dump_json().encode()).decode()
