import base64
import hashlib
import os
import secrets
from urllib.parse import urlencode

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("repo-connector")
CLIENT_ID = os.environ["GITHUB_CLIENT_ID"]
PENDING: dict[str, str] = {}


@mcp.tool()
def connect_github() -> str:
    """Return the link that connects a GitHub account to this server."""
    verifier = secrets.token_urlsafe(64)
    state = secrets.token_urlsafe(32)
    PENDING[state] = verifier
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    query = urlencode({
        "client_id": CLIENT_ID,
        "redirect_uri": "http://127.0.0.1:8765/callback",
        "response_type": "code",
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    })
    return f"https://github.com/login/oauth/authorize?{query}"


if __name__ == "__main__":
    mcp.run()
