import json
from pathlib import Path

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("quarterly-reports")

REPORTS = {"q1": Path("/srv/reports/q1.json"), "q2": Path("/srv/reports/q2.json")}


@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=False))
def report_total(name: str) -> str:
    """Total of one quarterly report."""
    # Only reads: the hints are true.
    data = json.loads(REPORTS[name].read_text())
    return f"{name}: {int(data['total'])}"


if __name__ == "__main__":
    mcp.run()
