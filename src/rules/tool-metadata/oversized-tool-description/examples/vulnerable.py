from mcp.server.fastmcp import FastMCP

mcp = FastMCP("inventory")

# A wall of text: every client sends all of it to the model on every request.
LONG_DESCRIPTION = (
    "This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations. This tool queries the inventory database and returns matching items with their stock levels, prices, supplier names and warehouse locations."
)


@mcp.tool(description=LONG_DESCRIPTION)
def search_inventory(query: str) -> list[str]:
    return []
