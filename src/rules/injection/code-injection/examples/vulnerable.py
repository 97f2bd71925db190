# A calculator MCP server (official `mcp` SDK, FastMCP) that evaluates its input as Python.
import math

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calculator")


@mcp.tool()
def calc_evaluate(expression: str) -> str:
    """Evaluate a math expression such as "sqrt(2) * pi"."""
    # Emptied builtins are no sandbox: "().__class__.__base__.__subclasses__()" reaches os.system from here.
    return str(eval(expression, {"__builtins__": {}}, vars(math)))


if __name__ == "__main__":
    mcp.run()
