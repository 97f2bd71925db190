# A maps helper: the tool answers with a Markdown image of a static map.
import os
from urllib.parse import quote

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("maps-helper")


@mcp.tool()
def place_map(place: str) -> str:
    """Show a map of a place."""
    key = os.environ["MAPS_API_KEY"]
    # The API key rides in the image URL: every client that renders the answer sends it to the map host, its logs and
    # any proxy on the way, and the model sees it too.
    return f"![Map](https://maps.example.com/api/staticmap?key={key}&center={quote(place)}&zoom=13)"


if __name__ == "__main__":
    mcp.run()
