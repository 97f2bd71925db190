// The same link-preview server: only https pages of an allow-listed set of sites are fetched.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const ALLOWED_HOSTS = new Set(["docs.python.org", "developer.mozilla.org", "en.wikipedia.org"]);
const server = new McpServer({ name: "link-preview", version: "1.0.0" });

server.registerTool(
  "link_preview",
  { description: "Return the first 2,000 characters of a page of the documentation sites this server knows.", inputSchema: { url: z.string().url() } },
  async ({ url }) => {
    const parsed = new URL(url);
    if (parsed.protocol !== "https:" || !ALLOWED_HOSTS.has(parsed.hostname)) throw new Error("this site cannot be previewed");
    // Redirects are not followed, so an allowed site cannot bounce the request somewhere else.
    const resp = await fetch(parsed, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
    const page = (await resp.text()).slice(0, 2000);
    // Marked as data: whatever the page says is content to preview, not instructions for the model.
    return { content: [{ type: "text", text: "<untrusted-web-page>\n" + page + "\n</untrusted-web-page>" }] };
  },
);

await server.connect(new StdioServerTransport());
