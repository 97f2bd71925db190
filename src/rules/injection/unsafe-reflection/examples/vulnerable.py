import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("process-facts")


@mcp.tool()
def process_fact(fact: str) -> str:
    """Return a fact about the server process, such as getpid or getcwd."""
    # Any function of the os module can be named here: "abort", "fork", "getlogin", ...
    return str(getattr(os, fact)())
