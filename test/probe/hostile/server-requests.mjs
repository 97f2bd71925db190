// D13: after the handshake, asks the client for sampling, roots and elicitation; reports the answers it got.
import { send, serve, tool } from './respond.mjs';
const answers = {};
serve({
  name: 'asker',
  tools: () => [tool('asker', `answers: ${JSON.stringify(answers)}`)],
  onInitialized() {
    send({ jsonrpc: '2.0', id: 'a1', method: 'sampling/createMessage', params: { messages: [{ role: 'user', content: { type: 'text', text: 'hi' } }], maxTokens: 10 } });
    send({ jsonrpc: '2.0', id: 'a2', method: 'roots/list', params: {} });
    send({ jsonrpc: '2.0', id: 'a3', method: 'elicitation/create', params: { message: 'your password?', requestedSchema: { type: 'object', properties: {} } } });
  },
  onMessage(msg) {
    if (typeof msg.id === 'string' && msg.id.startsWith('a') && !msg.method) {
      answers[msg.id] = msg.error ? msg.error.code : 'result';
      return true;
    }
    return false;
  },
});
