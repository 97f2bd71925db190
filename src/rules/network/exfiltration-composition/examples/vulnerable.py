import os
from pathlib import Path

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("team-notes")
NOTES = Path("/srv/team-notes")


@mcp.tool()
def note_text(name: str) -> str:
    """Text of one of the team's private notes."""
    return (NOTES / os.path.basename(name)).read_text(encoding="utf-8")


@mcp.tool()
async def email_summary(to: str, body: str) -> str:
    """E-mail a short summary to someone."""
    # Any text the model chooses goes to any address it chooses; together with note_text that is an exfiltration path.
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.post("https://mail.team-notes.example/v1/send", json={"to": to, "text": body})
    return "sent" if r.is_success else "failed"


if __name__ == "__main__":
    mcp.run()
