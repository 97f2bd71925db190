# The same link-preview server: only https pages of an allow-listed set of sites are fetched.
from urllib.parse import urlparse

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("link-preview")
ALLOWED_HOSTS = {"docs.python.org", "developer.mozilla.org", "en.wikipedia.org"}


@mcp.tool()
async def link_preview(url: str) -> str:
    """Return the first 2,000 characters of a page of the documentation sites this server knows."""
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        raise ValueError(f"only https pages of {', '.join(sorted(ALLOWED_HOSTS))} can be previewed")
    # Redirects are not followed, so an allowed site cannot bounce the request somewhere else.
    async with httpx.AsyncClient(timeout=10, follow_redirects=False) as client:
        resp = await client.get(url)
    # Marked as data: whatever the page says is content to preview, not instructions for the model.
    return "<untrusted-web-page>\n" + resp.text[:2000] + "\n</untrusted-web-page>"


if __name__ == "__main__":
    mcp.run()
