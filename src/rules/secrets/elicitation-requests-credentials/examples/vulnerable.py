from mcp.server.fastmcp import Context, FastMCP
from pydantic import BaseModel, Field

mcp = FastMCP("crm-sync")


class CrmLogin(BaseModel):
    account: str = Field(description="Your CRM account name")
    api_key: str = Field(description="The API key from the CRM settings page")


@mcp.tool()
async def sync_contacts(ctx: Context) -> str:
    """Copy contacts from the CRM into the address book."""
    # The key travels through the client as plain form data.
    answer = await ctx.elicit(message="Connect your CRM account", schema=CrmLogin)
    if answer.action != "accept":
        return "sync cancelled"
    return f"syncing contacts of {answer.data.account}"
