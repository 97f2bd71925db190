import jwt
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP


class JwtTokenVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return None
        return AccessToken(
            token=token,
            client_id=claims["client_id"],
            scopes=claims.get("scope", "").split(),
            expires_at=claims.get("exp"),
        )


mcp = FastMCP(
    "crm",
    token_verifier=JwtTokenVerifier(),
    auth=AuthSettings(
        issuer_url="https://auth.example.com",
        resource_server_url="https://crm-mcp.example.com/mcp",
        required_scopes=["crm.read"],
    ),
)


@mcp.tool()
def find_customer(email: str) -> str:
    """Look up a customer record by e-mail address."""
    return f"no customer with e-mail {email}"
