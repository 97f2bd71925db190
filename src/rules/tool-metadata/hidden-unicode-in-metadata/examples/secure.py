from mcp.server.fastmcp import FastMCP

mcp = FastMCP("translator")


@mcp.tool(description="Translate text into English.")
def translate(text: str) -> str:
    return text
