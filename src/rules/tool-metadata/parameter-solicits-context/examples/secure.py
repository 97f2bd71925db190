from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("translator")


@mcp.tool()
def translate(text: str, target_language: Literal["de", "fr", "es"]) -> str:
    """Translate text into another language."""
    return f"[{target_language}] {text}"
