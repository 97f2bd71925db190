from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from notes_auth import IssuerVerifier, render_login

mcp = FastMCP(
    "notes",
    token_verifier=IssuerVerifier(),
    auth=AuthSettings(
        issuer_url="http://127.0.0.1:8000",
        resource_server_url="http://127.0.0.1:8000/mcp",
        required_scopes=["notes"],
    ),
)


@mcp.custom_route("/authorize", methods=["GET"])
async def authorize(request: Request) -> Response:
    redirect_uri = request.query_params.get("redirect_uri", "")
    # A prefix check also accepts https://chat.example.com.attacker.net/...
    if not redirect_uri.startswith("https://chat.example.com"):
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    return HTMLResponse(render_login(dict(request.query_params)))


@mcp.tool()
def add_note(text: str) -> str:
    """Store a note for later."""
    return "saved"


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
