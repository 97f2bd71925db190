// SSRF guard (reliability section E): refused before any socket opens, on the dialled address and on every redirect.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { checkUrl, classifyAddress, DestinationNotAllowedError, guardedFetch, isLoopbackHost, type Resolver } from '../../src/probe/url-guard.js';

const servers: http.Server[] = [];
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

async function listen(host: string, handler: http.RequestListener): Promise<{ port: number; connections: () => number }> {
  const s = http.createServer(handler);
  servers.push(s);
  let n = 0;
  s.on('connection', () => n++);
  await new Promise<void>((r) => s.listen(0, host, r));
  return { port: (s.address() as AddressInfo).port, connections: () => n };
}

const refused = (p: Promise<unknown>, re?: RegExp) =>
  assert.rejects(p, (e: Error) => e instanceof DestinationNotAllowedError && (!re || re.test(e.message)));

describe('address classes', () => {
  const table: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['100.64.0.1', 'shared'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['8.8.8.8', 'public'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['64:ff9b::a9fe:a9fe', 'metadata'],
    ['2002:7f00:1::', 'loopback'],
    ['fd00::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fd00:ec2::254', 'metadata'],
    ['2606:4700::1111', 'public'],
  ];
  for (const [ip, cls] of table) it(`${ip} is ${cls}`, () => assert.equal(classifyAddress(ip), cls));
  it('loopback host names', () => {
    assert.equal(isLoopbackHost('localhost'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('mcp.example.com'), false);
  });
});

describe('URLs refused before connecting (E1, E4)', () => {
  for (const url of ['http://127.0.0.1:5432', 'http://[::1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/', 'http://169.254.169.254/latest/meta-data', 'http://[fd00::1]/', 'http://100.64.0.1/']) {
    it(url, () => refused(checkUrl(url)));
  }
  for (const url of ['file:///etc/passwd', 'gopher://x/', 'data:text/plain,hi', 'ftp://example.com/']) it(url, () => refused(checkUrl(url), /scheme/));
  it('userinfo is refused and never echoed', async () => {
    await assert.rejects(checkUrl('https://alice:s3cr3t-pw@example.com/'), (e: Error) => e instanceof DestinationNotAllowedError && !e.message.includes('s3cr3t'));
  });
  it('--allow-local opens loopback and private ranges, never the metadata address', async () => {
    await checkUrl('http://127.0.0.1:1/', { allowLocal: true });
    await checkUrl('http://10.0.0.1/', { allowLocal: true });
    await refused(checkUrl('http://169.254.169.254/', { allowLocal: true }));
  });
  it('a name whose DNS answer is private is refused (injected resolver)', async () => {
    const resolver: Resolver = async () => [{ address: '10.0.0.5', family: 4 }];
    await refused(checkUrl('https://intranet.example.test/', { resolver }), /10\.0\.0\.5 is a private address/);
    const mixed: Resolver = async () => [{ address: '93.184.216.34', family: 4 }, { address: '::ffff:192.168.0.1', family: 6 }];
    await refused(checkUrl('https://mixed.example.test/', { resolver: mixed }));
    const { url } = await checkUrl('https://public.example.test/', { resolver: async () => [{ address: '93.184.216.34', family: 4 }] });
    assert.equal(url.hostname, 'public.example.test');
  });
});

describe('guarded fetch', () => {
  it('E2 DNS rebinding: the address actually dialled is checked, so a second, loopback answer is refused', async () => {
    const target = await listen('127.0.0.1', (_q, s) => s.end('secret'));
    let calls = 0;
    const resolver: Resolver = async () => (calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const url = `http://rebind.example.test:${target.port}/`;
    await checkUrl(url, { resolver });
    await refused(guardedFetch({ resolver })(url));
    assert.equal(target.connections(), 0);
  });

  it('E3 a redirect to an internal address is refused before connecting; redirect loops stop', async () => {
    const inner = await listen('127.0.0.2', (_q, s) => s.end('internal'));
    const outer = await listen('127.0.0.1', (q, s) => {
      if (q.url === '/to-internal') s.writeHead(302, { location: `http://127.0.0.2:${inner.port}/` }).end();
      else if (q.url === '/to-metadata') s.writeHead(307, { location: 'http://169.254.169.254/latest' }).end();
      else if (q.url === '/loop') s.writeHead(302, { location: '/loop' }).end();
      else s.end('ok');
    });
    const fetch = guardedFetch({ trustedAddresses: ['127.0.0.1'] });
    const base = `http://127.0.0.1:${outer.port}`;
    assert.equal(await (await fetch(`${base}/`)).text(), 'ok');
    await refused(fetch(`${base}/to-internal`), /127\.0\.0\.2 is a loopback address/);
    await refused(fetch(`${base}/to-metadata`), /metadata/);
    await refused(fetch(`${base}/loop`), /redirects/);
    assert.equal(inner.connections(), 0);
  });

  it('reports the address each connection reached', async () => {
    const s = await listen('127.0.0.1', (_q, r) => r.end('ok'));
    const seen: string[] = [];
    await (await guardedFetch({ allowLocal: true, onConnect: (_u, a) => seen.push(a) })(`http://127.0.0.1:${s.port}/`)).text();
    assert.deepEqual(seen, ['127.0.0.1']);
  });

  it('E5 a body over the byte cap, a server that never answers, and a stalled body all end with an error', async () => {
    const s = await listen('127.0.0.1', (q, r) => {
      if (q.url === '/big') r.end(Buffer.alloc(2 * 1024 * 1024, 97));
      else if (q.url === '/stall') r.writeHead(200, { 'content-type': 'text/event-stream' }).write('data: 1\n\n');
      // `/silent` never answers.
    });
    const fetch = guardedFetch({ allowLocal: true, maxBodyBytes: 1024 * 1024, connectTimeoutMs: 300, headersTimeoutMs: 300, bodyIdleTimeoutMs: 300 });
    const base = `http://127.0.0.1:${s.port}`;
    await assert.rejects((await fetch(`${base}/big`)).text(), /exceeded 1048576 bytes/);
    await assert.rejects(fetch(`${base}/silent`), /no response headers/);
    await assert.rejects((await fetch(`${base}/stall`)).text(), /no data/);
  });

  it('one byte budget covers every response of a probe', async () => {
    const s = await listen('127.0.0.1', (_q, r) => r.end(Buffer.alloc(600 * 1024, 98)));
    const fetch = guardedFetch({ allowLocal: true, totalBudget: { remaining: 1024 * 1024 } });
    const url = `http://127.0.0.1:${s.port}/`;
    assert.equal((await (await fetch(url)).text()).length, 600 * 1024);
    await assert.rejects((await fetch(url)).text(), /total byte budget/);
  });

  it('JSON nested past the cap is cut off while streaming', async () => {
    const s = await listen('127.0.0.1', (_q, r) => r.end(`${'['.repeat(500)}${']'.repeat(500)}`));
    await assert.rejects((await guardedFetch({ allowLocal: true, maxJsonDepth: 64 })(`http://127.0.0.1:${s.port}/`)).text(), /deeper than 64/);
  });
});
