from mcp.server.fastmcp import FastMCP

mcp = FastMCP("builds")
BUILDS = {"api": "passed", "web": "failed"}


@mcp.tool()
def build_status(project: str) -> str:
    """Report the last CI result of a project."""
    state = BUILDS.get(project, "unknown")
    # Colour codes meant for a terminal end up in the result; ESC[8m could just as well hide text.
    return f"\x1b[1m{project}\x1b[0m: {state}"
