from defusedxml.ElementTree import fromstring
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("sitemap-tools")
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@mcp.tool()
def sitemap_urls(sitemap_xml: str) -> list[str]:
    """List the page URLs declared in a sitemap document."""
    # defusedxml refuses DTDs with entity declarations and external references.
    root = fromstring(sitemap_xml)
    return [loc.text for loc in root.iterfind("sm:url/sm:loc", NS)]
