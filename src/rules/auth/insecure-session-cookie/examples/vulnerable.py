from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from starlette.requests import Request
from starlette.responses import RedirectResponse

from notes_auth import IssuerVerifier, sign_consent

mcp = FastMCP(
    "notes",
    token_verifier=IssuerVerifier(),
    auth=AuthSettings(
        issuer_url="https://auth.example.com",
        resource_server_url="http://127.0.0.1:8000/mcp",
        required_scopes=["notes"],
    ),
)


@mcp.custom_route("/consent", methods=["POST"])
async def record_consent(request: Request) -> RedirectResponse:
    form = await request.form()
    response = RedirectResponse("/authorize/continue", status_code=303)
    # No Secure, no HttpOnly and no __Host- prefix: a sibling subdomain can plant an approval.
    response.set_cookie("mcp_consent", sign_consent(str(form["client_id"])), max_age=86400)
    return response


@mcp.tool()
def add_note(text: str) -> str:
    """Store a note for later."""
    return "saved"


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
