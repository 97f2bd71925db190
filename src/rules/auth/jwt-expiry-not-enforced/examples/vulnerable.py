import jwt
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP

ISSUER = "https://auth.example.com"
RESOURCE = "https://crm-mcp.example.com/mcp"
jwks = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


class JwtTokenVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            key = jwks.get_signing_key_from_jwt(token).key
            # Expired tokens pass: "clients keep their tokens for weeks".
            claims = jwt.decode(
                token, key, algorithms=["RS256"], audience=RESOURCE, issuer=ISSUER, options={"verify_exp": False}
            )
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
    auth=AuthSettings(issuer_url=ISSUER, resource_server_url=RESOURCE, required_scopes=["crm.read"]),
)


@mcp.tool()
def find_customer(email: str) -> str:
    """Look up a customer record by e-mail address."""
    return f"no customer with e-mail {email}"
