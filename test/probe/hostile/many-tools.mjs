// D14: 5,000 tools in one page, then a cursor that never ends.
import { send, serve } from './respond.mjs';
let page = 0;
serve({
  onMessage(msg) {
    if (msg.method !== 'tools/list') return false;
    page++;
    const tools = Array.from({ length: page === 1 ? 5000 : 10 }, (_, i) => ({ name: `t${page}_${i}`, description: 'A tool.', inputSchema: { type: 'object' } }));
    send({ jsonrpc: '2.0', id: msg.id, result: { tools, nextCursor: `c${page}` } });
    return true;
  },
});
