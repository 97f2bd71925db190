import secrets

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("share-links")
_links: dict[str, str] = {}


@mcp.tool()
def create_share_link(document_id: str) -> str:
    """Create a link that lets whoever holds it read one document."""
    token = secrets.token_urlsafe(32)
    _links[token] = document_id
    return f"/s/{token}"


if __name__ == "__main__":
    mcp.run()
