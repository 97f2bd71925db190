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
    # The full token ends up in the server log file that the client keeps.
    logger.debug("querying %s/%s with token %s", owner, repo, token)
    async with httpx.AsyncClient(timeout=10) as client:
        resp = await client.get(
            f"https://api.github.com/repos/{owner}/{repo}",
            headers={"Authorization": f"Bearer {token}"},
        )
    resp.raise_for_status()
    return resp.json()["stargazers_count"]
