// A tiny HTTP server on 127.0.0.1 for acquisition tests: fixed routes, and a log of every request it answered.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `METHOD path` of every request, in order. */
  requests: string[];
  /** Request headers, in the same order as `requests`. */
  headers: IncomingMessage['headers'][];
  /** Replace or add a route (exact path, query included). */
  route(path: string, reply: Reply | ((req: IncomingMessage) => Reply)): void;
  close(): Promise<void>;
}

export async function startServer(routes: Record<string, Reply | ((req: IncomingMessage) => Reply)> = {}): Promise<LocalServer> {
  const table = new Map(Object.entries(routes));
  const requests: string[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    headers.push(req.headers);
    const r = table.get(req.url ?? '');
    const reply = typeof r === 'function' ? r(req) : (r ?? { status: 404, body: '{"error":"not found"}', headers: { 'content-type': 'application/json' } });
    res.writeHead(reply.status ?? 200, reply.headers ?? {});
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    headers,
    route: (p, reply) => void table.set(p, reply),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(value: unknown, status = 200): Reply {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

export function bytes(body: Buffer, contentType = 'application/octet-stream'): Reply {
  return { headers: { 'content-type': contentType, 'content-length': String(body.length) }, body };
}
