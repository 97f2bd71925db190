// PyPI targets against a local JSON API on 127.0.0.1: version choice (PEP 440, yanked, pre-releases), sdist over
// wheel, SHA-256 verification, the cache, simple-index URLs, and PEP 440 ordering itself.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { acquire, type Acquired, type AcquireOptions } from '../../src/targets/acquire.js';
import { pypiJsonBase } from '../../src/targets/acquire-pypi.js';
import { TargetError } from '../../src/targets/limits.js';
import { parseTarget } from '../../src/targets/parse-target.js';
import { comparePep440, parsePep440, pickVersion, pinnedVersion } from '../../src/targets/pep440.js';
import { sdist, servePypiProject, sha256, wheel } from './helpers/fixture-registries.js';
import { startServer, type LocalServer } from './helpers/local-server.js';

let server: LocalServer;
let scratch: string;
let tmpParent: string;
let cacheDir: string;

const SERVER_PY = 'from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("weather")\n';
const sdist10 = sdist('weather_mcp', '1.0', { 'pyproject.toml': '[project]\nname = "weather-mcp"\n', 'weather_mcp/server.py': SERVER_PY });
const sdist15 = sdist('weather_mcp', '1.5', { 'pyproject.toml': '[project]\nname = "weather-mcp"\nversion = "1.5"\n', 'weather_mcp/server.py': SERVER_PY });
const wheel15 = wheel({ 'weather_mcp/server.py': SERVER_PY, 'weather_mcp-1.5.dist-info/METADATA': 'Name: weather-mcp\n' });

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-pypi-test-'));
  server = await startServer();
  servePypiProject(server, 'weather-mcp', [
    { version: '1.0', files: [{ filename: 'weather_mcp-1.0.tar.gz', body: sdist10 }] },
    {
      version: '1.5',
      files: [
        { filename: 'weather_mcp-1.5-py3-none-any.whl', body: wheel15 },
        { filename: 'weather_mcp-1.5.tar.gz', body: sdist15 },
      ],
    },
    { version: '2.0', files: [{ filename: 'weather_mcp-2.0.tar.gz', body: sdist15, yanked: true }] },
    { version: '2.1b1', files: [{ filename: 'weather_mcp-2.1b1.tar.gz', body: sdist15 }] },
  ]);
  servePypiProject(server, 'wheel-only', [{ version: '0.1.0', files: [{ filename: 'wheel_only-0.1.0-py3-none-any.whl', body: wheel15 }] }]);
  servePypiProject(server, 'tampered', [{ version: '1.0', files: [{ filename: 'tampered-1.0.tar.gz', body: sdist10, sha256: sha256(sdist15) }] }]);
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
  return { pypiIndexUrl: server.url, cacheDir, tmpDir: tmpParent, env: {}, ...extra };
}

async function get(spec: string, extra: Partial<AcquireOptions> = {}): Promise<Acquired> {
  return acquire(parseTarget(spec, { stat: () => undefined }), opts(extra));
}

describe('PyPI targets', () => {
  it('takes the latest final, non-yanked release and prefers its sdist over the wheel', async () => {
    const a = await get('pypi:weather-mcp');
    assert.equal(a.kind, 'pypi');
    assert.equal(a.resolved.version, '1.5');
    assert.equal(a.resolved.file, 'weather_mcp-1.5.tar.gz');
    assert.equal(a.resolved.sha256, sha256(sdist15));
    assert.deepEqual(a.notes, ['weather-mcp resolved to the latest release 1.5']);
    assert.deepEqual((await readdir(a.root)).sort(), ['pyproject.toml', 'weather_mcp'], 'the sdist wrapper folder is stripped');
    assert.equal(await readFile(path.join(a.root, 'weather_mcp', 'server.py'), 'utf8'), SERVER_PY);
    assert.deepEqual(server.requests, ['GET /pypi/weather-mcp/json', 'GET /files/weather_mcp-1.5.tar.gz']);
    await a.dispose();
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('honours ranges, extras and names written in any PEP 503 spelling', async () => {
    const a = await get('Weather_MCP[cli]>=1,<1.5');
    assert.equal(a.resolved.version, '1.0');
    assert.ok(a.notes.includes('extras [cli] ignored: they select dependencies, not the project\'s own code'), a.notes.join('\n'));
    await a.dispose();
    const pre = await get('pypi:weather-mcp>=2.1b1');
    assert.equal(pre.resolved.version, '2.1b1', 'a pre-release is taken when the specifier names one');
    await pre.dispose();
  });

  it('a pinned version uses the release endpoint, then the cache with zero requests', async () => {
    const a = await get('weather-mcp==1.0');
    assert.deepEqual(server.requests, ['GET /pypi/weather-mcp/1.0/json', 'GET /files/weather_mcp-1.0.tar.gz']);
    await a.dispose();
    const again = await get('https://pypi.org/project/weather-mcp/1.0/');
    assert.equal(server.requests.length, 2, 'no request on the cached rescan');
    assert.equal(again.fromCache, true);
    assert.equal(again.resolved.version, '1.0');
    assert.equal(again.resolved.file, 'weather_mcp-1.0.tar.gz');
    assert.ok(await readFile(path.join(again.root, 'weather_mcp', 'server.py'), 'utf8'));
    await again.dispose();
  });

  it('a yanked release is still taken when pinned exactly', async () => {
    const a = await get('weather-mcp==2.0');
    assert.equal(a.resolved.version, '2.0');
    assert.ok(a.notes.some((n) => /is yanked/.test(n)), a.notes.join('\n'));
    await a.dispose();
  });

  it('falls back to a pure-Python wheel, unpacked as laid out', async () => {
    const a = await get('pypi:wheel-only');
    assert.equal(a.resolved.file, 'wheel_only-0.1.0-py3-none-any.whl');
    assert.ok(a.notes.some((n) => /no sdist was published/.test(n)));
    assert.deepEqual((await readdir(a.root)).sort(), ['weather_mcp', 'weather_mcp-1.5.dist-info']);
    await a.dispose();
  });

  it('refuses a file whose SHA-256 differs from the index, and caches nothing', async () => {
    await assert.rejects(get('pypi:tampered'), (e: unknown) => e instanceof TargetError && e.code === 'integrity' && /sha256 mismatch for tampered-1\.0\.tar\.gz.*refusing to unpack it/.test(e.message));
    assert.deepEqual(await readdir(tmpParent), []);
    assert.deepEqual(await readdir(cacheDir), []);
  });

  it('reports unknown projects and unmatched specifiers', async () => {
    await assert.rejects(get('pypi:nope'), /PyPI project nope was not found at http:\/\/127\.0\.0\.1:\d+/);
    await assert.rejects(get('weather-mcp>=3'), /no release of weather-mcp matches ">=3"/);
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('maps a simple-index URL to its JSON API base', async () => {
    const a = await get('pypi:weather-mcp==1.0', { pypiIndexUrl: `${server.url}/simple/` });
    assert.equal(a.resolved.version, '1.0');
    assert.ok(server.requests[0]!.startsWith('GET /pypi/weather-mcp/'));
    await a.dispose();
    assert.equal(pypiJsonBase('https://pypi.org/simple'), 'https://pypi.org');
    assert.equal(pypiJsonBase('https://mirror.example/root/pypi/simple/'), 'https://mirror.example/root/pypi');
    assert.equal(pypiJsonBase('https://pypi.org'), 'https://pypi.org');
  });
});

describe('PEP 440', () => {
  it('orders dev < pre < final < post, with epochs first and trailing zeros ignored', () => {
    const order = ['1.0.dev1', '1.0a1', '1.0a2.dev1', '1.0a2', '1.0b1', '1.0rc1', '1.0', '1.0.post1', '1.1', '2!0.1'];
    for (let i = 1; i < order.length; i++) assert.equal(comparePep440(parsePep440(order[i - 1]!)!, parsePep440(order[i]!)!), -1, `${order[i - 1]} < ${order[i]}`);
    assert.equal(comparePep440(parsePep440('1.0')!, parsePep440('1.0.0')!), 0);
    assert.equal(parsePep440('not a version'), undefined);
  });

  it('picks the highest matching version for each operator', () => {
    const vs = ['0.9', '1.0', '1.4', '1.4.2', '1.5', '2.0', '2.1rc1', 'garbage'];
    const cases: [string, string | undefined][] = [
      ['', '2.0'],
      ['==1.4', '1.4'],
      ['==1.4.*', '1.4.2'],
      ['!=2.0', '1.5'],
      ['>=1,<1.5', '1.4.2'],
      ['~=1.4', '1.5'],
      ['~=1.4.0', '1.4.2'],
      ['<=1.0', '1.0'],
      ['>2.0', '2.1rc1'],
      ['>=2.1rc1', '2.1rc1'],
      ['===garbage', 'garbage'],
      ['>=3', undefined],
    ];
    for (const [spec, want] of cases) assert.equal(pickVersion(vs, spec), want, spec || '(any)');
    assert.equal(pinnedVersion('==1.2'), '1.2');
    assert.equal(pinnedVersion('==1.*'), undefined);
    assert.equal(pinnedVersion('>=1'), undefined);
  });
});
