// A support desk server with a prompt that drafts replies to tickets.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const server = new McpServer({ name: 'support-desk', version: '1.0.0' });

server.registerPrompt(
  'draft_reply',
  { description: 'Draft a reply to a support ticket.', argsSchema: { ticketText: z.string() } },
  ({ ticketText }) => ({
    // The ticket is whatever the customer wrote; pasted straight after the template, its sentences read as more of
    // the user's own request.
    messages: [{ role: 'user', content: { type: 'text', text: `Summarize this support ticket and draft a polite reply that follows our refund policy:\n${ticketText}` } }],
  }),
);

await server.connect(new StdioServerTransport());
