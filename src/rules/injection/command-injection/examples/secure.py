# The same log-search server without a shell: grep gets an argument list, and the log file comes from a fixed table.
import subprocess

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("log-search")

# The caller names a service; the file path is looked up, never built from the name.
LOG_FILES = {"web": "/var/log/nginx/access.log", "db": "/var/log/postgresql/main.log"}


@mcp.tool()
def logs_search(pattern: str, service: str) -> str:
    """Search the log of a service for a text pattern."""
    if service not in LOG_FILES:
        raise ValueError(f"unknown service; choose one of {sorted(LOG_FILES)}")
    # No shell parses these values; `-e` makes the pattern a pattern even when it starts with "-".
    result = subprocess.run(["grep", "-n", "-e", pattern, "--", LOG_FILES[service]], capture_output=True, text=True, timeout=30)
    # Log lines can carry terminal escapes; keep printable text and line breaks only.
    return "".join(ch for ch in result.stdout[-20_000:] if ch.isprintable() or ch == "\n")


if __name__ == "__main__":
    mcp.run()
