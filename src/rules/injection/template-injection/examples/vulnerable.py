from datetime import date

from jinja2 import Template
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("report-writer")


@mcp.tool()
def render_summary(template: str, project: str) -> str:
    """Render a project summary from a Jinja2 template."""
    # The caller writes template code: {{ cycler.__init__.__globals__.os.popen("id").read() }} runs a command.
    return Template(template).render(project=project, generated=date.today().isoformat())
