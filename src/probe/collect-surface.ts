// Collects what a connected MCP server exposes: identity, protocol, capabilities, instructions, tools, prompts,
// resources and templates (every page, up to the caps), then lists tools again to catch definitions that change.
import type { Client } from '@modelcontextprotocol/client';
import type { ProbeIssue, ProbeLimits } from './limits.js';
import { displayText } from './text-safety.js';

export interface LiveTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  annotations?: Record<string, unknown>;
}

export interface LivePrompt {
  name: string;
  title?: string;
  description?: string;
  arguments?: { name: string; title?: string; description?: string; required?: boolean }[];
}

export interface LiveResource {
  uri: string;
  name?: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface LiveResourceTemplate {
  uriTemplate: string;
  name?: string;
  title?: string;
  description?: string;
  mimeType?: string;
}

export interface LiveSurface {
  server: { name?: string; version?: string; title?: string };
  protocolVersion?: string;
  /** `legacy` (initialize handshake) or `modern` (2026 revision, server/discover). */
  era?: string;
  capabilities: Record<string, unknown>;
  instructions?: string;
  tools: LiveTool[];
  prompts: LivePrompt[];
  resources: LiveResource[];
  resourceTemplates: LiveResourceTemplate[];
  /** What was cut short (pages, items, long texts), in words. */
  notices: string[];
}

export interface SurfaceChange {
  tool: string;
  change: 'added' | 'removed' | 'changed';
  fields: string[];
}

type ListMethod = 'tools/list' | 'prompts/list' | 'resources/list' | 'resources/templates/list';
const ITEMS: Record<ListMethod, string> = { 'tools/list': 'tools', 'prompts/list': 'prompts', 'resources/list': 'resources', 'resources/templates/list': 'resourceTemplates' };

export interface CollectContext {
  client: Client;
  limits: ProbeLimits;
  report: (issue: ProbeIssue) => void;
}

/** Every page of one list method, up to the page and item caps; a failure is recorded and yields what was read. */
export async function listAll(ctx: CollectContext, method: ListMethod, notices: string[]): Promise<Record<string, unknown>[]> {
  const key = ITEMS[method];
  const out: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= ctx.limits.maxPages) {
      notices.push(`${method}: stopped after ${ctx.limits.maxPages} pages`);
      ctx.report({ code: 'truncated', level: 'warning', message: `${method}: the server kept returning pages; stopped after ${ctx.limits.maxPages}` });
      break;
    }
    let result: Record<string, unknown>;
    try {
      // Bypasses the SDK's aggregating list helpers: they cache and filter, and the probe wants the raw pages.
      result = (await ctx.client.request({ method, params: cursor === undefined ? {} : { cursor } }, { timeout: ctx.limits.requestTimeoutMs })) as Record<string, unknown>;
    } catch (e) {
      ctx.report({ code: 'list-failed', level: 'error', message: `${method} failed: ${displayText((e as Error).message)}` });
      break;
    }
    const items = Array.isArray(result[key]) ? (result[key] as Record<string, unknown>[]) : [];
    for (const item of items) {
      if (out.length >= ctx.limits.maxItems) break;
      out.push(item);
    }
    if (out.length >= ctx.limits.maxItems && (items.length + out.length > ctx.limits.maxItems || result.nextCursor)) {
      notices.push(`${method}: kept the first ${ctx.limits.maxItems} items`);
      ctx.report({ code: 'truncated', level: 'warning', message: `${method}: more than ${ctx.limits.maxItems} items; kept the first ${ctx.limits.maxItems}` });
      break;
    }
    const next = typeof result.nextCursor === 'string' ? result.nextCursor : undefined;
    if (next === undefined) break;
    if (seen.has(next)) {
      notices.push(`${method}: the server repeated cursor; stopped`);
      ctx.report({ code: 'protocol-error', level: 'warning', message: `${method}: the server returned a cursor it had already returned; pagination stopped` });
      break;
    }
    seen.add(next);
    cursor = next;
  }
  return out;
}

function text(v: unknown, limits: ProbeLimits, notices: string[], where: string): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (v.length <= limits.maxTextChars) return v;
  notices.push(`${where}: cut to ${limits.maxTextChars} characters (was ${v.length})`);
  return v.slice(0, limits.maxTextChars);
}

export function toTool(raw: Record<string, unknown>, limits: ProbeLimits, notices: string[]): LiveTool {
  const name = typeof raw.name === 'string' ? raw.name : String(raw.name);
  const where = `tool "${displayText(name, 80)}"`;
  const t: LiveTool = { name };
  const title = text(raw.title, limits, notices, `title of ${where}`);
  if (title !== undefined) t.title = title;
  const description = text(raw.description, limits, notices, `description of ${where}`);
  if (description !== undefined) t.description = description;
  if (raw.inputSchema !== undefined) t.inputSchema = raw.inputSchema;
  if (raw.outputSchema !== undefined) t.outputSchema = raw.outputSchema;
  if (raw.annotations && typeof raw.annotations === 'object') t.annotations = raw.annotations as Record<string, unknown>;
  return t;
}

function pick<T extends object>(raw: Record<string, unknown>, keys: string[], limits: ProbeLimits, notices: string[], where: string): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = raw[k];
    if (typeof v === 'string') out[k] = text(v, limits, notices, `${k} of ${where}`);
    else if (typeof v === 'boolean') out[k] = v;
  }
  return out as T;
}

export async function collectSurface(ctx: CollectContext): Promise<LiveSurface> {
  const { client, limits } = ctx;
  const notices: string[] = [];
  const info = client.getServerVersion() as { name?: unknown; version?: unknown; title?: unknown } | undefined;
  const caps = (client.getServerCapabilities() ?? {}) as Record<string, unknown>;
  const surface: LiveSurface = {
    server: {},
    capabilities: caps,
    tools: [],
    prompts: [],
    resources: [],
    resourceTemplates: [],
    notices,
  };
  if (typeof info?.name === 'string') surface.server.name = info.name;
  if (typeof info?.version === 'string') surface.server.version = info.version;
  if (typeof info?.title === 'string') surface.server.title = info.title;
  const pv = client.getNegotiatedProtocolVersion();
  if (pv) surface.protocolVersion = pv;
  const era = (client as { getProtocolEra?: () => string | undefined }).getProtocolEra?.();
  if (era) surface.era = era;
  const instructions = text(client.getInstructions(), limits, notices, 'server instructions');
  if (instructions !== undefined) surface.instructions = instructions;

  if (caps.tools) surface.tools = (await listAll(ctx, 'tools/list', notices)).map((t) => toTool(t, limits, notices));
  if (caps.prompts) {
    surface.prompts = (await listAll(ctx, 'prompts/list', notices)).map((p) => {
      const where = `prompt "${displayText(String(p.name), 80)}"`;
      const out = pick<LivePrompt>(p, ['name', 'title', 'description'], limits, notices, where);
      out.name ??= String(p.name);
      if (Array.isArray(p.arguments)) {
        out.arguments = (p.arguments as Record<string, unknown>[]).map((a) => {
          const arg = pick<NonNullable<LivePrompt['arguments']>[number]>(a, ['name', 'title', 'description', 'required'], limits, notices, `argument of ${where}`);
          arg.name ??= String(a.name);
          return arg;
        });
      }
      return out;
    });
  }
  if (caps.resources) {
    surface.resources = (await listAll(ctx, 'resources/list', notices)).map((r) => {
      const out = pick<LiveResource>(r, ['uri', 'name', 'title', 'description', 'mimeType'], limits, notices, `resource "${displayText(String(r.uri), 80)}"`);
      out.uri ??= String(r.uri);
      return out;
    });
    surface.resourceTemplates = (await listAll(ctx, 'resources/templates/list', notices)).map((r) => {
      const out = pick<LiveResourceTemplate>(r, ['uriTemplate', 'name', 'title', 'description', 'mimeType'], limits, notices, `resource template "${displayText(String(r.uriTemplate), 80)}"`);
      out.uriTemplate ??= String(r.uriTemplate);
      return out;
    });
  }
  return surface;
}

/** Canonical JSON: object keys sorted, so two listings compare equal when only key order differs. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]));
  });
}

/** Tools that differ between two listings, with the top-level fields that changed. */
export function compareTools(before: readonly LiveTool[], after: readonly LiveTool[]): SurfaceChange[] {
  const out: SurfaceChange[] = [];
  const a = new Map(before.map((t) => [t.name, t]));
  const b = new Map(after.map((t) => [t.name, t]));
  for (const [name, t] of a) {
    const u = b.get(name);
    if (!u) {
      out.push({ tool: name, change: 'removed', fields: [] });
      continue;
    }
    const fields = (['title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const).filter((f) => canonicalJson(t[f]) !== canonicalJson(u[f]));
    if (fields.length) out.push({ tool: name, change: 'changed', fields: [...fields] });
  }
  for (const name of b.keys()) if (!a.has(name)) out.push({ tool: name, change: 'added', fields: [] });
  return out.sort((x, y) => (x.tool < y.tool ? -1 : x.tool > y.tool ? 1 : 0));
}
