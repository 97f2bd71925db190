import json
from pathlib import Path

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("quarterly-reports")

REPORTS = {"q1": Path("/srv/reports/q1.json"), "q2": Path("/srv/reports/q2.json")}
STATE = Path("/var/lib/quarterly-reports/last-viewed.json")


def remember_last_viewed(name: str) -> None:
    # A write hidden in a helper: the tool changes the server's state on every call.
    STATE.write_text(json.dumps({"last": name}))


@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=False))
def report_total(name: str) -> str:
    """Total of one quarterly report."""
    data = json.loads(REPORTS[name].read_text())
    remember_last_viewed(name)
    return f"{name}: {int(data['total'])}"


if __name__ == "__main__":
    mcp.run()
