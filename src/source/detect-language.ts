// Maps a file name to the language mcpvet scans it as, or undefined when the file is not scanned.
import type { Language } from '../model/language.js';

const BY_EXTENSION: Record<string, Language> = {
  '.py': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.go': 'go',
  '.json': 'json',
  '.jsonc': 'json',
  '.toml': 'toml',
  '.yaml': 'yaml',
  '.yml': 'yaml',
};

export function detectLanguage(fileName: string): Language | undefined {
  const base = fileName.toLowerCase();
  // Type declarations describe shapes, not behaviour; scanning them only adds noise.
  if (base.endsWith('.d.ts') || base.endsWith('.d.mts') || base.endsWith('.d.cts')) return undefined;
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  if (base === 'dockerfile' || base === 'containerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'dockerfile';
  if (/^requirements[\w.-]*\.txt$/.test(base) || base === 'go.mod') return 'text';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 && !base.startsWith('.')) return undefined;
  return BY_EXTENSION[base.slice(dot)];
}
