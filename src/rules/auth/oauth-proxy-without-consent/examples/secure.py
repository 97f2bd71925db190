import secrets
from urllib.parse import urlencode

from mcp.server.auth.provider import AuthorizationParams, OAuthAuthorizationServerProvider
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions
from mcp.server.fastmcp import FastMCP
from mcp.shared.auth import OAuthClientInformationFull

BASE_URL = "http://127.0.0.1:8000"


class GitHubProxyProvider(OAuthAuthorizationServerProvider):
    """Lets any MCP client sign in with GitHub through this server's single GitHub OAuth app."""

    def __init__(self) -> None:
        self.clients: dict[str, OAuthClientInformationFull] = {}
        self.pending: dict[str, AuthorizationParams] = {}

    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        return self.clients.get(client_id)

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        self.clients[client_info.client_id] = client_info

    async def authorize(self, client: OAuthClientInformationFull, params: AuthorizationParams) -> str:
        request_id = secrets.token_urlsafe(32)
        self.pending[request_id] = params
        # Our own consent page comes first. It names the client and its redirect URI, and only when the user
        # approves does the /consent handler (not shown) record the approval and redirect to GitHub.
        return f"{BASE_URL}/consent?" + urlencode({"request": request_id})

    # Code exchange, refresh and revocation are left out of this example.


mcp = FastMCP(
    "github-proxy",
    auth_server_provider=GitHubProxyProvider(),
    auth=AuthSettings(
        issuer_url=BASE_URL,
        resource_server_url=f"{BASE_URL}/mcp",
        client_registration_options=ClientRegistrationOptions(enabled=True),
    ),
)


@mcp.tool()
def count_stars(repository: str) -> int:
    """Return the star count of a repository (placeholder)."""
    return 0


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
