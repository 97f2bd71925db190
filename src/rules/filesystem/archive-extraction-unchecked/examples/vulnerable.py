import tarfile
from pathlib import Path
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("dataset-loader")
DOWNLOADS = Path("/srv/datasets/downloads")
WORKSPACE = Path("/srv/datasets/unpacked")


@mcp.tool()
def unpack_dataset(name: Literal["weather", "traffic"]) -> str:
    """Unpack a downloaded dataset into the workspace."""
    target = WORKSPACE / name
    with tarfile.open(DOWNLOADS / f"{name}.tar.gz") as tar:
        # Members named "../../home/me/.bashrc" or symlinks out of target are honoured before Python 3.14.
        tar.extractall(target)
    return str(target)
