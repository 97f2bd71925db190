import hashlib
import secrets
import sqlite3

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("wiki-admin")
db = sqlite3.connect("wiki.db")


def store_password(username: str, password: str) -> None:
    # Unsalted SHA-256: a leaked users table is cracked at GPU speed.
    digest = hashlib.sha256(password.encode()).hexdigest()
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
