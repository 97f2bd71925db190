// The Go flow builder: Go snippets → flow IR (functions, canonical callees, guards, loops, closures, out-parameters),
// hostile nesting, broken files, the Go concept table's hygiene, and the solver running on the builder's output.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildGoFlow } from '../../src/flow/build/build-go.js';
import { splitGoFormat } from '../../src/flow/build/go-format.js';
import { goImportName } from '../../src/flow/build/go-package-name.js';
import { SINK_KINDS, type ConceptTable } from '../../src/flow/concepts.js';
import { GO_CONCEPTS } from '../../src/flow/concepts/go.js';
import type { FileFlow, FlowExpr, FlowFunction, FlowRef, FlowStmt } from '../../src/flow/ir.js';
import { JTree } from '../../src/flow/jtree.js';
import { solve } from '../../src/flow/solve.js';
import type { Seed } from '../../src/flow/taint.js';
import { Parsers } from '../../src/parse/parsers.js';

let parsers: Parsers;
before(async () => {
  parsers = await Parsers.create();
  await parsers.loadAll(['go']);
});

function build(src: string, file = 'srv/main.go'): FileFlow {
  const tree = parsers.parse('go', src, 60_000);
  assert.ok(tree, 'parsed');
  try {
    return buildGoFlow({ path: file, tree, text: src });
  } finally {
    tree.delete();
  }
}

function fnNamed(flow: FileFlow, qualified: string): FlowFunction {
  const f = flow.functions.find((x) => x.qualified === qualified);
  assert.ok(f, `function ${qualified} in ${flow.functions.map((x) => x.qualified).join(', ')}`);
  return f;
}

// A compact rendering of the IR, so one assertion shows a whole function.
function ref(r: FlowRef): string {
  return r.kind === 'var' ? r.name : r.kind === 'field' ? `${ref(r.base)}.${r.name}` : `${ref(r.base)}[]`;
}

function expr(e: FlowExpr): string {
  switch (e.kind) {
    case 'lit':
      return e.value === undefined ? 'LIT' : JSON.stringify(e.value);
    case 'ref':
      return ref(e.ref);
    case 'concat':
      return `concat(${e.parts.map(expr).join(', ')})`;
    case 'call': {
      const c = e.call;
      const kw = Object.keys(c.kwargs).length ? ` {${Object.entries(c.kwargs).map(([k, v]) => `${k}: ${expr(v)}`).join(', ')}}` : '';
      return `${c.receiver ? `[${expr(c.receiver)}]` : ''}${c.callee}(${c.args.map(expr).join(', ')})${kw}`;
    }
    case 'collection':
      return `{${e.items.map((it, i) => (e.keys?.[i] !== undefined ? `${e.keys[i]}: ` : '') + expr(it)).join(', ')}}`;
    case 'func':
      return `func ${e.fnId.slice(e.fnId.indexOf('#') + 1)}`;
    case 'choice':
      return `choice(${e.options.map(expr).join(' | ')})`;
    case 'unknown':
      return '?';
  }
}

function stmts(list: FlowStmt[], ind = ''): string[] {
  return list.flatMap((s): string[] => {
    switch (s.kind) {
      case 'assign':
        return [`${ind}${ref(s.target)} = ${expr(s.value)}`];
      case 'destructure':
        return [`${ind}${s.targets.map((t) => ref(t.target)).join(', ')} := ${expr(s.value)}`];
      case 'expr':
        return [`${ind}${expr(s.value)}`];
      case 'return':
        return [`${ind}return ${expr(s.value)}`];
      case 'if':
        return [
          `${ind}if ${expr(s.test)}${s.thenExits ? ' [then exits]' : ''}${s.elseExits ? ' [else exits]' : ''}`,
          ...stmts(s.then, `${ind}  `),
          ...(s.else.length ? [`${ind}else`, ...stmts(s.else, `${ind}  `)] : []),
        ];
      case 'loop':
        return [`${ind}loop${s.target ? ` ${ref(s.target)}` : ''}${s.iterable ? ` in ${expr(s.iterable)}` : ''}`, ...stmts(s.body, `${ind}  `)];
      case 'block':
        return [`${ind}block`, ...stmts(s.body, `${ind}  `)];
    }
  });
}

const body = (flow: FileFlow, qualified: string) => stmts(fnNamed(flow, qualified).stmts);

const HEADER = `package tools

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
)
`;

describe('Go flow builder: functions and declarations', () => {
  it('makes one function per declaration, method and literal, with the receiver as className and `self`', () => {
    const flow = build(`${HEADER}
var handler = func(x string) string { return x }

type Server struct{ root string }

func (s *Server) Read(ctx context.Context, name string, rest ...string) string {
	run := func(p string) { exec.Command("cat", p) }
	run(s.root)
	return s.root
}

func (Server) Static() {}

func top(a, b string) (out string, err error) {
	go func() { fmt.Println(a) }()
	out = a + b
	return
}
`);
    assert.equal(flow.language, 'go');
    assert.equal(flow.goPackage, 'tools');
    assert.deepEqual(
      flow.functions.map((f) => [f.id, f.qualified, f.className ?? '', f.params.map((p) => p.name + (p.rest ? '...' : '')).join(','), f.parent ?? '']),
      [
        ['srv/main.go#<module>', '<module>', '', '', ''],
        ['srv/main.go#Server.Read', 'Server.Read', 'Server', 'ctx,name,rest...', ''],
        ['srv/main.go#Server.Static', 'Server.Static', 'Server', '', ''],
        ['srv/main.go#top', 'top', '', 'a,b', ''],
        ['srv/main.go#handler', 'handler', '', 'x', 'srv/main.go#<module>'],
        ['srv/main.go#Server.Read.run', 'Server.Read.run', '', 'p', 'srv/main.go#Server.Read'],
        ['srv/main.go#<anon>@28:5', '<anon>@28:5', '', '', 'srv/main.go#top'],
      ],
    );
    assert.deepEqual(body(flow, 'Server.Read'), ['run = func Server.Read.run', 'run(self.root)', 'return self.root']);
    // A bare return hands back the named results; an immediately called literal runs through a `func` call.
    assert.deepEqual(body(flow, 'top'), ['block', '  func(func <anon>@28:5)', 'out = concat(a, b)', 'return {out, err}']);
    assert.deepEqual(body(flow, '<module>'), ['handler = func handler']);
  });

  it('lists imports with their package names, every top-level function as an export, and skips blank imports', () => {
    const flow = build(`package main

import (
	"fmt"
	osexec "os/exec"
	_ "embed"
	. "strings"
	"github.com/openai/openai-go/v2"
	"gopkg.in/yaml.v3"
)

func main() {}
func init() {}
func (s *S) M() {}
`);
    assert.deepEqual(flow.imports, [
      { local: 'fmt', module: 'fmt', imported: '*' },
      { local: 'osexec', module: 'os/exec', imported: '*' },
      { local: '.', module: 'strings', imported: '*' },
      { local: 'openai', module: 'github.com/openai/openai-go/v2', imported: '*' },
      { local: 'yaml', module: 'gopkg.in/yaml.v3', imported: '*' },
    ]);
    assert.deepEqual(flow.exports, [
      { name: 'main', fnId: 'srv/main.go#main' },
      { name: 'S.M', fnId: 'srv/main.go#S.M' },
    ]);
  });

  it('keeps ids unique when a name repeats (several init functions)', () => {
    const flow = build(`package p
func init() { a() }
func init() { b() }
`);
    const ids = flow.functions.map((f) => f.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(ids, ['srv/main.go#<module>', 'srv/main.go#init', 'srv/main.go#init@3:1']);
  });

  it('turns package-level var and const declarations into module assignments', () => {
    const flow = build(`package p
const Root = "/srv/data/"
const (
	A = iota
	B
)
var base, other = os.Getenv("BASE"), "x"
`);
    assert.deepEqual(body(flow, '<module>'), ['Root = "/srv/data/"', 'A = LIT', 'B = LIT', 'base = [os].Getenv("BASE")', 'other = "x"']);
  });
});

describe('Go flow builder: callees', () => {
  it('names package calls by import path, methods on values by `.method`, and receiver methods by `self.`', () => {
    const flow = build(`${HEADER}
func (s *Srv) H(req mcp.CallToolRequest) {
	cmd := exec.Command("git", "log", s.ref)
	s.audit(cmd)
	rows, err := s.db.Query("SELECT 1")
	local(rows, err)
	out, _ := exec.Command("ls").Output()
	_ = filepath.Join(s.root, req.GetString("p", ""))
	r := http.DefaultClient
	_ = r
}
`);
    assert.deepEqual(body(flow, 'Srv.H'), [
      'cmd = os/exec.Command("git", "log", self.ref)',
      'self.audit(cmd)',
      'rows := [self.db].Query("SELECT 1")',
      'err = LIT',
      'local(rows, err)',
      'out := [os/exec.Command("ls")]os/exec.Cmd.Output()',
      'path/filepath.Join(self.root, [req]github.com/mark3labs/mcp-go/mcp.CallToolRequest.GetString("p", ""))',
      'r = http.DefaultClient',
      'r',
    ]);
  });

  it('resolves aliased imports and package variables, and lets locals shadow package names', () => {
    const flow = build(`package p
import (
	sp "os/exec"
	"net/http"
	"net/url"
	"os"
)
func f(url string) {
	sp.Command("sh")
	http.DefaultClient.Do(nil)
	http.Get(url)
	x := os.Args[1]
	y := string(os.PathSeparator)
	g(x, y)
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'os/exec.Command("sh")',
      'net/http.DefaultClient.Do(LIT)',
      'net/http.Get(url)',
      'x = os.Args[](LIT)',
      'y = os.PathSeparator()',
      'g(x, y)',
    ]);
  });

  it('reads mcp-go argument accessors and go-sdk typed inputs as plain calls and field reads', () => {
    const flow = build(`${HEADER}
func h(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	a := req.GetString("a", "")
	b, err := req.RequireString("b")
	c := req.GetArguments()["c"].(string)
	d, ok := req.Params.Arguments["d"].(string)
	var args struct{ E string }
	if err := req.BindArguments(&args); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(a + b + c + d + args.E), nil
}

func typed(ctx context.Context, req *mcp.CallToolRequest, in Input) (*mcp.CallToolResult, Output, error) {
	return nil, Output{Path: in.Path}, nil
}
`);
    assert.deepEqual(body(flow, 'h'), [
      'a = [req]github.com/mark3labs/mcp-go/mcp.CallToolRequest.GetString("a", "")',
      'b := [req]github.com/mark3labs/mcp-go/mcp.CallToolRequest.RequireString("b")',
      'err = LIT',
      'c = [[req]github.com/mark3labs/mcp-go/mcp.CallToolRequest.GetArguments()][]("c")',
      'd, ok := req.Params.Arguments.d',
      'args = LIT',
      'args = choice([req]github.com/mark3labs/mcp-go/mcp.CallToolRequest.BindArguments(args) | args)',
      'err = LIT',
      'if <ne>(err, LIT) [then exits]',
      '  return {LIT, err}',
      'return {github.com/mark3labs/mcp-go/mcp.NewToolResultText(concat(a, b, c, d, args.E)), LIT}',
    ]);
    assert.deepEqual(body(flow, 'typed'), ['return {LIT, {Path: in.Path}, LIT}']);
    // The subscript call sits where the subscript is, so a seed at the inventory's binding location finds it.
    const c = fnNamed(flow, 'h').stmts[3]!;
    assert.equal(c.kind, 'assign');
    assert.ok(c.kind === 'assign' && c.value.kind === 'call');
    if (c.kind === 'assign' && c.value.kind === 'call') assert.deepEqual([c.value.call.location.startLine, c.value.call.location.startColumn, c.value.call.location.endColumn], [18, 7, 30]);
  });

  it('reads and writes subscripts by a string literal as named entries, other subscripts as elements', () => {
    const flow = build(`package p
func f(args map[string]any, i int) {
	q := args["query"].(string)
	args["seen"] = q
	v := args[key]
	w := list[i]
	use(v, w)
}
`);
    assert.deepEqual(body(flow, 'f'), ['q = args.query', 'args.seen = q', 'v = args[]', 'w = list[]', 'use(v, w)']);
  });

  it('treats conversions as their operand and generic instantiations as calls of the function', () => {
    const flow = build(`package p
func requiredParam[T any](r R, k string) (T, error) { var z T; return z, nil }
func f(b []byte, req R) {
	s := string(b)
	t := []byte(s)
	u := (*T)(nil)
	owner, err := requiredParam[string](req, "owner")
	handlers[name](s)
	g(s, t, u, owner, err)
}
`);
    assert.deepEqual(body(flow, 'f'), ['s = b', 't = s', 'u = LIT', 'owner := requiredParam(req, "owner")',
      'err = LIT', 'func(handlers[], s)', 'g(s, t, u, owner, err)']);
  });

  it('references package functions as `func` values', () => {
    const flow = build(`package p
func handle() {}
func main() { s.AddTool(tool, handle) }
`);
    assert.deepEqual(body(flow, 'main'), ['[s].AddTool(tool, func handle)']);
  });
});

describe('Go flow builder: strings, collections and out-parameters', () => {
  it('splits Sprintf formats into their text and printed arguments, numeric verbs as constants', () => {
    const flow = build(`${HEADER}
func f(p string, n int, xs []string) {
	a := fmt.Sprintf("ls -la %s | head -%d", p, n)
	b := fmt.Sprintf("%[2]s/%[1]q %%", p, n)
	c := "cat " + p + " " + strings.Join(xs, " ")
	d := fmt.Sprint("x", p)
	e := "lit" + "eral"
	f := fmt.Sprintf(p, xs)
	c += p
	g(a, b, c, d, e, f)
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'a = concat("ls -la ", p, " | head -", LIT)',
      'b = concat(n, "/", p, " %")',
      'c = concat("cat ", p, " ", xs, " ")',
      'd = concat("x", p)',
      'e = "literal"',
      'f = concat(p, xs)',
      'c = concat(c, p)',
      'g(a, b, c, d, e, f)',
    ]);
  });

  it('makes struct, slice and map literals collections with keys, and lends trailing struct fields as kwargs', () => {
    const flow = build(`${HEADER}
func f(ss *mcp.ServerSession, p string) {
	r := &Row{ID: p, Name: "n"}
	xs := []string{"a", p}
	m := map[string]any{"k": p}
	ss.CreateMessage(ctx, &mcp.CreateMessageParams{SystemPrompt: "sys " + p, MaxTokens: 10})
	srv.RequestSampling(ctx, mcp.CreateMessageRequest{CreateMessageParams: mcp.CreateMessageParams{SystemPrompt: p}})
	g(r, xs, m)
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'r = {ID: p, Name: "n"}',
      'xs = {"a", p}',
      'm = {k: p}',
      '[ss]github.com/mark3labs/mcp-go/mcp.ServerSession.CreateMessage(ctx, {SystemPrompt: concat("sys ", p), MaxTokens: LIT}) {SystemPrompt: concat("sys ", p), MaxTokens: LIT}',
      '[srv].RequestSampling(ctx, {CreateMessageParams: {SystemPrompt: p}}) {CreateMessageParams: {SystemPrompt: p}, SystemPrompt: p}',
      'g(r, xs, m)',
    ]);
  });

  it('stores results passed through pointers and strings built in receivers, keeping what the place held', () => {
    const flow = build(`${HEADER}
func f(data []byte, rows *sql.Rows, p string) {
	var v Input
	json.Unmarshal(data, &v)
	var a, b string
	rows.Scan(&a, &b)
	var sb strings.Builder
	sb.WriteString("SELECT ")
	sb.WriteString(p)
	q := sb.String()
	use(v, a, b, q)
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'v = LIT',
      'v = choice(encoding/json.Unmarshal(data, v) | v)',
      'a = LIT',
      'b = LIT',
      'a, b := choice([rows].Scan(a, b) | a | b)',
      'sb = LIT',
      'sb = choice([sb]strings.Builder.WriteString("SELECT ") | sb)',
      'sb = choice([sb]strings.Builder.WriteString(p) | sb)',
      'q = [sb]strings.Builder.String()',
      'use(v, a, b, q)',
    ]);
  });
});

describe('Go flow builder: control flow', () => {
  it('marks validation branches that leave the function, and nests else-if chains', () => {
    const flow = build(`${HEADER}
func f(p string) error {
	if p == "" {
		return fmt.Errorf("empty")
	} else if strings.Contains(p, "..") {
		panic("dots")
	} else {
		log(p)
	}
	if !strings.HasPrefix(p, root+string(filepath.Separator)) {
		os.Exit(1)
	}
	if err := check(p); err != nil {
		return err
	}
	return nil
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'if <eq>(p, "") [then exits]',
      '  return fmt.Errorf("empty")',
      'else',
      '  if strings.Contains(p, "..") [then exits]',
      '    panic("dots")',
      '  else',
      '    log(p)',
      'if <not>(strings.HasPrefix(p, concat(root, path/filepath.Separator()))) [then exits]',
      '  os.Exit(LIT)',
      'check(p)',
      'err = LIT',
      'if <ne>(err, LIT) [then exits]',
      '  return err',
      'return LIT',
    ]);
  });

  it('treats continue and break in loops as leaving the branch, and ranges with their element as target', () => {
    const flow = build(`package p
func f(m map[string]string, xs []string) {
	for k, v := range m {
		if v == "" {
			continue
		}
		use(k)
	}
	for _, x := range xs {
		if bad(x) {
			break
		}
	}
	for i := 0; i < len(xs); i++ {
		use(xs[i])
	}
	for sc.Scan() {
		use(sc.Text())
	}
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'loop v in m',
      '  k = v',
      '  if <eq>(v, "") [then exits]',
      '  use(k)',
      'loop x in xs',
      '  if bad(x) [then exits]',
      'i = LIT',
      'loop',
      '  <cmp>(i, len(xs))',
      '  use(xs[])',
      'loop',
      '  [sc].Scan()',
      '  use([sc].Text())',
    ]);
  });

  it('turns switches into if-chains of equality tests, a break leaving only the switch', () => {
    const flow = build(`package p
func f(mode string, v any) error {
	switch mode {
	case "read", "list":
		use(mode)
	case "skip":
		break
	default:
		return errBad
	}
	switch {
	case mode == "x":
		return nil
	}
	switch t := v.(type) {
	case string:
		use(t)
	}
	return nil
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'if <or>(<eq>(mode, "read"), <eq>(mode, "list"))',
      '  use(mode)',
      'else',
      '  if <eq>(mode, "skip") [else exits]',
      '  else',
      '    return errBad',
      'if <eq>(mode, "x") [then exits]',
      '  return LIT',
      't = v',
      'if ?',
      '  use(t)',
      'return LIT',
    ]);
  });

  it('reads allow-list idioms as membership tests', () => {
    const flow = build(`${HEADER}
func f(cmd string) error {
	if !allowed[cmd] {
		return errDenied
	}
	if _, ok := tools[cmd]; !ok {
		return errDenied
	}
	if !slices.Contains(permitted, cmd) {
		return errDenied
	}
	return nil
}
`);
    assert.deepEqual(body(flow, 'f'), [
      'if <not>(<in>(cmd, allowed)) [then exits]',
      '  return errDenied',
      'ok := tools[]',
      'if <not>(<in>(cmd, tools)) [then exits]',
      '  return errDenied',
      'if <not>(<in>(cmd, permitted)) [then exits]',
      '  return errDenied',
      'return LIT',
    ]);
  });

  it('keeps defer, go, select and channel sends as data flow', () => {
    const flow = build(`package p
func g(ch chan string, p string) {
	defer f.Close()
	ch <- p
	select {
	case v := <-ch:
		use(v)
	default:
	}
}
`);
    assert.deepEqual(body(flow, 'g'), ['block', '  [f].Close()', 'ch[] = p', 'if ?', '  v = ch[]', '  use(v)']);
  });
});

describe('Go flow builder: robustness', () => {
  it('survives 100k-deep nesting of blocks, parentheses, conditions and string chains, with linear work', () => {
    const counts: number[] = [];
    for (const n of [50_000, 100_000]) {
      const blocks = `package p\nfunc f(x string) {\n${'{'.repeat(n)}g(x)${'}'.repeat(n)}\n}\n`;
      const parens = `package p\nfunc f(x string) { g(${'('.repeat(n)}x${')'.repeat(n)}) }\n`;
      const chain = `package p\nfunc f(x string) { g(x${' + x'.repeat(n)}) }\n`;
      const ands = `package p\nfunc f(x bool) { if x${' && x'.repeat(n)} { return } }\n`;
      const ifs = `package p\nfunc f(x bool) {\n${'if x {'.repeat(n)}g(x)${'}'.repeat(n)}\n}\n`;
      const lits = `package p\nfunc f(x bool) { g(${'func() {'.repeat(n)}h()${'}'.repeat(n)}) }\n`;
      // Closures nested deep, each naming variables: name lookups must not walk every enclosing function.
      const closures = `package p\nimport "os"\nfunc f(x string) { g(${'func() { os.Open(x); y := 1; '.repeat(n / 10)}h()${'}'.repeat(n / 10)}) }\n`;
      // Work is counted, not timed: node type reads and set lookups (name resolution) done by the builder.
      let work = 0;
      const proto = JTree.prototype as unknown as { type(n: number): string };
      const original = proto.type;
      const originalHas = Set.prototype.has;
      proto.type = function (this: JTree, i: number) {
        work++;
        return original.call(this, i);
      };
      Set.prototype.has = function (this: Set<unknown>, v: unknown) {
        work++;
        return originalHas.call(this, v);
      };
      try {
        for (const src of [blocks, parens, chain, ands, ifs, lits, closures]) {
          const flow = build(src);
          // Plain data: workers send it with structured clone (which recurses, so depth must stay bounded).
          structuredClone(flow);
          assert.ok(flow.functions.length >= 2);
        }
      } finally {
        proto.type = original;
        Set.prototype.has = originalHas;
      }
      counts.push(work);
    }
    // Twice the input, about twice the work: nothing quadratic on nesting.
    assert.ok(counts[1]! < counts[0]! * 2.5, `work ${counts.join(' → ')}`);
    // The long `+` chain is walked in a loop, not cut off: every part is there.
    const long = build(`package p\nfunc f(x string) { g(x${' + x'.repeat(10_000)}) }\n`);
    const call = fnNamed(long, 'f').stmts[0]!;
    assert.ok(call.kind === 'expr' && call.value.kind === 'call' && call.value.call.args[0]!.kind === 'concat');
    if (call.kind === 'expr' && call.value.kind === 'call' && call.value.call.args[0]!.kind === 'concat') assert.equal(call.value.call.args[0].parts.length, 10_001);
  });

  it('still yields the functions that parsed in a file with syntax errors', () => {
    const flow = build(`package p
import "os/exec"

func good(p string) {
	exec.Command("sh", "-c", p)
}

func broken( {
	x := := 3
}

func alsoGood(q string) string {
	return exec.Command("ls", q).String()
}
`);
    assert.ok(flow.functions.some((f) => f.qualified === 'good'));
    assert.deepEqual(body(flow, 'good'), ['os/exec.Command("sh", "-c", p)']);
    assert.ok(flow.functions.some((f) => f.qualified === 'alsoGood'));
    assert.deepEqual(body(flow, 'alsoGood'), ['return [os/exec.Command("ls", q)]os/exec.Cmd.String()']);
  });

  it('is deterministic and plain data', () => {
    const src = `${HEADER}
func f(p string) { go func() { exec.Command(p) }(); x := map[string]int{"a": 1}; use(x) }
`;
    const a = build(src);
    const b = build(src);
    assert.deepEqual(a, b);
    assert.deepEqual(structuredClone(a), a);
  });
});

describe('Go helpers', () => {
  it('splits fmt formats with flags, widths, indexes and star arguments', () => {
    assert.deepEqual(splitGoFormat('a %s b %5.2f c %% %-*d %[1]v'), [
      { text: 'a ' },
      { arg: 0, verb: 's' },
      { text: ' b ' },
      { arg: 1, verb: 'f' },
      { text: ' c % ' },
      { arg: 3, verb: 'd' },
      { text: ' ' },
      { arg: 0, verb: 'v' },
    ]);
    assert.deepEqual(splitGoFormat('trailing %'), [{ text: 'trailing ' }]);
  });

  it('guesses package names of unaliased imports', () => {
    assert.deepEqual(
      ['os/exec', 'github.com/sashabaranov/go-openai', 'github.com/anthropics/anthropic-sdk-go', 'github.com/redis/go-redis/v9', 'gopkg.in/yaml.v3', 'github.com/mark3labs/mcp-go/mcp'].map(goImportName),
      ['exec', 'openai', 'anthropic', 'redis', 'yaml', 'mcp'],
    );
  });
});

/** Nested quantifiers (`(a+)+`, `(?:x*)*`) are what makes a backtracking RegExp super-linear. */
function hasNestedQuantifier(source: string): boolean {
  const stack: { quantified: boolean }[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '(') stack.push({ quantified: false });
    else if (c === ')') {
      const g = stack.pop();
      const next = source[i + 1];
      const unbounded = next === '*' || next === '+' || (next === '{' && /^\{\d*,\}/.test(source.slice(i + 1)));
      if (g?.quantified && unbounded) return true;
      if (g?.quantified && stack.length) stack[stack.length - 1]!.quantified = true;
    } else if ((c === '*' || c === '+' || c === '{') && stack.length) stack[stack.length - 1]!.quantified = true;
  }
  return false;
}

describe('Go concept table', () => {
  const table: ConceptTable = GO_CONCEPTS;
  const key = (x: unknown) => JSON.stringify(x, (_k, v) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v));
  const lists = { sources: table.sources, sinks: table.sinks, sanitizers: table.sanitizers, guards: table.guards, pathNormalizers: table.pathNormalizers, propagators: table.propagators };

  it('has no duplicate specs', () => {
    for (const [name, list] of Object.entries(lists)) {
      const keys = list.map(key);
      const dups = keys.filter((k, i) => keys.indexOf(k) !== i);
      assert.deepEqual(dups, [], name);
    }
  });

  it('uses only linear regular expressions, anchored at both ends', () => {
    const patterns = Object.values(lists).flatMap((list) => list.map((s) => s.callee).filter((c): c is RegExp => c instanceof RegExp));
    assert.ok(patterns.length > 10);
    for (const p of patterns) {
      assert.equal(hasNestedQuantifier(p.source), false, p.source);
      assert.ok(p.source.startsWith('^') && p.source.endsWith('$'), p.source);
    }
    assert.equal(hasNestedQuantifier('(a+)+'), true);
    assert.equal(hasNestedQuantifier('(?:/v\\d+)?'), false);
  });

  it('covers every sink kind Go code has an API for', () => {
    const kinds = new Set(table.sinks.map((s) => s.kind));
    // Go has no deserialiser that runs code (gob, json and yaml decode data only).
    const missing = SINK_KINDS.filter((k) => !kinds.has(k) && k !== 'deserialize' && k !== 'tool-output' && k !== 'prompt-output');
    assert.deepEqual(missing, []);
  });

  it('matches the callees the builder produces for the main sinks', () => {
    const flow = build(`${HEADER}
func f(p string) {
	exec.Command("sh", "-c", p)
	os.ReadFile(p)
	os.WriteFile(p, nil, 0o600)
	os.RemoveAll(p)
	http.Get(p)
	db.QueryContext(ctx, p)
	log.Printf("%s", p)
	template.New("t").Parse(p)
}
`.replace('"strings"', '"strings"\n\t"net/http"\n\t"log"\n\t"text/template"'));
    const callees = fnNamed(flow, 'f').stmts.map((s) => (s.kind === 'expr' && s.value.kind === 'call' ? s.value.call.callee : ''));
    const kindsOf = (callee: string) => table.sinks.filter((s) => (typeof s.callee === 'string' ? s.callee === callee : s.callee.test(callee))).map((s) => s.kind);
    assert.deepEqual(
      callees.map((c) => [c, [...new Set(kindsOf(c))].sort().join(',')]),
      [
        ['os/exec.Command', 'argv,command,redirect'],
        ['os.ReadFile', 'file-read'],
        ['os.WriteFile', 'file-write'],
        ['os.RemoveAll', 'file-delete'],
        ['net/http.Get', 'url'],
        ['.QueryContext', 'sql'],
        ['log.Printf', 'log'],
        ['text/template.Template.Parse', 'template'],
      ],
    );
  });
});

describe('Go IR through the solver with the Go concept table', () => {
  const TABLES = { python: GO_CONCEPTS, typescript: GO_CONCEPTS, go: GO_CONCEPTS };
  function flowsOf(src: string, names: string[], fnQualified = 'h') {
    const flow = build(src);
    const fn = fnNamed(flow, fnQualified);
    const seed: Seed = {
      path: flow.path,
      at: fn.location,
      names: names.map((n) => ({ name: n, source: { kind: 'tool-input', description: `argument "${n}"`, location: fn.location, tool: 't', param: n } })),
      calls: [],
    };
    return solve({ files: [flow], tables: TABLES, seeds: [seed] }).flows;
  }

  it('finds a path from a tool argument to a file read through filepath.Join', () => {
    const flows = flowsOf(`${HEADER}
func h(name string) ([]byte, error) {
	p := filepath.Join("/srv/data", name)
	return os.ReadFile(p)
}
`, ['name']);
    assert.deepEqual(flows.map((f) => [f.sink.kind, f.sink.api]), [['file-read', 'os.ReadFile']]);
  });

  it('follows data through json.Unmarshal into a struct and out of a closure run as a goroutine', () => {
    const flows = flowsOf(`${HEADER}
func h(raw []byte) {
	var in struct{ Path string }
	json.Unmarshal(raw, &in)
	go func() {
		os.Remove(in.Path)
	}()
}
`, ['raw']);
    assert.deepEqual(flows.map((f) => f.sink.kind), ['file-delete']);
  });

  it('is stopped by strconv.Atoi and by an allow-list check, and reports a prefix check without separator', () => {
    const clean = flowsOf(`${HEADER}
func h(n string, name string) {
	i, _ := strconv.Atoi(n)
	os.ReadFile(fmt.Sprint(i))
	if !allowed[name] {
		return
	}
	os.ReadFile(name)
}
`.replace('"strings"', '"strings"\n\t"strconv"'), ['n', 'name']);
    assert.deepEqual(clean, []);
    const prefix = flowsOf(`${HEADER}
func h(name string) {
	p := filepath.Join(root, name)
	if !strings.HasPrefix(p, root) {
		return
	}
	os.ReadFile(p)
}
`, ['name']);
    assert.deepEqual(prefix.map((f) => [f.sink.kind, f.broken?.kind]), [['file-read', 'prefix-without-separator']]);
  });

  it('accepts filepath.Rel containment in a checked helper, and reports it on a path whose links were not resolved', () => {
    const helper = (resolve: string) => `${HEADER}
func inside(rel string) (string, error) {
	target, err := ${resolve}(filepath.Join("/srv", rel))
	if err != nil {
		return "", err
	}
	if r, err := filepath.Rel("/srv", target); err != nil || strings.HasPrefix(r, "..") {
		return "", fmt.Errorf("outside")
	}
	return target, nil
}
func h(name string) {
	p, err := inside(name)
	if err != nil {
		return
	}
	os.ReadFile(p)
}
`;
    assert.deepEqual(flowsOf(helper('filepath.EvalSymlinks'), ['name']), []);
    const lexical = flowsOf(helper('filepath.Abs'), ['name']);
    assert.deepEqual(lexical.map((f) => [f.sink.kind, f.broken?.kind]), [['file-read', 'normalize-without-realpath']]);
  });

  it('reads an argument list written out: values after "--" or behind "-e" are not options, others are', () => {
    const flows = flowsOf(`${HEADER}
func h(pattern string, dir string, rev string) {
	exec.Command("grep", "-rn", "-e", pattern, "--", dir).Run()
	exec.Command("git", "log", rev).Run()
	exec.Command("git", "log", "--format="+rev).Run()
}
`, ['pattern', 'dir', 'rev']);
    assert.deepEqual(flows.map((f) => [f.sink.kind, f.source.param, f.sink.location.startLine]), [['argv', 'rev', 17]]);
  });

  it('follows a receiver field written in one method into another method', () => {
    const flows = flowsOf(`${HEADER}
func (s *Srv) h(dir string) {
	s.dir = dir
	s.list()
}
func (s *Srv) list() { os.ReadDir(s.dir) }
`, ['dir'], 'Srv.h');
    assert.deepEqual(flows.map((f) => f.sink.kind), ['file-read']);
  });
});

describe('Go builder over the benchmark corpus', () => {
  const root = path.resolve('.bench-corpus');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.go')) files.push(p);
    }
  };
  if (existsSync(root)) walk(root);

  it('builds every Go file of the corpus without throwing (skipped when the corpus is absent)', { skip: files.length === 0 }, () => {
    let functions = 0;
    for (const f of files) {
      const flow = build(readFileSync(f, 'utf8'), path.relative(root, f));
      assert.ok(flow.functions.length >= 1, f);
      functions += flow.functions.length;
    }
    assert.ok(functions > files.length);
  });
});
