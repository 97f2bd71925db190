import https from "node:https";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

// Every request made with this agent accepts any certificate.
const agent = new https.Agent({ rejectUnauthorized: false });

function getJson(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https.get(url, { agent, headers: { authorization: `Bearer ${process.env.BILLING_TOKEN}` } }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve(body));
    }).on("error", reject);
  });
}

const server = new McpServer({ name: "invoices", version: "1.0.0" });
server.tool("invoice_status", "Look up the payment status of an invoice.", { invoiceId: z.string().regex(/^[0-9]+$/) }, async ({ invoiceId }) => ({
  content: [{ type: "text", text: await getJson(`https://billing.internal.example/api/invoices/${invoiceId}`) }],
}));

await server.connect(new StdioServerTransport());
