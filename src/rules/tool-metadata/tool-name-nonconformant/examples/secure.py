from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calendar")


@mcp.tool(name="create_event")
def create_event(title: str, when: str) -> str:
    """Create a calendar event."""
    return "created"
