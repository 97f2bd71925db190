import os

from mcp.server.fastmcp import FastMCP

# Configuration may come from the environment; the text the model reads does not.
UNITS = os.environ.get("WEATHER_UNITS", "metric")

mcp = FastMCP("weather")


@mcp.tool(description="Get a one-line weather forecast for a city.")
def forecast(city: str) -> str:
    return f"Sunny in {city} ({UNITS} units)"
