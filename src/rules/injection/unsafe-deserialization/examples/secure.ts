import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "workflow-runner", version: "1.0.0" });
const Checkpoint = z.object({ step: z.number().int().nonnegative(), vars: z.record(z.string()) });

server.registerTool(
  "resume_workflow",
  {
    description: "Resume a workflow from the checkpoint string produced by pause_workflow.",
    inputSchema: { checkpoint: z.string() },
  },
  async ({ checkpoint }) => {
    const state = Checkpoint.parse(JSON.parse(Buffer.from(checkpoint, "base64").toString("utf8")));
    return { content: [{ type: "text", text: `resumed at step ${state.step}` }] };
  },
);

await server.connect(new StdioServerTransport());
