import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("repo-browser")
REPO = "/srv/checkouts/website"


@mcp.tool()
def commit_history(revision: str) -> str:
    """List the last commits reachable from a revision."""
    # No shell, but git still parses options: a revision of "--output=/home/me/.bashrc" overwrites that file.
    result = subprocess.run(["git", "-C", REPO, "log", "--oneline", "-n", "50", revision], capture_output=True, text=True, check=True, timeout=30)
    return result.stdout
