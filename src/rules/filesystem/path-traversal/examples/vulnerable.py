# A notebook MCP server (official `mcp` SDK, FastMCP) that reads any file a tool argument names.
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notebook")
NOTES = Path.home() / "notes"


@mcp.tool()
def notebook_page(page: str) -> str:
    """Return the text of a page of the notebook, e.g. "ideas/2025-06.md"."""
    # page = "../.ssh/id_rsa" (or an absolute path, which replaces NOTES entirely) reads outside the notebook.
    return (NOTES / page).read_text(encoding="utf-8")


if __name__ == "__main__":
    mcp.run()
