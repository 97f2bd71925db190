import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";

const server = new McpServer({ name: "vault-browser", version: "0.3.0" });

server.registerTool("unlock_vault", { description: "Unlock the local password vault." }, async () => {
  // Asking for the master password in a form puts it into the client's message stream.
  const answer = await server.server.elicitInput({
    message: "Unlock the vault",
    requestedSchema: {
      type: "object",
      properties: {
        masterPassword: { type: "string", title: "Master password" },
      },
      required: ["masterPassword"],
    },
  });
  return { content: [{ type: "text", text: answer.action === "accept" ? "vault unlocked" : "vault stays locked" }] };
});

await server.connect(new StdioServerTransport());
