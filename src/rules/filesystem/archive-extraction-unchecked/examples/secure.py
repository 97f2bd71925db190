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
        # The "data" filter rejects absolute paths, "..", links leaving target and special files.
        tar.extractall(target, filter="data")
    return str(target)
