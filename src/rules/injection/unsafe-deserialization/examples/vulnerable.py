import base64
import pickle

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notebook-state")


@mcp.tool()
def restore_session(state: str) -> str:
    """Restore a notebook session from the `state` string returned by save_session."""
    session = pickle.loads(base64.b64decode(state))
    return f"restored {len(session['cells'])} cells"


@mcp.tool()
def save_session(cells: list[str]) -> str:
    """Serialise the current cells so that restore_session can bring them back later."""
    return base64.b64encode(pickle.dumps({"cells": cells})).decode()
