from mcp.server.fastmcp import FastMCP

# 0.0.0.0 makes every tool below reachable from any machine on the network.
mcp = FastMCP("notes", host="0.0.0.0", port=8000)


@mcp.tool()
def read_note(note_id: str) -> str:
    """Return the text of a note."""
    return "..."


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
