import os
from datetime import datetime, timedelta, timezone

import jwt
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("reports")
LINK_KEY = os.environ["REPORT_LINK_KEY"]


@mcp.tool()
def share_report(report_id: str, recipient: str) -> str:
    """Create a link that lets one recipient download one report for the next hour."""
    now = datetime.now(tz=timezone.utc)
    claims = {"sub": recipient, "report": report_id, "scope": "reports:download", "iat": now}
    # Added after the literal, as real code often does; the rule sees it in the same function.
    claims["exp"] = now + timedelta(hours=1)
    token = jwt.encode(claims, LINK_KEY, algorithm="HS256")
    return f"https://reports.example.com/shared/{token}"


if __name__ == "__main__":
    mcp.run()
