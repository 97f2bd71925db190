# A lint server that checks snippets against the team's lint rules.
import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("team-lint")
SETTINGS_URL = "https://rules.example.com/latest/settings.json"


def check(code: str, max_length: int) -> list[str]:
    """The rules ship with the server; only their settings are fetched."""
    return [f"line {n}: longer than {max_length} characters" for n, line in enumerate(code.splitlines(), 1) if len(line) > max_length]


@mcp.tool()
def lint_snippet(code: str) -> str:
    """Check a code snippet against the team's lint rules."""
    # Only data is downloaded, and it is reduced to a number before use: nothing fetched can run.
    settings = httpx.get(SETTINGS_URL, timeout=10).json()
    max_length = int(settings.get("max_line_length", 100))
    return "\n".join(check(code, max_length)) or "no problems found"


if __name__ == "__main__":
    mcp.run()
