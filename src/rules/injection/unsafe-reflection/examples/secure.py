import os
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("process-facts")
# The only operations this tool offers, by name.
FACTS = {"pid": os.getpid, "cwd": os.getcwd}


@mcp.tool()
def process_fact(fact: Literal["pid", "cwd"]) -> str:
    """Return a fact about the server process."""
    return str(FACTS[fact]())
