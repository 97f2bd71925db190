import jwt
from mcp.server.fastmcp import FastMCP

PUBLIC_KEY = open("keys/issuer.pem").read()
mcp = FastMCP("invoices", host="127.0.0.1", port=8000)


def require_token(authorization: str) -> dict:
    # Tokens are checked, but clients are never told which authorization server issues them.
    token = authorization.removeprefix("Bearer ")
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience="https://invoices.example.com/mcp")


@mcp.tool()
def list_invoices(customer_id: str) -> list[str]:
    """List the invoice numbers of a customer."""
    return [f"{customer_id}-0001", f"{customer_id}-0002"]


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
