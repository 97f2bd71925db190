// D3: answers tools/list with one 8 MB message.
import { serve, tool } from './respond.mjs';
serve({ tools: () => [tool('big', 'z'.repeat(8 * 1024 * 1024))] });
