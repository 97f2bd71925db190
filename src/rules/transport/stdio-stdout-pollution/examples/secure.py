import logging

from mcp.server.fastmcp import FastMCP

# The logging module writes to stderr by default, which clients keep as a log.
log = logging.getLogger("glossary")
mcp = FastMCP("glossary")

TERMS = {"mcp": "Model Context Protocol", "rpc": "remote procedure call"}


@mcp.tool()
def define(term: str) -> str:
    """Explain a term from the team glossary."""
    log.info("looking up %s", term)
    return TERMS.get(term.lower(), "unknown term")


if __name__ == "__main__":
    mcp.run()
