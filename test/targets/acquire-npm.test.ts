// npm targets against a local registry on 127.0.0.1: resolution, integrity, the content-addressed cache (a pinned
// rescan sends no request), limits, hostile tarballs, and the temp folder removed on success and on error.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { acquire, type Acquired, type AcquireOptions } from '../../src/targets/acquire.js';
import { digestFromIntegrity } from '../../src/targets/download-cache.js';
import { TargetError } from '../../src/targets/limits.js';
import { parseTarget } from '../../src/targets/parse-target.js';
import { npmTarball, serveNpmPackage, sri, vulnerableNpmPackage } from './helpers/fixture-registries.js';
import { startServer, type LocalServer } from './helpers/local-server.js';

let server: LocalServer;
let scratch: string;
let tmpParent: string;
let cacheDir: string;

const v100 = vulnerableNpmPackage('disk-usage-mcp', '1.0.0');
const v110 = vulnerableNpmPackage('disk-usage-mcp', '1.1.0');
const v200beta = vulnerableNpmPackage('disk-usage-mcp', '2.0.0-beta.1');

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-npm-test-'));
  server = await startServer();
  serveNpmPackage(server, 'disk-usage-mcp', [
    { version: '1.0.0', tarball: v100 },
    { version: '1.1.0', tarball: v110 },
    { version: '2.0.0-beta.1', tarball: v200beta },
  ], { latest: '1.1.0', next: '2.0.0-beta.1' });
  serveNpmPackage(server, '@acme/weather-mcp', [{ version: '0.3.0', tarball: npmTarball({ 'package.json': '{"name":"@acme/weather-mcp","version":"0.3.0"}', 'dist/index.js': 'export {}' }) }]);
  // The packument promises one tarball; the server sends another.
  serveNpmPackage(server, 'tampered-mcp', [{ version: '1.0.0', tarball: npmTarball({ 'index.js': 'evil()' }), integrity: sri(npmTarball({ 'index.js': 'good()' })) }]);
  serveNpmPackage(server, 'hostile-mcp', [
    {
      version: '1.0.0',
      tarball: npmTarball({ 'package.json': '{"name":"hostile-mcp"}' }, [
        { name: 'package/../../escape.txt', body: 'x' },
        { name: 'package/link', type: 'symlink', linkname: '/etc/passwd' },
        { name: 'package/dev', type: 'char' },
      ]),
    },
  ]);
  serveNpmPackage(server, 'big-mcp', [{ version: '1.0.0', tarball: npmTarball({ 'package.json': '{"name":"big-mcp"}', 'blob.js': randomBytes(150_000).toString('base64').slice(0, 200_000) }) }]);
});

after(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

beforeEach(async () => {
  tmpParent = await mkdtemp(path.join(scratch, 'tmp-'));
  cacheDir = await mkdtemp(path.join(scratch, 'cache-'));
  server.requests.length = 0;
});

function opts(extra: Partial<AcquireOptions> = {}): AcquireOptions {
  return { npmRegistry: server.url, cacheDir, tmpDir: tmpParent, env: {}, ...extra };
}

async function get(spec: string, extra: Partial<AcquireOptions> = {}): Promise<Acquired> {
  return acquire(parseTarget(spec, { stat: () => undefined }), opts(extra));
}

async function rejects(spec: string, re: RegExp, extra: Partial<AcquireOptions> = {}): Promise<TargetError> {
  let caught: unknown;
  try {
    const a = await get(spec, extra);
    await a.dispose();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof TargetError, `expected a TargetError for ${spec}, got ${String(caught)}`);
  assert.match(caught.message, re);
  assert.deepEqual(await readdir(tmpParent), [], 'the temp folder is removed after an error');
  return caught;
}

describe('npm targets', () => {
  it('downloads, verifies and unpacks a pinned version into a private temp folder that dispose() removes', async () => {
    const a = await get('npm:disk-usage-mcp@1.0.0');
    assert.equal(a.kind, 'npm');
    assert.equal(a.input, 'npm:disk-usage-mcp@1.0.0');
    assert.deepEqual(a.resolved, { name: 'disk-usage-mcp', version: '1.0.0', integrity: sri(v100), url: `${server.url}/disk-usage-mcp/-/disk-usage-mcp-1.0.0.tgz` });
    assert.deepEqual((await readdir(a.root)).sort(), ['index.js', 'package.json']);
    assert.match(await readFile(path.join(a.root, 'index.js'), 'utf8'), /exec\(`du -sh/);
    assert.deepEqual(a.problems, []);
    assert.equal(a.fromCache, false);
    const work = path.dirname(a.root);
    assert.equal(path.dirname(work), tmpParent);
    assert.equal((await stat(work)).mode & 0o777, 0o700, 'the work folder is private');
    assert.deepEqual(server.requests, ['GET /disk-usage-mcp', 'GET /disk-usage-mcp/-/disk-usage-mcp-1.0.0.tgz']);
    await a.dispose();
    assert.ok(!existsSync(work));
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('a rescan of the same pinned version comes from the cache with zero requests', async () => {
    await (await get('disk-usage-mcp@1.0.0')).dispose();
    const first = server.requests.length;
    assert.ok(first >= 2);
    const again = await get('disk-usage-mcp@1.0.0');
    assert.equal(server.requests.length, first, `no request on the cached rescan: ${server.requests.slice(first).join(', ')}`);
    assert.equal(again.fromCache, true);
    assert.equal(again.resolved.integrity, sri(v100));
    assert.match(await readFile(path.join(again.root, 'index.js'), 'utf8'), /folder_size/);
    await again.dispose();
  });

  it('a corrupted cache entry is dropped and downloaded again', async () => {
    await (await get('disk-usage-mcp@1.0.0')).dispose();
    const stored = await findFiles(path.join(cacheDir, 'content'));
    assert.equal(stored.length, 1);
    await writeFile(stored[0]!, 'tampered');
    server.requests.length = 0;
    const a = await get('disk-usage-mcp@1.0.0');
    assert.equal(a.fromCache, false);
    assert.ok(server.requests.some((r) => r.endsWith('.tgz')));
    assert.match(await readFile(path.join(a.root, 'index.js'), 'utf8'), /folder_size/);
    await a.dispose();
  });

  it('resolves dist-tags and ranges through the packument, and reuses a cached tarball for them', async () => {
    const latest = await get('disk-usage-mcp');
    assert.equal(latest.resolved.version, '1.1.0');
    assert.deepEqual(latest.notes, ['disk-usage-mcp@latest resolved to 1.1.0']);
    await latest.dispose();
    server.requests.length = 0;
    const range = await get('disk-usage-mcp@^1.0.0');
    assert.equal(range.resolved.version, '1.1.0');
    assert.equal(range.fromCache, true);
    assert.deepEqual(server.requests, ['GET /disk-usage-mcp'], 'only the packument: the tarball is in the cache');
    await range.dispose();
    const next = await get('disk-usage-mcp@next');
    assert.equal(next.resolved.version, '2.0.0-beta.1');
    await next.dispose();
  });

  it('handles scoped packages and npm package-page URLs', async () => {
    const a = await get('https://www.npmjs.com/package/@acme/weather-mcp/v/0.3.0');
    assert.equal(a.resolved.name, '@acme/weather-mcp');
    assert.deepEqual((await readdir(a.root)).sort(), ['dist', 'package.json']);
    await a.dispose();
  });

  it('refuses a tarball whose bytes do not match the registry integrity, and caches nothing', async () => {
    const e = await rejects('tampered-mcp@1.0.0', /integrity check failed for tampered-mcp@1\.0\.0.*refusing to unpack it/);
    assert.equal(e.code, 'integrity');
    assert.deepEqual(await findFiles(cacheDir), []);
  });

  it('reports unknown packages and versions clearly', async () => {
    const missing = await rejects('npm:no-such-mcp', /npm package no-such-mcp@latest was not found in http:\/\/127\.0\.0\.1:\d+\//);
    assert.equal(missing.code, 'not-found');
    await rejects('disk-usage-mcp@9.9.9', /no version of disk-usage-mcp@9\.9\.9 matches/);
  });

  it('keeps going past hostile entries and reports each one', async () => {
    const a = await get('hostile-mcp@1.0.0');
    const messages = a.problems.map((p) => `${p.kind} ${p.level} ${p.path}: ${p.message}`);
    assert.ok(messages.some((m) => /^target error package\/\.\.\/\.\.\/escape\.txt: .*path traversal/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^target warning package\/link: .*symbolic link/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^target warning package\/dev: .*character device/.test(m)), messages.join('\n'));
    assert.deepEqual(await readdir(a.root), ['package.json']);
    assert.deepEqual((await readdir(path.dirname(path.dirname(a.root)))).length, 1, 'nothing beside the work folder');
    await a.dispose();
  });

  it('enforces the download and per-file limits', async () => {
    const e = await rejects('big-mcp@1.0.0', /tarball exceeds the download limit of 1000 bytes/, { limits: { maxDownloadBytes: 1000 } });
    assert.equal(e.code, 'limit');
    const a = await get('big-mcp@1.0.0', { limits: { maxEntryBytes: 100_000 } });
    assert.deepEqual(
      a.problems.map((p) => p.message),
      ['archive entry skipped: 200000 bytes exceeds the per-file limit of 100000 bytes'],
    );
    await a.dispose();
  });

  it('an unusable cache folder costs a download, never the scan', async () => {
    const notADir = path.join(scratch, 'cache-is-a-file');
    await writeFile(notADir, 'x');
    const a = await get('disk-usage-mcp@1.0.0', { cacheDir: notADir });
    assert.equal(a.resolved.version, '1.0.0');
    assert.ok((await readdir(a.root)).includes('index.js'));
    await a.dispose();
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('reads the strongest hash of an SRI string', () => {
    const sha512 = sri(v100);
    assert.deepEqual(digestFromIntegrity(`${sri(v100, 'sha1')} ${sha512}`), { algorithm: 'sha512', hex: Buffer.from(sha512.slice(7), 'base64').toString('hex') });
    assert.equal(digestFromIntegrity('md5-abc sha512-tooShort'), undefined);
  });

  it('with noCache reads and writes no cache', async () => {
    await (await get('disk-usage-mcp@1.0.0', { noCache: true })).dispose();
    const n = server.requests.length;
    await (await get('disk-usage-mcp@1.0.0', { noCache: true })).dispose();
    assert.equal(server.requests.length, 2 * n);
    assert.deepEqual(await readdir(cacheDir), []);
  });
});

async function findFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
  return out;
}
