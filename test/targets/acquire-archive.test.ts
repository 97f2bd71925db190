// Archive targets: local .tgz/.zip/.whl files and http(s) URLs, the #sha256= pin (verified, then cached), and content
// that does not match its extension.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { acquire, type AcquireOptions } from '../../src/targets/acquire.js';
import { TargetError } from '../../src/targets/limits.js';
import { parseTarget } from '../../src/targets/parse-target.js';
import { tgz, zip } from './helpers/archive-builders.js';
import { sha256 } from './helpers/fixture-registries.js';
import { bytes, startServer, type LocalServer } from './helpers/local-server.js';

let server: LocalServer;
let scratch: string;
let tmpParent: string;
let cacheDir: string;
const archive = tgz([{ name: 'srv/', type: 'dir' }, { name: 'srv/main.py', body: 'import mcp\n' }]);
const wheelBytes = zip([{ name: 'pkg/__init__.py', body: '' }, { name: 'pkg/server.py', body: 'import mcp\n', deflate: true }]);

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-archive-test-'));
  server = await startServer({
    '/dl/srv-1.0.tgz': bytes(archive),
    '/dl/pkg-1.0-py3-none-any.whl': bytes(wheelBytes),
    '/dl/page.tgz': { headers: { 'content-type': 'text/html' }, body: '<!doctype html><p>download page</p>' },
  });
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

const opts = (extra: Partial<AcquireOptions> = {}): AcquireOptions => ({ tmpDir: tmpParent, cacheDir, env: {}, ...extra });

describe('archive targets', () => {
  it('unpacks a local tarball and a local wheel (by content, not by name)', async () => {
    const file = path.join(scratch, 'srv.tgz');
    await writeFile(file, archive);
    const a = await acquire(parseTarget(file), opts());
    assert.equal(a.kind, 'archive');
    assert.equal(a.resolved.sha256, sha256(archive));
    assert.deepEqual(await readdir(path.join(a.root, 'srv')), ['main.py']);
    await a.dispose();
    const misnamed = path.join(scratch, 'really-a-zip.tgz');
    await writeFile(misnamed, wheelBytes);
    const b = await acquire(parseTarget(misnamed), opts());
    assert.deepEqual(await readdir(path.join(b.root, 'pkg')), ['__init__.py', 'server.py']);
    await b.dispose();
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('downloads an archive URL; with a #sha256= pin it is verified and a rescan sends no request', async () => {
    const unpinned = await acquire(parseTarget(`${server.url}/dl/srv-1.0.tgz`), opts());
    assert.ok(unpinned.notes.some((n) => /has no #sha256= pin/.test(n)));
    await unpinned.dispose();
    const spec = `${server.url}/dl/pkg-1.0-py3-none-any.whl#sha256=${sha256(wheelBytes)}`;
    const first = await acquire(parseTarget(spec), opts());
    assert.equal(first.fromCache, false);
    await first.dispose();
    const n = server.requests.length;
    const again = await acquire(parseTarget(spec), opts());
    assert.equal(server.requests.length, n, 'cached');
    assert.equal(again.fromCache, true);
    assert.deepEqual((await readdir(again.root)).sort(), ['pkg']);
    await again.dispose();
  });

  it('refuses a hash mismatch, HTML named .tgz, a missing URL, and an oversized download', async () => {
    const wrong = `${server.url}/dl/srv-1.0.tgz#sha256=${'0'.repeat(64)}`;
    await assert.rejects(acquire(parseTarget(wrong), opts()), (e: unknown) => e instanceof TargetError && e.code === 'integrity' && /sha256 mismatch for http:\/\/127\.0\.0\.1:\d+\/dl\/srv-1\.0\.tgz/.test(e.message));
    await assert.rejects(acquire(parseTarget(`${server.url}/dl/page.tgz`), opts()), (e: unknown) => e instanceof TargetError && e.code === 'bad-archive' && /is not a gzip or tar archive \(unrecognized content\)/.test(e.message));
    await assert.rejects(acquire(parseTarget(`${server.url}/dl/missing.zip`), opts()), (e: unknown) => e instanceof TargetError && e.code === 'not-found' && /answered 404/.test(e.message));
    await assert.rejects(acquire(parseTarget(`${server.url}/dl/srv-1.0.tgz`), opts({ limits: { maxDownloadBytes: 10 } })), (e: unknown) => e instanceof TargetError && e.code === 'limit' && /exceeds the download limit of 10 bytes/.test(e.message));
    assert.deepEqual(await readdir(tmpParent), []);
    assert.deepEqual(await readdir(cacheDir), []);
  });
});
