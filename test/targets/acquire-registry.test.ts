// MCP Registry ids against a local registry API on 127.0.0.1: resolution to npm, PyPI and MCPB packages, the search
// fallback, remote-only servers (reported, not probed), and servers with nothing to scan.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { acquire, type AcquireOptions } from '../../src/targets/acquire.js';
import { readRegistryServer } from '../../src/targets/acquire-registry.js';
import { TargetError } from '../../src/targets/limits.js';
import { parseTarget } from '../../src/targets/parse-target.js';
import { zip } from './helpers/archive-builders.js';
import { sdist, serveNpmPackage, servePypiProject, serveRegistryServer, sha256, vulnerableNpmPackage } from './helpers/fixture-registries.js';
import { bytes, json, startServer, type LocalServer } from './helpers/local-server.js';

let server: LocalServer;
let scratch: string;
let tmpParent: string;
const bundle = zip([{ name: 'manifest.json', body: '{"name":"bundle"}' }, { name: 'server/index.js', body: 'export {}' }]);

before(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'mcpvet-registry-test-'));
  server = await startServer();
  serveNpmPackage(server, '@acme/disk-usage', [{ version: '1.0.0', tarball: vulnerableNpmPackage('@acme/disk-usage', '1.0.0') }]);
  servePypiProject(server, 'acme-weather', [{ version: '0.2.0', files: [{ filename: 'acme_weather-0.2.0.tar.gz', body: sdist('acme_weather', '0.2.0', { 'server.py': 'import mcp\n' }) }] }]);
  server.route('/bundles/tool.mcpb', bytes(bundle));
  serveRegistryServer(server, {
    name: 'io.github.acme/disk-usage',
    description: 'Disk usage',
    version: '1.0.0',
    packages: [
      { registryType: 'oci', identifier: 'docker.io/acme/disk-usage:1.0.0', transport: { type: 'stdio' } },
      { registryType: 'npm', identifier: '@acme/disk-usage', version: '1.0.0', transport: { type: 'stdio' } },
    ],
    remotes: [{ type: 'streamable-http', url: 'https://mcp.acme.example/mcp?key=secret' }],
  });
  serveRegistryServer(server, { name: 'io.github.acme/weather', description: 'w', version: '0.2.0', packages: [{ registryType: 'pypi', identifier: 'acme-weather', version: '0.2.0', transport: { type: 'stdio' } }] });
  serveRegistryServer(server, { name: 'com.acme/hosted', description: 'h', version: '3.0.0', remotes: [{ type: 'streamable-http', url: 'https://hosted.acme.example/mcp' }, { type: 'sse', url: 'https://hosted.acme.example/sse' }] });
  serveRegistryServer(server, { name: 'com.acme/docker-only', description: 'd', version: '1.0.0', packages: [{ registryType: 'oci', identifier: 'docker.io/acme/x:1', transport: { type: 'stdio' } }] });
  serveRegistryServer(server, {
    name: 'com.acme/bundle',
    description: 'b',
    version: '1.0.0',
    packages: [{ registryType: 'mcpb', identifier: `${server.url}/bundles/tool.mcpb`, fileSha256: sha256(bundle), transport: { type: 'stdio' } }],
  });
  // A registry that implements only the list endpoint.
  server.route(
    `/v0.1/servers?search=${encodeURIComponent('io.github.acme/listed')}&version=latest`,
    json({
      servers: [
        { server: { name: 'io.github.acme/listed-extra', version: '9.9.9', packages: [] } },
        { server: { name: 'io.github.acme/listed', version: '1.0.0', packages: [{ registryType: 'npm', identifier: '@acme/disk-usage', version: '1.0.0' }] } },
      ],
      metadata: { count: 2 },
    }),
  );
});

after(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

beforeEach(async () => {
  tmpParent = await mkdtemp(path.join(scratch, 'tmp-'));
  server.requests.length = 0;
});

function opts(): AcquireOptions {
  return { registryUrl: server.url, npmRegistry: server.url, pypiIndexUrl: server.url, noCache: true, tmpDir: tmpParent, env: {} };
}

describe('MCP Registry targets', () => {
  it('resolves a server to its npm package and notes what it did not scan', async () => {
    const a = await acquire(parseTarget('io.github.acme/disk-usage'), opts());
    assert.equal(a.kind, 'npm');
    assert.equal(a.input, 'io.github.acme/disk-usage');
    assert.deepEqual({ name: a.resolved.name, version: a.resolved.version }, { name: '@acme/disk-usage', version: '1.0.0' });
    assert.deepEqual(a.notes, [
      'io.github.acme/disk-usage 1.0.0 resolved to npm package @acme/disk-usage 1.0.0',
      'not scanned (mcpvet does not read these package types): oci docker.io/acme/disk-usage:1.0.0',
      'remote endpoints not probed (live probing is not part of a static scan): streamable-http https://mcp.acme.example/mcp',
    ]);
    assert.ok((await readdir(a.root)).includes('index.js'));
    assert.equal(server.requests[0], `GET /v0.1/servers/${encodeURIComponent('io.github.acme/disk-usage')}/versions/latest`);
    await a.dispose();
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('resolves to a PyPI package, and asks for an explicit version', async () => {
    const a = await acquire(parseTarget('registry:io.github.acme/weather@0.2.0'), opts());
    assert.equal(a.kind, 'pypi');
    assert.equal(a.resolved.version, '0.2.0');
    assert.equal(server.requests[0], `GET /v0.1/servers/${encodeURIComponent('io.github.acme/weather')}/versions/0.2.0`);
    await a.dispose();
  });

  it('downloads an MCPB bundle and checks its fileSha256', async () => {
    const a = await acquire(parseTarget('com.acme/bundle'), opts());
    assert.equal(a.kind, 'archive');
    assert.equal(a.resolved.sha256, sha256(bundle));
    assert.deepEqual((await readdir(a.root)).sort(), ['manifest.json', 'server']);
    await a.dispose();
  });

  it('falls back to the search listing and takes only the exact name', async () => {
    const a = await acquire(parseTarget('io.github.acme/listed'), opts());
    assert.equal(a.resolved.name, '@acme/disk-usage');
    assert.ok(server.requests.some((r) => r.includes('/v0.1/servers?search=')));
    await a.dispose();
  });

  it('reports a remote-only server as not scanned (live probing is another feature) and scans an empty folder', async () => {
    const a = await acquire(parseTarget('com.acme/hosted'), opts());
    assert.equal(a.kind, 'registry');
    assert.deepEqual(await readdir(a.root), []);
    assert.equal(a.problems.length, 1);
    assert.equal(a.problems[0]!.kind, 'target');
    assert.equal(a.problems[0]!.level, 'error');
    assert.match(a.problems[0]!.message, /com\.acme\/hosted 3\.0\.0 is only published as a remote server \(streamable-http https:\/\/hosted\.acme\.example\/mcp, sse https:\/\/hosted\.acme\.example\/sse\); mcpvet scans code and does not probe live servers yet/);
    await a.dispose();
  });

  it('refuses servers with nothing to scan, and unknown ids, with the temp folder removed', async () => {
    await assert.rejects(acquire(parseTarget('com.acme/docker-only'), opts()), (e: unknown) => e instanceof TargetError && /has nothing mcpvet can scan: only oci docker\.io\/acme\/x:1 \(docker images and other package types are not scanned\)/.test(e.message));
    await assert.rejects(acquire(parseTarget('com.acme/missing'), opts()), (e: unknown) => e instanceof TargetError && e.code === 'not-found' && /com\.acme\/missing was not found in the MCP Registry at http:\/\/127\.0\.0\.1:\d+/.test(e.message));
    assert.deepEqual(await readdir(tmpParent), []);
  });

  it('reads bare ServerDetail documents and older snake_case fields', () => {
    const s = readRegistryServer({ name: 'a.b/c', version_detail: { version: '1' }, packages: [{ registry_name: 'npm', name: 'x', version: '1.0.0' }], remotes: [{ transport_type: 'sse', url: 'https://h/sse' }] });
    assert.deepEqual(s, { name: 'a.b/c', version: '1', packages: [{ registryType: 'npm', identifier: 'x', version: '1.0.0' }], remotes: [{ type: 'sse', url: 'https://h/sse' }] });
    assert.equal(readRegistryServer({ nothing: true }), undefined);
  });
});
