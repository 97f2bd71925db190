# A bookmarks helper whose tool returns an HTML card that the client renders in its web view.
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("bookmark-cards")


@mcp.tool()
def bookmark_card(url: str, title: str) -> str:
    """Render a bookmark as an HTML card."""
    # Both values go into the markup as they are: a title like `<img src=https://x.example/?c=…>` adds its own tags,
    # and a `javascript:` URL becomes a live link.
    return f'<div class="card"><a href="{url}">{title}</a></div>'


if __name__ == "__main__":
    mcp.run()
