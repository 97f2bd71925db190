from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP


class IntrospectionVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        return None  # introspection elided; None rejects the request


# Loopback only, and every request still needs a bearer token.
mcp = FastMCP(
    "notes",
    host="127.0.0.1",
    port=8000,
    token_verifier=IntrospectionVerifier(),
    auth=AuthSettings(issuer_url="https://auth.example.com", resource_server_url="http://127.0.0.1:8000/mcp"),
)


@mcp.tool()
def read_note(note_id: str) -> str:
    """Return the text of a note."""
    return "..."


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
