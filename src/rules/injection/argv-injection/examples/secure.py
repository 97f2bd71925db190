# The same repository browser: `--end-of-options` makes git read the revision as a revision, never as an option.
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("repo-browser")
REPO = "/srv/checkouts/website"


@mcp.tool()
def repo_commit_history(revision: str = "HEAD") -> str:
    """List the last commits reachable from a revision."""
    result = subprocess.run(
        ["git", "-C", REPO, "log", "--oneline", "-n", "50", "--end-of-options", revision, "--"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    # Commit messages can carry terminal escapes; keep printable text and line breaks only.
    return "".join(ch for ch in result.stdout if ch.isprintable() or ch == "\n")


if __name__ == "__main__":
    mcp.run()
