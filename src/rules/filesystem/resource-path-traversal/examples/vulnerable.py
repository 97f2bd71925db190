# A handbook MCP server (official `mcp` SDK, FastMCP) whose resource template serves any file the URI names.
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("handbook")
HANDBOOK = Path("/srv/handbook")


@mcp.resource("handbook://chapters/{chapter}")
def chapter(chapter: str) -> str:
    """A chapter of the team handbook, as Markdown."""
    # The client chooses the URI; "handbook://chapters/..%2F..%2Fhome%2Fuser%2F.ssh%2Fid_rsa" reads a key.
    return (HANDBOOK / f"{chapter}.md").read_text(encoding="utf-8")


if __name__ == "__main__":
    mcp.run()
