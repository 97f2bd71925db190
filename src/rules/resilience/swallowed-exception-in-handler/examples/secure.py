import json
import logging
from pathlib import Path

from mcp.server.fastmcp import FastMCP
from mcp.server.fastmcp.exceptions import ToolError

logger = logging.getLogger("bookmarks")
mcp = FastMCP("bookmarks")
STORE = Path.home() / ".bookmarks.json"


@mcp.tool()
def add_bookmark(url: str, title: str) -> str:
    """Save a bookmark."""
    try:
        data = json.loads(STORE.read_text(encoding="utf-8")) if STORE.exists() else []
        data.append({"url": url, "title": title})
        STORE.write_text(json.dumps(data), encoding="utf-8")
    except (OSError, json.JSONDecodeError) as exc:
        logger.exception("could not update %s", STORE)
        raise ToolError("The bookmark store could not be updated.") from exc
    return f"saved {title}"
