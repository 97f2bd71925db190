import libxmljs from "libxmljs2";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "sitemap-tools", version: "1.0.0" });

server.registerTool(
  "sitemap_urls",
  { description: "List the page URLs declared in a sitemap document.", inputSchema: { sitemapXml: z.string().max(1_000_000) } },
  async ({ sitemapXml }) => {
    // Without noent/dtdload, libxml2 leaves entity references unexpanded and loads no external DTD.
    const doc = libxmljs.parseXml(sitemapXml, { nonet: true });
    const locs = doc.find("//*[local-name()='loc']").map((n) => (n as libxmljs.Element).text());
    return { content: [{ type: "text", text: locs.join("\n") }] };
  },
);

await server.connect(new StdioServerTransport());
