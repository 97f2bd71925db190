import { timingSafeEqual } from "node:crypto";
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const expected = Buffer.from(process.env.NOTES_TOKEN ?? "");
const server = new McpServer({ name: "notes", version: "1.0.0" });
server.registerTool(
  "note_titles",
  { description: "List the note titles of a folder.", inputSchema: { folder: z.string().regex(/^[\w-]+$/) } },
  async ({ folder }) => ({ content: [{ type: "text", text: `${folder}/todo\n${folder}/ideas` }] }),
);

function sameToken(supplied: string): boolean {
  const got = Buffer.from(supplied);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

const app = express();
app.use(express.json());
app.post("/mcp", async (req, res) => {
  const supplied = (req.headers.authorization ?? "").replace(/^Bearer /, "");
  if (!sameToken(supplied)) {
    res.set("WWW-Authenticate", 'Bearer realm="notes"');
    res.status(401).end();
    return;
  }
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableDnsRebindingProtection: true,
    allowedHosts: ["127.0.0.1:3000", "localhost:3000"],
  });
  res.on("close", () => transport.close());
  await server.connect(transport);
  await transport.handleRequest(req, res, req.body);
});
app.listen(3000, "127.0.0.1");
