// Turns the MCP inventory into taint seeds: tool, prompt and resource-template arguments enter their handlers.
import { SINK_KINDS, type SinkKind, type SourceKind } from '../flow/concepts.js';
import type { Seed, SeedSource } from '../flow/taint.js';
import type { HandlerRef, Inventory, SchemaProperty } from '../model/inventory.js';

const SIMPLE_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export function seedsFromInventory(inv: Inventory): Seed[] {
  const seeds: Seed[] = [];
  for (const server of inv.servers) {
    for (const tool of server.tools) {
      if (!tool.handler) continue;
      const params = new Map(tool.params.map((p) => [p.name, p]));
      seeds.push(
        seedFor(tool.handler, 'tool-input', (param) => `argument "${param}" of tool "${tool.name}"`, tool.name, params, {
          kind: 'tool-output',
          label: `the result of tool "${tool.name}"`,
        }),
      );
    }
    for (const prompt of server.prompts) {
      if (!prompt.handler) continue;
      const params = new Map(prompt.arguments.map((p) => [p.name, p]));
      seeds.push(seedFor(prompt.handler, 'prompt-arg', (param) => `argument "${param}" of prompt "${prompt.name}"`, undefined, params, { kind: 'prompt-output', label: `the text of prompt "${prompt.name}"` }));
    }
    for (const res of server.resources) {
      if (!res.handler || !res.isTemplate) continue;
      const seed = seedFor(res.handler, 'resource-uri', (param) => `variable "${param}" of resource template "${res.uri}"`, undefined, new Map(), { kind: 'tool-output', label: `the contents of resource "${res.uri}"` });
      seed.params = uriParams(res.handler, res.uri);
      seeds.push(seed);
    }
  }
  // Handlers without arguments are seeded too: what they fetch, read or run still reaches their result and sinks.
  return seeds;
}

/**
 * The requested URI itself, which handlers often take apart by hand: TypeScript handlers get it as a URL object first
 * (`async (uri, vars) =>`), Go handlers inside the request (`req.Params.URI`; mcp-go also fills `req.Params.Arguments`).
 */
function uriParams(handler: HandlerRef, uri: string): NonNullable<Seed['params']> {
  const source: SeedSource = { kind: 'resource-uri', description: `the URI of resource template "${uri}"`, location: handler.location, param: '*' };
  if (/\.(?:[cm]?[jt]sx?)$/.test(handler.location.path)) return [{ index: 0, source }];
  if (handler.location.path.endsWith('.go')) {
    return [
      { index: 1, path: 'Params.URI', source },
      { index: 1, path: 'Params.Arguments', source: { ...source, description: `the variables of resource template "${uri}"` } },
    ];
  }
  return [];
}

function seedFor(
  handler: HandlerRef,
  kind: SourceKind,
  describe: (param: string) => string,
  tool: string | undefined,
  params: ReadonlyMap<string, SchemaProperty>,
  returnsTo: Seed['returnsTo'],
): Seed {
  const seed: Seed = { path: handler.location.path, at: handler.location, names: [], calls: [], returnsTo };
  const source = (param: string, location = handler.location): SeedSource => ({
    kind,
    description: describe(param),
    location,
    ...(tool ? { tool } : {}),
    param,
    ...safety(params.get(param)),
  });
  for (const b of handler.bindings) {
    const loc = b.location ?? handler.location;
    if (SIMPLE_NAME.test(b.local)) seed.names.push({ name: b.local, source: source(b.param, loc) });
    // Go-style bindings (`p := req.GetString("p", "")`) point at the accessor call: its result is the source, which
    // survives the assignment that a name seed would not.
    if (b.location) seed.calls.push({ location: b.location, source: source(b.param, loc) });
  }
  if (handler.argsObject) {
    const obj = handler.argsObject.replace(/\s+/g, '');
    if (params.size > 0) for (const p of params.keys()) seed.names.push({ name: `${obj}.${p}`, source: source(p) });
    else seed.names.push({ name: obj, source: { kind, description: describe('*').replace(/^(?:argument|variable) "\*"/, (m) => (m.startsWith('variable') ? 'the variables' : 'the arguments')), location: handler.location, ...(tool ? { tool } : {}) } });
  }
  return seed;
}

/** Schema constraints that already make a parameter safe: enums, booleans and numbers, and strict anchored patterns. */
function safety(p: SchemaProperty | undefined): { safeFor?: SinkKind[] | 'all' } {
  if (!p) return {};
  if (p.enum && p.enum.length > 0) return { safeFor: 'all' };
  if (p.type && /^(int|integer|number|float|bool|boolean|z\.number|z\.boolean|int64|float64)$/i.test(p.type)) return { safeFor: 'all' };
  if (p.pattern && strictPattern(p.pattern)) {
    // A strict pattern that admits dots still admits `..`, one level of traversal: safe for everything but paths.
    if (/\[[^\]]*\.[^\]]*\]/.test(p.pattern)) return { safeFor: SINK_KINDS.filter((k) => !k.startsWith('file-')) };
    return { safeFor: 'all' };
  }
  return {};
}

/** `^[a-z0-9_-]+$`: anchored at both ends, no `.`/`\S`/`\W` wildcards and no character classes that admit `/`, `;` or spaces. */
export function strictPattern(pattern: string): boolean {
  if (!pattern.startsWith('^') || !/\$$/.test(pattern)) return false;
  if (/(^|[^\\])\.|\\S|\\W|\\D|\[\^/.test(pattern)) return false;
  const classes = pattern.match(/\[[^\]]*\]/g) ?? [];
  return classes.every((c) => !/[\/;\s&|`$<>]|\\s/.test(c.slice(1, -1)));
}
