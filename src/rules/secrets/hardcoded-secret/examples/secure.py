import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("github-issues")

# Supplied by the MCP client through the `env` block of its server configuration.
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]


@mcp.tool()
async def tracker_list_issues(repo: str) -> list[str]:
    """List the titles of open issues in an `owner/name` repository."""
    async with httpx.AsyncClient(headers={"Authorization": f"Bearer {GITHUB_TOKEN}"}) as client:
        response = await client.get(f"https://api.github.com/repos/{repo}/issues", params={"state": "open"})
        response.raise_for_status()
        return [issue["title"] for issue in response.json()]
