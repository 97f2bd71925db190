// Shared lookups for inventory tests: scan a fixture folder once, then find servers, tools and files by name.
import assert from 'node:assert/strict';
import path from 'node:path';
import { scan } from '../../src/engine/scan.js';
import type { Inventory, PromptDef, ResourceDef, ServerDef, ToolDef } from '../../src/model/inventory.js';

/** Scans `target` with no rules and returns its inventory, asserting the scan reported no errors. */
export async function scanInventory(target: string): Promise<Inventory> {
  const r = await scan({ target, rules: { rules: [] }, config: false, workers: 1 });
  assert.deepEqual(r.errors, [], `scan errors in ${target}`);
  return r.inventory;
}

/** `test/fixtures/inventory/<language>/`. */
export function fixtureRoot(language: 'python' | 'typescript' | 'go'): string {
  return path.join(import.meta.dirname, '..', 'fixtures', 'inventory', language);
}

/** A cached `inventoryOf(folder)` over the language's fixture folder. */
export function fixtureInventories(language: 'python' | 'typescript' | 'go'): (folder: string) => Promise<Inventory> {
  const root = fixtureRoot(language);
  const cache = new Map<string, Promise<Inventory>>();
  return (folder) => {
    let p = cache.get(folder);
    if (!p) {
      p = scanInventory(path.join(root, folder));
      cache.set(folder, p);
    }
    return p;
  };
}

function find<T>(list: readonly T[], key: (x: T) => string | undefined, want: string, what: string): T {
  const hit = list.find((x) => key(x) === want);
  assert.ok(hit, `no ${what} ${want}; have ${list.map(key).join(', ')}`);
  return hit;
}

export const server = (inv: Inventory, id: string): ServerDef => find(inv.servers, (s) => s.id, id, 'server');
export const tool = (s: ServerDef, name: string): ToolDef => find(s.tools, (t) => t.name, name, 'tool');
export const prompt = (s: ServerDef, name: string): PromptDef => find(s.prompts, (p) => p.name, name, 'prompt');
export const resource = (s: ServerDef, uri: string): ResourceDef => find(s.resources, (r) => r.uri, uri, 'resource');
export const fileOf = (inv: Inventory, p: string): Inventory['files'][number] => find(inv.files, (f) => f.path, p, 'file');

/** Handler bindings as `param=local` strings. */
export function bindings(d: { handler?: { bindings: { param: string; local: string }[] } }): string[] | undefined {
  return d.handler?.bindings.map((b) => `${b.param}=${b.local}`);
}
