import csv
import os
from pathlib import Path
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("report-exporter")
EXPORTS = Path("/srv/reports/exports")
ROWS = {"sales": [("region", "total"), ("north", 120)], "stock": [("sku", "count"), ("a-1", 4)]}


@mcp.tool()
def export_report(report: Literal["sales", "stock"]) -> str:
    """Write a report as CSV to the shared exports folder."""
    out = EXPORTS / f"{report}.csv"
    with out.open("w", newline="") as f:
        csv.writer(f).writerows(ROWS[report])
    # Owner read/write, group read (the reporting job's group); nothing for other users.
    os.chmod(out, 0o640)
    return str(out)
