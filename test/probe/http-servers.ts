// Streamable HTTP MCP servers on 127.0.0.1 for the probe tests, built with the official SDKs (v1 and v2), with the
// security posture switched on or off piece by piece.
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer as McpServerV1 } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { createMcpHandler, McpServer as McpServerV2 } from '@modelcontextprotocol/server';
import { localhostHostValidation, localhostOriginValidation, NodeStreamableHTTPServerTransport, toNodeHandler } from '@modelcontextprotocol/node';
import { z } from 'zod';

export interface HttpServerOptions {
  sdk: 'v1' | 'v2' | 'v2-stateless';
  /** Bearer token the MCP endpoint demands; none = open server. */
  token?: string;
  /** What a 401 says: `full` names the metadata URL, `bare` is `WWW-Authenticate: Bearer`, `none` sends no header. */
  challenge?: 'full' | 'bare' | 'none';
  /** Protected resource metadata: at the path-suffixed URL, naming another resource, listing no server, or absent. */
  prm?: 'ok' | 'wrong-resource' | 'no-servers' | 'none';
  /** Authorization server metadata (served by the same origin). */
  as?: 'S256' | 'plain-only' | 'none';
  originCheck?: boolean;
  hostCheck?: boolean;
  cors?: 'reflect-credentials' | 'wildcard-credentials' | 'none';
  sessions?: 'random' | 'sequential';
  description?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

function registerV1(server: McpServerV1, description: string): void {
  server.registerTool('search_docs', { description, inputSchema: { query: z.string().max(200) }, annotations: { readOnlyHint: true } }, async () => ({ content: [{ type: 'text', text: 'none' }] }));
}

/** A server from before Streamable HTTP: the v1 SDK's HTTP+SSE transport (GET /sse opens the stream, POST /messages). */
export async function startSseServer(description = 'Searches the product documentation.'): Promise<RunningServer> {
  const sessions = new Map<string, SSEServerTransport>();
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const t = new SSEServerTransport('/messages', res);
      sessions.set(t.sessionId, t);
      const s = new McpServerV1({ name: 'http-sse', version: '1.0.0' });
      registerV1(s, description);
      await s.connect(t);
      return;
    }
    if (req.method === 'POST' && url.pathname === '/messages') {
      const t = sessions.get(url.searchParams.get('sessionId') ?? '');
      if (t) return t.handlePostMessage(req, res);
    }
    res.writeHead(405).end();
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sse`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function startHttpServer(o: HttpServerOptions): Promise<RunningServer> {
  const description = o.description ?? 'Searches the product documentation.';
  let port = 0;
  let counter = 0;
  const nextId = () => (o.sessions === 'sequential' ? `s${++counter}` : randomUUID());
  const v1Sessions = new Map<string, StreamableHTTPServerTransport>();
  const v2Sessions = new Map<string, NodeStreamableHTTPServerTransport>();
  const hostOk = localhostHostValidation();
  const originOk = localhostOriginValidation();
  const stateless = o.sdk === 'v2-stateless'
    ? toNodeHandler(
        createMcpHandler(() => {
          const s = new McpServerV2({ name: 'http-v2-stateless', version: '2.0.0' });
          s.registerTool('search_docs', { description, inputSchema: z.object({ query: z.string().max(200) }) }, async () => ({ content: [{ type: 'text', text: 'none' }] }));
          return s;
        }, { legacy: 'stateless' }),
      )
    : undefined;

  const cors = (req: IncomingMessage, res: ServerResponse) => {
    if (o.cors === 'reflect-credentials' && req.headers.origin) res.setHeader('access-control-allow-origin', req.headers.origin);
    if (o.cors === 'wildcard-credentials') res.setHeader('access-control-allow-origin', '*');
    if (o.cors && o.cors !== 'none') res.setHeader('access-control-allow-credentials', 'true');
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = `http://127.0.0.1:${port}`;
    if (req.method === 'GET' && url.pathname === '/.well-known/oauth-protected-resource/mcp' && o.prm && o.prm !== 'none') {
      return json(res, 200, {
        resource: o.prm === 'wrong-resource' ? 'https://other.example/mcp' : `${origin}/mcp`,
        authorization_servers: o.prm === 'no-servers' ? [] : [origin],
      });
    }
    if (req.method === 'GET' && url.pathname === '/.well-known/oauth-authorization-server' && o.as && o.as !== 'none') {
      return json(res, 200, {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: o.as === 'S256' ? ['S256'] : ['plain'],
      });
    }
    if (url.pathname !== '/mcp') return json(res, 404, { error: 'not found' });
    if (req.method === 'OPTIONS') {
      cors(req, res);
      res.setHeader('access-control-allow-methods', 'GET, POST, DELETE');
      return res.writeHead(204).end();
    }
    if (o.sdk !== 'v1') {
      if (o.hostCheck && !hostOk(req, res)) return;
      if (o.originCheck && !originOk(req, res)) return;
    }
    if (o.token && req.headers.authorization !== `Bearer ${o.token}`) {
      if (o.challenge !== 'none') {
        res.setHeader('www-authenticate', o.challenge === 'full' ? `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"` : 'Bearer');
      }
      return json(res, 401, { error: 'unauthorized' });
    }
    cors(req, res);
    if (stateless) return stateless(req, res);
    const sid = req.headers['mcp-session-id'];
    if (o.sdk === 'v1') {
      let t = typeof sid === 'string' ? v1Sessions.get(sid) : undefined;
      if (!t) {
        if (sid !== undefined) return json(res, 404, { error: 'unknown session' });
        t = new StreamableHTTPServerTransport({
          sessionIdGenerator: nextId,
          onsessioninitialized: (id) => void v1Sessions.set(id, t!),
          ...(o.hostCheck || o.originCheck
            ? {
                enableDnsRebindingProtection: true,
                ...(o.hostCheck ? { allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`] } : {}),
                ...(o.originCheck ? { allowedOrigins: [`http://127.0.0.1:${port}`, `http://localhost:${port}`] } : {}),
              }
            : {}),
        });
        const s = new McpServerV1({ name: 'http-v1', version: '1.0.0' });
        registerV1(s, description);
        await s.connect(t);
      }
      return t.handleRequest(req, res);
    }
    let t = typeof sid === 'string' ? v2Sessions.get(sid) : undefined;
    if (!t) {
      if (sid !== undefined) return json(res, 404, { error: 'unknown session' });
      t = new NodeStreamableHTTPServerTransport({ sessionIdGenerator: nextId, onsessioninitialized: (id: string) => void v2Sessions.set(id, t!) });
      const s = new McpServerV2({ name: 'http-v2', version: '2.0.0' });
      s.registerTool('search_docs', { description, inputSchema: z.object({ query: z.string().max(200) }) }, async () => ({ content: [{ type: 'text', text: 'none' }] }));
      await s.connect(t);
    }
    return t.handleRequest(req, res);
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
