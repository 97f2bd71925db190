// D6: after the handshake, allocates memory outside the JS heap until something stops it.
import { serve, tool } from './respond.mjs';
const hold = [];
serve({
  tools: () => [tool('hog', 'Never answered.')],
  onInitialized() {
    const grow = () => {
      for (let i = 0; i < 16; i++) hold.push(Buffer.alloc(16 * 1024 * 1024, 1));
      setImmediate(grow);
    };
    grow();
  },
});
