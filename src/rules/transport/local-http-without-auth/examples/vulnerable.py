from mcp.server.fastmcp import FastMCP

# No host given: FastMCP binds 127.0.0.1, which every local process (and a browser tab, via DNS rebinding) can reach.
mcp = FastMCP("notes")


@mcp.tool()
def add_note(text: str) -> str:
    """Store a note for later."""
    return "saved"


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
