// The merge step: SDK versions from the right ecosystem's manifest, and MCP detection from manifests alone.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { scan } from '../../src/engine/scan.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcpvet-merge-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const inventory = async (dir: string) => (await scan({ target: dir, rules: { rules: [] }, config: false, workers: 1 })).inventory;

it('takes the PyPI fastmcp version for a Python server and the npm one for a TypeScript server', async () => {
  const dir = project({
    'py/requirements.txt': 'fastmcp==2.12.4\n',
    'py/server.py': 'from fastmcp import FastMCP\nmcp = FastMCP("py")\n\n@mcp.tool\ndef ping() -> str:\n    return "pong"\n',
    'ts/package.json': JSON.stringify({ name: 'ts', dependencies: { fastmcp: '3.1.0' } }),
    'ts/server.ts': 'import { FastMCP } from "fastmcp";\nconst server = new FastMCP({ name: "ts", version: "1.0.0" });\nserver.addTool({ name: "ping", description: "Ping.", execute: async () => "pong" });\n',
  });
  const inv = await inventory(dir);
  const byLang = Object.fromEntries(inv.servers.map((s) => [s.language, s.sdk]));
  assert.deepEqual([byLang.python?.package, byLang.python?.version, byLang.python?.versionSource], ['fastmcp', '==2.12.4', 'py/requirements.txt']);
  assert.deepEqual([byLang.typescript?.package, byLang.typescript?.version, byLang.typescript?.versionSource], ['fastmcp', '3.1.0', 'ts/package.json']);
});

it('counts a project as an MCP server from its manifest alone, in the matching ecosystem only', async () => {
  assert.equal((await inventory(project({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["fastmcp>=2"]\n' }))).isMcpServer, true);
  // `mcp` on npm is an unrelated package; only the PyPI `mcp` is the SDK.
  assert.equal((await inventory(project({ 'package.json': '{"name":"z","dependencies":{"mcp":"1.0.0"}}' }))).isMcpServer, false);
  assert.equal((await inventory(project({ 'package.json': '{"name":"y","dependencies":{"express":"5.0.0"}}' }))).isMcpServer, false);
});
