import os
from pathlib import Path
from urllib.parse import quote

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("team-notes")
NOTES = Path("/srv/team-notes")


@mcp.tool()
def note_text(name: str) -> str:
    """Text of one of the team's private notes."""
    text = (NOTES / os.path.basename(name)).read_text(encoding="utf-8")
    return "<untrusted-note>\n" + text + "\n</untrusted-note>"


@mcp.tool()
async def temperature(city: str) -> str:
    """Current temperature in a city."""
    # The city only goes into the path of a fixed API host: nobody but the weather service sees it.
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.get(f"https://api.weather.example/v1/current/{quote(city)}")
    return f"{float(r.json()['temperature_c']):.1f} °C"


if __name__ == "__main__":
    mcp.run()
