from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings


class IntrospectionVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        return None  # introspection elided; None rejects the request


mcp = FastMCP(
    "notes",
    host="127.0.0.1",
    port=8000,
    token_verifier=IntrospectionVerifier(),
    auth=AuthSettings(issuer_url="https://auth.example.com", resource_server_url="http://127.0.0.1:8000/mcp"),
    transport_security=TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=["127.0.0.1:8000", "localhost:8000"],
        allowed_origins=["http://127.0.0.1:8000", "http://localhost:8000"],
    ),
)


@mcp.tool()
def read_note(note_id: str) -> str:
    """Return the text of a note."""
    return "..."


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
