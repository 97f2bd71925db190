# A bookmarks helper whose tool returns an HTML card that the client renders in its web view.
import html
from urllib.parse import urlparse

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("bookmark-cards")


@mcp.tool()
def bookmark_card(url: str, title: str) -> str:
    """Render a bookmark as an HTML card."""
    # Only web links, and every value escaped for the attribute or text it goes into.
    if urlparse(url).scheme not in ("http", "https"):
        raise ValueError("only http and https bookmarks can be shown")
    return f'<div class="card"><a href="{html.escape(url, quote=True)}">{html.escape(title)}</a></div>'


if __name__ == "__main__":
    mcp.run()
