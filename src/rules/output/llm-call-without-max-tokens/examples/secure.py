from typing import Annotated

from mcp.server.fastmcp import FastMCP
from openai import AsyncOpenAI
from pydantic import Field

mcp = FastMCP("summarizer")
client = AsyncOpenAI(timeout=60)


@mcp.tool()
async def summarize(text: Annotated[str, Field(max_length=20000)]) -> str:
    """Summarize a document in a few sentences."""
    # Input is bounded by the schema, output by max_completion_tokens.
    resp = await client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[
            {"role": "system", "content": "Summarize the user's text in at most five sentences."},
            {"role": "user", "content": text},
        ],
        max_completion_tokens=400,
    )
    return resp.choices[0].message.content or ""
