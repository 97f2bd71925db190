from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calculator")


@mcp.tool()
def calculate(expression: str) -> str:
    """Evaluate an arithmetic expression such as `2 * (3 + 4)`."""
    # Emptying __builtins__ does not make eval safe: object graphs still reach os.system.
    result = eval(expression, {"__builtins__": {}}, {})
    return str(result)
