import shutil
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("health")
CHECKS = {"disk": lambda: f"{shutil.disk_usage('/').free} bytes free", "uptime": lambda: "up"}


@mcp.tool()
def run_check(command: Literal["disk", "uptime"]) -> str:
    """Run one of the server health checks."""
    return CHECKS[command]()
