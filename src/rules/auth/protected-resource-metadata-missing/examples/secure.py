import jwt
from mcp.server.fastmcp import FastMCP
from starlette.requests import Request
from starlette.responses import JSONResponse

PUBLIC_KEY = open("keys/issuer.pem").read()
RESOURCE = "https://invoices.example.com/mcp"
mcp = FastMCP("invoices", host="127.0.0.1", port=8000)


@mcp.custom_route("/.well-known/oauth-protected-resource", methods=["GET"])
async def protected_resource_metadata(request: Request) -> JSONResponse:
    return JSONResponse({
        "resource": RESOURCE,
        "authorization_servers": ["https://login.example.com"],
        "bearer_methods_supported": ["header"],
    })


def require_token(authorization: str) -> dict:
    token = authorization.removeprefix("Bearer ")
    return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"], audience=RESOURCE)


@mcp.tool()
def list_invoices(customer_id: str) -> list[str]:
    """List the invoice numbers of a customer."""
    return [f"{customer_id}-0001", f"{customer_id}-0002"]


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
