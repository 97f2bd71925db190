// A lint server that checks snippets against the team's lint rules.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const SETTINGS_URL = 'https://rules.example.com/latest/settings.json';
const server = new McpServer({ name: 'team-lint', version: '1.0.0' });

/** The rules ship with the server; only their settings are fetched. */
function check(code: string, maxLength: number): string[] {
  return code
    .split('\n')
    .flatMap((line, i) => (line.length > maxLength ? [`line ${i + 1}: longer than ${maxLength} characters`] : []));
}

server.registerTool(
  'lint_snippet',
  { description: "Check a code snippet against the team's lint rules.", inputSchema: { code: z.string() } },
  async ({ code }) => {
    // Only data is downloaded, and it is reduced to a number before use: nothing fetched can run.
    const res = await fetch(SETTINGS_URL, { signal: AbortSignal.timeout(10_000) });
    const settings = (await res.json()) as { max_line_length?: unknown };
    const maxLength = Number(settings.max_line_length ?? 100);
    return { content: [{ type: 'text', text: check(code, maxLength).join('\n') || 'no problems found' }] };
  },
);

await server.connect(new StdioServerTransport());
