import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather-desk")

ENDPOINTS = {"forecast": "https://api.weather.example/v2/forecast", "alerts": "https://api.weather.example/v2/alerts"}


@mcp.tool()
def endpoint_settings(service: str) -> str:
    """Show how the server is configured to reach one weather service."""
    url = ENDPOINTS.get(service, "unknown service")
    # Only whether a key is configured is reported, never the key.
    state = "configured" if os.environ.get("WEATHER_API_KEY") else "missing"
    return f"{service}: {url} (API key {state})"


if __name__ == "__main__":
    mcp.run()
