import secrets

from mcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("crm-sync")
CONNECT_PAGE = "https://crm-sync.example.com/connect"


@mcp.tool()
async def sync_contacts(ctx: Context) -> str:
    """Copy contacts from the CRM into the address book."""
    # URL mode: the user signs in to the CRM on its own page; the key never passes through the client.
    flow = secrets.token_urlsafe(16)
    answer = await ctx.elicit_url(
        message="Sign in to your CRM to allow the contact sync",
        url=f"{CONNECT_PAGE}?flow={flow}",
        elicitation_id=flow,
    )
    if answer.action != "accept":
        return "sync cancelled"
    return "sync starts once the CRM connection is confirmed"
