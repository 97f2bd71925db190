// SSRF guard for every user- or server-supplied URL: resolve, refuse internal addresses on the address dialled and on
// every redirect, with connect/header/body time-outs and byte caps. Also a fetch built on it for the MCP client.
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { JsonDepthMeter } from './json-depth.js';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'shared'
  | 'unique-local'
  | 'multicast'
  | 'reserved'
  | 'documentation';

/** Classes `--allow-local` opens up: what a developer's own server may listen on. Metadata endpoints never are. */
const LOCAL: ReadonlySet<AddressClass> = new Set(['loopback', 'private', 'link-local', 'unique-local', 'shared']);

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((n, p) => n * 256 + Number(p), 0);
}

const V4_RANGES: [string, number, AddressClass][] = [
  ['169.254.169.254', 32, 'metadata'],
  ['100.100.100.200', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function classifyV4(ip: string): AddressClass {
  const n = v4ToInt(ip);
  for (const [base, bits, cls] of V4_RANGES) {
    const size = 2 ** (32 - bits);
    const start = v4ToInt(base);
    if (n >= start && n < start + size) return cls;
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail is converted). */
function v6Groups(ip: string): number[] {
  let s = ip.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4ToInt(dotted[1]!);
    s = `${s.slice(0, dotted.index)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  const fill = tail !== undefined ? 8 - h.length - t.length : 0;
  return [...h, ...Array(Math.max(0, fill)).fill('0'), ...t].map((g) => parseInt(g, 16) || 0);
}

export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip.replace(/%.*$/, ''));
  if (family === 4) return classifyV4(ip);
  if (family !== 6) return 'reserved';
  const g = v6Groups(ip);
  const embedded = () => `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return classifyV4(embedded());
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(embedded());
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return 'metadata';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'private';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x2002) return classifyV4(`${g[1]! >> 8}.${g[1]! & 255}.${g[2]! >> 8}.${g[2]! & 255}`);
  return 'public';
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface GuardOptions {
  /** Allow loopback, private, link-local and unique-local destinations (probing your own dev server). */
  allowLocal?: boolean;
  /** Addresses allowed whatever their class (a known proxy; tests). */
  trustedAddresses?: readonly string[];
  resolver?: Resolver;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** No body bytes for this long ends the response. */
  bodyIdleTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Shared by every response of one probe: the bytes all bodies together may still bring. */
  totalBudget?: { remaining: number };
  maxRedirects?: number;
  /** Nesting cap for JSON and SSE bodies. */
  maxJsonDepth?: number;
  /** Called with the address each connection actually reached. */
  onConnect?: (url: string, address: string) => void;
}

export class DestinationNotAllowedError extends Error {
  readonly code = 'destination-not-allowed';
}

export function addressAllowed(address: string, opts: GuardOptions): { ok: true } | { ok: false; reason: string } {
  if (opts.trustedAddresses?.includes(address)) return { ok: true };
  const cls = classifyAddress(address);
  if (cls === 'public') return { ok: true };
  if (opts.allowLocal && LOCAL.has(cls)) return { ok: true };
  const hint = LOCAL.has(cls) ? ' (pass --allow-local to probe a server on your own machine or network)' : '';
  return { ok: false, reason: `${address} is a ${cls} address${hint}` };
}

/** Static checks of a URL before anything is resolved: scheme, credentials in the URL. */
export function checkUrlShape(raw: string | URL): URL {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new DestinationNotAllowedError(`not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DestinationNotAllowedError(`scheme ${url.protocol} is not allowed (http and https only)`);
  // The credentials are never echoed back.
  if (url.username || url.password) throw new DestinationNotAllowedError('URLs with embedded credentials are not allowed; pass --header or --bearer instead');
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  return isIP(h) !== 0 && classifyAddress(h) === 'loopback';
}

/** Resolves the URL's host and checks every address; throws DestinationNotAllowedError when any is refused. */
export async function checkUrl(raw: string | URL, opts: GuardOptions = {}): Promise<{ url: URL; addresses: ResolvedAddress[] }> {
  const url = checkUrlShape(raw);
  const host = hostOf(url);
  const literal = isIP(host);
  const addresses = literal ? [{ address: host, family: literal as 4 | 6 }] : await (opts.resolver ?? systemResolver)(host);
  if (!addresses.length) throw new DestinationNotAllowedError(`${host} does not resolve`);
  for (const a of addresses) {
    const v = addressAllowed(a.address, opts);
    if (!v.ok) throw new DestinationNotAllowedError(`${url.origin} is not allowed: ${v.reason}`);
  }
  return { url, addresses };
}

type FetchInit = RequestInit & { redirect?: 'follow' | 'error' | 'manual' };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A `fetch` whose every connection goes through the guard: the host is resolved by the guard's resolver, every
 * address checked, the connection made to the checked address, and redirects followed hop by hop (each checked).
 */
export function guardedFetch(opts: GuardOptions = {}): (input: string | URL | Request, init?: FetchInit) => Promise<Response> {
  return async (input, init = {}) => {
    let url = checkUrlShape(input instanceof Request ? input.url : input);
    let method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    let body = await bodyBytes(init.body);
    const max = opts.maxRedirects ?? 5;
    for (let hop = 0; ; hop++) {
      const res = await requestOnce(url, method, headers, body, init.signal ?? undefined, opts);
      const location = res.headers.location;
      if (!REDIRECTS.has(res.statusCode ?? 0) || !location || init.redirect === 'manual') return toResponse(res, url, opts, init.signal ?? undefined);
      res.resume();
      if (init.redirect === 'error') throw new TypeError('redirect refused');
      if (hop >= max) throw new DestinationNotAllowedError(`more than ${max} redirects`);
      const next = checkUrlShape(new URL(location, url));
      if (next.origin !== url.origin) headers.delete('authorization');
      if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers.delete('content-type');
      }
      url = next;
    }
  };
}

async function bodyBytes(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  throw new TypeError('unsupported request body');
}

function requestOnce(url: URL, method: string, headers: Headers, body: Buffer | undefined, signal: AbortSignal | undefined, opts: GuardOptions): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const host = hostOf(url);
    const literal = isIP(host);
    if (literal) {
      const v = addressAllowed(host, opts);
      if (!v.ok) return reject(new DestinationNotAllowedError(`${url.origin} is not allowed: ${v.reason}`));
    }
    const lookup: LookupFunction = (hostname, options, cb) => {
      (opts.resolver ?? systemResolver)(hostname).then(
        (addrs) => {
          const wanted = options.family === 4 || options.family === 6 ? addrs.filter((a) => a.family === options.family) : addrs;
          if (!wanted.length) return cb(Object.assign(new Error(`${hostname} does not resolve`), { code: 'ENOTFOUND' }), '', 4);
          for (const a of wanted) {
            const v = addressAllowed(a.address, opts);
            if (!v.ok) return cb(new DestinationNotAllowedError(`${url.origin} is not allowed: ${v.reason}`), '', 4);
          }
          if ((options as { all?: boolean }).all) (cb as unknown as (e: null, a: ResolvedAddress[]) => void)(null, wanted);
          else cb(null, wanted[0]!.address, wanted[0]!.family);
        },
        (e: Error) => cb(e as NodeJS.ErrnoException, '', 4),
      );
    };
    const h: Record<string, string> = {};
    headers.forEach((v, k) => (h[k] = v));
    if (body) h['content-length'] = String(body.length);
    const mod = url.protocol === 'https:' ? https : http;
    let settled = false;
    const onAbort = () => fail(abortError());
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
      signal?.removeEventListener('abort', onAbort);
      req.destroy();
      reject(e);
    };
    const req = mod.request(url, { method, headers: h, agent: false, ...(literal ? {} : { lookup }) });
    const connectTimer = setTimeout(() => fail(new Error(`connect to ${url.origin} timed out`)), opts.connectTimeoutMs ?? 10_000);
    const headersTimer = setTimeout(() => fail(new Error(`no response headers from ${url.origin} in time`)), (opts.connectTimeoutMs ?? 10_000) + (opts.headersTimeoutMs ?? 10_000));
    req.on('socket', (socket: Socket) => {
      const check = () => {
        clearTimeout(connectTimer);
        // The address actually dialled, checked again: whatever resolved it, this is where the bytes go.
        const addr = socket.remoteAddress;
        if (addr) {
          const v = addressAllowed(addr, opts);
          if (!v.ok) return fail(new DestinationNotAllowedError(`${url.origin} is not allowed: ${v.reason}`));
          opts.onConnect?.(url.href, addr);
        }
      };
      if ((socket as Socket & { connecting?: boolean }).connecting) socket.once('connect', check);
      else check();
    });
    req.on('response', (res) => {
      if (settled) return res.destroy();
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(headersTimer);
      signal?.removeEventListener('abort', onAbort);
      resolve(res);
    });
    req.on('error', (e) => fail(e));
    if (signal) {
      if (signal.aborted) return fail(abortError());
      signal.addEventListener('abort', onAbort, { once: true });
    }
    req.end(body);
  });
}

function abortError(): Error {
  return Object.assign(new Error('The operation was aborted'), { name: 'AbortError' });
}

function toResponse(res: IncomingMessage, url: URL, opts: GuardOptions, signal: AbortSignal | undefined): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else headers.set(k, v);
  }
  const status = res.statusCode ?? 500;
  const init = { status, statusText: res.statusMessage ?? '', headers };
  if (status === 204 || status === 304 || status < 200) {
    res.resume();
    return new Response(null, init);
  }
  const maxBytes = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  const idle = opts.bodyIdleTimeoutMs ?? 10_000;
  const meter = opts.maxJsonDepth ? new JsonDepthMeter(opts.maxJsonDepth) : undefined;
  let received = 0;
  let timer: NodeJS.Timeout | undefined;
  // Data already buffered in the socket may still arrive after a cancel or an error: it is dropped.
  let done = false;
  let onAbort: (() => void) | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      onAbort = () => stop(abortError());
      const stop = (e: Error) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        res.destroy();
        try {
          controller.error(e);
        } catch {
          /* already closed */
        }
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => stop(new Error(`no data from ${url.origin} for ${idle} ms`)), idle);
      };
      arm();
      res.on('data', (chunk: Buffer) => {
        if (done) return;
        received += chunk.length;
        if (received > maxBytes) return stop(new Error(`response from ${url.origin} exceeded ${maxBytes} bytes`));
        if (opts.totalBudget && (opts.totalBudget.remaining -= chunk.length) < 0) return stop(new Error(`the server sent more than the probe's total byte budget`));
        if (meter && !meter.feed(chunk)) return stop(new Error(`response from ${url.origin} nests JSON deeper than ${opts.maxJsonDepth} levels`));
        arm();
        controller.enqueue(new Uint8Array(chunk));
      });
      res.on('end', () => {
        clearTimeout(timer);
        if (done) return;
        done = true;
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        try {
          controller.close();
        } catch {
          /* errored */
        }
      });
      res.on('error', (e) => stop(e));
      signal?.addEventListener('abort', onAbort!, { once: true });
    },
    cancel() {
      done = true;
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      res.destroy();
    },
  });
  const response = new Response(stream, init);
  Object.defineProperty(response, 'url', { value: url.href });
  return response;
}
