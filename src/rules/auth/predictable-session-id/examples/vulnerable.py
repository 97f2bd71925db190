import random
import string

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("scratchpad")
_pads: dict[str, list[str]] = {}


@mcp.tool()
def open_pad() -> str:
    """Open an empty scratch pad and return the session id that names it."""
    # random.choices is a seeded Mersenne Twister: a few observed ids reveal the next ones.
    session_id = "".join(random.choices(string.ascii_letters + string.digits, k=24))
    _pads[session_id] = []
    return session_id


if __name__ == "__main__":
    mcp.run()
