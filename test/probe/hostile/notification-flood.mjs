// D3: after the handshake, sends notifications without pause.
import { send, serve, tool } from './respond.mjs';
serve({
  tools: () => [tool('noisy', 'Floods.')],
  onInitialized() {
    const pump = () => {
      for (let i = 0; i < 500; i++) send({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: i } });
      setImmediate(pump);
    };
    pump();
  },
});
