import secrets

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("scratchpad")
_pads: dict[str, list[str]] = {}


@mcp.tool()
def open_pad() -> str:
    """Open an empty scratch pad and return the session id that names it."""
    # 32 bytes from the operating system's CSPRNG.
    session_id = secrets.token_urlsafe(32)
    _pads[session_id] = []
    return session_id


if __name__ == "__main__":
    mcp.run()
