// Bundled packages: sources recovered from source maps, bundles split at module markers, entry points scanned whatever
// their size, and everything left out listed with its reason — identical with one worker and two.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { scan, type ScanOptions } from '../../src/engine/scan.js';
import type { ScanResult } from '../../src/model/scan-result.js';
import { renderSarif } from '../../src/report/sarif-report.js';
import { builtinRules } from '../../src/rules/index.js';
import { blankOutside, findModuleMarkers, ownRanges } from '../../src/source/bundle-markers.js';
import { cleanSourceName, isDependencySource } from '../../src/source/bundle-source-map.js';
import { tempTree, type TempTree } from '../engine/temp-tree.js';

const SHELL_RULE = 'MV2001';

/** An MCP server whose tool argument reaches a shell; the vulnerable call is the line holding `VULN`. */
const SERVER_TS = [
  'import { exec } from "node:child_process";',
  'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
  'import { z } from "zod";',
  '',
  'const server = new McpServer({ name: "bundled", version: "1.0.0" });',
  'server.registerTool("run", { inputSchema: { cmd: z.string() } }, async ({ cmd }) => {',
  '  exec(`sh -c ${cmd}`); // VULN',
  '  return { content: [{ type: "text", text: "ok" }] };',
  '});',
  '',
].join('\n');

/** Dependency code with its own shell call: reported only if dependency code is scanned by mistake. */
const DEP_JS = ['const { exec } = require("child_process");', 'exec(process.argv[2]); // DEP', ''].join('\n');

/** The same server as esbuild leaves it: external imports first, then `// <module>` markers before each module. */
function esbuildBundle(tail = ''): string {
  return [
    '#!/usr/bin/env node',
    'import { exec } from "node:child_process";',
    'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
    '',
    '// node_modules/evil/index.js',
    'var require_evil = () => {',
    '  exec(process.argv[2]); // DEP',
    '};',
    '',
    '// node_modules/.pnpm/zod@3.23.8/node_modules/zod/lib/index.mjs',
    'var z = { string: () => ({}) };',
    '',
    '// src/server.ts',
    'var server = new McpServer({ name: "bundled", version: "1.0.0" });',
    'server.registerTool("run", { inputSchema: { cmd: z.string() } }, async ({ cmd }) => {',
    '  exec(`sh -c ${cmd}`); // VULN',
    '  return { content: [{ type: "text", text: "ok" }] };',
    '});',
    tail,
  ].join('\n');
}

function webpackBundle(): string {
  return [
    '/******/ (() => { // webpackBootstrap',
    '/******/ 	var __webpack_modules__ = ({',
    '',
    '/***/ "./node_modules/evil/index.js":',
    '/***/ ((module) => {',
    'const { exec } = require("child_process");',
    'exec(process.argv[2]); // DEP',
    '/***/ }),',
    '',
    '/***/ "./src/server.ts":',
    '/***/ ((module) => {',
    'const { exec } = require("child_process");',
    'module.exports.run = (cmd) => {',
    '  exec(`sh -c ${cmd}`); // VULN',
    '};',
    '/***/ })',
    '',
    '/******/ 	});',
    '/******/ })();',
    '',
  ].join('\n');
}

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `fixture has no line with ${needle}`);
  return i + 1;
}

function sourceMap(sources: string[], contents: (string | null)[]): string {
  return JSON.stringify({ version: 3, file: 'index.js', sources, sourcesContent: contents, names: [], mappings: '' });
}

async function withTree(t: TestContext, files: Record<string, string> = {}): Promise<TempTree> {
  const tree = await tempTree(files, 'mcpvet-bundle-');
  t.after(() => tree.remove());
  return tree;
}

/** Scans with one worker and with two, asserts the results are identical (but for timing), returns one. */
async function scanBoth(tree: TempTree, extra: Partial<ScanOptions> = {}): Promise<ScanResult> {
  const base = { target: tree.root, rules: builtinRules(), config: false as const, defaultExcludes: [], ...extra };
  const one = await scan({ ...base, workers: 1 });
  const two = await scan({ ...base, workers: 2 });
  const strip = (r: ScanResult) => JSON.stringify({ ...r, timing: undefined });
  assert.equal(strip(two), strip(one), '1 and 2 workers differ');
  return one;
}

function shellHits(r: ScanResult): string[] {
  return r.findings.filter((f) => f.ruleId === SHELL_RULE).map((f) => `${f.location.path}:${f.location.startLine}`);
}

function skips(r: ScanResult): string[] {
  return r.skipped.map((s) => `${s.path} ${s.reason}`);
}

describe('bundled packages', () => {
  it('recovers own sources from a sibling source map and leaves dependency sources out', async (t) => {
    const tree = await withTree(t, {
      'package.json': JSON.stringify({ name: 'bundled', bin: { bundled: 'dist/index.js' } }),
      'dist/index.js': esbuildBundle('//# sourceMappingURL=index.js.map\n'),
      'dist/index.js.map': sourceMap(
        ['../src/server.ts', '../node_modules/evil/index.js', 'webpack/runtime/define', '\0virtual:helper', 'external "fs"', '../src/no-content.ts'],
        [SERVER_TS, DEP_JS, DEP_JS, DEP_JS, DEP_JS, null],
      ),
    });
    const r = await scanBoth(tree);
    assert.deepEqual(shellHits(r), [`dist/index.js.map/src/server.ts:${lineOf(SERVER_TS, 'VULN')}`]);
    assert.deepEqual(skips(r), ['dist/index.js bundle-source-mapped']);
    const detail = r.skipped[0]!.detail;
    assert.match(detail, /1 source\(s\) recovered from source map dist\/index\.js\.map/);
    assert.match(detail, /4 dependency source\(s\) not scanned/);
    assert.match(detail, /1 own source\(s\) without sourcesContent/);
    // The snippet comes from the recovered text, and SARIF names the virtual path as a relative URI.
    const f = r.findings.find((x) => x.ruleId === SHELL_RULE)!;
    assert.match(f.snippet, /exec\(`sh -c/);
    const sarif = JSON.parse(renderSarif(r, { rules: builtinRules().rules.map((x) => x.meta) })) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('dist/index.js.map/src/server.ts'), JSON.stringify(uris));
    assert.equal(r.complete, true);
  });

  it('reads an inline base64 source map', async (t) => {
    const map = Buffer.from(sourceMap(['webpack://bundled/./src/tool.ts', 'webpack://bundled/node_modules/evil/index.js'], [SERVER_TS, DEP_JS])).toString('base64');
    const tree = await withTree(t, { 'dist/inline.js': esbuildBundle(`//# sourceMappingURL=data:application/json;charset=utf-8;base64,${map}\n`) });
    const r = await scanBoth(tree);
    assert.deepEqual(shellHits(r), [`dist/inline.js.map/src/tool.ts:${lineOf(SERVER_TS, 'VULN')}`]);
    assert.deepEqual(skips(r), ['dist/inline.js bundle-source-mapped']);
  });

  it('reports a broken map with its reason and falls back to the module markers', async (t) => {
    const bundle = esbuildBundle('//# sourceMappingURL=index.js.map\n');
    const tree = await withTree(t, { 'dist/index.js': bundle, 'dist/index.js.map': '{"version": 3, "sources": [' });
    const r = await scanBoth(tree);
    assert.deepEqual(r.errors.map((e) => `${e.path} ${e.kind} ${e.level}`), ['dist/index.js read warning']);
    assert.match(r.errors[0]!.message, /source map dist\/index\.js\.map not used: not valid JSON/);
    assert.deepEqual(shellHits(r), [`dist/index.js:${lineOf(bundle, 'VULN')}`]);
    assert.deepEqual(skips(r), ['dist/index.js bundle-dependencies']);
  });

  it('splits an esbuild bundle at its markers: own modules scanned at the bundle lines, dependencies listed', async (t) => {
    const bundle = esbuildBundle();
    const tree = await withTree(t, { 'dist/index.js': bundle });
    const r = await scanBoth(tree);
    assert.deepEqual(shellHits(r), [`dist/index.js:${lineOf(bundle, 'VULN')}`]);
    assert.deepEqual(skips(r), ['dist/index.js bundle-dependencies']);
    assert.match(r.skipped[0]!.detail, /^2 dependency module\(s\) not scanned \(evil, zod\)$/);
    assert.equal(r.stats.files, 1);
    // Without the split the dependency's shell call is found: the markers are what keeps it out.
    const plain = await scanBoth(await withTree(t, { 'dist/index.js': bundle.replace(/^\/\/ node_modules\/.*$/gm, '') }));
    assert.deepEqual(shellHits(plain).length, 2);
  });

  it('splits a webpack bundle at its module markers', async (t) => {
    const bundle = webpackBundle();
    const tree = await withTree(t, { 'dist/main.js': bundle });
    const r = await scanBoth(tree);
    assert.deepEqual(shellHits(r), [`dist/main.js:${lineOf(bundle, 'VULN')}`]);
    assert.deepEqual(skips(r), ['dist/main.js bundle-dependencies']);
    assert.match(r.skipped[0]!.detail, /1 dependency module\(s\) not scanned \(evil\)/);
  });

  it('splits a bundle over the ordinary size limit and keeps its real line numbers', async (t) => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `var pad${i} = ${i};`).join('\n');
    const bundle = esbuildBundle().replace('/lib/index.mjs\n', `/lib/index.mjs\n${filler}\n`);
    const tree = await withTree(t, { 'dist/index.js': bundle });
    const r = await scanBoth(tree, { limits: { maxFileBytes: 100_000 } });
    assert.ok(Buffer.byteLength(bundle) > 100_000);
    assert.deepEqual(shellHits(r), [`dist/index.js:${lineOf(bundle, 'VULN')}`]);
    assert.ok(lineOf(bundle, 'VULN') > 60_000);
  });

  it('scans a 2 MB entry point without markers whole, and skips a bundle that is neither entry nor under the bundle limit', async (t) => {
    const filler = Array.from({ length: 120_000 }, (_, i) => `var pad${i} = "${i}";`).join('\n');
    const big = `${filler}\n${SERVER_TS}`;
    assert.ok(Buffer.byteLength(big) > 2_000_000);
    const tree = await withTree(t, {
      'package.json': JSON.stringify({ name: 'big', main: './dist/server' }),
      'dist/server.js': big,
      'dist/other.js': big,
    });
    const r = await scanBoth(tree, { limits: { maxBundleBytes: 1_500_000 } });
    assert.deepEqual(shellHits(r), [`dist/server.js:${lineOf(big, 'VULN')}`]);
    assert.deepEqual(skips(r), ['dist/other.js too-large']);
    assert.match(r.skipped[0]!.detail, /without module markers or usable source map, \d+ bytes, over the 1500000-byte bundle limit/);
  });

  it('scans a bundle without markers whole when it is over the file limit but under the bundle limit', async (t) => {
    const filler = Array.from({ length: 10_000 }, (_, i) => `var pad${i} = "${i}";`).join('\n');
    const big = `${filler}\n${SERVER_TS}`;
    const tree = await withTree(t, { 'dist/other.js': big });
    const r = await scanBoth(tree, { limits: { maxFileBytes: 100_000, maxBundleBytes: 1_000_000 } });
    assert.ok(Buffer.byteLength(big) > 100_000);
    assert.deepEqual(shellHits(r), [`dist/other.js:${lineOf(big, 'VULN')}`]);
    assert.deepEqual(skips(r), []);
    // The same file without the raised limit is only listed.
    const low = await scanBoth(tree, { limits: { maxFileBytes: 100_000, maxBundleBytes: 100_000 } });
    assert.deepEqual([shellHits(low), skips(low)], [[], ['dist/other.js too-large']]);
  });

  it('says nothing about a map file left out of the package, and splits the bundle at its markers', async (t) => {
    const bundle = esbuildBundle('//# sourceMappingURL=index.js.map\n');
    const tree = await withTree(t, { 'dist/index.js': bundle });
    const r = await scanBoth(tree);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(shellHits(r), [`dist/index.js:${lineOf(bundle, 'VULN')}`]);
  });

  it('keeps the folder layout of recovered sources, so deep mode follows imports between them', async (t) => {
    const server = [
      'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";',
      'import { z } from "zod";',
      'import { runShell } from "./lib/shell.js";',
      '',
      'const server = new McpServer({ name: "deep", version: "1.0.0" });',
      'server.registerTool("run", { inputSchema: { cmd: z.string() } }, async ({ cmd }) => {',
      '  return { content: [{ type: "text", text: runShell(cmd) }] };',
      '});',
      '',
    ].join('\n');
    const shell = ['import { execSync } from "node:child_process";', '', 'export function runShell(c: string): string {', '  return execSync("sh -c " + c).toString(); // SINK', '}', ''].join('\n');
    const tree = await withTree(t, {
      'dist/index.js': 'console.log(1);\n//# sourceMappingURL=index.js.map\n',
      'dist/index.js.map': sourceMap(['../src/server.ts', '../src/lib/shell.ts'], [server, shell]),
    });
    const r = await scanBoth(tree, { mode: 'deep' });
    const flows = r.findings.filter((f) => f.ruleId === 'MV2101');
    assert.deepEqual(flows.map((f) => `${f.location.path}:${f.location.startLine}`), [`dist/index.js.map/src/lib/shell.ts:${lineOf(shell, 'SINK')}`]);
    assert.ok(flows[0]!.trace?.some((s) => s.location.path === 'dist/index.js.map/src/server.ts'), 'the trace starts in the recovered server');
  });

  it('recovers a source carried by two builds once', async (t) => {
    const tree = await withTree(t, {
      'dist/cjs/index.js': esbuildBundle('//# sourceMappingURL=index.js.map\n'),
      'dist/cjs/index.js.map': sourceMap(['../../src/server.ts'], [SERVER_TS]),
      'dist/esm/index.js': esbuildBundle('//# sourceMappingURL=index.js.map\n'),
      'dist/esm/index.js.map': sourceMap(['../../src/server.ts'], [SERVER_TS]),
    });
    const r = await scanBoth(tree);
    assert.deepEqual(shellHits(r), [`dist/cjs/index.js.map/src/server.ts:${lineOf(SERVER_TS, 'VULN')}`]);
    assert.deepEqual(skips(r), ['dist/cjs/index.js bundle-source-mapped', 'dist/esm/index.js bundle-source-mapped']);
    assert.match(r.skipped[1]!.detail, /1 source\(s\) identical to ones already recovered from another map/);
  });

  it('scans a compiled file as the real source its map names, once', async (t) => {
    const compiled = `"use strict";\nrequire("child_process").exec(process.argv[2]);\n//# sourceMappingURL=run.js.map\n`;
    const tree = await withTree(t, {
      'src/run.ts': SERVER_TS,
      'lib/run.js': compiled,
      'lib/run.js.map': sourceMap(['../src/run.ts'], [SERVER_TS]),
    });
    const r = await scanBoth(tree);
    assert.deepEqual(shellHits(r), [`src/run.ts:${lineOf(SERVER_TS, 'VULN')}`]);
    assert.deepEqual(skips(r), ['lib/run.js bundle-source-mapped']);
    assert.match(r.skipped[0]!.detail, /1 source\(s\) scanned as the real files they name/);
  });

  it('scans a minified entry point, and still skips a minified file that is not one', async (t) => {
    const body = Array.from({ length: 200 }, (_, i) => `function f${i}(a,b){return require("child_process").exec("ls "+a+b)}`).join(';');
    const min = `!function(){"use strict";${body}}();\n`;
    const tree = await withTree(t, {
      'package.json': JSON.stringify({ name: 'm', exports: { '.': { import: './dist/index.min.js' } } }),
      // A module-type marker nearer to the file does not hide the package's entry points.
      'dist/package.json': JSON.stringify({ type: 'module' }),
      'dist/index.min.js': min,
      'dist/vendor.min.js': min,
    });
    const r = await scanBoth(tree);
    assert.deepEqual(skips(r), ['dist/vendor.min.js minified']);
    assert.ok(shellHits(r).length > 0 && shellHits(r).every((h) => h.startsWith('dist/index.min.js:1')), JSON.stringify(shellHits(r)));
  });

  it('leaves an ordinary small JavaScript file alone', async (t) => {
    const tree = await withTree(t, { 'lib/run.js': DEP_JS });
    const r = await scanBoth(tree);
    assert.deepEqual(shellHits(r), [`lib/run.js:${lineOf(DEP_JS, 'DEP')}`]);
    assert.deepEqual(skips(r), []);
  });
});

describe('bundle pieces', () => {
  it('turns source names into stable relative paths', () => {
    assert.deepEqual(
      ['webpack://pkg/./src/a.ts?1f2e', '../../src/b.ts', 'file:///home/u/p/src/c.ts', '/abs/../d.ts', 'src\\win\\e.ts', 'x/../../../f.ts'].map(cleanSourceName),
      ['src/a.ts', 'src/b.ts', 'home/u/p/src/c.ts', 'd.ts', 'src/win/e.ts', 'f.ts'],
    );
  });

  it('tells dependency sources from the package own', () => {
    const deps = ['node_modules/zod/index.js', '../node_modules/.pnpm/a@1/node_modules/a/x.js', 'webpack/runtime/define', 'webpack://pkg/webpack/bootstrap', '(webpack)/buildin/module.js', '\0commonjsHelpers.js', 'external "fs"'];
    const own = ['src/server.ts', './src/node_modules_helper.ts', 'lib/webpack-config.js'];
    assert.deepEqual(deps.filter((d) => !isDependencySource(d)), []);
    assert.deepEqual(own.filter((o) => isDependencySource(o)), []);
  });

  it('takes only marker lines for markers, and blanks dependencies down to their line breaks', () => {
    const text = ['// TODO: fix util.js later', '// node_modules/a/index.js', 'var a = 1;', '// src/b.ts', 'var b = 2;', '  // src/c.ts', ''].join('\n');
    const markers = findModuleMarkers(text);
    assert.deepEqual(markers.map((m) => [m.name, m.dependency]), [['node_modules/a/index.js', true], ['src/b.ts', false]]);
    const kept = blankOutside(text, ownRanges(text, markers).keep);
    assert.equal(kept, ['// TODO: fix util.js later', '', '', '// src/b.ts', 'var b = 2;', '  // src/c.ts', ''].join('\n'));
  });
});
