// Walks over flow IR for the builder tests: functions by name, every statement and expression, calls in source order.
import assert from 'node:assert/strict';
import type { FileFlow, FlowCall, FlowExpr, FlowFunction, FlowStmt } from '../../src/flow/ir.js';

export function fn(flow: FileFlow, qualified: string): FlowFunction {
  const f = flow.functions.find((x) => x.qualified === qualified);
  assert.ok(f, `function ${qualified} in ${flow.functions.map((x) => x.qualified).join(', ')}`);
  return f;
}

/** Every statement of a list, nested ones included, in order (explicit stack). */
export function allStmts(stmts: readonly FlowStmt[]): FlowStmt[] {
  const out: FlowStmt[] = [];
  const stack = [...stmts].reverse();
  while (stack.length) {
    const s = stack.pop()!;
    out.push(s);
    const inner = s.kind === 'if' ? [...s.then, ...s.else] : s.kind === 'loop' || s.kind === 'block' ? s.body : [];
    for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i]!);
  }
  return out;
}

/** Every expression under a statement list: call arguments, receivers and kwargs included. */
export function allExprs(stmts: readonly FlowStmt[]): FlowExpr[] {
  const out: FlowExpr[] = [];
  const stack: FlowExpr[] = [];
  for (const s of allStmts(stmts)) {
    if (s.kind === 'assign' || s.kind === 'destructure' || s.kind === 'expr' || s.kind === 'return') stack.push(s.value);
    else if (s.kind === 'if') stack.push(s.test);
    else if (s.kind === 'loop' && s.iterable) stack.push(s.iterable);
  }
  while (stack.length) {
    const e = stack.pop()!;
    out.push(e);
    if (e.kind === 'call') {
      stack.push(...e.call.args, ...Object.values(e.call.kwargs));
      if (e.call.receiver) stack.push(e.call.receiver);
    } else if (e.kind === 'concat') stack.push(...e.parts);
    else if (e.kind === 'collection') stack.push(...e.items);
    else if (e.kind === 'choice') stack.push(...e.options);
  }
  return out;
}

/**
 * Readers of a function's calls once each, in source order. Calls starting at the same place (`a(x).b()`) come inner
 * first or outer first: the TS tests list `axios.get` before `.then`, the Python tests `Path.read_text` before `Path`.
 */
export function callReaders(innerFirst: boolean) {
  const calls = (f: FlowFunction): FlowCall[] => {
    const seen = new Set<FlowCall>();
    const byEnd = innerFirst ? 1 : -1;
    return allExprs(f.stmts)
      .filter((e): e is FlowExpr & { kind: 'call' } => e.kind === 'call')
      .map((e) => e.call)
      .filter((c) => !seen.has(c) && !!seen.add(c))
      .sort((a, b) => a.location.startLine - b.location.startLine || a.location.startColumn - b.location.startColumn || byEnd * (a.location.endLine - b.location.endLine || a.location.endColumn - b.location.endColumn));
  };
  const callees = (f: FlowFunction): string[] => calls(f).map((c) => c.callee);
  const call = (f: FlowFunction, callee: string): FlowCall => {
    const c = calls(f).find((x) => x.callee === callee);
    assert.ok(c, `call ${callee} in ${callees(f).join(', ')}`);
    return c;
  };
  return { calls, callees, call };
}

/** The IR without locations, for structural comparisons. */
export function shape<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'location' ? undefined : x)));
}
