import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("status-page")


@mcp.tool()
def service_status(service: str) -> str:
    """Report the public status of a service."""
    # Connect and read timeouts bound how long the tool can wait.
    resp = requests.get("https://status.example.com/api/v2/summary.json", params={"service": service}, timeout=(3, 10))
    resp.raise_for_status()
    return resp.json()["status"]["description"]
