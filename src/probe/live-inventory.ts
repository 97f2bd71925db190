// Turns a probed surface into the scanner's Inventory, pointing every tool and field at its line in a rendered JSON
// document (`live/<server>.json`), so the project rules and every report format work on live data unchanged.
import type { Inventory, PromptDef, ResourceDef, SchemaProperty, ServerDef, ServerLanguage, TextValue, ToolAnnotations, ToolDef } from '../model/inventory.js';
import type { DriftEntry, HttpPosture, LiveFacts, ProbeChange } from '../model/live-facts.js';
import type { Location } from '../model/location.js';
import type { LiveSurface, LiveTool, SurfaceChange } from './collect-surface.js';
import { pointerOf, renderJsonDocument, type JsonDocument } from './json-document.js';

/** A drift entry before it has a place in the document; `pointer` names the changed field in the new surface. */
export type PendingDrift = Omit<DriftEntry, 'location'> & { pointer?: (string | number)[] };

export interface LiveDocumentInput {
  /** How the user named the server (command line or URL), shown in the document. */
  target: string;
  transport: 'stdio' | 'streamable-http' | 'sse';
  surface?: LiveSurface;
  changes?: SurfaceChange[];
  /** Later definitions of the tools that changed during the probe. */
  relisted?: LiveTool[];
  listChangedNotifications?: number;
  posture?: HttpPosture;
  drift?: PendingDrift[];
  lockCompared?: boolean;
  /** Best guess of the implementation language (the protocol does not say); only shown in the inventory. */
  language?: ServerLanguage;
}

export interface LiveDocument {
  doc: JsonDocument;
  inventory: Inventory;
  facts: LiveFacts;
}

/** A file name for the document: the server's own name, else the host or command, reduced to safe characters. */
export function documentName(input: Pick<LiveDocumentInput, 'surface' | 'target'>): string {
  const raw = input.surface?.server.name || input.target;
  const slug = raw
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  return `live/${slug || 'server'}.json`;
}

export function buildLiveDocument(input: LiveDocumentInput): LiveDocument {
  const s = input.surface;
  const pendingDrift = input.drift ?? [];
  const body: Record<string, unknown> = {
    target: input.target,
    transport: input.transport,
  };
  if (s) {
    body.server = s.server;
    body.protocolVersion = s.protocolVersion;
    body.era = s.era;
    body.capabilities = s.capabilities;
    body.instructions = s.instructions;
    body.tools = s.tools;
    body.prompts = s.prompts;
    body.resources = s.resources;
    body.resourceTemplates = s.resourceTemplates;
    if (s.notices.length) body.notices = s.notices;
  }
  if (input.changes?.length) body.changesDuringProbe = input.changes;
  if (input.relisted?.length) body.relistedTools = input.relisted;
  if (input.listChangedNotifications) body.listChangedNotifications = input.listChangedNotifications;
  if (pendingDrift.length) body.drift = pendingDrift.map(({ pointer: _p, ...d }) => d);
  if (input.posture) body.http = input.posture;
  const doc = renderJsonDocument(documentName(input), body, new Set(['location']));
  const at = (...parts: (string | number)[]) => doc.locate(pointerOf(parts));

  const facts: LiveFacts = { document: doc.path };
  if (input.posture) facts.http = placePosture(input.posture, at);
  if (input.lockCompared) facts.lockCompared = true;
  if (pendingDrift.length || input.lockCompared) {
    facts.drift = pendingDrift.map(({ pointer, ...d }, k) => ({ ...d, location: pointer ? at(...pointer) : at('drift', k) }));
  }
  if (input.changes?.length) {
    const index = new Map((s?.tools ?? []).map((t, i) => [t.name, i]));
    facts.changesDuringProbe = input.changes.map((c, k): ProbeChange => {
      const i = index.get(c.tool);
      return { ...c, location: i !== undefined ? at('tools', i, 'name') : at('changesDuringProbe', k) };
    });
  }
  if (input.listChangedNotifications) facts.listChangedNotifications = input.listChangedNotifications;

  const servers: ServerDef[] = s ? [serverDef(s, input, at)] : [];
  if (s && input.relisted?.length) {
    // The changed definitions are checked like the first ones, as a second listing of the same server.
    const first = servers[0]!;
    servers.push({ ...first, id: `${first.id}#relisted`, tools: input.relisted.map((t, i) => toolDef(t, i, at, 'relistedTools')), prompts: [], resources: [], location: at('relistedTools') });
    delete servers[1]!.instructions;
  }
  return { doc, inventory: { isMcpServer: servers.length > 0, servers, manifests: [], files: [] }, facts };
}

type At = (...parts: (string | number)[]) => Location;

function tv(value: unknown, location: Location): TextValue | undefined {
  return typeof value === 'string' ? { value, origin: 'literal', location } : undefined;
}

function serverDef(s: LiveSurface, input: LiveDocumentInput, at: At): ServerDef {
  const server: ServerDef = {
    id: `live:${s.server.name ?? input.target}`,
    language: input.language ?? 'typescript',
    sdk: { package: 'unknown', api: 'live' },
    transports: [],
    auth: [],
    tools: s.tools.map((t, i) => toolDef(t, i, at)),
    prompts: s.prompts.map((p, i) => promptDef(p, i, at)),
    resources: [
      ...s.resources.map((r, i): ResourceDef => ({
        ...(r.name !== undefined ? { name: r.name } : {}),
        uri: r.uri,
        isTemplate: false,
        templateVariables: [],
        ...opt('title', tv(r.title, at('resources', i, 'title'))),
        ...opt('description', tv(r.description, at('resources', i, 'description'))),
        ...(r.mimeType !== undefined ? { mimeType: r.mimeType } : {}),
        api: 'resources/list',
        location: at('resources', i, 'uri'),
      })),
      ...s.resourceTemplates.map((r, i): ResourceDef => ({
        ...(r.name !== undefined ? { name: r.name } : {}),
        uri: r.uriTemplate,
        isTemplate: true,
        templateVariables: [...r.uriTemplate.matchAll(/\{[+#./;?&]?([^}]+)\}/g)].flatMap((m) => m[1]!.split(',').map((v) => v.replace(/[*:].*$/, ''))),
        ...opt('title', tv(r.title, at('resourceTemplates', i, 'title'))),
        ...opt('description', tv(r.description, at('resourceTemplates', i, 'description'))),
        ...(r.mimeType !== undefined ? { mimeType: r.mimeType } : {}),
        api: 'resources/templates/list',
        location: at('resourceTemplates', i, 'uriTemplate'),
      })),
    ],
    location: at('server'),
  };
  const name = tv(s.server.name, at('server', 'name'));
  if (name) server.name = name;
  const version = tv(s.server.version, at('server', 'version'));
  if (version) server.version = version;
  const instructions = tv(s.instructions, at('instructions'));
  if (instructions) server.instructions = instructions;
  let host: string | undefined;
  let port: string | undefined;
  try {
    const u = new URL(input.target);
    host = u.hostname;
    port = u.port || undefined;
  } catch {
    /* a command line */
  }
  server.transports.push({
    kind: input.transport === 'stdio' ? 'stdio' : input.transport,
    api: 'live',
    ...(host ? { host } : {}),
    ...(port ? { port } : {}),
    dnsRebindingProtection: input.transport === 'stdio' ? 'not-applicable' : 'default',
    location: at('transport'),
  });
  return server;
}

function opt<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, V>);
}

function toolDef(t: LiveSurface['tools'][number], i: number, at: At, section = 'tools'): ToolDef {
  const tool: ToolDef = {
    name: t.name,
    nameResolved: true,
    params: schemaParams(t.inputSchema, (...p) => at(section, i, 'inputSchema', ...p)),
    schemaKind: t.inputSchema === undefined ? 'none' : 'json-schema',
    api: 'tools/list',
    location: at(section, i, 'name'),
    ...opt('title', tv(t.title, at(section, i, 'title'))),
    ...opt('description', tv(t.description, at(section, i, 'description'))),
  };
  if (t.annotations) {
    const a = t.annotations;
    const ann: ToolAnnotations = { location: at(section, i, 'annotations') };
    const title = tv(a.title, at(section, i, 'annotations', 'title'));
    if (title) ann.title = title;
    for (const k of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) if (typeof a[k] === 'boolean') ann[k] = a[k] as boolean;
    tool.annotations = ann;
  }
  return tool;
}

function schemaParams(schema: unknown, at: At): SchemaProperty[] {
  if (!schema || typeof schema !== 'object') return [];
  const props = (schema as { properties?: unknown }).properties;
  if (!props || typeof props !== 'object' || Array.isArray(props)) return [];
  const required = new Set(Array.isArray((schema as { required?: unknown }).required) ? ((schema as { required: unknown[] }).required.filter((x) => typeof x === 'string') as string[]) : []);
  return Object.entries(props as Record<string, unknown>).map(([name, raw]) => {
    const p = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const here = (...k: (string | number)[]) => at('properties', name, ...k);
    const prop: SchemaProperty = { name, required: required.has(name), location: here() };
    if (typeof p.type === 'string') prop.type = p.type;
    else if (Array.isArray(p.type)) prop.type = p.type.map(String).join('|');
    const title = tv(p.title, here('title'));
    if (title) prop.title = title;
    const description = tv(p.description, here('description'));
    if (description) prop.description = description;
    if (Array.isArray(p.enum)) prop.enum = p.enum.map((v, k) => ({ value: typeof v === 'string' ? v : JSON.stringify(v), origin: 'literal' as const, location: here('enum', k) }));
    if (p.default !== undefined) prop.default = { value: typeof p.default === 'string' ? p.default : JSON.stringify(p.default), origin: 'literal', location: here('default') };
    if (typeof p.pattern === 'string') prop.pattern = p.pattern;
    for (const k of ['minLength', 'maxLength', 'minimum', 'maximum'] as const) if (typeof p[k] === 'number') prop[k] = p[k] as number;
    if (typeof p.format === 'string') prop.format = p.format;
    return prop;
  });
}

function promptDef(p: LiveSurface['prompts'][number], i: number, at: At): PromptDef {
  return {
    name: p.name,
    nameResolved: true,
    ...opt('title', tv(p.title, at('prompts', i, 'title'))),
    ...opt('description', tv(p.description, at('prompts', i, 'description'))),
    arguments: (p.arguments ?? []).map((a, k): SchemaProperty => ({
      name: a.name,
      required: a.required === true,
      ...opt('title', tv(a.title, at('prompts', i, 'arguments', k, 'title'))),
      ...opt('description', tv(a.description, at('prompts', i, 'arguments', k, 'description'))),
      location: at('prompts', i, 'arguments', k),
    })),
    api: 'prompts/list',
    location: at('prompts', i, 'name'),
  };
}

/** Gives every posture fact the line of its entry under `http` in the document. */
function placePosture(p: HttpPosture, at: At): HttpPosture {
  const out: HttpPosture = { ...p, location: at('http'), unauthenticatedInitialize: { ...p.unauthenticatedInitialize, location: at('http', 'unauthenticatedInitialize') } };
  if (p.unauthenticatedToolsList) out.unauthenticatedToolsList = { ...p.unauthenticatedToolsList, location: at('http', 'unauthenticatedToolsList') };
  if (p.challenge) out.challenge = { ...p.challenge, location: at('http', 'challenge') };
  if (p.protectedResourceMetadata) out.protectedResourceMetadata = { ...p.protectedResourceMetadata, location: at('http', 'protectedResourceMetadata') };
  if (p.authorizationServer) out.authorizationServer = { ...p.authorizationServer, location: at('http', 'authorizationServer') };
  if (p.foreignOrigin) out.foreignOrigin = { ...p.foreignOrigin, location: at('http', 'foreignOrigin') };
  if (p.foreignHost) out.foreignHost = { ...p.foreignHost, location: at('http', 'foreignHost') };
  if (p.corsPreflight) out.corsPreflight = { ...p.corsPreflight, location: at('http', 'corsPreflight') };
  if (p.sessions) out.sessions = { ...p.sessions, location: at('http', 'sessions') };
  return out;
}
