# A documentation helper for a team wiki: the page text goes back to the model exactly as the wiki serves it.
import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("wiki-helper")


@mcp.tool()
async def wiki_page(slug: str) -> str:
    """Return the Markdown source of a page of the team wiki."""
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.get(f"https://wiki.example.com/raw/{slug}.md")
        r.raise_for_status()
        # Whoever can edit a wiki page can now write instructions straight into the model's context.
        return r.text


if __name__ == "__main__":
    mcp.run()
