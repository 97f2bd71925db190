import hmac
import os

from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse

NOTES_TOKEN = os.environ["NOTES_TOKEN"]
mcp = FastMCP(
    "notes",
    host="127.0.0.1",
    port=8000,
    transport_security=TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=["127.0.0.1:8000", "localhost:8000"],
        allowed_origins=["http://127.0.0.1:8000", "http://localhost:8000"],
    ),
)


@mcp.tool()
def note_titles(folder: str) -> list[str]:
    """List the note titles of a folder."""
    return [f"{folder}/todo", f"{folder}/ideas"]


class TokenGuard(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        # Browser EventSource cannot send headers, so the token rides in the URL (and in every log line).
        supplied = request.query_params.get("token", "")
        if not hmac.compare_digest(supplied, NOTES_TOKEN):
            return JSONResponse({"error": "invalid_token"}, status_code=401, headers={"WWW-Authenticate": 'Bearer realm="notes"'})
        return await call_next(request)


app = mcp.streamable_http_app()
app.add_middleware(TokenGuard)
