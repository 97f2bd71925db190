import json

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("metrics-snapshot")
METRICS = {"requests": 1200, "errors": 3}


@mcp.tool()
def snapshot_metrics() -> str:
    """Save the current metrics to a file and return its path."""
    # Every local user knows this name: a symlink placed there first redirects the write.
    path = "/tmp/mcp_metrics.json"
    with open(path, "w") as f:
        json.dump(METRICS, f)
    return path
