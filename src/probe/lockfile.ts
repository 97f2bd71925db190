// mcpvet.lock: the pinned tool surface of each server (hash plus normalised content), and its field-level diff
// against what a server returns now — rug-pull detection.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { VERSION } from '../engine/version.js';
import { canonicalJson, type LiveSurface } from './collect-surface.js';
import type { PendingDrift } from './live-inventory.js';
import { displayText } from './text-safety.js';

export const LOCKFILE_VERSION = 1;

export interface LockedItem {
  hash: string;
  content: Record<string, unknown>;
}

export interface LockedServer {
  /** How the server was reached when pinned (command line or URL). */
  target: string;
  /** Hash over everything below. */
  hash: string;
  instructions?: LockedItem;
  tools: Record<string, LockedItem>;
  prompts: Record<string, LockedItem>;
  resources: Record<string, LockedItem>;
  resourceTemplates: Record<string, LockedItem>;
}

export interface LockFile {
  lockfileVersion: number;
  generatedBy: string;
  servers: Record<string, LockedServer>;
}

export class LockFileError extends Error {}

type Section = 'tools' | 'prompts' | 'resources' | 'resourceTemplates';
const SECTIONS: { section: Section; kind: string; key: (x: Record<string, unknown>) => string; fields: string[] }[] = [
  { section: 'tools', kind: 'tool', key: (x) => String(x.name), fields: ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] },
  { section: 'prompts', kind: 'prompt', key: (x) => String(x.name), fields: ['name', 'title', 'description', 'arguments'] },
  { section: 'resources', kind: 'resource', key: (x) => String(x.uri), fields: ['uri', 'name', 'title', 'description', 'mimeType'] },
  { section: 'resourceTemplates', kind: 'resource-template', key: (x) => String(x.uriTemplate), fields: ['uriTemplate', 'name', 'title', 'description', 'mimeType'] },
];

export function hashOf(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/** Normalised content: only the fields a client's model sees, keys sorted, Unicode left exactly as sent. */
function normalise(item: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (item[f] !== undefined) out[f] = JSON.parse(canonicalJson(item[f])) as unknown;
  return out;
}

/** The key a server is pinned under: its own name, else how it was reached. */
export function serverKey(surface: LiveSurface, target: string): string {
  return surface.server.name || target;
}

export function lockSurface(surface: LiveSurface, target: string): LockedServer {
  const server: Omit<LockedServer, 'hash'> = { target, tools: {}, prompts: {}, resources: {}, resourceTemplates: {} };
  if (surface.instructions !== undefined) server.instructions = { hash: hashOf(surface.instructions), content: { text: surface.instructions } };
  for (const s of SECTIONS) {
    const items = surface[s.section] as unknown as Record<string, unknown>[];
    for (const item of [...items].sort((a, b) => (s.key(a) < s.key(b) ? -1 : s.key(a) > s.key(b) ? 1 : 0))) {
      const content = normalise(item, s.fields);
      server[s.section][s.key(item)] = { hash: hashOf(content), content };
    }
  }
  const { target: _t, ...hashed } = server;
  return { ...server, hash: hashOf(hashed) };
}

export function mergeLock(existing: LockFile | undefined, key: string, server: LockedServer): LockFile {
  const servers = { ...(existing?.servers ?? {}), [key]: server };
  return { lockfileVersion: LOCKFILE_VERSION, generatedBy: `mcpvet ${VERSION}`, servers: Object.fromEntries(Object.keys(servers).sort().map((k) => [k, servers[k]!])) };
}

export async function readLock(file: string): Promise<LockFile> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    throw new LockFileError(`cannot read lock file ${file}: ${(e as Error).message}`);
  }
  const lock = raw as Partial<LockFile>;
  if (!lock || typeof lock !== 'object' || lock.lockfileVersion !== LOCKFILE_VERSION || !lock.servers || typeof lock.servers !== 'object') {
    throw new LockFileError(`${file} is not an mcpvet lock file (lockfileVersion ${LOCKFILE_VERSION})`);
  }
  return lock as LockFile;
}

export async function writeLock(file: string, lock: LockFile): Promise<void> {
  await writeFile(file, `${JSON.stringify(lock, null, 2)}\n`);
}

function show(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return displayText(typeof v === 'string' ? v : canonicalJson(v), 400);
}

/**
 * Field-level differences between two normalised items: objects are compared key by key (explicit stack, so a deep
 * schema cannot overflow), arrays and scalars as whole values.
 */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): { path: string[]; before?: unknown; after?: unknown }[] {
  const out: { path: string[]; before?: unknown; after?: unknown }[] = [];
  const stack: { path: string[]; a: unknown; b: unknown }[] = [{ path: [], a: before, b: after }];
  while (stack.length) {
    const { path, a, b } = stack.pop()!;
    const objA = a && typeof a === 'object' && !Array.isArray(a);
    const objB = b && typeof b === 'object' && !Array.isArray(b);
    if (objA && objB) {
      const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort().reverse();
      for (const k of keys) stack.push({ path: [...path, k], a: (a as Record<string, unknown>)[k], b: (b as Record<string, unknown>)[k] });
      continue;
    }
    if (canonicalJson(a) !== canonicalJson(b)) out.push({ path, ...(a !== undefined ? { before: a } : {}), ...(b !== undefined ? { after: b } : {}) });
  }
  return out;
}

/** Every difference between the pinned server and the surface now, with a pointer to the changed field. */
export function diffLocked(locked: LockedServer | undefined, surface: LiveSurface, target: string): PendingDrift[] {
  const name = serverKey(surface, target);
  if (!locked) return [{ change: 'added', kind: 'server', name, field: '', after: 'not pinned in the lock file', pointer: ['server'] }];
  const now = lockSurface(surface, target);
  if (now.hash === locked.hash) return [];
  const out: PendingDrift[] = [];
  if (locked.instructions?.hash !== now.instructions?.hash) {
    out.push({
      change: !locked.instructions ? 'added' : !now.instructions ? 'removed' : 'changed',
      kind: 'instructions',
      name,
      field: '',
      ...opt('before', show(locked.instructions?.content.text)),
      ...opt('after', show(now.instructions?.content.text)),
      ...(now.instructions ? { pointer: ['instructions'] } : {}),
    });
  }
  for (const s of SECTIONS) {
    const items = surface[s.section] as unknown as Record<string, unknown>[];
    const index = new Map(items.map((x, i) => [s.key(x), i]));
    const was = locked[s.section] ?? {};
    const is = now[s.section];
    for (const key of [...new Set([...Object.keys(was), ...Object.keys(is)])].sort()) {
      const a = was[key];
      const b = is[key];
      const i = index.get(key);
      if (a && !b) {
        out.push({ change: 'removed', kind: s.kind, name: key, field: '', ...opt('before', show(a.content.description ?? a.content.name ?? key)) });
        continue;
      }
      if (!a && b) {
        out.push({ change: 'added', kind: s.kind, name: key, field: '', ...opt('after', show(b.content.description ?? key)), ...(i !== undefined ? { pointer: [s.section, i] } : {}) });
        continue;
      }
      if (!a || !b || a.hash === b.hash) continue;
      for (const d of diffFields(a.content, b.content)) {
        const exists = d.after !== undefined && i !== undefined;
        out.push({
          change: 'changed',
          kind: s.kind,
          name: key,
          field: d.path.join('.'),
          ...opt('before', show(d.before)),
          ...opt('after', show(d.after)),
          ...(exists ? { pointer: [s.section, i, ...d.path] } : i !== undefined ? { pointer: [s.section, i] } : {}),
        });
      }
    }
  }
  return out;
}

function opt<K extends string>(key: K, v: string | undefined): Partial<Record<K, string>> {
  return v === undefined ? {} : ({ [key]: v } as Record<K, string>);
}
