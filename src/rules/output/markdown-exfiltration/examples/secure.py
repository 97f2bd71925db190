# A maps helper: the tool answers with a Markdown image of a public map around a point.
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("maps-helper")


@mcp.tool()
def place_map(lat: float, lon: float) -> str:
    """Show a map around a point given as latitude and longitude."""
    # Only two numbers go into the URL, and no key: the embed endpoint serves public maps. Numbers cannot carry text
    # from the conversation, so rendering the image leaks nothing.
    return f"![Map](https://maps.example.com/embed?center={lat:.5f},{lon:.5f}&zoom=13)"


if __name__ == "__main__":
    mcp.run()
