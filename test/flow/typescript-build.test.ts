// The JS/TS/TSX flow builder on small snippets (functions, callees, string building, guards, loops, callbacks,
// imports and exports), on hostile nesting and broken syntax, over the bench corpus; and the JS/TS concept table.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildTypeScriptFlow } from '../../src/flow/build/build-typescript.js';
import { calleeMatches, SINK_KINDS, SOURCE_KINDS, type SinkKind } from '../../src/flow/concepts.js';
import { TYPESCRIPT_CONCEPTS } from '../../src/flow/concepts/typescript.js';
import type { FileFlow, FlowExpr } from '../../src/flow/ir.js';
import { solve } from '../../src/flow/solve.js';
import type { Seed } from '../../src/flow/taint.js';
import { Parsers } from '../../src/parse/parsers.js';
import { allStmts, callReaders, fn, shape } from '../helpers/flow-ir.js';

type Grammar = 'javascript' | 'typescript' | 'tsx';

let parsers: Parsers;
before(async () => {
  parsers = await Parsers.create();
  await parsers.loadAll(['javascript', 'typescript', 'tsx']);
});

function build(src: string, language: Grammar = 'typescript', file = 'srv/app.ts'): FileFlow {
  const tree = parsers.parse(language, src, 60_000);
  assert.ok(tree, 'parsed');
  try {
    return buildTypeScriptFlow({ path: file, language, tree, text: src });
  } finally {
    tree.delete();
  }
}

const { calls, callees, call } = callReaders(true);

const ref = (name: string): FlowExpr => ({ kind: 'ref', ref: { kind: 'var', name } });
const field = (base: string, ...names: string[]): FlowExpr => {
  let r: { kind: 'var'; name: string } | { kind: 'field'; base: unknown; name: string } = { kind: 'var', name: base };
  for (const n of names) r = { kind: 'field', base: r, name: n };
  return { kind: 'ref', ref: r } as FlowExpr;
};
const lit = (value?: string): FlowExpr => (value === undefined ? { kind: 'lit' } : { kind: 'lit', value });
const pcall = (callee: string, args: unknown[], extra: Record<string, unknown> = {}) => ({ kind: 'call', call: { callee, args, kwargs: {}, ...extra } });

/** Deepest object nesting of a value and how many objects it holds, measured without recursion. */
function measure(v: unknown): { depth: number; objects: number } {
  let depth = 0;
  let objects = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    objects++;
    if (d > depth) depth = d;
    for (const c of Object.values(x as object)) stack.push([c, d + 1]);
  }
  return { depth, objects };
}

/** The value of the first statement of `<module>` for `x = <expr>`. */
function value(expr: string, language: Grammar = 'typescript'): unknown {
  const s = build(`x = ${expr};`, language).functions[0]!.stmts.find((st) => st.kind === 'assign' && st.target.kind === 'var' && st.target.name === 'x');
  assert.ok(s && s.kind === 'assign', `assignment of ${expr}`);
  return shape(s.value);
}

describe('typescript flow builder: functions', () => {
  it('lists the module first, then functions, methods, closures and arrows with ids, parents and params', () => {
    const flow = build(`
export async function handler({ path: p, mode = 'r', ...rest }: Opts, [first, second]: string[], ...more: number[]) {
  function inner(a) { return a; }
  const arrow = async (b) => inner(b);
  return [1, 2].map((x) => x + 1);
}
class Store extends Base {
  cache = {};
  onEvent = (e) => this.handle(e);
  constructor(private readonly db: Db, name = process.env.NAME) { super(); }
  async get(k: string) { return this.cache[k]; }
  static make() { return new Store(); }
}
`);
    const names = flow.functions.map((f) => f.qualified);
    assert.equal(names[0], '<module>');
    assert.equal(flow.functions[0]!.id, 'srv/app.ts#<module>');
    for (const q of ['handler', 'handler.inner', 'handler.arrow', 'Store.onEvent', 'Store.constructor', 'Store.get', 'Store.make']) assert.ok(names.includes(q), `${q} in ${names.join(', ')}`);
    const h = fn(flow, 'handler');
    assert.equal(h.id, 'srv/app.ts#handler');
    assert.equal(h.parent, 'srv/app.ts#<module>');
    assert.deepEqual(shape(h.params), [
      { name: '<arg0>', index: 0, destructured: [{ name: 'p', key: 'path' }, { name: 'mode', key: 'mode' }, { name: 'rest', key: '...' }] },
      { name: '<arg1>', index: 1, destructured: [{ name: 'first', key: '0' }, { name: 'second', key: '1' }] },
      { name: 'more', index: 2, rest: true },
    ]);
    // Literal defaults change nothing; the body starts with the nested function.
    assert.deepEqual(shape(h.stmts[0]), { kind: 'assign', target: { kind: 'var', name: 'inner' }, value: { kind: 'func', fnId: 'srv/app.ts#handler.inner' } });
    assert.equal(fn(flow, 'handler.inner').parent, h.id);
    assert.deepEqual(shape(h.stmts.find((s) => s.kind === 'assign' && s.target.kind === 'var' && s.target.name === 'inner')), { kind: 'assign', target: { kind: 'var', name: 'inner' }, value: { kind: 'func', fnId: 'srv/app.ts#handler.inner' } });
    const anon = flow.functions.find((f) => f.qualified.startsWith('<anon>@'))!;
    assert.match(anon.id, /^srv\/app\.ts#<anon>@5:\d+$/);
    assert.equal(anon.parent, h.id);
    assert.deepEqual(callees(fn(flow, 'handler.arrow')), ['inner']);
    const get = fn(flow, 'Store.get');
    assert.equal(get.className, 'Store');
    assert.equal(get.name, 'get');
    assert.deepEqual(get.params.map((p) => p.name), ['k']);
    assert.deepEqual(shape(get.stmts), [{ kind: 'return', value: { kind: 'ref', ref: { kind: 'index', base: { kind: 'field', base: { kind: 'var', name: 'self' }, name: 'cache' } } } }]);
    assert.equal(fn(flow, 'Store.onEvent').className, 'Store');
    assert.deepEqual(callees(fn(flow, 'Store.onEvent')), ['self.handle']);
    const ctor = fn(flow, 'Store.constructor');
    assert.deepEqual(ctor.params.map((p) => p.name), ['db', 'name']);
    assert.deepEqual(shape(ctor.stmts.slice(0, 3)), [
      { kind: 'assign', target: { kind: 'field', base: { kind: 'var', name: 'self' }, name: 'db' }, value: ref('db') },
      { kind: 'assign', target: { kind: 'var', name: 'name' }, value: { kind: 'choice', options: [ref('name'), pcall('process.env', [lit('NAME')])] } },
      { kind: 'assign', target: { kind: 'field', base: { kind: 'var', name: 'self' }, name: 'cache' }, value: { kind: 'collection', items: [], keys: [] } },
    ]);
  });

  it('names object methods after a named object, prototype methods after the class, and keeps others anonymous', () => {
    const flow = build(
      `
const api = { read(p) { return p; }, write: async (p) => p, nested: { deep() {} } };
Foo.prototype.bar = function (x) { return this.baz(x); };
server.tool('t', {}, async function named(args) {});
server.addTool({ name: 'x', execute: async (args) => args.q });
(async () => { await main(); })();
`,
      'javascript',
      'srv/app.js',
    );
    const names = flow.functions.map((f) => f.qualified);
    for (const q of ['api.read', 'api.write', 'api.nested.deep', 'Foo.bar', 'named']) assert.ok(names.includes(q), `${q} in ${names.join(', ')}`);
    assert.equal(fn(flow, 'Foo.bar').className, 'Foo');
    assert.deepEqual(callees(fn(flow, 'Foo.bar')), ['self.baz']);
    const anon = flow.functions.filter((f) => f.qualified.startsWith('<anon>@'));
    assert.equal(anon.length, 2);
    // An immediately invoked function is named by where it starts, and the call names it.
    const iife = anon.find((f) => f.name.startsWith('iife@'))!;
    assert.ok(iife, anon.map((f) => f.name).join(', '));
    assert.ok(callees(flow.functions[0]!).includes(iife.name));
  });

  it('gives functions with the same name distinct ids and is deterministic', () => {
    const src = `
let f = () => 1;
f = () => 2;
function g() { return 1; }
`;
    const flow = build(src);
    const ids = flow.functions.map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.includes('srv/app.ts#f') && ids.some((i) => /#f@3:5$/.test(i)), ids.join(', '));
    assert.deepEqual(build(src), flow);
  });
});

describe('typescript flow builder: callees', () => {
  it('names calls through every import form, aliases, self, globals and values', () => {
    const flow = build(`
import fs, { readFile as rf } from 'node:fs';
import * as cp from 'child_process';
import { promises as fsp } from 'fs';
import fsPromises from 'fs/promises';
import util, { promisify } from 'util';
import helper from './helper.js';
import os = require('os');
const { execSync } = require('child_process');
const axios = require('axios');
const spawn = require('child_process').spawn;
const execAsync = promisify(cp.exec);
const run2 = util.promisify(require('child_process').execFile);
const { join } = require('path');
export async function h(p: string) {
  fs.readFileSync(p);
  rf(p);
  fsp.readFile(p);
  fsPromises.writeFile(p, 'x');
  execSync(p);
  spawn('git', [p]);
  await execAsync(p);
  await run2('ls', [p]);
  os.homedir();
  await axios.get(p).then((r) => r.data);
  require('child_process').exec(p);
  const m = await import('node:path');
  helper(p);
  join(p, 'a');
  JSON.parse(p);
  window.fetch(p);
  p.startsWith('/srv/');
  this.save(p);
  (await fetch(p)).json();
}
`);
    assert.deepEqual(callees(fn(flow, 'h')), [
      'fs.readFileSync',
      'fs.readFile',
      'fs.promises.readFile',
      'fs/promises.writeFile',
      'child_process.execSync',
      'child_process.spawn',
      'child_process.exec',
      'child_process.execFile',
      'os.homedir',
      'axios.get',
      '.then',
      'child_process.exec',
      './helper.js.default',
      'path.join',
      'JSON.parse',
      'fetch',
      '.startsWith',
      'self.save',
      '.json',
      'fetch',
    ]);
    assert.deepEqual(shape(call(fn(flow, 'h'), '.startsWith')), { callee: '.startsWith', args: [lit('/srv/')], kwargs: {}, receiver: ref('p') });
    assert.deepEqual(shape(call(fn(flow, 'h'), '.json').receiver), pcall('fetch', [ref('p')]));
    assert.deepEqual(shape(call(fn(flow, 'h'), '.then').receiver), pcall('axios.get', [ref('p')]));
  });

  it('lets parameters and locals hide imports and globals', () => {
    const flow = build(`
import path from 'path';
function a(path) { return path.join('x', 'y'); }
function b() { const process = load(); return process.env.X; }
function c() { return path.join('x'); }
`);
    assert.deepEqual(callees(fn(flow, 'a')), ['.join']);
    assert.deepEqual(callees(fn(flow, 'b')), ['load']);
    assert.deepEqual(shape(fn(flow, 'b').stmts.at(-1)), { kind: 'return', value: field('process', 'env', 'X') });
    assert.deepEqual(callees(fn(flow, 'c')), ['path.join']);
  });

  it('reads environment, module members and sizes as calls', () => {
    const flow = build(`
import path from 'node:path';
function f(k, s) {
  const a = process.env.API_KEY;
  const b = process.env[k];
  const { TOKEN, URL: u } = process.env;
  const sep = path.sep;
  const n = s.length;
  const argv = process.argv;
}
`);
    const vals = allStmts(fn(flow, 'f').stmts).map((s) => (s.kind === 'assign' || s.kind === 'destructure' ? shape(s.value) : undefined));
    assert.deepEqual(vals, [pcall('process.env', [lit('API_KEY')]), pcall('process.env', [ref('k')]), pcall('process.env', []), pcall('path.sep', []), pcall('.length', [], { receiver: ref('s') }), pcall('process.argv', [])]);
  });

  it('names namespaced calls on package class instances after the class', () => {
    const flow = build(`
import OpenAI from 'openai';
import { Pool } from 'pg';
import Anthropic from '@anthropic-ai/sdk';
import { Local } from './local.js';
const client = new OpenAI();
const pool = new Pool();
class Srv {
  llm = new Anthropic();
  constructor() { this.db = new Local(); }
  async go(q) {
    await this.llm.messages.create({ system: q, messages: [] });
    await this.db.conn.query(q);
    await client.chat.completions.create({ messages: [] });
    await pool.query(q);
    const f = (client) => client.chat.completions.create({});
  }
}
`);
    assert.deepEqual(callees(fn(flow, 'Srv.go')), ['@anthropic-ai/sdk.messages.create', '.query', 'openai.chat.completions.create', '.query']);
    assert.deepEqual(shape(call(fn(flow, 'Srv.go'), 'openai.chat.completions.create').receiver), field('client', 'chat', 'completions'));
    const inner = flow.functions.find((f) => f.parent === fn(flow, 'Srv.go').id)!;
    assert.deepEqual(callees(inner), ['.create']);
  });

  it('keeps trailing options objects as kwargs and the text of true/false', () => {
    const flow = build(`
import { spawn } from 'child_process';
spawn(cmd, [a], { shell: true, cwd, env: { ...process.env } });
`);
    const c = call(flow.functions[0]!, 'child_process.spawn');
    assert.deepEqual(shape(c.kwargs), { shell: lit('true'), cwd: ref('cwd'), env: { kind: 'collection', items: [pcall('process.env', [])], keys: [null] } });
    assert.equal(c.args.length, 3);
    assert.equal(c.args[2]!.kind, 'collection');
  });

  it('points calls, assignments and returns at their own spans', () => {
    const flow = build(`function f(a) {
  const x = g(a,
    1);
  return x;
}`);
    const f = fn(flow, 'f');
    const assign = f.stmts[0]!;
    assert.equal(assign.kind, 'assign');
    assert.deepEqual([assign.location.startLine, assign.location.startColumn, assign.location.endLine], [2, 9, 3]);
    const c = call(f, 'g');
    assert.deepEqual([c.location.startLine, c.location.startColumn, c.location.endLine, c.location.endColumn], [2, 13, 3, 7]);
    const ret = f.stmts[1]!;
    assert.ok(ret.kind !== 'block');
    assert.deepEqual([ret.location.startLine, ret.location.startColumn], [4, 3]);
  });
});

describe('typescript flow builder: values', () => {
  it('turns string building into concatenations with literal parts', () => {
    assert.deepEqual(value('`ls -l ${path} --color=${c}`'), { kind: 'concat', parts: [lit('ls -l '), ref('path'), lit(' --color='), ref('c')] });
    assert.deepEqual(value('"cat " + name + ".txt"'), { kind: 'concat', parts: [lit('cat '), ref('name'), lit('.txt')] });
    assert.deepEqual(value("['git', 'log', ref].join(' ')"), { kind: 'concat', parts: [{ kind: 'collection', items: [lit('git'), lit('log'), ref('ref')] }, lit(' ')] });
    assert.deepEqual(value("'a'.concat(b, c)"), { kind: 'concat', parts: [lit('a'), ref('b'), ref('c')] });
    const fmt = build("import util from 'node:util';\nconst x = util.format('%s:%s', a, b);").functions[0]!.stmts[0]!;
    assert.deepEqual(shape(fmt.kind === 'assign' && fmt.value), { kind: 'concat', parts: [lit('%s:%s'), ref('a'), ref('b')] });
    assert.deepEqual(value("'a\\n' + 'b'"), lit('a\nb'));
    assert.deepEqual(value('`tab\\t${x}\\u0041`'), { kind: 'concat', parts: [lit('tab\t'), ref('x'), lit('A')] });
    assert.deepEqual(value('`plain`'), lit('plain'));
    assert.deepEqual(value('1 + 2'), lit());
    assert.deepEqual(value('sql`SELECT ${id} FROM t`'), pcall('sql', [{ kind: 'collection', items: [lit('SELECT '), lit(' FROM t')] }, ref('id')]));
  });

  it('reads fields, string keys and indexes, and builds collections and choices', () => {
    assert.deepEqual(value('a.b["c"][k]'), { kind: 'ref', ref: { kind: 'index', base: { kind: 'field', base: { kind: 'field', base: { kind: 'var', name: 'a' }, name: 'b' }, name: 'c' } } });
    assert.deepEqual(value('a?.b!'), field('a', 'b'));
    assert.deepEqual(value('{ a, b: 1, ...c, [k]: v }'), { kind: 'collection', items: [ref('a'), lit(), ref('c'), ref('v')], keys: ['a', 'b', null, null] });
    assert.deepEqual(value('[a, ...b]'), { kind: 'collection', items: [ref('a'), ref('b')] });
    assert.deepEqual(value("a || b ?? 'd'"), { kind: 'choice', options: [{ kind: 'choice', options: [ref('a'), ref('b')] }, lit('d')] });
    assert.deepEqual(value('c ? a : b'), { kind: 'choice', options: [ref('a'), ref('b')] });
    assert.deepEqual(value('(await (x as any))!'), ref('x'));
    assert.deepEqual(value('<T>x', 'typescript'), ref('x'));
    assert.deepEqual(value('y satisfies T'), ref('y'));
    assert.deepEqual(value('typeof y'), pcall('typeof', [ref('y')]));
    assert.deepEqual(value('true'), lit('true'));
    assert.deepEqual(value('undefined'), lit());
    assert.deepEqual(value('-n'), { kind: 'unknown' });
  });

  it('writes through this, fields and indexes; handles chains, augmented and inline assignment', () => {
    const flow = build(`
class C { m(k, v) {
  this.cache[k] = v;
  a = b = c;
  s += t;
  u ??= w;
  n -= 1;
  ({ x, y: [z] } = obj);
} }
`);
    assert.deepEqual(shape(fn(flow, 'C.m').stmts), [
      { kind: 'assign', target: { kind: 'index', base: { kind: 'field', base: { kind: 'var', name: 'self' }, name: 'cache' } }, value: ref('v') },
      { kind: 'assign', target: { kind: 'var', name: 'b' }, value: ref('c') },
      { kind: 'assign', target: { kind: 'var', name: 'a' }, value: ref('b') },
      { kind: 'assign', target: { kind: 'var', name: 's' }, value: { kind: 'concat', parts: [ref('s'), ref('t')] } },
      { kind: 'assign', target: { kind: 'var', name: 'u' }, value: { kind: 'choice', options: [ref('u'), ref('w')] } },
      { kind: 'assign', target: { kind: 'var', name: 'n' }, value: { kind: 'unknown' } },
      { kind: 'destructure', targets: [{ target: { kind: 'var', name: 'x' }, key: 'x' }, { target: { kind: 'var', name: 'z' }, key: 'y' }], value: ref('obj') },
    ]);
  });

  it('turns JSX into collections of its expressions and queues inline handlers (TSX)', () => {
    const flow = build(
      `
export default function App({ url }: { url: string }) {
  return <div title="t" onClick={() => open(url)}>{url}<span>{x.y}</span></div>;
}
`,
      'tsx',
      'srv/app.tsx',
    );
    const app = fn(flow, 'App');
    const ret = app.stmts.find((s) => s.kind === 'return')!;
    assert.equal(ret.kind, 'return');
    const items = ret.value.kind === 'collection' ? ret.value.items : [];
    assert.deepEqual(shape(items.filter((i) => i.kind !== 'func')), [lit('t'), ref('url'), field('x', 'y')]);
    const handler = flow.functions.find((f) => f.parent === app.id)!;
    assert.deepEqual(callees(handler), ['open']);
    assert.deepEqual(flow.exports, [{ name: 'default', fnId: app.id }]);
  });
});

describe('typescript flow builder: control flow', () => {
  it('turns validation into guards: exits, else-if chains, membership, comparisons, and/or/not', () => {
    const flow = build(`
const ALLOWED = new Set(['a', 'b']);
function f(p, mode, list) {
  if (!p.startsWith('/srv/')) throw new Error('no');
  if (!ALLOWED.has(mode) || !list.includes(p)) return 'denied';
  if (mode === 'a' && typeof p === 'string') { run(p); } else if (mode !== 'b') { return 1; } else { other(); }
  if (p in table) process.exit(1);
  if ('..' in p) {}
}
`);
    const ifs = fn(flow, 'f').stmts.filter((s) => s.kind === 'if');
    assert.deepEqual(shape(ifs.map((s) => (s.kind === 'if' ? [s.thenExits, s.elseExits] : []))), [[true, false], [true, false], [false, false], [true, false], [false, false]]);
    assert.deepEqual(shape(ifs[0]!.kind === 'if' && ifs[0]!.test), pcall('<not>', [pcall('.startsWith', [lit('/srv/')], { receiver: ref('p') })]));
    assert.deepEqual(shape(ifs[1]!.kind === 'if' && ifs[1]!.test), pcall('<or>', [pcall('<not>', [pcall('<in>', [ref('mode'), ref('ALLOWED')])]), pcall('<not>', [pcall('<in>', [ref('p'), ref('list')])])]));
    const third = ifs[2]!;
    assert.ok(third.kind === 'if');
    assert.deepEqual(shape(third.test), pcall('<and>', [pcall('<eq>', [ref('mode'), lit('a')]), pcall('<eq>', [pcall('typeof', [ref('p')]), lit('string')])]));
    assert.equal(third.else.length, 1);
    const nested = third.else[0]!;
    assert.ok(nested.kind === 'if');
    assert.deepEqual(shape(nested.test), pcall('<ne>', [ref('mode'), lit('b')]));
    assert.deepEqual([nested.thenExits, nested.elseExits], [true, false]);
    assert.deepEqual(shape(ifs[3]!.kind === 'if' && ifs[3]!.test), pcall('<in>', [ref('p'), ref('table')]));
  });

  it('models loops, try, switch and callbacks', () => {
    const flow = build(`
async function f(items, obj, re, s, cmd) {
  for (const [k, v] of Object.entries(obj)) { if (!v) continue; use(k); }
  for (const key in obj) { if (key === 'x') break; }
  for (let i = 0; i < items.length; i++) step(items[i]);
  while ((m = re.exec(s)) !== null) { out.push(m[1]); }
  do { tick(); } while (more());
  try { await risky(cmd); } catch (e) { log(e); } finally { done(); }
  switch (cmd) {
    case 'ls':
    case 'pwd':
      return exec(cmd);
    case 'rm':
      deny(); break;
    default:
      throw new Error(cmd);
  }
}
`);
    const stmts = fn(flow, 'f').stmts;
    const [forOf, forIn, init, forLoop, whileLoop, doLoop, tryBlock, sw] = stmts;
    assert.deepEqual(shape(init), { kind: 'assign', target: { kind: 'var', name: 'i' }, value: lit() });
    assert.ok(forOf?.kind === 'loop');
    assert.deepEqual(shape(forOf.target), { kind: 'var', name: '<item>' });
    assert.deepEqual(shape(forOf.iterable), pcall('Object.entries', [ref('obj')]));
    assert.deepEqual(shape(forOf.body[0]), { kind: 'destructure', targets: [{ target: { kind: 'var', name: 'k' } }, { target: { kind: 'var', name: 'v' } }], value: ref('<item>') });
    assert.ok(forOf.body[1]?.kind === 'if' && forOf.body[1].thenExits);
    assert.ok(forIn?.kind === 'loop' && forIn.body[0]?.kind === 'if' && forIn.body[0].thenExits);
    assert.deepEqual(shape(forIn.target), { kind: 'var', name: 'key' });
    assert.ok(forLoop?.kind === 'loop' && forLoop.target === undefined);
    assert.deepEqual(callees({ ...fn(flow, 'f'), stmts: forLoop.body }), ['<cmp>', '.length', 'step']);
    assert.ok(whileLoop?.kind === 'loop');
    assert.deepEqual(shape(whileLoop.body[0]), { kind: 'assign', target: { kind: 'var', name: 'm' }, value: pcall('.exec', [ref('s')], { receiver: ref('re') }) });
    assert.ok(doLoop?.kind === 'loop');
    assert.deepEqual(callees({ ...fn(flow, 'f'), stmts: doLoop.body }), ['tick', 'more']);
    assert.ok(tryBlock?.kind === 'block');
    assert.deepEqual(callees({ ...fn(flow, 'f'), stmts: tryBlock.body }), ['risky', 'log', 'done']);
    assert.ok(sw?.kind === 'if');
    assert.deepEqual(shape(sw.test), pcall('<or>', [pcall('<eq>', [ref('cmd'), lit('ls')]), pcall('<eq>', [ref('cmd'), lit('pwd')])]));
    assert.ok(sw.thenExits);
    const rm = sw.else[0]!;
    assert.ok(rm.kind === 'if');
    assert.deepEqual(shape(rm.test), pcall('<eq>', [ref('cmd'), lit('rm')]));
    // `break` ends the case, not the function; the default throws.
    assert.deepEqual([rm.thenExits, rm.elseExits], [false, true]);
  });

  it('passes callbacks as functions and follows promise chains', () => {
    const flow = build(`
function f(xs, u) {
  xs.map((x) => run(x));
  fetch(u).then((r) => r.text()).catch(console.error);
  return Promise.all(xs.map(async (x) => await go(x)));
}
`);
    const f = fn(flow, 'f');
    const map = call(f, '.map');
    assert.equal(map.args[0]!.kind, 'func');
    assert.deepEqual(shape(map.receiver), ref('xs'));
    const then = call(f, '.then');
    assert.deepEqual(shape(then.receiver), pcall('fetch', [ref('u')]));
    const cb = flow.functions.find((x) => then.args[0]!.kind === 'func' && x.id === then.args[0]!.fnId)!;
    assert.deepEqual(callees(cb), ['.text']);
    assert.ok(callees(f).includes('Promise.all'));
  });
});

describe('typescript flow builder: imports and exports', () => {
  it('lists every import binding: ESM, TS import-require, require forms and dynamic import', () => {
    const flow = build(`
import def, { a as b, c } from './m.js';
import * as ns from 'node:path';
import type { T } from './types';
import { type U, v } from './v';
import 'side-effect';
import fs = require('fs');
const cp = require('child_process');
const { exec, spawn: sp } = require('child_process');
const y = require('pkg').member;
const lazy = await import('./lazy.js');
let later;
later = require('later');
`);
    assert.deepEqual(flow.imports, [
      { local: 'def', module: './m.js', imported: 'default' },
      { local: 'b', module: './m.js', imported: 'a' },
      { local: 'c', module: './m.js', imported: 'c' },
      { local: 'ns', module: 'path', imported: '*' },
      { local: 'v', module: './v', imported: 'v' },
      { local: 'fs', module: 'fs', imported: '*' },
      { local: 'cp', module: 'child_process', imported: '*' },
      { local: 'exec', module: 'child_process', imported: 'exec' },
      { local: 'sp', module: 'child_process', imported: 'spawn' },
      { local: 'y', module: 'pkg', imported: 'member' },
      { local: 'lazy', module: './lazy.js', imported: '*' },
      { local: 'later', module: 'later', imported: '*' },
    ]);
    // Import bindings are not also assignments.
    assert.deepEqual(flow.functions[0]!.stmts, []);
  });

  it('lists ESM exports: declarations, defaults, clauses, re-exports', () => {
    const flow = build(`
import { imported } from './dep.js';
export function f() {}
export const g = () => 1, k = 2;
export class C {}
function local() {}
export { local as renamed, imported };
export { x as y } from './x.js';
export * from './all.js';
export * as ns from './ns.js';
export default async function main() {}
`);
    assert.deepEqual(flow.exports, [
      { name: 'f', fnId: 'srv/app.ts#f' },
      { name: 'g', fnId: 'srv/app.ts#g' },
      { name: 'k' },
      { name: 'C' },
      { name: 'renamed', fnId: 'srv/app.ts#local' },
      { name: 'imported', from: { module: './dep.js', imported: 'imported' } },
      { name: 'y', from: { module: './x.js', imported: 'x' } },
      { name: '*', from: { module: './all.js', imported: '*' } },
      { name: 'ns', from: { module: './ns.js', imported: '*' } },
      { name: 'default', fnId: 'srv/app.ts#main' },
    ]);
    assert.deepEqual(build('export default () => 1;').exports, [{ name: 'default', fnId: 'srv/app.ts#default' }]);
    assert.deepEqual(build('const h = () => 1;\nexport = h;').exports, [{ name: 'default', fnId: 'srv/app.ts#h' }]);
  });

  it('lists CommonJS exports', () => {
    const flow = build(
      `
function run(cmd) {}
module.exports = { run, helper: (x) => x, other: 1, method(y) {} };
exports.extra = function () {};
module.exports.more = run;
`,
      'javascript',
      'srv/app.js',
    );
    assert.deepEqual(flow.exports, [
      { name: 'run', fnId: 'srv/app.js#run' },
      { name: 'helper', fnId: 'srv/app.js#helper' },
      { name: 'other' },
      { name: 'method', fnId: 'srv/app.js#method' },
      { name: 'extra', fnId: 'srv/app.js#extra' },
      { name: 'more', fnId: 'srv/app.js#run' },
    ]);
    assert.deepEqual(build('module.exports = function () {};', 'javascript', 'a.js').exports, [{ name: 'default', fnId: 'a.js#default' }]);
  });
});

describe('typescript flow builder: hostile and broken input', () => {
  const deepSources: Record<string, (n: number) => string> = {
    parentheses: (n) => `x = ${'('.repeat(n)}f(a)${')'.repeat(n)};\n`,
    arrays: (n) => `x = ${'['.repeat(n)}a${']'.repeat(n)};\n`,
    objects: (n) => `x = ${'{a:'.repeat(n)}1${'}'.repeat(n)};\n`,
    calls: (n) => `x = ${'f('.repeat(n)}a${')'.repeat(n)};\n`,
    'string concatenation': (n) => `x = "a"${' + b'.repeat(n)};\n`,
    'member chain': (n) => `x = a${'.b'.repeat(n)};\n`,
    'method chain': (n) => `x = a${'.b()'.repeat(n)};\n`,
    'subscript chain': (n) => `x = a${'[0]'.repeat(n)};\n`,
    arrows: (n) => `x = ${'() => '.repeat(n)}a;\n`,
    'nested functions': (n) => `${'function f() {'.repeat(n)}${'}'.repeat(n)}\n`,
    'nested blocks': (n) => `${'if (a) {'.repeat(n)}f();${'}'.repeat(n)}\n`,
    'boolean chain': (n) => `if (a${' && b'.repeat(n)}) f();\n`,
    'not chain': (n) => `x = ${'!'.repeat(n)}a;\n`,
    'else-if chain': (n) => `if (a === 0) f(0);\n${Array.from({ length: n / 20 }, (_, i) => `else if (a === ${i + 1}) f(${i + 1});\n`).join('')}`,
    'switch cases': (n) => `switch (a) {\n${Array.from({ length: n / 20 }, (_, i) => `case ${i}: f(${i}); break;\n`).join('')}}\n`,
    templates: (n) => `x = ${'`${'.repeat(n / 10)}a${'}`'.repeat(n / 10)};\n`,
  };
  for (const [name, make] of Object.entries(deepSources)) {
    it(`survives ${name} 100k deep with a shallow IR whose size grows linearly`, () => {
      const small = build(make(50_000));
      const big = build(make(100_000));
      const sizes: number[] = [];
      for (const flow of [small, big]) {
        assert.equal(flow.functions[0]!.qualified, '<module>');
        const { depth, objects } = measure(flow);
        assert.ok(depth < 1500, `IR depth ${depth}`);
        sizes.push(objects);
        structuredClone(flow);
      }
      assert.ok(sizes[1]! <= sizes[0]! * 2.5 + 1_000, `IR size ${sizes[0]} → ${sizes[1]}`);
    });
  }

  it('keeps every branch of a long else-if chain and of a long switch', () => {
    const n = 400;
    const chain = `function f(a) {\n  if (a === 0) g0();\n${Array.from({ length: n }, (_, i) => `  else if (a === ${i + 1}) g${i + 1}();\n`).join('')}  else other();\n}\n`;
    const names = new Set(callees(fn(build(chain), 'f')));
    for (let i = 0; i <= n; i++) assert.ok(names.has(`g${i}`), `g${i}`);
    assert.ok(names.has('other'));
    const sw = `function f(a) {\n  switch (a) {\n${Array.from({ length: n }, (_, i) => `    case ${i}: g${i}(); break;\n`).join('')}    default: other();\n  }\n}\n`;
    const swNames = new Set(callees(fn(build(sw), 'f')));
    for (let i = 0; i < n; i++) assert.ok(swNames.has(`g${i}`), `g${i}`);
    assert.ok(swNames.has('other'));
  });

  for (const language of ['javascript', 'typescript', 'tsx'] as const) {
    it(`yields IR for the parts of a ${language} file that parsed`, () => {
      const flow = build(
        `
import { exec } from 'child_process';
function before(p) {
  exec(p);
}

function broken( {
  const x = = 1;
}

function after(q) {
  return fetch(q);
}
`,
        language,
      );
      assert.deepEqual(callees(fn(flow, 'before')), ['child_process.exec']);
      const names = flow.functions.map((f) => f.qualified);
      const after = flow.functions.find((f) => f.name === 'after' || callees(f).includes('fetch'));
      assert.ok(after, names.join(', '));
      assert.ok(callees(after).includes('fetch'));
    });
  }
});

describe('typescript flow builder with the solver', () => {
  function flows(src: string, handler: string, language: Grammar = 'typescript') {
    const flow = build(src, language);
    const f = fn(flow, handler);
    const names = f.params.flatMap((p) => [p.name, ...(p.destructured ?? []).map((d) => d.name)]);
    const seed: Seed = { path: flow.path, at: f.location, names: names.map((name) => ({ name, source: { kind: 'tool-input', description: `argument "${name}"`, location: f.location } })), calls: [] };
    return solve({ files: [flow], tables: { python: TYPESCRIPT_CONCEPTS, typescript: TYPESCRIPT_CONCEPTS, go: TYPESCRIPT_CONCEPTS }, seeds: [seed] }).flows;
  }

  it('finds shell, SQL, SSRF, code and file flows and respects sanitizers and sound guards', () => {
    const found = flows(
      `
import { exec } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import axios from 'axios';
const ROOT = '/srv';
export async function handler({ cmd, table, url, name, id }: Args) {
  exec(\`grep \${cmd}\`);
  exec('echo ' + Number(cmd));
  await db.query(\`SELECT * FROM \${table}\`);
  await db.query('SELECT * FROM t WHERE id = $1', [table]);
  await axios.get(url);
  eval(id);
  const p = path.basename(name);
  await fs.readFile(path.join(ROOT, p));
  if (!/^[a-z]+$/.test(id)) throw new Error('bad');
  await fs.unlink(id);
  return fs.readFile(name, 'utf8');
}
`,
      'handler',
    );
    const got = found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}`).sort();
    assert.deepEqual(got, ['code:13', 'command:8', 'file-read:18', 'sql:10', 'url:12']);
  });

  it('tells shells, option-rich programs and shell options apart in process calls', () => {
    const found = flows(
      `
import { spawn, execFile } from 'node:child_process';
function handler(ref, script, file) {
  spawn('git', ['log', ref]);
  spawn('sh', ['-c', script]);
  execFile('cat', [file]);
  spawn('git', ['show', ref], { shell: true });
  if ('main' === ref) spawn('git', ['checkout', ref]);
}
`,
      'handler',
    );
    const got = found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}`).sort();
    assert.deepEqual(got, ['argv:4', 'command:5', 'command:7']);
  });

  it('accepts a resolved path checked against a prefix that ends with a separator', () => {
    const found = flows(
      `
import { promises as fs } from 'fs';
import path from 'path';
const ROOT = '/srv';
async function good(name) {
  const p = await fs.realpath(path.join(ROOT, name));
  if (!p.startsWith(ROOT + path.sep)) throw new Error('outside');
  return fs.readFile(p);
}
async function normalizedOnly(name) {
  const p = path.resolve(ROOT, name);
  if (!p.startsWith(\`\${ROOT}/\`)) throw new Error('outside');
  return fs.readFile(p);
}
`,
      'good',
    );
    assert.deepEqual(found, []);
    const broken = flows(
      `
import { promises as fs } from 'fs';
import path from 'path';
const ROOT = '/srv';
async function normalizedOnly(name) {
  const p = path.resolve(ROOT, name);
  if (!p.startsWith(\`\${ROOT}/\`)) throw new Error('outside');
  return fs.readFile(p);
}
`,
      'normalizedOnly',
    );
    assert.equal(broken.length, 1);
    assert.equal(broken[0]!.broken?.kind, 'normalize-without-realpath');
  });

  it('accepts path.relative containment on a realpath, reports it on a lexical path, and reads argv lists', () => {
    const src = (resolve: string) => `
import { promises as fs } from 'fs';
import { execFile } from 'child_process';
import path from 'path';
const ROOT = '/srv';
async function handler(name, pattern, rev) {
  const target = ${resolve};
  const rel = path.relative(ROOT, target);
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('outside');
  execFile('git', ['grep', '-e', pattern, '--', target]);
  execFile('git', ['log', rev]);
  return fs.readFile(target, 'utf8');
}
`;
    const resolved = flows(src('await fs.realpath(path.resolve(ROOT, name))'), 'handler');
    assert.deepEqual(resolved.map((f) => `${f.sink.kind}:${f.source.description}:${f.sink.location.startLine}`), ['argv:argument "rev":11']);
    const lexical = flows(src('path.resolve(ROOT, name)'), 'handler');
    assert.deepEqual(
      lexical.filter((f) => f.sink.kind === 'file-read').map((f) => f.broken?.kind),
      ['normalize-without-realpath'],
    );
  });

  it('reads module-level secrets in handlers, but not through client objects built around them', () => {
    const found = flows(
      `
import OpenAI from 'openai';
const KEY = process.env.API_KEY;
const client = new OpenAI({ apiKey: process.env.OPENAI_KEY });
function handler(q) {
  console.log('key', KEY);
  const models = client.models.list();
  console.log(models);
}
`,
      'handler',
    );
    assert.deepEqual(found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}:${f.source.description}`), ['log:6:environment variable "API_KEY" (process.env)']);
  });

  it('takes a refused leading dash as argv-safe and judges URL prefixes by whether they end the host', () => {
    const found = flows(
      `
import { execFile } from 'child_process';
async function handler(rev, url, other) {
  if (rev.startsWith('-')) throw new Error('no options');
  execFile('git', ['log', rev]);
  if (!url.startsWith('https://api.example.com/')) throw new Error('host');
  await fetch(url);
  if (!other.startsWith('https://api.example.com')) throw new Error('host');
  await fetch(other);
}
`,
      'handler',
    );
    assert.deepEqual(found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}:${f.broken?.kind ?? ''}`), ['url:9:url-prefix-without-path']);
  });

  it('follows constructor arguments into fields read by methods of local and module-level instances', () => {
    const found = flows(
      `
import { exec } from 'child_process';
class Runner {
  constructor(private cmd: string) {}
  run() { exec(this.cmd); }
  safe() { exec('ls'); }
}
const shared = new Runner('ls');
export function handler(cmd: string) {
  const r = new Runner(cmd);
  r.run();
  shared.safe();
}
`,
      'handler',
    );
    assert.deepEqual(found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}:${f.source.description}`), ['command:5:argument "cmd"']);
  });

  it('marks flows that went through HTML escaping or JSON encoding, and keeps the whole string before the value', () => {
    const found = flows(
      `
import escapeHtml from 'escape-html';
import { exec } from 'child_process';
function handler(a, b) {
  exec('echo ' + escapeHtml(a));
  const md = 'x=' + JSON.stringify(b) + '&y=';
  exec('run ' + md);
}
`,
      'handler',
    );
    assert.deepEqual(
      found.map((f) => [f.source.description, f.marks ?? [], f.sink.prefix]),
      [
        ['argument "a"', ['html-escaped'], 'echo '],
        ['argument "b"', ['json-encoded'], 'run x='],
      ],
    );
  });

  it('reports a prefix check without a separator as a broken sanitizer', () => {
    const found = flows(
      `
import fs from 'fs';
import path from 'path';
function handler(name) {
  const p = fs.realpathSync(path.join('/srv', name));
  if (!p.startsWith('/srv')) return 'denied';
  return fs.readFileSync(p, 'utf8');
}
`,
      'handler',
      'javascript',
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.sink.kind, 'file-read');
    assert.equal(found[0]!.broken?.kind, 'prefix-without-separator');
  });

  it('follows taint through promisified exec, helpers, callbacks and allow-lists', () => {
    const found = flows(
      `
const { promisify } = require('util');
const cp = require('child_process');
const run = promisify(cp.exec);
const SAFE = ['status', 'log'];
function build(x) { return 'git ' + x; }
async function handler(sub, files) {
  if (SAFE.includes(sub)) await run(build(sub));
  await run(build(sub));
  files.forEach((f) => cp.execSync('cat ' + f));
}
`,
      'handler',
      'javascript',
    );
    const got = found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}`).sort();
    assert.deepEqual(got, ['command:10', 'command:9']);
  });
});

describe('typescript concept table', () => {
  const t = TYPESCRIPT_CONCEPTS;
  const key = (x: unknown) => JSON.stringify(x, (_k, v) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v));
  const lists = { sources: t.sources, sinks: t.sinks, sanitizers: t.sanitizers, guards: t.guards, pathNormalizers: t.pathNormalizers, propagators: t.propagators };

  it('has no duplicate specs', () => {
    for (const [name, list] of Object.entries(lists)) {
      const seen = new Set<string>();
      for (const spec of list as unknown[]) {
        const k = key(spec);
        assert.ok(!seen.has(k), `duplicate in ${name}: ${k}`);
        seen.add(k);
      }
    }
  });

  it('uses only linear patterns (anchored, no nested quantifiers, no backreferences)', () => {
    const all = Object.values(lists)
      .flat()
      .map((s) => s.callee)
      .filter((c): c is RegExp => c instanceof RegExp);
    assert.ok(all.length > 20);
    for (const re of all) {
      assert.ok(re.source.startsWith('^') && re.source.endsWith('$'), `anchored: ${re.source}`);
      assert.ok(!hasNestedQuantifier(re.source), `nested quantifier: ${re.source}`);
      assert.ok(!/\\[1-9]/.test(re.source), `backreference: ${re.source}`);
    }
    assert.ok(hasNestedQuantifier('^(a+)+$') && hasNestedQuantifier('^(?:a|b*)*$') && hasNestedQuantifier('^(?:a(?:b)?)+$') && !hasNestedQuantifier('^(?:a|b)+\\.c*$'), 'the checker itself works');
  });

  it('covers every table sink kind and every table source kind', () => {
    for (const k of SINK_KINDS.filter((s) => s !== 'tool-output' && s !== 'prompt-output')) assert.ok(t.sinks.some((s) => s.kind === k), `sink kind ${k}`);
    for (const k of SOURCE_KINDS.filter((s) => s !== 'tool-input' && s !== 'resource-uri' && s !== 'prompt-arg')) assert.ok(t.sources.some((s) => s.kind === k), `source kind ${k}`);
  });

  it('matches the callee names the builder produces for well-known APIs', () => {
    const flow = build(`
import { exec, spawn } from 'node:child_process';
import fs from 'node:fs';
import { readFile } from 'fs/promises';
import path from 'node:path';
import axios from 'axios';
import vm from 'node:vm';
import serialize from 'node-serialize';
import Handlebars from 'handlebars';
import OpenAI from 'openai';
import open from 'open';
import shellQuote from 'shell-quote';
const llm = new OpenAI();
export async function h(x, server, res, logger, pool) {
  exec(x);
  spawn('git', ['log', x]);
  await readFile(x);
  fs.writeFileSync(x, 'y');
  fs.rmSync(x);
  await axios.post(x, { q: x });
  await pool.query(x);
  vm.runInNewContext(x);
  serialize.unserialize(x);
  Handlebars.compile(x);
  await llm.chat.completions.create({ model: 'm', instructions: x, messages: [x] });
  await server.server.createMessage({ messages: [x], systemPrompt: x, maxTokens: 5 });
  logger.info(x);
  res.redirect(x);
  await open(x);
  const k = process.env.TOKEN;
  const r = await fetch(x);
  const rows = await pool.query('SELECT 1');
  shellQuote.quote([x]);
  fs.realpathSync(x);
  path.normalize(x);
  x.startsWith('/srv/');
  [x].map((y) => y);
}
`);
    const cs = calls(fn(flow, 'h'));
    const sinkKinds = new Set<SinkKind>();
    for (const c of cs) for (const s of t.sinks) if (calleeMatches(s.callee, c.callee)) sinkKinds.add(s.kind);
    for (const k of SINK_KINDS.filter((s) => s !== 'tool-output' && s !== 'prompt-output')) assert.ok(sinkKinds.has(k), `a call reaching ${k}`);
    const sourceKinds = new Set(cs.flatMap((c) => t.sources.filter((s) => calleeMatches(s.callee, c.callee)).map((s) => s.kind)));
    for (const k of ['env-secret', 'http-response', 'db-row', 'file-content', 'llm-output', 'subprocess-output']) assert.ok(sourceKinds.has(k as never), `a call producing ${k}`);
    assert.ok(cs.some((c) => t.sanitizers.some((s) => calleeMatches(s.callee, c.callee))), 'a sanitizer');
    assert.ok(cs.some((c) => t.pathNormalizers.some((s) => calleeMatches(s.callee, c.callee) && s.effect === 'resolves')), 'a resolving normalizer');
    assert.ok(cs.some((c) => t.pathNormalizers.some((s) => calleeMatches(s.callee, c.callee) && s.effect === 'normalizes')), 'a normalizer');
    assert.ok(cs.some((c) => t.guards.some((s) => calleeMatches(s.callee, c.callee) && s.quality === 'prefix')), 'a prefix guard');
    assert.ok(cs.some((c) => t.propagators.some((s) => calleeMatches(s.callee, c.callee) && s.callback)), 'a callback propagator');
    // Generic method names are not sinks: RegExp#exec, Map#get, Map#delete.
    for (const name of ['.exec', '.get', '.delete', '.send']) assert.ok(!t.sinks.some((s) => calleeMatches(s.callee, name)), `${name} is not a sink`);
  });
});

describe('typescript flow builder over the bench corpus', () => {
  const corpus = path.resolve('.bench-corpus');
  const files: string[] = [];
  if (existsSync(corpus)) {
    const stack = [corpus];
    while (stack.length) {
      const dir = stack.pop()!;
      for (const e of readdirSync(dir)) {
        const p = path.join(dir, e);
        const st = statSync(p);
        if (st.isDirectory()) stack.push(p);
        else if (/\.(?:[cm]?[jt]s|[jt]sx)$/.test(e)) files.push(p);
      }
    }
  }
  it('builds every JS/TS file without throwing, with unique ids, the module first and known parents', { skip: files.length === 0 ? 'no .bench-corpus (npm run bench creates it)' : false }, (t) => {
    let bytes = 0;
    let buildMs = 0;
    for (const file of files.sort()) {
      const text = readFileSync(file, 'utf8');
      const rel = path.relative(corpus, file);
      const language: Grammar = file.endsWith('x') ? 'tsx' : /\.[cm]?js$/.test(file) ? 'javascript' : 'typescript';
      const tree = parsers.parse(language, text, 60_000);
      assert.ok(tree, rel);
      const t0 = performance.now();
      let flow: FileFlow;
      try {
        flow = buildTypeScriptFlow({ path: rel, language, tree, text });
      } finally {
        tree.delete();
      }
      buildMs += performance.now() - t0;
      bytes += text.length;
      assert.equal(flow.functions[0]!.qualified, '<module>', rel);
      const ids = flow.functions.map((f) => f.id);
      assert.equal(new Set(ids).size, ids.length, `unique ids in ${rel}`);
      for (const f of flow.functions) if (f.parent) assert.ok(ids.includes(f.parent), `parent of ${f.id}`);
      for (const e of flow.exports) if (e.fnId) assert.ok(ids.includes(e.fnId), `export ${e.name} of ${rel}`);
    }
    // Throughput is reported, not asserted (wall-clock time depends on the machine).
    t.diagnostic(`${files.length} files, ${(bytes / 1e6).toFixed(1)} MB built in ${buildMs.toFixed(0)} ms (${((files.length * 1000) / buildMs).toFixed(0)} files/s)`);
  });
});

/** True when a quantified group contains a quantifier: `(a+)+`, `(?:x|y*)*`, `(a{2,})+`. */
function hasNestedQuantifier(source: string): boolean {
  // For each open group: whether a quantifier occurred inside it.
  const stack: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      const inner = stack.pop() ?? false;
      const next = source[i + 1];
      const quantified = next === '*' || next === '+' || next === '?' || next === '{';
      // `(?:a+)?` runs once at most; only a repeating group around a quantifier can backtrack without bound.
      if (quantified && inner && next !== '?') return true;
      if (stack.length && (inner || quantified)) stack[stack.length - 1] = true;
    } else if ((c === '*' || c === '+' || c === '{' || c === '?') && stack.length) {
      // A `?` right after `(` opens a group form (`(?:`), not a quantifier.
      if (c === '?' && source[i - 1] === '(') continue;
      stack[stack.length - 1] = true;
    }
  }
  return false;
}
