import os

import httpx
import jwt
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from pydantic import AnyHttpUrl

ISSUER = "https://login.example.com"
RESOURCE = "https://crm-assistant.example.com/mcp"


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
    "crm-assistant",
    host="127.0.0.1",
    port=8000,
    token_verifier=JwksVerifier(),
    auth=AuthSettings(issuer_url=AnyHttpUrl(ISSUER), resource_server_url=AnyHttpUrl(RESOURCE), required_scopes=["crm"]),
)


@mcp.tool()
async def account_count(segment: str) -> str:
    """Number of CRM accounts in a segment."""
    # The organisation-wide admin key answers for whoever asked: every signed-in caller sees every segment.
    api_key = os.environ["CRM_ADMIN_API_KEY"]
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.get(
            "https://api.crm.example/v2/accounts/count",
            params={"segment": segment},
            headers={"Authorization": f"Bearer {api_key}"},
        )
    return str(int(r.json()["count"]))


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
