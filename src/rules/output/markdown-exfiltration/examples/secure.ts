// A maps helper: the tool answers with a Markdown image of a public map around a point.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'maps-helper', version: '1.0.0' });

server.registerTool(
  'place_map',
  { description: 'Show a map around a point given as latitude and longitude.', inputSchema: { lat: z.number(), lon: z.number() } },
  async ({ lat, lon }) => {
    // Only two numbers go into the URL, and no key: the embed endpoint serves public maps. Numbers cannot carry text
    // from the conversation, so rendering the image leaks nothing.
    const text = `![Map](https://maps.example.com/embed?center=${lat.toFixed(5)},${lon.toFixed(5)}&zoom=13)`;
    return { content: [{ type: 'text', text }] };
  },
);

await server.connect(new StdioServerTransport());
