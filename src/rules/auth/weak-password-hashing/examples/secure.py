import secrets
import sqlite3

import bcrypt

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("wiki-admin")
db = sqlite3.connect("wiki.db")


def store_password(username: str, password: str) -> None:
    # bcrypt with a per-password salt and cost 12.
    digest = bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12)).decode()
    db.execute("UPDATE users SET password_hash = ? WHERE name = ?", (digest, username))
    db.commit()


@mcp.tool()
def invite_member(username: str) -> str:
    """Create a wiki account; the member sets a password through the reset link."""
    db.execute("INSERT INTO users (name, must_reset) VALUES (?, 1)", (username,))
    # A random placeholder until the member chooses a password.
    store_password(username, secrets.token_urlsafe(24))
    return f"account {username} created"


if __name__ == "__main__":
    mcp.run()
