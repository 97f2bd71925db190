from fastmcp import FastMCP
from fastmcp.server.auth import RemoteAuthProvider
from fastmcp.server.auth.providers.jwt import JWTVerifier

# Tokens must be signed by our identity provider and issued for this server.
verifier = JWTVerifier(
    jwks_uri="https://auth.example.com/.well-known/jwks.json",
    issuer="https://auth.example.com",
    audience="https://inventory.example.com/mcp",
)
auth = RemoteAuthProvider(
    token_verifier=verifier,
    authorization_servers=["https://auth.example.com"],
    base_url="https://inventory.example.com",
)

mcp = FastMCP("inventory", auth=auth)


@mcp.tool
def stock_level(sku: str) -> int:
    """Units of an item left in the warehouse."""
    return 42


if __name__ == "__main__":
    # The private interface the API gateway reaches; every request still needs a valid token.
    mcp.run(transport="http", host="10.20.0.5", port=8000)
