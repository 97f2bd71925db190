// Copies rule examples next to the compiled rules, so `mcpvet explain` can show them from dist/.
import { cpSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src', 'rules');
const dist = path.join(root, 'dist', 'rules');
for (const cat of readdirSync(src, { withFileTypes: true })) {
  if (!cat.isDirectory()) continue;
  for (const rule of readdirSync(path.join(src, cat.name), { withFileTypes: true })) {
    const ex = path.join(src, cat.name, rule.name, 'examples');
    if (rule.isDirectory() && existsSync(ex)) cpSync(ex, path.join(dist, cat.name, rule.name, 'examples'), { recursive: true });
  }
}
