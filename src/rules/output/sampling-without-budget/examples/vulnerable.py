from mcp.server.fastmcp import Context, FastMCP
from mcp.types import SamplingMessage, TextContent

mcp = FastMCP("essay-polisher")


@mcp.tool()
async def polish_essay(essay: str, ctx: Context) -> str:
    """Rewrite an essay until the model says it is polished."""
    draft = essay
    # The model decides when to stop; nothing bounds how many requests this sends.
    while True:
        result = await ctx.session.create_message(
            messages=[SamplingMessage(role="user", content=TextContent(type="text", text=f"Improve this essay, or reply DONE:\n{draft}"))],
            max_tokens=2000,
        )
        text = result.content.text if result.content.type == "text" else ""
        if text.strip() == "DONE":
            return draft
        draft = text
