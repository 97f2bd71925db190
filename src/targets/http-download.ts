// HTTP GET for acquisition: JSON documents and files, with byte caps, a timeout, hashing while streaming, and URLs
// shown without credentials or query strings.
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { TargetError } from './limits.js';

export interface HttpOptions {
  timeoutMs: number;
  maxBytes: number;
  headers?: Record<string, string>;
  /** Called once per request, before it is sent (tests count requests; the CLI could log). */
  onRequest?: (url: string) => void;
}

/** `https://host/path`: no userinfo, no query, no fragment (they may hold tokens). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '<invalid URL>';
  }
}

function checkScheme(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TargetError(`invalid URL: ${displayUrl(url)}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new TargetError(`refusing to download ${u.protocol} URLs (only http and https)`, 'unsupported');
  return u;
}

async function get(url: string, opts: HttpOptions, accept: string): Promise<Response> {
  checkScheme(url);
  opts.onRequest?.(url);
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept, 'user-agent': 'mcpvet', ...opts.headers }, redirect: 'follow', signal: AbortSignal.timeout(opts.timeoutMs) });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new TargetError(`GET ${displayUrl(url)} timed out after ${Math.round(opts.timeoutMs / 1000)} s`, 'timeout');
    const code = err.cause?.code;
    const why = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `host not found (${code})` : code === 'ECONNREFUSED' ? 'connection refused' : (code ?? err.cause?.message ?? err.message);
    throw new TargetError(`GET ${displayUrl(url)} failed: ${why}`);
  }
  // A redirect may have taken us to another scheme; fetch only follows http(s), so the final URL needs no check.
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new TargetError(`GET ${displayUrl(url)} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status === 404 || res.status === 410 ? 'not-found' : 'failed');
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new TargetError(`GET ${displayUrl(url)}: ${declared} bytes exceeds the download limit of ${opts.maxBytes} bytes`, 'limit');
  }
  return res;
}

async function* chunks(res: Response, url: string, opts: HttpOptions): AsyncGenerator<Uint8Array> {
  if (!res.body) return;
  const reader = res.body.getReader();
  let total = 0;
  try {
    for (;;) {
      let r: { done: true; value?: undefined } | { done: false; value: Uint8Array };
      try {
        r = (await reader.read()) as typeof r;
      } catch (e) {
        const err = e as Error;
        if (err.name === 'TimeoutError' || err.name === 'AbortError') throw new TargetError(`GET ${displayUrl(url)} timed out after ${Math.round(opts.timeoutMs / 1000)} s`, 'timeout');
        throw new TargetError(`GET ${displayUrl(url)} failed while reading: ${err.message}`);
      }
      if (r.done) return;
      total += r.value.byteLength;
      if (total > opts.maxBytes) throw new TargetError(`GET ${displayUrl(url)}: more than the download limit of ${opts.maxBytes} bytes`, 'limit');
      yield r.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export async function getJson(url: string, opts: HttpOptions): Promise<unknown> {
  const res = await get(url, opts, 'application/json');
  const parts: Uint8Array[] = [];
  for await (const c of chunks(res, url, opts)) parts.push(c);
  const text = Buffer.concat(parts).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TargetError(`GET ${displayUrl(url)} did not return JSON`);
  }
}

export interface Downloaded {
  bytes: number;
  sha256: string;
  sha512: string;
}

/** Streams a URL into a new file (exclusive create, 0600), hashing as it goes. */
export async function downloadFile(url: string, dest: string, opts: HttpOptions): Promise<Downloaded> {
  const res = await get(url, opts, '*/*');
  const hashes: [Hash, Hash] = [createHash('sha256'), createHash('sha512')];
  const out = createWriteStream(dest, { flags: 'wx', mode: 0o600 });
  const opened = new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  await opened;
  let bytes = 0;
  try {
    for await (const c of chunks(res, url, opts)) {
      bytes += c.byteLength;
      for (const h of hashes) h.update(c);
      if (!out.write(c)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  return { bytes, sha256: hashes[0].digest('hex'), sha512: hashes[1].digest('hex') };
}
