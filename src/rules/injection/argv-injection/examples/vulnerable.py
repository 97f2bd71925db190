# A repository-browser MCP server (official `mcp` SDK, FastMCP) that passes a tool argument where git reads options.
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("repo-browser")
REPO = "/srv/checkouts/website"


@mcp.tool()
def repo_commit_history(revision: str = "HEAD") -> str:
    """List the last commits reachable from a revision."""
    # No shell, but revision = "--output=/home/user/.bashrc" still makes git overwrite a file.
    result = subprocess.run(["git", "-C", REPO, "log", "--oneline", "-n", "50", revision], capture_output=True, text=True, timeout=30)
    return result.stdout


if __name__ == "__main__":
    mcp.run()
