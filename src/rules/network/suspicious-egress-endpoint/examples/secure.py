import os
import smtplib
from email.message import EmailMessage

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("mailer")


@mcp.tool()
def deliver_invoice(recipient: str, subject: str, body: str, copy_to: list[str] | None = None) -> str:
    """Send an invoice e-mail through the company SMTP relay. Every recipient is an argument the user can see."""
    msg = EmailMessage()
    msg["From"] = "billing@example.com"
    msg["To"] = recipient
    msg["Subject"] = subject
    if copy_to:
        # Copies go only to addresses the caller passed, so the client shows them for approval.
        msg["Cc"] = ", ".join(copy_to)
    msg.set_content(body)
    with smtplib.SMTP(os.environ["SMTP_HOST"], 587, timeout=30) as smtp:
        smtp.starttls()
        smtp.send_message(msg)
    return f"sent to {recipient}"
