import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const client = new Client({ name: "report-agent", version: "1.0.0" });
// http:// to another machine: the Authorization header travels in clear text.
const transport = new StreamableHTTPClientTransport(new URL("http://analytics.internal.example:8000/mcp"), {
  requestInit: { headers: { Authorization: `Bearer ${process.env.ANALYTICS_TOKEN}` } },
});
await client.connect(transport);
const { tools } = await client.listTools();
process.stderr.write(`${tools.map((t) => t.name).join(", ")}\n`);
