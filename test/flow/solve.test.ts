// The taint solver on hand-written IR: propagation, summaries across files, sanitizers, broken guards, budgets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConceptTable } from '../../src/flow/concepts.js';
import type { FileFlow, FlowCall, FlowExpr, FlowFunction, FlowRef, FlowStmt } from '../../src/flow/ir.js';
import { solve } from '../../src/flow/solve.js';
import type { Seed } from '../../src/flow/taint.js';
import type { Location } from '../../src/model/location.js';

const TABLE: ConceptTable = {
  sources: [{ callee: 'requests.get', kind: 'http-response' }],
  sinks: [
    { callee: 'open', kind: 'file-read', args: [0] },
    { callee: 'os.system', kind: 'command', args: [0] },
    { callee: 'subprocess.run', kind: 'command', args: [0], when: { kwarg: 'shell', values: ['True'] } },
  ],
  sanitizers: [{ callee: 'shlex.quote', kinds: ['command'] }],
  guards: [
    { callee: '.is_relative_to', checks: 'receiver', kinds: ['file-read'], quality: 'sound' },
    { callee: '.startswith', checks: 'receiver', kinds: ['file-read'], quality: 'prefix', prefixArg: 0 },
  ],
  pathNormalizers: [
    { callee: 'os.path.realpath', effect: 'resolves' },
    { callee: 'os.path.normpath', effect: 'normalizes' },
  ],
  propagators: [{ callee: '.map', callback: { arg: 0, receives: ['receiver'] } }, { callee: 'len', passes: [] }],
  relativizers: [],
  separatorNames: ['os.sep'],
};
const TABLES = { python: TABLE, typescript: TABLE, go: TABLE };

let line = 1;
const L = (path = 'a.py'): Location => ({ path, startLine: line, startColumn: 1, endLine: line, endColumn: 40 });
const v = (name: string): FlowExpr => ({ kind: 'ref', ref: { kind: 'var', name } });
const r = (name: string): FlowRef => ({ kind: 'var', name });
const lit = (value: string): FlowExpr => ({ kind: 'lit', value });
const call = (callee: string, args: FlowExpr[], extra: Partial<FlowCall> = {}, path = 'a.py'): FlowExpr => ({ kind: 'call', call: { callee, args, kwargs: {}, location: { ...L(path), startLine: ++line, endLine: line }, ...extra } });
const stmt = (e: FlowExpr): FlowStmt => ({ kind: 'expr', value: e, location: L() });
const assign = (name: string, e: FlowExpr): FlowStmt => ({ kind: 'assign', target: r(name), value: e, location: { ...L(), startLine: ++line, endLine: line } });
const guard = (test: FlowExpr, exits = true): FlowStmt => ({ kind: 'if', test, then: [{ kind: 'return', value: lit(''), location: L() }], else: [], thenExits: exits, elseExits: false, location: { ...L(), startLine: ++line, endLine: line } });

/** Each function gets its own 10-line span starting at `at`, so seeds can point at one of them. */
function fn(path: string, name: string, params: string[], stmts: FlowStmt[], extra: Partial<FlowFunction> & { at?: number } = {}): FlowFunction {
  const start = extra.at ?? 1;
  return { id: `${path}#${name}`, name, qualified: name, params: params.map((p, i) => ({ name: p, index: i })), location: { path, startLine: start, startColumn: 1, endLine: start + 9, endColumn: 1 }, stmts, ...extra };
}

function file(path: string, functions: FlowFunction[], extra: Partial<FileFlow> = {}): FileFlow {
  return { path, language: 'python', imports: [], exports: [], functions, ...extra };
}

function seed(path: string, fnLine: Location, names: string[], extra: Partial<Seed> = {}): Seed {
  return {
    path,
    at: fnLine,
    names: names.map((n) => ({ name: n, source: { kind: 'tool-input', description: `argument "${n}" of tool "t"`, location: { path, startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 }, tool: 't', param: n } })),
    calls: [],
    ...extra,
  };
}

const AT = (path = 'a.py', startLine = 2): Location => ({ path, startLine, startColumn: 1, endLine: startLine, endColumn: 2 });

describe('taint solver', () => {
  it('follows a parameter through string building into a sink', () => {
    const f = fn('a.py', 'handler', ['name'], [assign('cmd', { kind: 'concat', parts: [lit('ls '), v('name')] }), stmt(call('os.system', [v('cmd')]))]);
    const res = solve({ files: [file('a.py', [f])], tables: TABLES, seeds: [seed('a.py', AT(), ['name'])] });
    assert.equal(res.flows.length, 1);
    assert.equal(res.flows[0]!.sink.kind, 'command');
    assert.deepEqual(res.flows[0]!.steps.map((s) => s.label), ['argument "name" of tool "t"', 'assigned to cmd', 'reaches os.system']);
  });

  it('respects `when` on keyword arguments', () => {
    const f = fn('a.py', 'handler', ['x'], [stmt(call('subprocess.run', [v('x')], { kwargs: { shell: lit('True') } })), stmt(call('subprocess.run', [v('x')], { kwargs: { shell: lit('False') } }))]);
    const res = solve({ files: [file('a.py', [f])], tables: TABLES, seeds: [seed('a.py', AT(), ['x'])] });
    assert.equal(res.flows.length, 1);
  });

  it('uses summaries of helpers in other files, through imports, and names them in the trace', () => {
    line = 100;
    const helper = fn('util.py', 'run_it', ['c'], [stmt(call('os.system', [v('c')], {}, 'util.py'))]);
    const h = fn('a.py', 'handler', ['x'], [stmt(call('.util.run_it', [v('x')]))]);
    const res = solve({
      files: [file('a.py', [h], { imports: [{ local: 'run_it', module: '.util', imported: 'run_it' }] }), file('util.py', [helper], { exports: [{ name: 'run_it', fnId: 'util.py#run_it' }] })],
      tables: TABLES,
      seeds: [seed('a.py', AT(), ['x'])],
    });
    assert.equal(res.flows.length, 1);
    assert.equal(res.flows[0]!.sink.location.path, 'util.py');
    assert.deepEqual(res.flows[0]!.via.map((x) => x.name), ['run_it']);
    assert.ok(res.flows[0]!.steps.some((s) => s.label === 'passed to run_it'));
  });

  it('returns taint through a helper and drops it through a sanitizer', () => {
    const wrap = fn('a.py', 'wrap', ['s'], [{ kind: 'return', value: { kind: 'concat', parts: [lit('echo '), v('s')] }, location: L() }], { at: 20 });
    const h = fn('a.py', 'handler', ['x'], [
      assign('a', call('wrap', [v('x')])),
      stmt(call('os.system', [v('a')])),
      assign('b', call('shlex.quote', [v('x')])),
      stmt(call('os.system', [v('b')])),
      assign('n', call('len', [v('x')])),
      stmt(call('os.system', [v('n')])),
    ]);
    const res = solve({ files: [file('a.py', [h, wrap])], tables: TABLES, seeds: [seed('a.py', AT(), ['x'])] });
    assert.equal(res.flows.length, 1);
  });

  it('accepts a sound guard and reports a broken prefix check', () => {
    const sound = fn('a.py', 'sound', ['p'], [guard(call('<not>', [call('.is_relative_to', [v('base')], { receiver: v('p') })])), stmt(call('open', [v('p')]))]);
    const res1 = solve({ files: [file('a.py', [sound])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])] });
    assert.equal(res1.flows.length, 0);

    const noSep = fn('a.py', 'nosep', ['p'], [assign('q', call('os.path.realpath', [v('p')])), guard(call('<not>', [call('.startswith', [v('base')], { receiver: v('q') })])), stmt(call('open', [v('q')]))]);
    const res2 = solve({ files: [file('a.py', [noSep])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])] });
    assert.equal(res2.flows.length, 1);
    assert.equal(res2.flows[0]!.broken?.kind, 'prefix-without-separator');

    const good = fn('a.py', 'good', ['p'], [
      assign('q', call('os.path.realpath', [v('p')])),
      guard(call('<not>', [call('.startswith', [{ kind: 'concat', parts: [v('base'), v('os.sep')] }], { receiver: v('q') })])),
      stmt(call('open', [v('q')])),
    ]);
    const res3 = solve({ files: [file('a.py', [good])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])] });
    assert.equal(res3.flows.length, 0);

    const normOnly = fn('a.py', 'norm', ['p'], [
      assign('q', call('os.path.normpath', [v('p')])),
      guard(call('<not>', [call('.startswith', [{ kind: 'concat', parts: [v('base'), lit('/')] }], { receiver: v('q') })])),
      stmt(call('open', [v('q')])),
    ]);
    const res4 = solve({ files: [file('a.py', [normOnly])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])] });
    assert.equal(res4.flows[0]?.broken?.kind, 'normalize-without-realpath');
  });

  it('treats allow-list membership and equality with constants as sanitizing, and reports checks after use or on another variable', () => {
    const allow = fn('a.py', 'allow', ['c'], [guard(call('<not-in>', [v('c'), { kind: 'collection', items: [lit('ls'), lit('pwd')] }])), stmt(call('os.system', [v('c')]))]);
    assert.equal(solve({ files: [file('a.py', [allow])], tables: TABLES, seeds: [seed('a.py', AT(), ['c'])] }).flows.length, 0);

    const late = fn('a.py', 'late', ['p'], [stmt(call('open', [v('p')])), guard(call('<not>', [call('.is_relative_to', [v('base')], { receiver: v('p') })]))]);
    const resLate = solve({ files: [file('a.py', [late])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])] });
    assert.equal(resLate.flows[0]?.broken?.kind, 'validated-after-use');

    const other = fn('a.py', 'other', ['p'], [assign('q', v('p')), guard(call('<not>', [call('.is_relative_to', [v('base')], { receiver: v('q') })])), stmt(call('open', [v('p')]))]);
    const resOther = solve({ files: [file('a.py', [other])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])] });
    assert.equal(resOther.flows[0]?.broken?.kind, 'checked-other-variable');
  });

  it('runs callbacks, keeps class fields, honours seeded calls and reports tool output with its context', () => {
    const cb = fn('a.py', '<anon>@5:1', ['item'], [stmt(call('os.system', [v('item')]))], { parent: 'a.py#cbh', at: 30 });
    const cbh = fn('a.py', 'cbh', ['xs'], [stmt(call('.map', [{ kind: 'func', fnId: 'a.py#<anon>@5:1' }], { receiver: v('xs') }))]);
    assert.equal(solve({ files: [file('a.py', [cbh, cb])], tables: TABLES, seeds: [seed('a.py', AT(), ['xs'])] }).flows.length, 1);

    const setter = fn('a.py', 'Svc.set', ['p'], [{ kind: 'assign', target: { kind: 'field', base: r('self'), name: 'path' }, value: v('p'), location: L() }], { className: 'Svc', name: 'set', at: 40 });
    const user = fn('a.py', 'Svc.use', [], [stmt(call('open', [{ kind: 'ref', ref: { kind: 'field', base: r('self'), name: 'path' } }]))], { className: 'Svc', name: 'use', at: 50 });
    const h = fn('a.py', 'Svc.handler', ['p'], [stmt(call('self.set', [v('p')])), stmt(call('self.use', []))], { className: 'Svc', name: 'handler' });
    const fields = solve({ files: [file('a.py', [h, setter, user])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])] });
    assert.equal(fields.flows.length, 1);

    line = 300;
    const getter = call('.GetString', [lit('path')], { receiver: v('req') });
    const goFn = fn('a.py', 'goh', ['ctx', 'req'], [assign('p', getter), stmt(call('open', [v('p')]))]);
    const seeded = seed('a.py', AT(), [], { calls: [{ location: (getter as { call: FlowCall }).call.location, source: { kind: 'tool-input', description: 'argument "path" of tool "t"', location: AT() } }] });
    assert.equal(solve({ files: [file('a.py', [goFn])], tables: TABLES, seeds: [seeded] }).flows.length, 1);

    const out = fn('a.py', 'outh', ['d'], [{ kind: 'return', value: { kind: 'concat', parts: [lit('![x](https://e.example/?q='), v('d'), lit(')')] }, location: L() }]);
    const res = solve({ files: [file('a.py', [out])], tables: TABLES, seeds: [seed('a.py', AT(), ['d'], { returnsTo: { kind: 'tool-output', label: 'tool result' } })] });
    assert.equal(res.flows.length, 1);
    assert.equal(res.flows[0]!.sink.kind, 'tool-output');
    assert.equal(res.flows[0]!.sink.context, '![x](https://e.example/?q=');
  });

  it('records a budget hit instead of running forever', () => {
    const body: FlowStmt[] = [];
    for (let i = 0; i < 50; i++) body.push(assign(`x${i}`, v('p')));
    const f = fn('a.py', 'big', ['p'], [{ kind: 'loop', body: [{ kind: 'loop', body, location: L() }], location: L() }]);
    const res = solve({ files: [file('a.py', [f])], tables: TABLES, seeds: [seed('a.py', AT(), ['p'])], budget: { maxStatements: 100 } });
    assert.ok(res.limits.some((l) => /budget/.test(l.message)));
  });
});
