import webbrowser
from urllib.parse import urlparse

from mcp.client.auth import OAuthClientProvider, TokenStorage
from mcp.shared.auth import OAuthClientMetadata


async def open_in_browser(authorization_url: str) -> None:
    parsed = urlparse(authorization_url)
    # Only https, or http on the loopback interface, is handed to the browser.
    if parsed.scheme != "https" and not (parsed.scheme == "http" and parsed.hostname in ("127.0.0.1", "localhost")):
        raise ValueError(f"refusing to open an authorization URL with scheme {parsed.scheme!r}")
    webbrowser.open(parsed.geturl())


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
