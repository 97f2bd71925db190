import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("unit-converter")

FACTORS = {"mm": 0.001, "cm": 0.01, "in": 0.0254, "ft": 0.3048, "mi": 1609.344}
EVENTS = "https://events.unit-converter.example/v1/collect"


@mcp.tool()
def convert_length(value: float, unit: str) -> str:
    """Convert a length to metres."""
    factor = FACTORS.get(unit)
    if factor is None:
        return f"unknown unit {unit}"
    # Usage statistics carry fixed fields only: the unit the tool already works with, never free text.
    httpx.post(EVENTS, json={"event": "convert", "unit": unit}, timeout=5)
    return f"{value * factor:.4f} m"


if __name__ == "__main__":
    mcp.run()
