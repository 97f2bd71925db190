import uvicorn
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from starlette.middleware.cors import CORSMiddleware


class IntrospectionVerifier(TokenVerifier):
    """Asks the authorization server whether a bearer token is active."""

    async def verify_token(self, token: str) -> AccessToken | None:
        return None  # introspection call elided; None rejects the request


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


app = mcp.streamable_http_app()
# Only the team's web client may read responses, and every call still needs a bearer token.
app.add_middleware(CORSMiddleware, allow_origins=["https://chat.example.com"], allow_methods=["GET", "POST", "DELETE"], expose_headers=["Mcp-Session-Id"])

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=8000)
