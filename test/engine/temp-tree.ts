// Fresh temp-dir source trees for engine tests: each test writes its own (often hostile) files and removes them after.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempTree {
  /** Absolute path of the tree's root folder. */
  root: string;
  /** Absolute path of a `/`-separated relative path inside the tree. */
  abs(rel: string): string;
  /** Writes a file, creating parent folders; returns its absolute path. */
  write(rel: string, content: string | Uint8Array): Promise<string>;
  remove(): Promise<void>;
}

export async function tempTree(files: Record<string, string | Uint8Array> = {}, prefix = 'mcpvet-test-'): Promise<TempTree> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  const tree: TempTree = {
    root,
    abs,
    async write(rel, content) {
      const p = abs(rel);
      await mkdir(path.dirname(p), { recursive: true });
      await writeFile(p, content);
      return p;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  for (const [rel, content] of Object.entries(files)) await tree.write(rel, content);
  return tree;
}

/**
 * A small FastMCP-style Python module whose only MV2001 finding is the `os.system` call on line 5. Tests use it as
 * the "benign vulnerable sibling" whose finding must survive whatever happens to the hostile file next to it.
 */
export const VULNERABLE_PY = ['import os', '', '', 'def run(cmd: str) -> None:', '    os.system(f"echo {cmd}")', ''].join('\n');
export const VULNERABLE_PY_LINE = 5;
