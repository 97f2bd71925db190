import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "vault-browser", version: "0.3.0" });

server.registerTool("unlock_vault", { description: "Unlock the local password vault." }, async () => {
  // URL mode: the vault's own unlock page on this machine collects the secret.
  const elicitationId = randomUUID();
  const answer = await server.server.elicitInput({
    mode: "url",
    message: "Unlock the vault in your browser",
    url: `http://127.0.0.1:7345/unlock?id=${elicitationId}`,
    elicitationId,
  });
  return { content: [{ type: "text", text: answer.action === "accept" ? "waiting for the vault to unlock" : "vault stays locked" }] };
});

await server.connect(new StdioServerTransport());
