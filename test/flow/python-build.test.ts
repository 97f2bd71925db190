// The Python flow builder on small snippets (functions, callees, string building, guards, loops, closures, imports),
// on hostile nesting and broken syntax, over the bench corpus; and the Python concept table's shape.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildPythonFlow } from '../../src/flow/build/build-python.js';
import { calleeMatches, SINK_KINDS, SOURCE_KINDS, type SinkKind } from '../../src/flow/concepts.js';
import { PYTHON_CONCEPTS } from '../../src/flow/concepts/python.js';
import type { FileFlow, FlowCall, FlowExpr, FlowStmt } from '../../src/flow/ir.js';
import { solve } from '../../src/flow/solve.js';
import type { Seed } from '../../src/flow/taint.js';
import { Parsers } from '../../src/parse/parsers.js';
import { callReaders, fn, shape } from '../helpers/flow-ir.js';

let parsers: Parsers;
before(async () => {
  parsers = await Parsers.create();
  await parsers.loadAll(['python']);
});

function build(src: string, file = 'srv/app.py'): FileFlow {
  const tree = parsers.parse('python', src, 60_000);
  assert.ok(tree, 'parsed');
  try {
    return buildPythonFlow({ path: file, tree, text: src });
  } finally {
    tree.delete();
  }
}

const { calls, callees, call } = callReaders(false);

const ref = (name: string): FlowExpr => ({ kind: 'ref', ref: { kind: 'var', name } });
const lit = (value?: string): FlowExpr => (value === undefined ? { kind: 'lit' } : { kind: 'lit', value });

/** Deepest object nesting of a value, measured without recursion. */
function depthOf(v: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    if (d > max) max = d;
    for (const c of Object.values(x as object)) stack.push([c, d + 1]);
  }
  return max;
}

describe('python flow builder: functions', () => {
  it('lists the module first, then functions, methods, closures and lambdas with ids, parents and params', () => {
    const flow = build(`
import os
def top(a, b=1, *rest, c, **kw):
    def inner(x):
        return x
    return inner(a)

class Repo(Base):
    def __init__(self, root):
        self.root = root
    @staticmethod
    def parse(text, strict=False):
        return text
    @classmethod
    def make(cls, root):
        return cls(root)
    async def read(me, name: str) -> str:
        return me.root

handler = lambda req: req
`);
    assert.equal(flow.language, 'python');
    assert.equal(flow.functions[0]!.qualified, '<module>');
    assert.equal(flow.functions[0]!.id, 'srv/app.py#<module>');
    assert.deepEqual(
      flow.functions.map((f) => f.qualified),
      ['<module>', 'top', 'top.inner', 'Repo.__init__', 'Repo.parse', 'Repo.make', 'Repo.read', '<anon>@20:11'],
    );
    const top = fn(flow, 'top');
    assert.deepEqual(top.params, [
      { name: 'a', index: 0 },
      { name: 'b', index: 1 },
      { name: 'rest', index: 2, rest: true },
      { name: 'c', index: 3 },
      { name: 'kw', index: 4, rest: true },
    ]);
    assert.equal(top.parent, 'srv/app.py#<module>');
    assert.equal(fn(flow, 'top.inner').parent, 'srv/app.py#top');
    assert.equal(fn(flow, 'top.inner').id, 'srv/app.py#top.inner');
    // The receiver is no parameter, whatever it is called; static methods keep their first parameter.
    assert.deepEqual(fn(flow, 'Repo.__init__').params.map((p) => p.name), ['root']);
    assert.deepEqual(fn(flow, 'Repo.make').params.map((p) => p.name), ['root']);
    assert.deepEqual(fn(flow, 'Repo.parse').params.map((p) => p.name), ['text', 'strict']);
    assert.deepEqual(fn(flow, 'Repo.read').params.map((p) => p.name), ['name']);
    assert.equal(fn(flow, 'Repo.read').className, 'Repo');
    assert.equal(fn(flow, 'top').className, undefined);
    const anon = fn(flow, '<anon>@20:11');
    assert.equal(anon.id, 'srv/app.py#<anon>@20:11');
    assert.equal(anon.name, '<anon>');
    assert.deepEqual(shape(anon.stmts), [{ kind: 'return', value: ref('req') }]);
    // A nested def is an assignment of the function in its parent; a lambda is a function value where it appears.
    assert.deepEqual(shape(top.stmts[0]), { kind: 'assign', target: { kind: 'var', name: 'inner' }, value: { kind: 'func', fnId: 'srv/app.py#top.inner' } });
    assert.deepEqual(shape(fn(flow, '<module>').stmts.at(-1)), { kind: 'assign', target: { kind: 'var', name: 'handler' }, value: { kind: 'func', fnId: 'srv/app.py#<anon>@20:11' } });
    // `me.root` in a method reads `self.root`.
    assert.deepEqual(shape(fn(flow, 'Repo.read').stmts[0]), { kind: 'return', value: { kind: 'ref', ref: { kind: 'field', base: { kind: 'var', name: 'self' }, name: 'root' } } });
  });

  it('gives redefinitions distinct ids in document order and exports the first', () => {
    const flow = build(`
if FAST:
    def pick(x):
        return 1
else:
    def pick(x):
        return 2
`);
    const ids = flow.functions.map((f) => f.id);
    assert.deepEqual(ids, ['srv/app.py#<module>', 'srv/app.py#pick', 'srv/app.py#pick@6:5']);
    assert.deepEqual(flow.exports, [{ name: 'pick', fnId: 'srv/app.py#pick' }]);
  });

  it('is deterministic', () => {
    const src = 'import os\nfor a, b in x:\n    os.system(a + b)\nclass C:\n    def m(self):\n        return [y for y in self.z if y]\n';
    assert.deepEqual(build(src), build(src));
  });
});

describe('python flow builder: callees', () => {
  it('names calls through every import form, module attributes, self, values and classes', () => {
    const flow = build(`
import os, subprocess as sp
import os.path
import xml.etree.ElementTree as ET
from pathlib import Path
from .helpers import safe_join as sj
from . import storage
from ..pkg.util import clean
import requests

run = sp.run

class Store:
    def get(self, key):
        self.fetch(key)
        self.cache.get(key)
        super().get(key)
        return key

def handler(p, helpers):
    sp.run(["ls", p])
    run(p)
    os.path.join("/srv", p)
    ET.fromstring(p)
    Path(p).read_text()
    sj(p)
    storage.save(p)
    clean(p)
    p.startswith("/srv/")
    requests.get(p).json()
    __import__("os").system(p)
    Store.get(p)
    HANDLERS[p](p)
    open(p)
    helpers.safe(p)
`);
    const h = fn(flow, 'handler');
    assert.deepEqual(callees(h), [
      'subprocess.run',
      'subprocess.run',
      'os.path.join',
      'xml.etree.ElementTree.fromstring',
      'pathlib.Path.read_text',
      'pathlib.Path',
      '.helpers.safe_join',
      '.storage.save',
      '..pkg.util.clean',
      '.startswith',
      '.json',
      'requests.get',
      'os.system',
      'Store.get',
      '.__call__',
      'open',
      '.safe',
    ]);
    assert.deepEqual(shape(call(h, '.startswith')), { callee: '.startswith', args: [lit('/srv/')], kwargs: {}, receiver: ref('p') });
    assert.equal(call(h, '.json').receiver?.kind, 'call');
    assert.equal((call(h, '.json').receiver as { call: FlowCall }).call.callee, 'requests.get');
    // A parameter that shadows nothing imported is a value: `helpers.safe` is a method call on it.
    assert.deepEqual(shape(call(h, '.safe').receiver), ref('helpers'));
    const m = fn(flow, 'Store.get');
    assert.deepEqual(callees(m), ['self.fetch', '.get', 'self.get']);
    assert.deepEqual(shape(call(m, '.get').receiver), { kind: 'ref', ref: { kind: 'field', base: { kind: 'var', name: 'self' }, name: 'cache' } });
    assert.deepEqual(
      flow.imports.map((i) => `${i.local}=${i.module}:${i.imported}`),
      ['os=os:*', 'sp=subprocess:*', 'os=os.path:*', 'ET=xml.etree.ElementTree:*', 'Path=pathlib:Path', 'sj=.helpers:safe_join', 'storage=.storage:*', 'clean=..pkg.util:clean', 'requests=requests:*'],
    );
  });

  it('lets parameters and locals hide imports', () => {
    const flow = build(`
import os
from subprocess import run
def f(os):
    os.system("x")
def g():
    run = make_runner()
    run("x")
def h():
    os.system("y")
`);
    assert.deepEqual(callees(fn(flow, 'f')), ['.system']);
    assert.deepEqual(callees(fn(flow, 'g')), ['make_runner', 'run']);
    assert.deepEqual(callees(fn(flow, 'h')), ['os.system']);
  });

  it('names methods of values whose class a constructor call fixed: variables, with-targets, self fields, annotations', () => {
    const flow = build(`
import httpx
from openai import AsyncOpenAI
from pathlib import Path
client = AsyncOpenAI()
class Api:
    def __init__(self):
        self.http = httpx.AsyncClient(base_url=BASE)
    async def get(self, u):
        return await self.http.get(u)
async def fetch(u, root: Path):
    async with httpx.AsyncClient() as c:
        r = await c.post(u, json={"a": 1})
    await client.chat.completions.create(model="m", messages=[])
    root.read_text()
    other.get(u)
`);
    assert.deepEqual(callees(fn(flow, 'Api.get')), ['httpx.AsyncClient.get']);
    assert.deepEqual(callees(fn(flow, 'fetch')), ['httpx.AsyncClient', 'httpx.AsyncClient.post', 'openai.AsyncOpenAI.chat.completions.create', 'pathlib.Path.read_text', '.get']);
    assert.deepEqual(shape(call(fn(flow, 'fetch'), 'httpx.AsyncClient.post').receiver), ref('c'));
  });

  it('calls methods of the file\'s own classes like functions, so that they resolve', () => {
    const flow = build(`
class Store:
    def save(self, p):
        open(p, "w")
class Svc:
    def __init__(self):
        self.store = Store()
    def go(self, p):
        self.store.save(p)
def h(p):
    s = Store()
    s.save(p)
    Store().save(p)
`);
    for (const f of ['Svc.go', 'h']) {
      for (const c of calls(fn(flow, f)).filter((x) => x.callee === 'Store.save')) assert.equal(c.receiver, undefined);
    }
    assert.deepEqual(callees(fn(flow, 'Svc.go')), ['Store.save']);
    assert.deepEqual(callees(fn(flow, 'h')), ['Store', 'Store.save', 'Store.save', 'Store']);
  });

  it('reads module values as calls: environment, subscripts, imported members', () => {
    const flow = build(`
import os
from os import environ
def f():
    a = os.environ["API_KEY"]
    b = os.environ.get("B", "x")
    c = os.getenv("C")
    d = environ["D"]
    e = dict(os.environ)
    sep = os.sep
`);
    const vals = fn(flow, 'f').stmts.map((s) => (s.kind === 'assign' ? shape(s.value) : undefined));
    const acc = (callee: string, args: unknown[]): unknown => ({ kind: 'call', call: { callee, args, kwargs: {} } });
    assert.deepEqual(vals, [
      acc('os.environ[]', [lit('API_KEY')]),
      acc('os.environ.get', [lit('B'), lit('x')]),
      acc('os.getenv', [lit('C')]),
      acc('os.environ[]', [lit('D')]),
      acc('dict', [acc('os.environ', [])]),
      acc('os.sep', []),
    ]);
  });

  it('keeps keyword arguments, `**` splats and the text of True/False/None', () => {
    const flow = build(`
import subprocess
subprocess.run(cmd, shell=True, check=False, env=None, **opts)
`);
    const c = call(fn(flow, '<module>'), 'subprocess.run');
    assert.deepEqual(shape(c.kwargs), { shell: lit('True'), check: lit('False'), env: lit('None'), '**': ref('opts') });
    assert.deepEqual(shape(c.args), [ref('cmd')]);
  });

  it('points calls, assignments and returns at their own spans', () => {
    const flow = build('def f(p):\n    x = open(\n        p)\n    return x\n');
    const f = fn(flow, 'f');
    const assign = f.stmts[0]!;
    assert.equal(assign.kind, 'assign');
    assert.deepEqual(assign.kind === 'assign' && [assign.location.startLine, assign.location.startColumn, assign.location.endLine], [2, 5, 3]);
    const c = call(f, 'open');
    assert.deepEqual([c.location.startLine, c.location.startColumn, c.location.endLine, c.location.endColumn], [2, 9, 3, 11]);
    const ret = f.stmts[1]!;
    assert.deepEqual(ret.kind === 'return' && [ret.location.startLine, ret.location.path], [4, 'srv/app.py']);
  });
});

describe('python flow builder: values', () => {
  const value = (src: string): unknown => {
    const flow = build(`x = ${src}\n`);
    const s = fn(flow, '<module>').stmts.find((st) => st.kind === 'assign' && st.target.kind === 'var' && st.target.name === 'x');
    assert.ok(s && s.kind === 'assign');
    return shape(s.value);
  };

  it('turns string building into concatenations with literal parts', () => {
    assert.deepEqual(value('f"ls -l {path} --color={c!r:>4}"'), { kind: 'concat', parts: [lit('ls -l '), ref('path'), lit(' --color='), ref('c')] });
    assert.deepEqual(value('"cat " + name + ".txt"'), { kind: 'concat', parts: [lit('cat '), ref('name'), lit('.txt')] });
    assert.deepEqual(value('"SELECT %s FROM %s" % (col, table)'), { kind: 'concat', parts: [lit('SELECT %s FROM %s'), ref('col'), ref('table')] });
    assert.deepEqual(value('"{} {x}".format(a, x=b)'), { kind: 'concat', parts: [lit('{} {x}'), ref('a'), ref('b')] });
    assert.deepEqual(value('" ".join(args)'), { kind: 'concat', parts: [lit(' '), ref('args')] });
    assert.deepEqual(value('BASE / name'), { kind: 'concat', parts: [ref('BASE'), ref('name')] });
    assert.deepEqual(value('"a" "b\\tc"'), lit('ab\tc'));
    assert.deepEqual(value('r"\\d+" + "x"'), lit('\\d+x'));
    assert.deepEqual(value('f"{{literal}} {v}"'), { kind: 'concat', parts: [lit('{literal} '), ref('v')] });
  });

  it('reads fields, string keys and indexes, and builds collections', () => {
    assert.deepEqual(value('args["path"]'), { kind: 'ref', ref: { kind: 'field', base: { kind: 'var', name: 'args' }, name: 'path' } });
    assert.deepEqual(value('req.params.arguments[k]'), {
      kind: 'ref',
      ref: { kind: 'index', base: { kind: 'field', base: { kind: 'field', base: { kind: 'var', name: 'req' }, name: 'params' }, name: 'arguments' } },
    });
    assert.deepEqual(value('{"cmd": c, **extra, k: v}'), { kind: 'collection', items: [ref('c'), ref('extra'), ref('k'), ref('v')], keys: ['cmd', null, null, null] });
    assert.deepEqual(value('[a, *b]'), { kind: 'collection', items: [ref('a'), ref('b')] });
    assert.deepEqual(value('a if ok else b'), { kind: 'choice', options: [ref('a'), ref('b')] });
    assert.deepEqual(value('a or "default"'), { kind: 'choice', options: [ref('a'), lit('default')] });
    assert.deepEqual(value('await fetch(u)'), { kind: 'call', call: { callee: 'fetch', args: [ref('u')], kwargs: {} } });
    assert.deepEqual(value('n * 2'), { kind: 'unknown' });
    assert.deepEqual(value('42'), lit());
  });

  it('hoists comprehensions into loops over renamed variables', () => {
    const flow = build('def f(items, bad):\n    out = [clean(i) for i in items if i not in bad]\n    return out\n');
    const f = fn(flow, 'f');
    assert.deepEqual(shape(f.stmts), [
      {
        kind: 'loop',
        target: { kind: 'var', name: 'i@2:11' },
        iterable: ref('items'),
        body: [
          {
            kind: 'if',
            test: { kind: 'call', call: { callee: '<not-in>', args: [ref('i@2:11'), ref('bad')], kwargs: {} } },
            then: [{ kind: 'assign', target: { kind: 'var', name: '<comp>@2:11' }, value: { kind: 'collection', items: [{ kind: 'call', call: { callee: 'clean', args: [ref('i@2:11')], kwargs: {} } }] } }],
            else: [],
            thenExits: false,
            elseExits: false,
          },
        ],
      },
      { kind: 'assign', target: { kind: 'var', name: 'out' }, value: ref('<comp>@2:11') },
      { kind: 'return', value: ref('out') },
    ]);
  });

  it('destructures tuples, assigns element-wise when safe, and handles chains and augmented assignment', () => {
    const flow = build('def f(a, b, t):\n    x, y = a, b\n    a, b = b, a\n    p, (q, *r) = t\n    m = n = a\n    s = "ls "\n    s += b\n');
    const st = shape(fn(flow, 'f').stmts) as FlowStmt[];
    assert.deepEqual(st[0], { kind: 'assign', target: { kind: 'var', name: 'x' }, value: ref('a') });
    assert.deepEqual(st[1], { kind: 'assign', target: { kind: 'var', name: 'y' }, value: ref('b') });
    assert.deepEqual(st[2], { kind: 'destructure', targets: [{ target: { kind: 'var', name: 'a' } }, { target: { kind: 'var', name: 'b' } }], value: { kind: 'collection', items: [ref('b'), ref('a')] } });
    assert.deepEqual(st[3], { kind: 'destructure', targets: ['p', 'q', 'r'].map((name) => ({ target: { kind: 'var', name } })), value: ref('t') });
    assert.deepEqual([st[4], st[5]], [
      { kind: 'assign', target: { kind: 'var', name: 'm' }, value: ref('a') },
      { kind: 'assign', target: { kind: 'var', name: 'n' }, value: ref('a') },
    ]);
    assert.deepEqual(st[7], { kind: 'assign', target: { kind: 'var', name: 's' }, value: { kind: 'concat', parts: [ref('s'), ref('b')] } });
  });
});

describe('python flow builder: control flow', () => {
  it('turns validation into guards: exits, elif chains, membership, comparisons, and/or/not', () => {
    const flow = build(`
import os
def f(p, mode, n):
    if not p.startswith(ROOT + os.sep):
        raise PermissionError(p)
    if mode in ALLOWED and n is not None:
        pass
    elif mode == "x" or 0 < n <= 9:
        return None
    else:
        return mode
    while True:
        if p:
            continue
        break
`);
    const st = fn(flow, 'f').stmts;
    const g = st[0]!;
    assert.ok(g.kind === 'if');
    assert.equal(g.thenExits, true);
    assert.equal(g.elseExits, false);
    const test = g.test as FlowExpr & { kind: 'call' };
    assert.equal(test.call.callee, '<not>');
    const inner = test.call.args[0] as FlowExpr & { kind: 'call' };
    assert.equal(inner.call.callee, '.startswith');
    assert.deepEqual(shape(inner.call.args[0]), { kind: 'concat', parts: [ref('ROOT'), { kind: 'call', call: { callee: 'os.sep', args: [], kwargs: {} } }] });

    const chain = st[1]!;
    assert.ok(chain.kind === 'if');
    const pseudo = (e: FlowExpr): unknown => {
      // Only the pseudo-callee skeleton of a test.
      const stack: unknown[] = [];
      const walk = (x: FlowExpr): unknown => (x.kind === 'call' && x.call.callee.startsWith('<') ? [x.call.callee, ...x.call.args.map(walk)] : x.kind === 'ref' && x.ref.kind === 'var' ? x.ref.name : x.kind);
      stack.push(walk(e));
      return stack[0];
    };
    assert.deepEqual(pseudo(chain.test), ['<and>', ['<in>', 'mode', 'ALLOWED'], ['<ne>', 'n', 'lit']]);
    assert.equal(chain.thenExits, false);
    assert.equal(chain.elseExits, true);
    const elif = chain.else[0]!;
    assert.ok(elif.kind === 'if');
    assert.deepEqual(pseudo(elif.test), ['<or>', ['<eq>', 'mode', 'lit'], ['<and>', ['<cmp>', 'lit', 'n'], ['<cmp>', 'n', 'lit']]]);
    assert.equal(elif.thenExits, true);
    assert.equal(elif.elseExits, true);
    assert.deepEqual(shape(elif.else), [{ kind: 'return', value: ref('mode') }]);

    const loop = st[2]!;
    assert.ok(loop.kind === 'loop' && loop.target === undefined);
    const cont = loop.body.find((s) => s.kind === 'if');
    assert.ok(cont && cont.kind === 'if' && cont.thenExits, 'continue inside a loop leaves the iteration');
  });

  it('treats assert as a guard and sys.exit as an exit', () => {
    const flow = build(`
import sys
def f(p):
    assert p.is_relative_to(ROOT), "outside"
    if bad(p):
        sys.exit(1)
    return p
`);
    const [a, b] = fn(flow, 'f').stmts;
    assert.ok(a?.kind === 'if' && a.thenExits && !a.elseExits);
    assert.deepEqual(
      (a.test as { call: FlowCall }).call.callee === '<not>' && ((a.test as { call: FlowCall }).call.args[0] as { call: FlowCall }).call.callee,
      '.is_relative_to',
    );
    assert.ok(b?.kind === 'if' && b.thenExits);
  });

  it('models loops, with, try and match', () => {
    const flow = build(`
def f(pairs, p, cmd):
    for k, v in pairs.items():
        use(k, v)
    else:
        done()
    with open(p) as fh, lock:
        data = fh.read()
    try:
        risky(p)
    except (OSError, ValueError) as e:
        log(e)
    finally:
        close()
    match cmd:
        case "ls" | "pwd":
            run(cmd)
        case {"path": path}:
            open(path)
        case _:
            deny()
`);
    const st = fn(flow, 'f').stmts;
    const loop = st[0]!;
    assert.ok(loop.kind === 'loop');
    assert.deepEqual(shape(loop.target), { kind: 'var', name: '<item>@3:5' });
    assert.deepEqual(shape(loop.body[0]), { kind: 'destructure', targets: [{ target: { kind: 'var', name: 'k' } }, { target: { kind: 'var', name: 'v' } }], value: ref('<item>@3:5') });
    assert.deepEqual(shape(st[1]), { kind: 'block', body: [{ kind: 'expr', value: { kind: 'call', call: { callee: 'done', args: [], kwargs: {} } } }] });
    const w = st[2]!;
    assert.ok(w.kind === 'block');
    assert.deepEqual(shape(w.body[0]), { kind: 'assign', target: { kind: 'var', name: 'fh' }, value: { kind: 'call', call: { callee: 'open', args: [ref('p')], kwargs: {} } } });
    assert.deepEqual(shape(w.body[1]), { kind: 'assign', target: { kind: 'var', name: 'data' }, value: { kind: 'call', call: { callee: '.read', args: [], kwargs: {}, receiver: ref('fh') } } });
    const t = st[3]!;
    assert.ok(t.kind === 'block' && t.body.length === 3);
    assert.deepEqual(shape((t.body[1] as { body: FlowStmt[] }).body[0]), { kind: 'assign', target: { kind: 'var', name: 'e' }, value: { kind: 'unknown' } });
    const m = st[4]!;
    assert.ok(m.kind === 'if');
    assert.deepEqual(shape(m.test), {
      kind: 'call',
      call: { callee: '<or>', args: [{ kind: 'call', call: { callee: '<eq>', args: [ref('cmd'), lit('ls')], kwargs: {} } }, { kind: 'call', call: { callee: '<eq>', args: [ref('cmd'), lit('pwd')], kwargs: {} } }], kwargs: {} },
    });
    const second = m.else[0]!;
    assert.ok(second.kind === 'if');
    assert.deepEqual(shape(second.then[0]), { kind: 'destructure', targets: [{ target: { kind: 'var', name: 'path' }, key: 'path' }], value: ref('cmd') });
    assert.deepEqual(callees({ ...fn(flow, 'f'), stmts: second.else }), ['deny']);
  });

  it('passes callbacks as functions: lambdas, local defs, bound methods', () => {
    const flow = build(`
import asyncio
def work(p):
    return open(p).read()
class T:
    async def run(self, x):
        await asyncio.to_thread(self.step, x)
    def step(self, y):
        return y
async def main(xs):
    await asyncio.to_thread(work, xs[0])
    return list(map(lambda s: s.strip(), xs))
`);
    const funcArg = (c: FlowCall) => c.args.map((a) => (a.kind === 'func' ? a.fnId : a.kind));
    assert.deepEqual(funcArg(call(fn(flow, 'T.run'), 'asyncio.to_thread')), ['srv/app.py#T.step', 'ref']);
    assert.deepEqual(funcArg(call(fn(flow, 'main'), 'asyncio.to_thread')), ['srv/app.py#work', 'ref']);
    assert.deepEqual(funcArg(call(fn(flow, 'main'), 'map')), ['srv/app.py#<anon>@12:21', 'ref']);
    assert.equal(fn(flow, '<anon>@12:21').parent, 'srv/app.py#main');
  });

  it('lists imports (with star imports) and exports top-level defs and methods', () => {
    const flow = build(`
from tools import *
import json as j
def a(): pass
class K:
    def m(self): pass
def b():
    def hidden(): pass
`);
    assert.deepEqual(flow.imports, [
      { local: '*', module: 'tools', imported: '*' },
      { local: 'j', module: 'json', imported: '*' },
    ]);
    assert.deepEqual(flow.exports, [
      { name: 'a', fnId: 'srv/app.py#a' },
      { name: 'K.m', fnId: 'srv/app.py#K.m' },
      { name: 'b', fnId: 'srv/app.py#b' },
    ]);
  });
});

describe('python flow builder: hostile and broken input', () => {
  const deepSources: Record<string, (n: number) => string> = {
    parentheses: (n) => `x = ${'('.repeat(n)}f(a)${')'.repeat(n)}\n`,
    lists: (n) => `x = ${'['.repeat(n)}a${']'.repeat(n)}\n`,
    calls: (n) => `x = ${'f('.repeat(n)}a${')'.repeat(n)}\n`,
    'string concatenation': (n) => `x = "a"${' + b'.repeat(n)}\n`,
    'attribute chain': (n) => `x = a${'.b'.repeat(n)}\n`,
    'method chain': (n) => `x = a${'.b()'.repeat(n)}\n`,
    'subscript chain': (n) => `x = a${'[0]'.repeat(n)}\n`,
    lambdas: (n) => `x = ${'lambda: '.repeat(n)}a\n`,
    'boolean chain': (n) => `if a${' and b'.repeat(n)}:\n    pass\n`,
    'not chain': (n) => `x = ${'not '.repeat(n)}a\n`,
    'elif chain': (n) => `if a == 0:\n    f(0)\n${Array.from({ length: n / 20 }, (_, i) => `elif a == ${i + 1}:\n    f(${i + 1})\n`).join('')}`,
  };
  for (const [name, make] of Object.entries(deepSources)) {
    it(`survives ${name} 100k deep with a shallow IR whose size grows linearly`, () => {
      const small = build(make(50_000));
      const big = build(make(100_000));
      for (const flow of [small, big]) {
        assert.equal(flow.functions[0]!.qualified, '<module>');
        assert.ok(depthOf(flow) < 900, `IR depth ${depthOf(flow)}`);
        structuredClone(flow);
      }
      const a = JSON.stringify(small).length;
      const b = JSON.stringify(big).length;
      assert.ok(b <= a * 2.5 + 10_000, `IR size ${a} → ${b}`);
    });
  }

  it('keeps every branch of a long elif chain', () => {
    const n = 400;
    const src = `def f(a):\n    if a == 0:\n        g0()\n${Array.from({ length: n }, (_, i) => `    elif a == ${i + 1}:\n        g${i + 1}()\n`).join('')}    else:\n        other()\n`;
    const names = new Set(callees(fn(build(src), 'f')));
    for (let i = 0; i <= n; i++) assert.ok(names.has(`g${i}`), `g${i}`);
    assert.ok(names.has('other'));
  });

  it('yields IR for the parts of a file that parsed', () => {
    const flow = build(`
import os
def before(p):
    os.system(p)

def middle(q):
    x = = 1
    eval(q)

def after(r):
    return open(r)
`);
    assert.deepEqual(callees(fn(flow, 'before')), ['os.system']);
    assert.deepEqual(callees(fn(flow, 'middle')), ['eval']);
    assert.deepEqual(callees(fn(flow, 'after')), ['open']);
    // Error recovery can wrap whole statements in an error node; they are still read.
    const wrapped = build('import os\ndef before(p):\n    os.system(p)\n\ndef broken(:\n    x = = 1\n\ndef after(q):\n    return open(q)\n');
    assert.deepEqual(callees(fn(wrapped, 'before')), ['os.system']);
    assert.ok(callees(fn(wrapped, '<module>')).includes('open'));
  });
});

describe('python flow builder with the solver', () => {
  function flows(src: string, handler: string) {
    const flow = build(src);
    const f = fn(flow, handler);
    const seed: Seed = {
      path: flow.path,
      at: f.location,
      names: f.params.map((p) => ({ name: p.name, source: { kind: 'tool-input', description: `argument "${p.name}"`, location: f.location } })),
      calls: [],
    };
    return solve({ files: [flow], tables: { python: PYTHON_CONCEPTS, typescript: PYTHON_CONCEPTS, go: PYTHON_CONCEPTS }, seeds: [seed] }).flows;
  }

  it('applies __init__ to constructor calls, so fields set there reach sinks in other methods', () => {
    const found = flows(
      `
import subprocess
class Runner:
    def __init__(self, cmd):
        self.cmd = cmd
    def run(self):
        subprocess.run(self.cmd, shell=True)
def handler(cmd):
    r = Runner(cmd)
    r.run()
`,
      'handler',
    );
    assert.deepEqual(found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}`), ['command:7']);
  });

  it('finds shell, SQL, SSRF and file flows and respects sanitizers and sound guards', () => {
    const found = flows(
      `
import os, shlex, subprocess, httpx
from pathlib import Path
ROOT = Path("/srv").resolve()
async def handler(cmd, table, url, name):
    subprocess.run(f"grep {cmd}", shell=True)
    os.system("echo " + shlex.quote(cmd))
    cur.execute(f"SELECT * FROM {table}")
    cur.execute("SELECT * FROM t WHERE id = ?", (table,))
    async with httpx.AsyncClient() as c:
        await c.get(url)
    p = (ROOT / name).resolve()
    if not p.is_relative_to(ROOT):
        raise ValueError(name)
    return p.read_text()
`,
      'handler',
    );
    const got = found.map((f) => `${f.sink.kind}:${f.sink.location.startLine}`).sort();
    assert.deepEqual(got, ['command:6', 'sql:8', 'url:11']);
  });

  it('reports a prefix check without a separator as a broken sanitizer', () => {
    const found = flows(
      `
import os
def handler(name):
    p = os.path.realpath(os.path.join("/srv", name))
    if not p.startswith("/srv"):
        return "denied"
    return open(p).read()
`,
      'handler',
    );
    assert.equal(found.length, 1);
    assert.equal(found[0]!.sink.kind, 'file-read');
    assert.equal(found[0]!.broken?.kind, 'prefix-without-separator');
  });
});

/** Sink kinds that tables describe (handler results are sinks through seeds). */
const TABLE_SINK_KINDS = SINK_KINDS.filter((k) => k !== 'tool-output' && k !== 'prompt-output');

describe('python concept table', () => {
  const t = PYTHON_CONCEPTS;
  const key = (x: unknown) => JSON.stringify(x, (_k, v) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v));

  it('has no duplicate specs', () => {
    for (const [name, list] of Object.entries({ sources: t.sources, sinks: t.sinks, sanitizers: t.sanitizers, guards: t.guards, pathNormalizers: t.pathNormalizers, propagators: t.propagators })) {
      const seen = new Set<string>();
      for (const spec of list as unknown[]) {
        const k = key(spec);
        assert.ok(!seen.has(k), `duplicate in ${name}: ${k}`);
        seen.add(k);
      }
    }
  });

  it('uses only linear patterns (no nested quantifiers, no backreferences)', () => {
    const all = [...t.sources, ...t.sinks, ...t.sanitizers, ...t.guards, ...t.pathNormalizers, ...t.propagators].map((s) => s.callee).filter((c): c is RegExp => c instanceof RegExp);
    assert.ok(all.length > 20);
    for (const re of all) {
      assert.ok(re.source.startsWith('^') && re.source.endsWith('$'), `anchored: ${re.source}`);
      assert.ok(!hasNestedQuantifier(re.source), `nested quantifier: ${re.source}`);
      assert.ok(!/\\[1-9]/.test(re.source), `backreference: ${re.source}`);
    }
    assert.ok(hasNestedQuantifier('^(a+)+$') && hasNestedQuantifier('^(?:a|b*)*$') && !hasNestedQuantifier('^(?:a|b)+\\.c*$'), 'the checker itself works');
  });

  it('covers every sink kind and every table source kind', () => {
    for (const k of TABLE_SINK_KINDS) assert.ok(t.sinks.some((s) => s.kind === k), `sink kind ${k}`);
    for (const k of SOURCE_KINDS.filter((s) => s !== 'tool-input' && s !== 'resource-uri' && s !== 'prompt-arg')) assert.ok(t.sources.some((s) => s.kind === k), `source kind ${k}`);
  });

  it('matches the callee names the builder produces for well-known APIs', () => {
    const flow = build(`
import os, subprocess, pickle, yaml, logging, webbrowser, requests, sqlite3
from jinja2 import Template
from anthropic import Anthropic
import shlex
llm = Anthropic()
def h(x, ctx, cur):
    os.system(x)
    subprocess.check_output(["git", "log", x])
    open(x)
    os.remove(x)
    requests.post(x, json={"q": x})
    cur.executemany(x, [])
    eval(x)
    pickle.loads(x)
    Template(x)
    llm.messages.create(system=x, messages=[])
    ctx.session.create_message(messages=[x], system_prompt=x, max_tokens=5)
    logging.info(x)
    webbrowser.open(x)
    os.environ.get("TOKEN")
    requests.get(x).text
    cur.fetchall()
    shlex.quote(x)
    os.path.realpath(x)
`);
    const cs = calls(fn(flow, 'h'));
    const sinkKinds = new Set<SinkKind>();
    for (const c of cs) for (const s of t.sinks) if (calleeMatches(s.callee, c.callee)) sinkKinds.add(s.kind);
    for (const k of TABLE_SINK_KINDS) assert.ok(sinkKinds.has(k), `a call reaching ${k}`);
    const sourceKinds = new Set(cs.flatMap((c) => t.sources.filter((s) => calleeMatches(s.callee, c.callee)).map((s) => s.kind)));
    for (const k of ['env-secret', 'http-response', 'db-row', 'file-content', 'llm-output', 'subprocess-output']) assert.ok(sourceKinds.has(k as never), `a call producing ${k}`);
    assert.ok(cs.some((c) => t.sanitizers.some((s) => calleeMatches(s.callee, c.callee))));
    assert.ok(cs.some((c) => t.pathNormalizers.some((s) => calleeMatches(s.callee, c.callee) && s.effect === 'resolves')));
  });
});

describe('python flow builder over the bench corpus', () => {
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
        else if (e.endsWith('.py')) files.push(p);
      }
    }
  }
  it('builds every Python file without throwing, with unique ids and the module first', { skip: files.length === 0 ? 'no .bench-corpus (npm run bench creates it)' : false }, () => {
    for (const file of files.sort()) {
      const text = readFileSync(file, 'utf8');
      const rel = path.relative(corpus, file);
      const flow = build(text, rel);
      assert.equal(flow.functions[0]!.qualified, '<module>', rel);
      const ids = flow.functions.map((f) => f.id);
      assert.equal(new Set(ids).size, ids.length, `unique ids in ${rel}`);
      for (const f of flow.functions) if (f.parent) assert.ok(ids.includes(f.parent), `parent of ${f.id}`);
    }
  });
});

/** True when a quantified group contains a quantifier: `(a+)+`, `(?:x|y*)*`, `(a{2,})+`. */
function hasNestedQuantifier(source: string): boolean {
  const stack: boolean[] = [];
  let inClass = false;
  let lastGroupQuantified = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      lastGroupQuantified = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    const quant = c === '*' || c === '+' || c === '{' || (c === '?' && source[i - 1] !== '(');
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(false);
    else if (c === ')') {
      lastGroupQuantified = stack.pop() ?? false;
      if (lastGroupQuantified && stack.length) stack[stack.length - 1] = true;
      continue;
    } else if (quant) {
      if (lastGroupQuantified && c !== '?') return true;
      if (c !== '?' && stack.length) stack[stack.length - 1] = true;
    }
    lastGroupQuantified = false;
  }
  return false;
}
