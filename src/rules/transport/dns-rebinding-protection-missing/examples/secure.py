from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings

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
def read_note(note_id: str) -> str:
    """Return the text of a note."""
    return "..."


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
