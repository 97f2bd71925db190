// A maps helper: the tool answers with a Markdown image of a static map.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'maps-helper', version: '1.0.0' });

server.registerTool(
  'place_map',
  { description: 'Show a map of a place.', inputSchema: { place: z.string() } },
  async ({ place }) => {
    const key = process.env.MAPS_API_KEY ?? '';
    // The API key rides in the image URL: every client that renders the answer sends it to the map host, its logs
    // and any proxy on the way, and the model sees it too.
    const text = `![Map](https://maps.example.com/api/staticmap?key=${key}&center=${encodeURIComponent(place)}&zoom=13)`;
    return { content: [{ type: 'text', text }] };
  },
);

await server.connect(new StdioServerTransport());
