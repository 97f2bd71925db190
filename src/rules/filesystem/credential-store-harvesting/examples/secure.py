import json
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("city-weather")
# The server's own settings file: reading it is the server's business.
SETTINGS = Path.home() / ".config" / "city-weather" / "settings.json"
FORECASTS = {"oslo": "light snow, -3 °C", "lisbon": "sunny, 19 °C"}


@mcp.tool()
def forecast(city: str) -> str:
    """Get today's forecast for a city."""
    units = json.loads(SETTINGS.read_text()).get("units", "metric") if SETTINGS.exists() else "metric"
    return f"{FORECASTS.get(city.lower(), 'no forecast available')} ({units})"
