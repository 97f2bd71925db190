import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("invoices")


@mcp.tool()
async def invoice_status(invoice_id: str) -> str:
    """Look up the payment status of an invoice."""
    # verify=False: the billing API's certificate is never checked, so the bearer token below can be intercepted.
    async with httpx.AsyncClient(verify=False) as client:
        r = await client.get(
            f"https://billing.internal.example/api/invoices/{invoice_id}",
            headers={"Authorization": f"Bearer {os.environ['BILLING_TOKEN']}"},
        )
    return r.json()["status"]


if __name__ == "__main__":
    mcp.run()
