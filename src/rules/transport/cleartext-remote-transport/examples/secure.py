import asyncio
import os

from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

# The reporting agent talks to the analytics MCP server on another host.
SERVER_URL = "https://analytics.internal.example/mcp"


async def main() -> None:
    headers = {"Authorization": f"Bearer {os.environ['ANALYTICS_TOKEN']}"}
    async with streamablehttp_client(SERVER_URL, headers=headers) as (read, write, _):
        async with ClientSession(read, write) as session:
            await session.initialize()
            tools = await session.list_tools()
            print([t.name for t in tools.tools])


asyncio.run(main())
