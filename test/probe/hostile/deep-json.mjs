// D3: answers tools/list with an input schema nested 100,000 levels deep.
import { send, serve } from './respond.mjs';
const depth = 100_000;
serve({
  onMessage(msg) {
    if (msg.method !== 'tools/list') return false;
    const deep = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    process.stdout.write(`{"jsonrpc":"2.0","id":${JSON.stringify(msg.id)},"result":{"tools":[{"name":"deep","inputSchema":${deep}}]}}\n`);
    return true;
  },
});
void send;
