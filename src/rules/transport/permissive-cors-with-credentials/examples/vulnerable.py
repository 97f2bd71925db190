import uvicorn
from mcp.server.fastmcp import FastMCP
from starlette.middleware.cors import CORSMiddleware

mcp = FastMCP("notes")


@mcp.tool()
def add_note(text: str) -> str:
    """Store a note for later."""
    return "saved"


app = mcp.streamable_http_app()
# Any web page may call this local, unauthenticated endpoint and read the session id it gets back.
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST", "DELETE"], expose_headers=["Mcp-Session-Id"])

if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=8000)
