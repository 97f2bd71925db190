import { randomBytes, timingSafeEqual } from "node:crypto";
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const launchToken = randomBytes(32).toString("hex");
console.error(`MCP token: ${launchToken}`);

function hasLaunchToken(req: express.Request): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const expected = Buffer.from(`Bearer ${launchToken}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = new McpServer({ name: "notes", version: "1.0.0" });
server.tool("add_note", "Store a note for later.", async () => ({ content: [{ type: "text", text: "saved" }] }));

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));

app.post("/consent", (req, res) => {
  res.cookie("__Host-mcp_consent", String(req.body.client_id), {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    signed: true,
    maxAge: 86_400_000,
  });
  res.redirect(303, "/authorize/continue");
});

app.post("/mcp", async (req, res) => {
  if (!hasLaunchToken(req)) {
    res.status(401).end();
    return;
  }
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableDnsRebindingProtection: true, allowedHosts: ["127.0.0.1:3000"] });
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
