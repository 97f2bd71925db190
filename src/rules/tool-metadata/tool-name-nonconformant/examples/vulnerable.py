from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calendar")


# Spaces are outside the allowed character set; client allow-lists keyed on names break on them.
@mcp.tool(name="create event")
def create_event(title: str, when: str) -> str:
    """Create a calendar event."""
    return "created"
