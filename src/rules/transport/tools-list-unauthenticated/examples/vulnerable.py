from fastmcp import FastMCP

mcp = FastMCP("inventory")


@mcp.tool
def stock_level(sku: str) -> int:
    """Units of an item left in the warehouse."""
    return 42


if __name__ == "__main__":
    # Reachable from the whole network, and no auth= provider: anyone can list and call the tools.
    mcp.run(transport="http", host="0.0.0.0", port=8000)
