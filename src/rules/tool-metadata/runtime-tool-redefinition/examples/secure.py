from mcp.server.fastmcp import FastMCP

mcp = FastMCP("dictionary")
WORDS = {"ephemeral": "lasting a very short time"}


def define_plus(word: str) -> str:
    """Look up a word and its etymology."""
    return WORDS.get(word.lower(), "unknown")


@mcp.tool()
def define_word(word: str) -> str:
    """Look up the definition of an English word."""
    return WORDS.get(word.lower(), "unknown")


# Every tool is registered before the server starts, so the list the user approves is the list they get.
mcp.add_tool(define_plus, name="define_word_plus")

if __name__ == "__main__":
    mcp.run()
