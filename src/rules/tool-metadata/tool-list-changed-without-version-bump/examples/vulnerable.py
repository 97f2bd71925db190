from mcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("catalog")
catalog_revision = 1


@mcp.tool()
async def reload_catalog(ctx: Context) -> str:
    """Re-read the product catalog and ask the client to refresh its tool list."""
    global catalog_revision
    catalog_revision += 1
    # The tool set may now differ, but the server still reports the version it started with.
    await ctx.session.send_tool_list_changed()
    return f"catalog revision {catalog_revision}"
