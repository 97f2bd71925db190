// The same calculator: the schema admits arithmetic characters only, and the operation comes from a fixed table.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const OPERATIONS = {
  add: (a: number, b: number) => a + b,
  subtract: (a: number, b: number) => a - b,
  multiply: (a: number, b: number) => a * b,
  divide: (a: number, b: number) => a / b,
  power: (a: number, b: number) => a ** b,
} as const;

const server = new McpServer({ name: "calculator", version: "1.0.0" });

server.registerTool(
  "calc_apply",
  {
    description: "Apply an arithmetic operation to two numbers.",
    inputSchema: { operation: z.enum(["add", "subtract", "multiply", "divide", "power"]), a: z.number(), b: z.number() },
  },
  // Nothing is evaluated: the operation picks one of five fixed functions.
  async ({ operation, a, b }) => ({ content: [{ type: "text", text: String(OPERATIONS[operation](a, b)) }] }),
);

await server.connect(new StdioServerTransport());
