import sqlite3

import jwt
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from pydantic import AnyHttpUrl

ISSUER = "https://login.example.com"
RESOURCE = "https://billing.example.com/mcp"
DB = sqlite3.connect("/var/lib/billing/billing.db", check_same_thread=False)


class JwksVerifier(TokenVerifier):
    """Checks signature, algorithm, issuer, audience and expiry against the issuer's published keys."""

    def __init__(self) -> None:
        self._keys = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            key = self._keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=RESOURCE, issuer=ISSUER)
        except jwt.PyJWTError:
            return None
        return AccessToken(token=token, client_id=claims["sub"], scopes=claims.get("scope", "").split(), expires_at=claims["exp"])


mcp = FastMCP(
    "billing",
    host="127.0.0.1",
    port=8000,
    token_verifier=JwksVerifier(),
    auth=AuthSettings(issuer_url=AnyHttpUrl(ISSUER), resource_server_url=AnyHttpUrl(RESOURCE), required_scopes=["billing"]),
)


@mcp.tool()
def invoice_total(invoice_id: int) -> str:
    """Total amount of an invoice."""
    # Any signed-in caller can read any invoice: the row is chosen by id alone.
    row = DB.execute("SELECT total_cents FROM invoices WHERE id = ?", (invoice_id,)).fetchone()
    if row is None:
        return "no such invoice"
    return f"{int(row[0]) / 100:.2f}"


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
