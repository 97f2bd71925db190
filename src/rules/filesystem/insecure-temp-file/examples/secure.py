import json
import tempfile

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("metrics-snapshot")
METRICS = {"requests": 1200, "errors": 3}


@mcp.tool()
def snapshot_metrics() -> str:
    """Save the current metrics to a file and return its path."""
    # NamedTemporaryFile creates a new file with a random name, mode 0600, atomically.
    with tempfile.NamedTemporaryFile("w", prefix="metrics-", suffix=".json", delete=False) as f:
        json.dump(METRICS, f)
    return f.name
