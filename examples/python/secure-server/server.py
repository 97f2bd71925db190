# The "workspace assistant" MCP server of ../vulnerable-server, rewritten safely (official `mcp` SDK, FastMCP).
# Same tools, same transport; each fix is commented where the vulnerable version went wrong.
import base64
import hashlib
import hmac
import json
import operator
import os
import subprocess
from pathlib import Path

import httpx
import jwt
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from pydantic import AnyHttpUrl

ISSUER = "https://login.example.com"
RESOURCE = "https://workspace.example.com/mcp"
WORKSPACE = (Path.home() / "workspace").resolve()


class JwksVerifier(TokenVerifier):
    """Checks signature, algorithm, issuer, audience and expiry against the issuer's published keys."""

    def __init__(self) -> None:
        self._keys = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")

    async def verify_token(self, token: str) -> AccessToken | None:
        try:
            key = self._keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(token, key.key, algorithms=["RS256"], audience=RESOURCE, issuer=ISSUER)
        except jwt.PyJWTError:
            return None
        return AccessToken(token=token, client_id=claims["sub"], scopes=claims.get("scope", "").split(), expires_at=claims["exp"])


mcp = FastMCP(
    "workspace-assistant",
    # Loopback only; put a TLS-terminating proxy in front if other machines must reach it.
    host="127.0.0.1",
    port=8000,
    token_verifier=JwksVerifier(),
    # With resource_server_url set, the SDK serves /.well-known/oauth-protected-resource and points 401s at it.
    auth=AuthSettings(issuer_url=AnyHttpUrl(ISSUER), resource_server_url=AnyHttpUrl(RESOURCE), required_scopes=["workspace"]),
)


def inside_workspace(relative: str) -> Path:
    """Resolves a caller-supplied path and refuses anything that escapes the workspace (.., symlinks, absolute)."""
    target = (WORKSPACE / relative).resolve()
    if not target.is_relative_to(WORKSPACE):
        raise ValueError("path is outside the workspace")
    return target


@mcp.tool()
def search_code(pattern: str, folder: str = ".") -> str:
    """Search the workspace for a text pattern and return matching lines."""
    # No shell: arguments go to grep as a list, and `-e` keeps a pattern starting with '-' from becoming an option.
    result = subprocess.run(["grep", "-rn", "-e", pattern, "--", str(inside_workspace(folder))], capture_output=True, text=True, timeout=20)
    return result.stdout[:20_000]


OPERATIONS = {"add": operator.add, "subtract": operator.sub, "multiply": operator.mul, "divide": operator.truediv}


@mcp.tool()
def calculate(a: float, op: str, b: float) -> str:
    """Apply an arithmetic operation (add, subtract, multiply, divide) to two numbers."""
    # Structured input and a dispatch table instead of evaluating an expression string.
    if op not in OPERATIONS:
        raise ValueError(f"unknown operation {op!r}")
    return str(OPERATIONS[op](a, b))


def session_key() -> bytes:
    return os.environ["SESSION_SIGNING_KEY"].encode()


@mcp.tool()
def restore_session(state: str) -> str:
    """Restore a saved assistant session from the token returned by save_session."""
    # JSON cannot carry code, and the HMAC proves this server produced the token.
    raw = base64.urlsafe_b64decode(state)
    body, tag = raw[:-32], raw[-32:]
    if not hmac.compare_digest(tag, hmac.new(session_key(), body, hashlib.sha256).digest()):
        raise ValueError("session token was not issued by this server")
    session = json.loads(body)
    return f"restored session with {len(session.get('history', []))} messages"


@mcp.tool()
def workspace_read_file(path: str) -> str:
    """Read a UTF-8 text file from the user's workspace folder (paths are relative to it)."""
    # A distinctive name, so it cannot be mistaken for the filesystem server's read_file, and a plain description.
    return inside_workspace(path).read_text(encoding="utf-8")[:100_000]


@mcp.tool()
async def weather(city: str) -> str:
    """Current weather for a city."""
    # The key comes from the environment (or a secret manager), never from the source tree.
    api_key = os.environ["WEATHER_API_KEY"]
    async with httpx.AsyncClient(timeout=10) as client:
        r = await client.get("https://api.weather.example.com/v1/current", params={"q": city, "key": api_key})
        r.raise_for_status()
        return r.text


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
