import random
import string

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("share-links")
_links: dict[str, str] = {}

ALPHABET = string.ascii_letters + string.digits


@mcp.tool()
def create_share_link(document_id: str) -> str:
    """Create a link that lets whoever holds it read one document."""
    # random.choice is a seeded PRNG: earlier links reveal the next ones.
    token = "".join(random.choice(ALPHABET) for _ in range(32))
    _links[token] = document_id
    return f"/s/{token}"


if __name__ == "__main__":
    mcp.run()
