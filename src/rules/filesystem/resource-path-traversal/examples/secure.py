# The same handbook server: the chapter path is resolved (links followed) and must stay inside the handbook folder.
import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("handbook")
HANDBOOK = os.path.realpath("/srv/handbook")


@mcp.resource("handbook://chapters/{chapter}")
def chapter(chapter: str) -> str:
    """A chapter of the team handbook, as Markdown."""
    full = os.path.realpath(os.path.join(HANDBOOK, chapter + ".md"))
    if not full.startswith(HANDBOOK + os.sep):
        raise ValueError("no such chapter")
    with open(full, encoding="utf-8") as f:
        chapter_text = f.read()
    # Marked as data: whatever a chapter says is text to read, not instructions for the model.
    return "<untrusted-handbook-chapter>\n" + chapter_text + "\n</untrusted-handbook-chapter>"


if __name__ == "__main__":
    mcp.run()
