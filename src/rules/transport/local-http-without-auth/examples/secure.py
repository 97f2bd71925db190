from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP


class IntrospectionVerifier(TokenVerifier):
    """Asks the authorization server whether a bearer token is active."""

    async def verify_token(self, token: str) -> AccessToken | None:
        return None  # introspection call elided; None rejects the request


# Every request now needs a bearer token the verifier accepts.
mcp = FastMCP(
    "notes",
    token_verifier=IntrospectionVerifier(),
    auth=AuthSettings(
        issuer_url="https://auth.example.com",
        resource_server_url="http://127.0.0.1:8000/mcp",
        required_scopes=["notes"],
    ),
)


@mcp.tool()
def add_note(text: str) -> str:
    """Store a note for later."""
    return "saved"


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
