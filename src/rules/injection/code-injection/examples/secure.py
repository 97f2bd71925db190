# The same calculator: the expression is parsed and only numbers, operators and math functions are evaluated.
import ast
import math
import operator

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calculator")

OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv, ast.Pow: operator.pow, ast.USub: operator.neg}
FUNCTIONS = {"sqrt": math.sqrt, "sin": math.sin, "cos": math.cos, "log": math.log}
CONSTANTS = {"pi": math.pi, "e": math.e}


def _value(node: ast.AST) -> float:
    # Walks the parsed expression; anything that is not arithmetic on numbers is refused.
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name) and node.id in CONSTANTS:
        return CONSTANTS[node.id]
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](_value(node.left), _value(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in OPERATORS:
        return OPERATORS[type(node.op)](_value(node.operand))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS and len(node.args) == 1:
        return FUNCTIONS[node.func.id](_value(node.args[0]))
    raise ValueError("only numbers, + - * / **, pi, e and sqrt/sin/cos/log are allowed")


@mcp.tool()
def calc_evaluate(expression: str) -> str:
    """Evaluate a math expression such as "sqrt(2) * pi"."""
    if len(expression) > 200:
        raise ValueError("expression too long")
    return str(_value(ast.parse(expression, mode="eval").body))


if __name__ == "__main__":
    mcp.run()
