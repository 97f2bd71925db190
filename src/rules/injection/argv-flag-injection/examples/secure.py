import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("repo-browser")
REPO = "/srv/checkouts/website"


@mcp.tool()
def commit_history(revision: str) -> str:
    """List the last commits reachable from a revision."""
    if revision.startswith("-"):
        raise ValueError("a revision cannot start with '-'")
    # --end-of-options makes git treat everything after it as a revision, never as an option.
    result = subprocess.run(
        ["git", "-C", REPO, "log", "--oneline", "-n", "50", "--end-of-options", revision],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout
