import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("git-helper")


@mcp.tool(name="repo_recent_commits")
def recent_commits(branch: str) -> str:
    """Show the last commits of a branch."""
    return subprocess.check_output(["git", "log", "--oneline", "-n", "20", "--end-of-options", branch], text=True, timeout=30)
