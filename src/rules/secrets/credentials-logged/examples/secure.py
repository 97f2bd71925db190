import logging
import os

import httpx
from mcp.server.fastmcp import FastMCP

logger = logging.getLogger("repo-stats")
mcp = FastMCP("repo-stats")


@mcp.tool()
async def star_count(owner: str, repo: str) -> int:
    """Return the number of stars of a GitHub repository."""
    token = os.environ["GITHUB_TOKEN"]
    # Say where the credential came from, never what it is.
    logger.debug("querying %s/%s with the token from GITHUB_TOKEN", owner, repo)
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.get(
            f"https://api.github.com/repos/{owner}/{repo}",
            headers={"Authorization": f"Bearer {token}"},
        )
    resp.raise_for_status()
    return resp.json()["stargazers_count"]
