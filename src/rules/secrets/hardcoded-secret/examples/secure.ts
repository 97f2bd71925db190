import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import Stripe from "stripe";
import { z } from "zod";

const apiKey = process.env.STRIPE_API_KEY;
if (!apiKey) throw new Error("set STRIPE_API_KEY in the env block of the MCP client configuration");
const stripe = new Stripe(apiKey);
const server = new McpServer({ name: "billing", version: "1.0.0" });

server.registerTool(
  "get_invoice",
  { description: "Show the status and amount of a Stripe invoice.", inputSchema: { invoiceId: z.string().startsWith("in_") } },
  async ({ invoiceId }) => {
    const invoice = await stripe.invoices.retrieve(invoiceId);
    return { content: [{ type: "text", text: `${invoice.status}: ${invoice.amount_due / 100} ${invoice.currency}` }] };
  },
);

await server.connect(new StdioServerTransport());
