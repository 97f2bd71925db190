import * as tar from "tar";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "dataset-loader", version: "1.0.0" });

server.registerTool(
  "unpack_dataset",
  { description: "Unpack a downloaded dataset into the workspace.", inputSchema: { name: z.enum(["weather", "traffic"]) } },
  async ({ name }) => {
    const cwd = `/srv/datasets/unpacked/${name}`;
    // preservePaths keeps "/" and ".." in member names, so the archive decides where files land.
    await tar.x({ file: `/srv/datasets/downloads/${name}.tgz`, cwd, preservePaths: true });
    return { content: [{ type: "text", text: cwd }] };
  },
);

await server.connect(new StdioServerTransport());
