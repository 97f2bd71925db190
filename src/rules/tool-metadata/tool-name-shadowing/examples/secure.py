from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


@mcp.tool(name="notes_read_page")
def read_note(path: str) -> str:
    """Read a note from the notes folder."""
    return open(f"notes/{path.replace('/', '_')}").read()
