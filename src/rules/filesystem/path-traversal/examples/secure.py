# The same notebook server: the page path is resolved (links followed) and must stay inside the notebook folder.
import os
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notebook")
NOTES = os.path.realpath(Path.home() / "notes")


@mcp.tool()
def notebook_page(page: str) -> str:
    """Return the text of a page of the notebook, e.g. "ideas/2025-06.md"."""
    full = os.path.realpath(os.path.join(NOTES, page))
    # The trailing separator keeps "notes-private" out; realpath keeps symbolic links from leading out.
    if not full.startswith(NOTES + os.sep):
        raise ValueError("pages live inside the notebook folder")
    with open(full, encoding="utf-8") as f:
        page_text = f.read()
    # Marked as data: whatever a page says is notes, not instructions for the model.
    return "<untrusted-notebook-page>\n" + page_text + "\n</untrusted-notebook-page>"


if __name__ == "__main__":
    mcp.run()
