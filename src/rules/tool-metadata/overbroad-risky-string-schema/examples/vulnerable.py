import shutil

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("health")
CHECKS = {"disk": lambda: f"{shutil.disk_usage('/').free} bytes free", "uptime": lambda: "up"}


@mcp.tool()
def run_check(command: str) -> str:
    """Run one of the server health checks: disk or uptime."""
    # The schema lets the model send any text; only the lookup below keeps it in bounds.
    check = CHECKS.get(command)
    return check() if check else "unknown check"
