# setup.py of an MCP server package: everything it needs ships in the package, nothing runs at install time.
from setuptools import find_packages, setup

setup(
    name="mcp-server-notes",
    version="0.3.0",
    packages=find_packages(),
    package_data={"mcp_server_notes": ["bootstrap/*.py"]},
    install_requires=["mcp>=1.9"],
    entry_points={"console_scripts": ["mcp-server-notes=mcp_server_notes:main"]},
)
