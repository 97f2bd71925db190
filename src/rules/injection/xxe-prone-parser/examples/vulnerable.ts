import libxmljs from "libxmljs2";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const server = new McpServer({ name: "sitemap-tools", version: "1.0.0" });

server.registerTool(
  "sitemap_urls",
  { description: "List the page URLs declared in a sitemap document.", inputSchema: { sitemapXml: z.string() } },
  async ({ sitemapXml }) => {
    // noent substitutes every entity, so <!ENTITY x SYSTEM "file:///..."> inlines a local file.
    const doc = libxmljs.parseXml(sitemapXml, { noent: true });
    const locs = doc.find("//*[local-name()='loc']").map((n) => (n as libxmljs.Element).text());
    return { content: [{ type: "text", text: locs.join("\n") }] };
  },
);

await server.connect(new StdioServerTransport());
