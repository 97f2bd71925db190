from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes", host="127.0.0.1", port=8000)


@mcp.tool()
def read_note(note_id: str) -> str:
    """Return the text of a note."""
    return "..."


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
