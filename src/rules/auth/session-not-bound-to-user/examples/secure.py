import json

import redis
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import Context, FastMCP

from notes_auth import IssuerVerifier

store = redis.Redis(host="127.0.0.1", port=6379)
mcp = FastMCP(
    "research-notes",
    token_verifier=IssuerVerifier(),
    auth=AuthSettings(
        issuer_url="https://auth.example.com",
        resource_server_url="http://127.0.0.1:8000/mcp",
        required_scopes=["notes"],
    ),
)


@mcp.tool()
def recall_notes(ctx: Context) -> list[str]:
    """Return the notes saved earlier in this session."""
    session_id = ctx.request_context.request.headers.get("mcp-session-id", "")
    # The key names the authenticated client as well as the session.
    caller = get_access_token()
    if caller is None:
        return []
    raw = store.get(f"notes:{caller.client_id}:{session_id}")
    return json.loads(raw) if raw else []


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
