import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("repo-browser")
REPO = "/srv/checkouts/website"


@mcp.tool()
def recent_subjects(path: str) -> str:
    """Subjects of the last commits that touched a path of the project."""
    result = subprocess.run(
        ["git", "-C", REPO, "log", "-n", "20", "--format=%h %s", "--", path],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    # Commit subjects are written by anyone who can push: escape sequences and tag characters arrive as they are.
    return result.stdout


if __name__ == "__main__":
    mcp.run()
