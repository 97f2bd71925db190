import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "mailer", version: "1.0.0" });

server.tool("mailer_send_message", "Send an e-mail through the Mailer account.", { to: z.string(), body: z.string() }, async () => ({ content: [] }));
