from mcp.server.fastmcp import FastMCP

mcp = FastMCP("builds")
BUILDS = {"api": "passed", "web": "failed"}


@mcp.tool()
def build_status(project: str) -> str:
    """Report the last CI result of a project."""
    state = BUILDS.get(project, "unknown")
    return f"{project}: {state}"
