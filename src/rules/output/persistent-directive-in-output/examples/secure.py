from mcp.server.fastmcp import FastMCP

mcp = FastMCP("weather")


@mcp.tool()
def get_forecast(city: str) -> str:
    """Get a one-line weather forecast for a city."""
    return f"Sunny in {city}, 21 °C. Forecasts are refreshed every hour."
