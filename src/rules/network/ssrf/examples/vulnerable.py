# A link-preview MCP server (official `mcp` SDK, FastMCP) that fetches whatever URL a tool argument names.
import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("link-preview")


@mcp.tool()
async def link_preview(url: str) -> str:
    """Return the first 2,000 characters of a web page, to preview a link."""
    # url = "http://169.254.169.254/latest/meta-data/iam/security-credentials/" returns cloud credentials, and
    # "http://127.0.0.1:8080/admin" reaches services that only listen locally.
    async with httpx.AsyncClient(timeout=10, follow_redirects=False) as client:
        resp = await client.get(url)
    return resp.text[:2000]


if __name__ == "__main__":
    mcp.run()
