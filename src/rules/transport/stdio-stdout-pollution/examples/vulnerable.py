from mcp.server.fastmcp import FastMCP

mcp = FastMCP("glossary")

TERMS = {"mcp": "Model Context Protocol", "rpc": "remote procedure call"}


@mcp.tool()
def define(term: str) -> str:
    """Explain a term from the team glossary."""
    # stdout is the protocol channel of a stdio server: this line reaches the client as a broken message.
    print(f"looking up {term}")
    return TERMS.get(term.lower(), "unknown term")


if __name__ == "__main__":
    mcp.run()
