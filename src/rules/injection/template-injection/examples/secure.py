from datetime import date

from jinja2 import Environment, select_autoescape
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("report-writer")
env = Environment(autoescape=select_autoescape(default=True))
# The template is fixed; caller values only ever arrive as render variables.
SUMMARY = env.from_string("Summary for {{ project }} ({{ generated }})")


@mcp.tool()
def render_summary(project: str) -> str:
    """Render a project summary."""
    return SUMMARY.render(project=project, generated=date.today().isoformat())
