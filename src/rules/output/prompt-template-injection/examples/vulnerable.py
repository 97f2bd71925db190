# A support desk server with a prompt that drafts replies to tickets.
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("support-desk")


@mcp.prompt()
def draft_reply(ticket_text: str) -> str:
    """Draft a reply to a support ticket."""
    # The ticket is whatever the customer wrote; pasted straight after the template, its sentences read as more of
    # the user's own request.
    return f"Summarize this support ticket and draft a polite reply that follows our refund policy:\n{ticket_text}"


if __name__ == "__main__":
    mcp.run()
