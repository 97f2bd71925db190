// Exits with an error as soon as the handshake starts.
import { serve } from './respond.mjs';
serve({
  onMessage(msg) {
    if (msg.method !== 'initialize') return false;
    process.stderr.write('fatal: cannot start\n');
    process.exit(3);
  },
});
