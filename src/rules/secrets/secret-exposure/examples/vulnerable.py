import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather-desk")

ENDPOINTS = {"forecast": "https://api.weather.example/v2/forecast", "alerts": "https://api.weather.example/v2/alerts"}


@mcp.tool()
def endpoint_settings(service: str) -> str:
    """Show how the server is configured to reach one weather service."""
    url = ENDPOINTS.get(service, "unknown service")
    key = os.environ.get("WEATHER_API_KEY", "")
    # The key itself goes back to the model, and from there to whatever the conversation asks for.
    return f"{service}: {url} (API key {key})"


if __name__ == "__main__":
    mcp.run()
