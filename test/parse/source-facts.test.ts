// The single-pass node index and the facts read from source text agree with plain tree walks, shape by shape.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Node, Tree } from 'web-tree-sitter';
import type { CodeLanguage } from '../../src/model/language.js';
import { calleeMemberOf, calleePartsOf, calleeTypeOf, collectCallSites, type CallSite } from '../../src/parse/call-sites.js';
import { collectImports } from '../../src/parse/imports.js';
import { attachSource, NodeIndex, sourceOf } from '../../src/parse/node-index.js';
import { Parsers } from '../../src/parse/parsers.js';
import { collectAssignments } from '../../src/parse/static-value.js';
import { decodeString } from '../../src/parse/string-literal.js';
import { walk } from '../../src/parse/walk.js';

const PYTHON = String.raw`import os, subprocess as sp
from a.b import c as d, e
x = 1
x: int = 2
y = z = "abcdefgh12345678"
a, b = 1, 2
*rest, last = items
obj.attr = "v"
obj [0] = 1
n += 1
m //= 2
k @= w
(p) = 3
[q] = [4]
é = 5
print("x")
exec(code)
sp.run("ls", shell=True)
os . path . join("a", "b")
f(x)(y)
g(x).h(y)
obj.method (arg)
run = sp.check_output
run("ls")
None.__class__()
type(x)
s1 = 'plain'
s2 = "with space"
s3 = r'raw\d'
s4 = f"{x} and {{y}}"
s5 = f"no braces"
s6 = """triple 'quoted' text"""
s7 = b'bytes'
s8 = 'tab\there'
s9 = "a" "b"
t = u'unicode ✓'
e2 = ''
@app.tool()
def handler(q: str = "dflt"):
    return q
`;

const TYPESCRIPT = String.raw`import fs, { readFile as rf, b } from 'node:fs';
import * as cp from "child_process";
const { exec } = require('child_process');
const sh = require("shelljs");
const lazy = await import("node:os");
let x = 1, y;
const { a, b: c } = obj;
const [d1, d2] = arr;
x = 2;
x += 3;
x ??= 4;
x **= 5;
z >>>= 1;
obj.prop = 5;
this.field = 6;
arr[0] = 7;
({ a } = obj);
[d1, d2] = [d2, d1];
let definite!: number;
exec(` + '`ls ${dir}`' + String.raw`);
cp.exec("ls");
new Foo(1);
new a.b.C(2);
new Foo().bar(3);
a?.b(4);
f<string>(5);
fn(6)(7);
obj.m(8).n(9);
(0, eval)(code);
import("x").then(go);
require('x').y();
z.string().describe("d");
a /* c */ .b(1);
a
  .b
  .c();
const run = cp.execSync;
run("ls");
s = 'single';
s = "double \" esc";
s = ` + '`tmpl ${x}`' + String.raw`;
s = ` + '`plain tmpl`' + String.raw`;
s = "with space";
s = '';
(function () {})();
class K extends Base { m() { super.m(1); this.n(2); } }
`;

const GO = String.raw`package main

import (
	"fmt"
	osexec "os/exec"
	_ "embed"
	. "strings"
)

var a, b = 1, "x"

const c = ` + '`raw\nstring`' + String.raw`

func main() {
	x := 1
	y, z := 2, 3
	x = 4
	p.q = 5
	osexec.Command("sh", "-c", cmd)
	fmt.Println("a\tb", x)
	func() {}()
	f(x)(y)
	g(x).h(y)
	_ = string(b)
	s := "plain"
	r := ` + '`raw`' + String.raw`
}
`;

const CASES: [CodeLanguage, string][] = [
  ['python', PYTHON],
  ['typescript', TYPESCRIPT],
  ['go', GO],
];

let parsers: Parsers;
before(async () => {
  parsers = await Parsers.create();
  await parsers.loadAll(['python', 'typescript', 'go']);
});

/** Two trees of one source: one left alone (facts come from the tree) and one with its source attached. */
function twoTrees(lang: CodeLanguage, text: string): { plain: Tree; withSource: Tree } {
  const plain = parsers.parse(lang, text, 5000)!;
  const withSource = parsers.parse(lang, text, 5000)!;
  attachSource(withSource, text);
  return { plain, withSource };
}

/** Node identity that survives re-parsing: position and type. */
const key = (n: Node) => `${n.startIndex}-${n.endIndex}:${n.type}`;

function callFacts(tree: Tree, lang: CodeLanguage): unknown[] {
  const calls = collectCallSites(tree, lang, collectImports(tree, lang), collectAssignments(tree, lang));
  return calls.map((c: CallSite) => ({
    node: key(c.node),
    callee: key(c.callee),
    name: c.name,
    isNew: c.isNew,
    type: calleeTypeOf(c),
    parts: calleePartsOf(c, lang),
    member: calleeMemberOf(c),
    args: c.args.map(key),
    kwargs: [...c.kwargs].map(([k, v]) => [k, key(v)]),
  }));
}

describe('facts read from source text', () => {
  for (const [lang, text] of CASES) {
    it(`${lang}: the test source parses cleanly, so the source-text paths are taken`, () => {
      const { withSource } = twoTrees(lang, text);
      assert.equal(sourceOf(withSource)?.clean, true);
    });

    it(`${lang}: call sites equal those read from the tree`, () => {
      const { plain, withSource } = twoTrees(lang, text);
      const fromTree = callFacts(plain, lang);
      assert.ok(fromTree.length > 5);
      assert.deepEqual(callFacts(withSource, lang), fromTree);
    });

    it(`${lang}: assignments and imports equal those read from the tree`, () => {
      const { plain, withSource } = twoTrees(lang, text);
      const assignments = (t: Tree) => [...collectAssignments(t, lang)].map(([name, values]) => [name, values.map(key)]);
      assert.deepEqual(assignments(withSource), assignments(plain));
      assert.deepEqual([...collectImports(withSource, lang)], [...collectImports(plain, lang)]);
    });

    it(`${lang}: string literals decode to the same values`, () => {
      const { plain, withSource } = twoTrees(lang, text);
      const types = ['string', 'template_string', 'concatenated_string', 'interpreted_string_literal', 'raw_string_literal'];
      const decoded = (t: Tree) => t.rootNode.descendantsOfType(types).map((n) => [key(n), decodeString(n, lang)]);
      const fromTree = decoded(plain);
      assert.ok(fromTree.length > 5);
      assert.deepEqual(decoded(withSource), fromTree);
    });
  }

  it('resolves canonical names through imports and aliases on the source-text path', () => {
    const names = (lang: CodeLanguage, text: string) => {
      const { withSource } = twoTrees(lang, text);
      return collectCallSites(withSource, lang, collectImports(withSource, lang), collectAssignments(withSource, lang)).map((c) => c.name);
    };
    const py = names('python', PYTHON);
    assert.ok(py.includes('subprocess.run'));
    assert.ok(py.includes('subprocess.check_output'), 'the `run = sp.check_output` alias is followed');
    assert.ok(py.includes('os.path.join'));
    const ts = names('typescript', TYPESCRIPT);
    assert.ok(ts.includes('child_process.exec'));
    assert.ok(ts.includes('child_process.execSync'));
    assert.ok(names('go', GO).includes('os/exec.Command'));
  });

  it('keeps reading from the tree when the file has syntax errors', () => {
    const text = 'x = "with space"\nsp.run("ls"\nobj.m(1)\n';
    const { plain, withSource } = twoTrees('python', text);
    assert.equal(sourceOf(withSource)?.clean, false);
    assert.deepEqual(callFacts(withSource, 'python'), callFacts(plain, 'python'));
  });
});

describe('node index', () => {
  for (const [lang, text] of CASES) {
    it(`${lang}: lists nodes of one type or several in document order, as descendantsOfType does`, () => {
      const tree = parsers.parse(lang, text, 5000)!;
      const index = NodeIndex.of(tree, lang);
      assert.equal(NodeIndex.of(tree, lang), index, 'built once per tree');
      const ids = (ns: readonly Node[]) => ns.map((n) => n.id);
      const groups = [['call', 'call_expression'], ['string', 'interpreted_string_literal'], ['assignment', 'variable_declarator', 'short_var_declaration', 'call', 'call_expression', 'new_expression'], ['identifier'], ['comment', 'call']];
      for (const types of groups) assert.deepEqual(ids(index.nodes(types)), ids(tree.rootNode.descendantsOfType(types)), types.join(','));
      for (const type of ['import_statement', 'import_spec', 'pair', 'return_statement']) assert.deepEqual(ids(index.nodes(type)), ids(tree.rootNode.descendantsOfType(type)), type);
      const typed = index.typed(['call', 'call_expression', 'new_expression']);
      assert.deepEqual(typed.types, typed.nodes.map((n) => n.type));
    });
  }
});

describe('walk', () => {
  for (const [lang, text] of CASES) {
    it(`${lang}: visits every node in document order with its depth, and skips the children of nodes it is told to`, () => {
      const tree = parsers.parse(lang, text, 5000)!;
      const all = tree.rootNode.descendantsOfType(tree.language.types.filter((t) => t).concat('ERROR'));
      const seen: string[] = [];
      const ancestors: Node[] = [];
      walk(tree.rootNode, (n, depth) => {
        ancestors.length = depth;
        assert.equal(depth === 0 ? null : ancestors[depth - 1]!.id, n.parent?.id ?? null);
        ancestors.push(n);
        seen.push(key(n));
      });
      assert.deepEqual(seen, all.map(key));
      // Skipping calls' children: nothing inside a call is visited, everything else is.
      const pruned: string[] = [];
      walk(tree.rootNode, (n) => {
        pruned.push(key(n));
        return n.type !== 'call' && n.type !== 'call_expression';
      });
      // In document order a node's descendants follow it directly: `descendantCount - 1` of them.
      const expected: string[] = [];
      for (let i = 0; i < all.length; i++) {
        expected.push(key(all[i]!));
        if (all[i]!.type === 'call' || all[i]!.type === 'call_expression') i += all[i]!.descendantCount - 1;
      }
      assert.deepEqual(pruned, expected);
      assert.ok(pruned.length < seen.length);
    });
  }
});
