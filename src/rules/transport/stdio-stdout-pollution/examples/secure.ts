import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const TERMS: Record<string, string> = { mcp: "Model Context Protocol", rpc: "remote procedure call" };

const server = new McpServer({ name: "glossary", version: "1.0.0" });
server.tool("define", "Explain a term from the team glossary.", { term: z.string().max(64) }, async ({ term }) => {
  // console.error writes to stderr, which the client keeps as a log.
  console.error(`looking up ${term}`);
  return { content: [{ type: "text", text: TERMS[term.toLowerCase()] ?? "unknown term" }] };
});

await server.connect(new StdioServerTransport());
