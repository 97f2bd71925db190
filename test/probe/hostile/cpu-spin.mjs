// D7: after the handshake, spins the CPU forever in the main thread.
import { serve, tool } from './respond.mjs';
serve({
  tools: () => [tool('spin', 'Never answered.')],
  onInitialized() {
    setImmediate(() => {
      for (;;);
    });
  },
});
