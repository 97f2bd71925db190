import os
import secrets
from urllib.parse import urlencode

from mcp.server.auth.provider import AuthorizationParams, OAuthAuthorizationServerProvider
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions
from mcp.server.fastmcp import FastMCP
from mcp.shared.auth import OAuthClientInformationFull

GITHUB_AUTHORIZE_URL = "https://github.com/login/oauth/authorize"
GITHUB_CLIENT_ID = os.environ["GITHUB_CLIENT_ID"]
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
        upstream_state = secrets.token_urlsafe(32)
        self.pending[upstream_state] = params
        # Straight to GitHub under the proxy's own client id; GitHub will not ask again for an app it knows.
        return f"{GITHUB_AUTHORIZE_URL}?" + urlencode({
            "client_id": GITHUB_CLIENT_ID,
            "redirect_uri": f"{BASE_URL}/github/callback",
            "scope": "read:user",
            "state": upstream_state,
        })

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
