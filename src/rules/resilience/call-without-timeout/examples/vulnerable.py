import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("status-page")


@mcp.tool()
def service_status(service: str) -> str:
    """Report the public status of a service."""
    # No timeout: a status page that never answers hangs this tool call forever.
    resp = requests.get("https://status.example.com/api/v2/summary.json", params={"service": service})
    resp.raise_for_status()
    return resp.json()["status"]["description"]
