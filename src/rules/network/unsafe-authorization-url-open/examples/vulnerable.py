import webbrowser

from mcp.client.auth import OAuthClientProvider, TokenStorage
from mcp.shared.auth import OAuthClientMetadata


async def open_in_browser(authorization_url: str) -> None:
    # The authorization URL comes from the server's metadata and is opened whatever its scheme.
    webbrowser.open(authorization_url)


async def wait_for_callback() -> tuple[str, str | None]:
    raise NotImplementedError("served by the local callback listener")


def make_provider(server_url: str, storage: TokenStorage) -> OAuthClientProvider:
    return OAuthClientProvider(
        server_url=server_url,
        client_metadata=OAuthClientMetadata(client_name="notes-cli", redirect_uris=["http://127.0.0.1:8765/callback"]),
        storage=storage,
        redirect_handler=open_in_browser,
        callback_handler=wait_for_callback,
    )
