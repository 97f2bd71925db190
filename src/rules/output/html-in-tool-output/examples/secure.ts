// A bookmarks helper whose tool returns an HTML card that the client renders in its web view.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import escapeHtml from 'escape-html';
import { z } from 'zod';

const server = new McpServer({ name: 'bookmark-cards', version: '1.0.0' });

server.registerTool(
  'bookmark_card',
  { description: 'Render a bookmark as an HTML card.', inputSchema: { url: z.string().url(), title: z.string() } },
  async ({ url, title }) => {
    // Only web links, and every value escaped for the attribute or text it goes into.
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error('only http and https bookmarks can be shown');
    const card = `<div class="card"><a href="${escapeHtml(url)}">${escapeHtml(title)}</a></div>`;
    return { content: [{ type: 'text', text: card }] };
  },
);

await server.connect(new StdioServerTransport());
