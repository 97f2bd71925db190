import httpx
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP

from .auth import CalendarTokenVerifier, exchange_token

mcp = FastMCP(
    "calendar",
    token_verifier=CalendarTokenVerifier(),
    auth=AuthSettings(
        issuer_url="https://auth.example.com",
        resource_server_url="https://calendar-mcp.example.com/mcp",
        required_scopes=["calendar.read"],
    ),
)


@mcp.tool()
async def upcoming_events(days: int = 7) -> list[str]:
    """List the titles of the caller's events in the next days."""
    caller = get_access_token()
    if caller is None:
        return []
    # RFC 8693 token exchange: the calendar API receives a token issued for the calendar API.
    upstream = await exchange_token(caller.token, audience="https://calendar-api.example.com")
    async with httpx.AsyncClient(base_url="https://calendar-api.example.com") as client:
        response = await client.get("/v1/events", params={"days": days}, headers={"Authorization": f"Bearer {upstream}"})
        response.raise_for_status()
        return [event["title"] for event in response.json()["events"]]
