import os
import secrets
from urllib.parse import urlencode

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calendar-connector")
CLIENT_ID = os.environ["CALENDAR_CLIENT_ID"]
PENDING: dict[str, str] = {}


@mcp.tool()
def connect_calendar(user: str) -> str:
    """Return the link the user opens to connect their calendar account."""
    # 256 bits from the CSPRNG; the callback looks it up once and deletes it.
    state = secrets.token_urlsafe(32)
    PENDING[state] = user
    query = urlencode({
        "client_id": CLIENT_ID,
        "response_type": "code",
        "redirect_uri": "http://127.0.0.1:8765/callback",
        "state": state,
    })
    return f"https://calendar.example.com/oauth/authorize?{query}"


if __name__ == "__main__":
    mcp.run()
