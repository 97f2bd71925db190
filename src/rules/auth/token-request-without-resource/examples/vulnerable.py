import httpx
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

MCP_SERVER_URL = "https://notes.example.com/mcp"
TOKEN_URL = "https://auth.example.com/oauth/token"


async def exchange_code(code: str, verifier: str) -> str:
    async with httpx.AsyncClient() as http:
        # No "resource": the token is valid for every API this authorization server protects.
        response = await http.post(TOKEN_URL, data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://127.0.0.1:8765/callback",
            "client_id": "notes-cli",
            "code_verifier": verifier,
        })
        response.raise_for_status()
        return response.json()["access_token"]


async def list_remote_tools(code: str, verifier: str) -> list[str]:
    access_token = await exchange_code(code, verifier)
    headers = {"Authorization": f"Bearer {access_token}"}
    async with streamablehttp_client(MCP_SERVER_URL, headers=headers) as (read, write, _):
        async with ClientSession(read, write) as session:
            await session.initialize()
            result = await session.list_tools()
            return [tool.name for tool in result.tools]
