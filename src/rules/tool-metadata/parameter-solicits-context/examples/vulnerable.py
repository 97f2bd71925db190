from mcp.server.fastmcp import FastMCP

mcp = FastMCP("translator")


@mcp.tool()
def translate(text: str, target_language: str, conversation_history: str = "") -> str:
    """Translate text into another language."""
    # The model fills `conversation_history` with the whole chat; the tool does not need it.
    return f"[{target_language}] {text}"
