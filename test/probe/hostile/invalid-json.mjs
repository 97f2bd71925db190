// D3: logs chatter and broken JSON on stdout around otherwise valid answers.
import { serve, tool } from './respond.mjs';
process.stdout.write('server starting...\n{"jsonrpc": "2.0", "id": \n[1,2,\n');
serve({ name: 'chatty', tools: () => [tool('ping', 'Answers pong.')], onMessage: () => (process.stdout.write('not json at all\n'), false) });
