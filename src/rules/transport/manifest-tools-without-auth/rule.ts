// MV4007 (MCPSafe MCP-209): a server manifest declares tools behind an HTTP endpoint and no authentication.
import type { Point, Span } from '../../../model/location.js';
import type { Confidence } from '../../../model/severity.js';
import { defineRule, type FileContext, type RawFinding } from '../../../rule/rule.js';
import { jsonPositions } from './json-positions.js';

type Json = Record<string, unknown>;

const REMOTE_TYPES = new Set(['streamable-http', 'sse', 'http']);
const AUTH_KEYS = ['auth', 'authentication', 'authorization'];
/** Header names that carry credentials. */
const CREDENTIAL_HEADER = /^(?:proxy-)?authorization$|token|api[-_]?key|secret|auth/i;
const CREDENTIAL_ENV = /token|key|secret|auth|password|credential/i;

interface Hit {
  path: string;
  what: string;
  why: string;
  confidence?: Confidence;
}

export default defineRule({
  meta: {
    id: 'MV4007',
    slug: 'manifest-tools-without-auth',
    title: 'Server manifest declares a remote endpoint without authentication',
    category: 'transport',
    severity: 'medium',
    confidence: 'medium',
    cwe: ['CWE-306'],
    owaspMcp: ['MCP07', 'MCP09'],
    aliases: ['MCP-209'],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{what}: {why}',
    docs: {
      summary:
        'A manifest that describes an MCP server — an `mcp.json`-style server manifest, an MCP Registry `server.json`, or a Desktop Extension (DXT/MCPB) `manifest.json` — publishes an HTTP endpoint for its tools and says nothing about authentication, or explicitly sets it to none.',
      risk:
        'Manifests are what registries, catalogues and clients read to decide how to connect. A manifest that lists tools at a URL with `"auth": "none"` (or no auth at all) advertises an endpoint anyone can call, and clients configured from it will never send credentials — so the server either really is open to the internet, or authentication is bolted on somewhere the manifest does not describe and clients cannot discover. For the MCP Registry, a remote without required credential headers is only safe if the server does OAuth discovery itself (401 with protected resource metadata), which cannot be seen from the manifest.',
      detection:
        'Reads JSON files by shape, whatever their name. `mcp.json`-style manifests: a top-level `tools` list (or map) that is not empty, an HTTP endpoint (`url`, `endpoint`, `server.url`, `remote.url` or `transport.url` with an http(s) URL, or `transport`/`transport.type` of `http`, `sse` or `streamable-http`), and an `auth`/`authentication`/`authorization` field that is missing (medium confidence) or disabled — `"none"`, `false`, `null`, `{}`, `{"type": "none"}`, `{"required": false}` (high confidence). MCP Registry `server.json` (a `$schema` naming `server.schema.json`, or `name` + `version` + `remotes`): each `remotes[]` entry of type `streamable-http`/`sse` with a `url` and no header marked `isSecret` or named like `Authorization`/`*-Token`/`*-Key` (low confidence, since OAuth needs no header). DXT/MCPB `manifest.json` (`dxt_version` or `manifest_version` with `server.mcp_config`) that declares `tools` and points `mcp_config` at a remote URL (`url`, or an http(s) URL among `args`, as with `mcp-remote`) without any `Authorization`/`--header` argument, credential-like `env` entry or `headers` (low confidence). Stdio-only manifests and client configurations (`mcpServers`) never fire.',
      fix:
        'Declare how clients authenticate. For a server manifest, set `auth` to the scheme the server enforces (OAuth 2.1 with the authorization server and resource metadata URL, or a bearer/API-key header) and make the server enforce it. In `server.json`, either rely on MCP OAuth (and make sure the server answers 401 with protected resource metadata) or list the required header: `"headers": [{"name": "Authorization", "isRequired": true, "isSecret": true}]`. In a DXT manifest, pass the token from a `sensitive` `user_config` field to the bridge (`--header`, `Authorization: Bearer ${user_config.token}`).',
      references: [
        { title: 'MCP Registry: publishing remote servers (server.json remotes and headers)', url: 'https://modelcontextprotocol.io/registry/remote-servers' },
        { title: 'MCP specification 2025-11-25: authorization', url: 'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization' },
        { title: 'MCPB (Desktop Extensions) manifest specification', url: 'https://github.com/modelcontextprotocol/mcpb/blob/main/MANIFEST.md' },
        { title: 'CWE-306: Missing Authentication for Critical Function', url: 'https://cwe.mitre.org/data/definitions/306.html' },
      ],
    },
  },
  file: {
    languages: ['json'],
    requires: /"tools"|"remotes"/,
    detect(ctx) {
      let doc: unknown;
      try {
        doc = JSON.parse(ctx.text);
      } catch {
        return [];
      }
      if (!isRecord(doc) || 'mcpServers' in doc) return [];
      const hits = isRegistryManifest(doc) ? registryHits(doc) : isBundleManifest(doc) ? bundleHits(doc) : serverManifestHits(doc);
      if (hits.length === 0) return [];
      const positions = jsonPositions(ctx.text);
      return hits.map((h): RawFinding => ({ span: lineSpan(ctx, positions.get(h.path) ?? { row: 0, column: 0 }), data: { what: h.what, why: h.why }, ...(h.confidence ? { confidence: h.confidence } : {}) }));
    },
  },
});

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lineSpan(ctx: FileContext, p: Point): Span {
  const line = ctx.lines[p.row] ?? '';
  return { start: p, end: { row: p.row, column: Math.max(p.column + 1, line.length) } };
}

function toolNames(tools: unknown): string[] {
  if (Array.isArray(tools)) return tools.map((t) => (isRecord(t) && typeof t.name === 'string' ? t.name : typeof t === 'string' ? t : '?'));
  if (isRecord(tools)) return Object.keys(tools);
  return [];
}

function toolList(names: string[]): string {
  return `${names.length} tool(s) (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;
}

function isRegistryManifest(doc: Json): boolean {
  return (typeof doc.$schema === 'string' && /server\.schema\.json/.test(doc.$schema)) || (Array.isArray(doc.remotes) && typeof doc.name === 'string' && typeof doc.version === 'string');
}

function registryHits(doc: Json): Hit[] {
  const out: Hit[] = [];
  const remotes = Array.isArray(doc.remotes) ? doc.remotes : [];
  remotes.forEach((r, i) => {
    if (!isRecord(r) || typeof r.url !== 'string' || !REMOTE_TYPES.has(String(r.type))) return;
    const headers = Array.isArray(r.headers) ? r.headers.filter(isRecord) : [];
    if (headers.some((h) => h.isSecret === true || CREDENTIAL_HEADER.test(String(h.name ?? '')))) return;
    out.push({
      path: `remotes/${i}/url`,
      what: `remote ${String(r.type)} endpoint ${r.url} requires no credential header`,
      why: 'clients installed from the registry will connect without credentials; unless the server itself enforces OAuth (401 with protected resource metadata), its tools are open to anyone',
      confidence: 'low',
    });
  });
  return out;
}

function isBundleManifest(doc: Json): boolean {
  return (doc.dxt_version !== undefined || doc.manifest_version !== undefined) && isRecord(doc.server) && isRecord(doc.server.mcp_config);
}

function bundleHits(doc: Json): Hit[] {
  const names = toolNames(doc.tools);
  if (names.length === 0) return [];
  const config = (doc.server as Json).mcp_config as Json;
  const args = Array.isArray(config.args) ? config.args.map(String) : [];
  const urlIndex = args.findIndex((a) => /^https?:\/\//i.test(a));
  const url = typeof config.url === 'string' ? config.url : urlIndex >= 0 ? args[urlIndex] : undefined;
  if (!url) return [];
  const env = isRecord(config.env) ? config.env : {};
  const hasHeaders = isRecord(config.headers) && Object.keys(config.headers).length > 0;
  const credentialArg = args.some((a) => /^(?:--header|-H)$|authorization|bearer/i.test(a));
  const credentialEnv = Object.keys(env).some((k) => CREDENTIAL_ENV.test(k));
  if (hasHeaders || credentialArg || credentialEnv) return [];
  return [
    {
      path: typeof config.url === 'string' ? 'server/mcp_config/url' : `server/mcp_config/args/${urlIndex}`,
      what: `bundle declares ${toolList(names)} served from ${url} with no credentials passed to it`,
      why: 'the remote endpoint is called without a token, so either it accepts anyone or the bundle cannot authenticate',
      confidence: 'low',
    },
  ];
}

/** The HTTP endpoint an `mcp.json`-style manifest publishes, with the path of the field naming it. */
function endpointOf(doc: Json): { path: string; text: string } | undefined {
  const candidates: [string, unknown][] = [
    ['url', doc.url],
    ['endpoint', doc.endpoint],
    ['server/url', isRecord(doc.server) ? doc.server.url : undefined],
    ['remote/url', isRecord(doc.remote) ? doc.remote.url : undefined],
    ['transport/url', isRecord(doc.transport) ? doc.transport.url : undefined],
  ];
  for (const [path, v] of candidates) if (typeof v === 'string' && /^https?:\/\//i.test(v)) return { path, text: v };
  const transport = isRecord(doc.transport) ? doc.transport.type : doc.transport;
  if (typeof transport === 'string' && REMOTE_TYPES.has(transport)) return { path: 'transport', text: `the ${transport} transport` };
  return undefined;
}

/** True for an auth field that turns authentication off. */
function disabled(auth: unknown): boolean {
  if (auth === null || auth === false) return true;
  if (typeof auth === 'string') return /^(?:none|off|false|disabled|anonymous|public)$/i.test(auth.trim()) || auth.trim() === '';
  if (isRecord(auth)) {
    if (Object.keys(auth).length === 0 || auth.required === false || auth.enabled === false) return true;
    const type = auth.type ?? auth.scheme ?? auth.method;
    return typeof type === 'string' && /^(?:none|anonymous|public)$/i.test(type);
  }
  return false;
}

function serverManifestHits(doc: Json): Hit[] {
  const names = toolNames(doc.tools);
  if (names.length === 0) return [];
  const endpoint = endpointOf(doc);
  if (!endpoint) return [];
  const key = AUTH_KEYS.find((k) => k in doc);
  if (key && !disabled(doc[key])) return [];
  const where = endpoint.text;
  if (key) {
    return [{ path: key, what: `manifest sets "${key}" to ${JSON.stringify(doc[key])} for ${toolList(names)} at ${where}`, why: 'it advertises tools anyone who reaches the endpoint can call, and clients configured from it will never send credentials', confidence: 'high' }];
  }
  return [{ path: 'tools', what: `manifest declares ${toolList(names)} at ${where} and no auth`, why: 'it advertises tools anyone who reaches the endpoint can call, and clients configured from it will never send credentials' }];
}
