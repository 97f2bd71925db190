// A documentation helper for a team wiki: the page text goes back to the model exactly as the wiki serves it.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'wiki-helper', version: '1.0.0' });

server.registerTool(
  'wiki_page',
  { description: 'Return the Markdown source of a page of the team wiki.', inputSchema: { slug: z.string() } },
  async ({ slug }) => {
    const res = await fetch(`https://wiki.example.com/raw/${encodeURIComponent(slug)}.md`, { signal: AbortSignal.timeout(10_000) });
    const page = await res.text();
    // Whoever can edit a wiki page can now write instructions straight into the model's context.
    return { content: [{ type: 'text', text: page }] };
  },
);

await server.connect(new StdioServerTransport());
