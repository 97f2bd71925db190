import os

import httpx
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("invoices")

# The billing API uses the company CA: trust that CA rather than turning verification off.
CORPORATE_CA = os.environ.get("CORP_CA_BUNDLE", "/etc/ssl/certs/corp-ca.pem")


@mcp.tool()
async def invoice_status(invoice_id: str) -> str:
    """Look up the payment status of an invoice."""
    async with httpx.AsyncClient(verify=CORPORATE_CA) as client:
        r = await client.get(
            f"https://billing.internal.example/api/invoices/{invoice_id}",
            headers={"Authorization": f"Bearer {os.environ['BILLING_TOKEN']}"},
        )
    return r.json()["status"]


if __name__ == "__main__":
    mcp.run()
