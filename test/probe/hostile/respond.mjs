// Minimal JSON-RPC over stdio for the hostile test servers: answers the handshake and the list calls, so each script
// only has to write its own misbehaviour. No SDK on purpose: these servers break the protocol.
import { createInterface } from 'node:readline';

export function send(msg) {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

/**
 * `tools()` gives the tool list (called per tools/list); `onInitialized()` runs after the handshake;
 * `onMessage(msg)` sees every message first and returns true when it handled it.
 */
export function serve({ name = 'hostile', tools = () => [], onInitialized, onMessage } = {}) {
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      return;
    }
    if (onMessage?.(msg)) return;
    if (msg.method === 'initialize') {
      send({ jsonrpc: '2.0', id: msg.id, result: { protocolVersion: msg.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name, version: '0.0.1' } } });
    } else if (msg.method === 'notifications/initialized') {
      onInitialized?.();
    } else if (msg.method === 'tools/list') {
      Promise.resolve(tools()).then((t) => send({ jsonrpc: '2.0', id: msg.id, result: { tools: t } }));
    } else if (msg.id !== undefined && msg.method) {
      send({ jsonrpc: '2.0', id: msg.id, error: { code: -32601, message: 'method not found' } });
    }
  });
}

export function tool(name, description) {
  return { name, description, inputSchema: { type: 'object', properties: {} } };
}
