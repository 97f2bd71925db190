import os

import jwt
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("reports")
LINK_KEY = os.environ["REPORT_LINK_KEY"]


@mcp.tool()
def share_report(report_id: str, recipient: str) -> str:
    """Create a link that lets one recipient download one report."""
    # The token names the report and the recipient, but nothing limits how long it works.
    claims = {"sub": recipient, "report": report_id, "scope": "reports:download"}
    token = jwt.encode(claims, LINK_KEY, algorithm="HS256")
    return f"https://reports.example.com/shared/{token}"


if __name__ == "__main__":
    mcp.run()
