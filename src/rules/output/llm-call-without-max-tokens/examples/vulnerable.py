from typing import Annotated

from mcp.server.fastmcp import FastMCP
from openai import AsyncOpenAI
from pydantic import Field

mcp = FastMCP("summarizer")
client = AsyncOpenAI(timeout=60)


@mcp.tool()
async def summarize(text: Annotated[str, Field(max_length=20000)]) -> str:
    """Summarize a document in a few sentences."""
    # No output cap: each call may generate the model's maximum output on the server's API key.
    resp = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Summarize the user's text in at most five sentences."},
            {"role": "user", "content": text},
        ],
    )
    return resp.choices[0].message.content or ""
