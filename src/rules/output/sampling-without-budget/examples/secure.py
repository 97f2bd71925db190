from mcp.server.fastmcp import Context, FastMCP
from mcp.types import SamplingMessage, TextContent

mcp = FastMCP("essay-polisher")
MAX_ROUNDS = 3


@mcp.tool()
async def polish_essay(essay: str, ctx: Context) -> str:
    """Rewrite an essay, at most three rounds."""
    draft = essay
    for _ in range(MAX_ROUNDS):
        result = await ctx.session.create_message(
            messages=[SamplingMessage(role="user", content=TextContent(type="text", text=f"Improve this essay, or reply DONE:\n{draft}"))],
            max_tokens=2000,
        )
        text = result.content.text if result.content.type == "text" else ""
        if text.strip() == "DONE":
            break
        draft = text
    return draft
