// A bookmarks helper whose tool returns an HTML card that the client renders in its web view.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'bookmark-cards', version: '1.0.0' });

server.registerTool(
  'bookmark_card',
  { description: 'Render a bookmark as an HTML card.', inputSchema: { url: z.string(), title: z.string() } },
  async ({ url, title }) => {
    // Both values go into the markup as they are: a title like `<img src=https://x.example/?c=…>` adds its own
    // tags, and a `javascript:` URL becomes a live link.
    const card = `<div class="card"><a href="${url}">${title}</a></div>`;
    return { content: [{ type: 'text', text: card }] };
  },
);

await server.connect(new StdioServerTransport());
