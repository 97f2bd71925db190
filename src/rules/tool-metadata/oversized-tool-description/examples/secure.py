from mcp.server.fastmcp import FastMCP

mcp = FastMCP("inventory")


@mcp.tool(description="Search inventory items by name; returns item ids with stock levels.")
def search_inventory(query: str) -> list[str]:
    return []
