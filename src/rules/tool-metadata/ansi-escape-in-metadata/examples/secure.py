from mcp.server.fastmcp import FastMCP

mcp = FastMCP("disk")


@mcp.tool(description="Show free disk space.")
def disk_free() -> str:
    return "42 GB free"
