// Facts about LLM spending shared by the sampling and LLM-API rules: loops without an iteration cap, token cap values, uncapped tool inputs.
import type { Node } from 'web-tree-sitter';
import type { SchemaProperty } from '../../model/inventory.js';
import { calleeName } from '../../parse/imports.js';
import { descendantsOfType } from '../../parse/walk.js';
import type { FileContext } from '../../rule/rule.js';
import type { HandlerScope } from '../../rule/tool-handlers.js';

/** Default for the `maxTokensLimit` option: caps above this are treated as no cap. */
export const DEFAULT_MAX_TOKENS_LIMIT = 32768;

const FUNCTION_TYPES = new Set([
  'function_definition', 'lambda', 'arrow_function', 'function_expression', 'function_declaration', 'function', 'method_definition',
  'generator_function', 'generator_function_declaration', 'method_declaration', 'func_literal',
]);
const LOOP_TYPES = new Set(['while_statement', 'for_statement', 'do_statement']);
const RELATIONAL = new Set(['<', '<=', '>', '>=']);
const MAX_ANCESTORS = 300;
const MAX_NODES = 4000;

/** Describes the innermost loop around `node` (in the same function) that has no iteration cap, if any. */
export function unboundedLoop(node: Node, ctx: FileContext): string | undefined {
  let cur: Node | null = node.parent;
  for (let i = 0; cur && i < MAX_ANCESTORS && !FUNCTION_TYPES.has(cur.type); i++, cur = cur.parent) {
    if (!LOOP_TYPES.has(cur.type)) continue;
    const what = loopWithoutCap(cur, ctx);
    if (what) return `a ${what} loop with no iteration cap`;
  }
  return undefined;
}

function loopWithoutCap(loop: Node, ctx: FileContext): string | undefined {
  const lang = ctx.codeLanguage!;
  let condition: Node | null | undefined;
  let label: string;
  if (lang === 'python') {
    if (loop.type === 'for_statement') {
      // `for _ in itertools.count()` never ends; any other iterable is finite.
      const right = loop.childForFieldName('right');
      const fn = right?.type === 'call' ? right.childForFieldName('function') : undefined;
      const name = fn ? calleeName(fn, ctx.imports(), lang) : undefined;
      if (name !== 'itertools.count' && name !== 'itertools.cycle') return undefined;
      return hasCapCheck(loop.childForFieldName('body'), lang) ? undefined : `\`for … in ${name}()\``;
    }
    condition = loop.childForFieldName('condition');
    label = `\`while ${clip(condition?.text ?? '')}\``;
  } else if (lang === 'go') {
    const clause = loop.namedChildren.find((c) => c && c.type !== 'block');
    if (clause?.type === 'range_clause') return undefined;
    condition = clause?.type === 'for_clause' ? clause.childForFieldName('condition') : clause && clause.type !== 'comment' ? clause : undefined;
    label = condition ? `\`for ${clip(condition.text)}\`` : '`for {}`';
  } else {
    if (loop.type === 'for_statement') {
      condition = loop.childForFieldName('condition');
      if (condition?.type === 'expression_statement') condition = condition.namedChildren[0];
      if (condition?.type === 'empty_statement' || condition?.text === ';') condition = undefined;
      label = condition ? `\`for (…; ${clip(condition.text)}; …)\`` : '`for (;;)`';
    } else {
      condition = loop.childForFieldName('condition');
      label = `\`${loop.type === 'do_statement' ? 'do … while' : 'while'} ${clip(condition?.text ?? '')}\``;
    }
  }
  if (condition && hasRelational(condition, lang)) return undefined;
  const body = loop.childForFieldName('body') ?? loop.namedChildren.find((c) => c?.type === 'block') ?? null;
  if (hasCapCheck(body, lang)) return undefined;
  return label;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > 30 ? `${one.slice(0, 27)}…` : one;
}

/** True when an expression contains `<`, `<=`, `>` or `>=` (a counter or size check). */
function hasRelational(expr: Node, lang: string): boolean {
  const types = lang === 'python' ? ['comparison_operator'] : ['binary_expression'];
  for (const n of descendantsOfType(expr, types)) {
    for (const c of n.children) if (c && !c.isNamed && RELATIONAL.has(c.type)) return true;
  }
  return false;
}

/** An `if <relational>` inside the loop body that leaves the loop (`break`, `return`, `raise`, `throw`). */
function hasCapCheck(body: Node | null | undefined, lang: string): boolean {
  if (!body) return false;
  for (const stmt of descendantsOfType(body, 'if_statement')) {
    const cond = stmt.childForFieldName('condition');
    if (!cond || !hasRelational(cond, lang)) continue;
    const exits = descendantsOfType(stmt.childForFieldName('consequence') ?? stmt, ['break_statement', 'return_statement', 'raise_statement', 'throw_statement']);
    if (exits.length > 0) return true;
  }
  return false;
}

export type CapValue = { kind: 'number'; value: number } | { kind: 'unbounded'; text: string } | { kind: 'argument'; param: string } | { kind: 'unknown' };

/** What a token-cap expression amounts to: a number, "no limit" (`sys.maxsize`, `Infinity`), a tool argument, or unknown. */
export function capValue(node: Node, ctx: FileContext, scope: HandlerScope | undefined): CapValue {
  const lang = ctx.codeLanguage!;
  let n = node;
  if (n.type === 'identifier') {
    const binding = scope?.handler.bindings.find((b) => b.local === n.text);
    if (binding) return { kind: 'argument', param: binding.param };
    const values = ctx.assignments().get(n.text);
    if (values?.length === 1 && values[0]!.id !== n.id) n = values[0]!;
  }
  if (scope && (n.type === 'attribute' || n.type === 'member_expression' || n.type === 'subscript' || n.type === 'call_expression')) {
    const binding = scope.handler.bindings.find((b) => b.local === n.text);
    if (binding) return { kind: 'argument', param: binding.param };
  }
  const text = n.text.replace(/_/g, '');
  if (n.type === 'integer' || n.type === 'number' || n.type === 'int_literal' || n.type === 'float' || n.type === 'float_literal') {
    const v = Number(text);
    return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'unbounded', text: n.text };
  }
  const dotted = lang === 'python' || n.type !== 'call' ? n.text : '';
  if (/^(?:sys\.maxsize|math\.inf|float\(["']inf["']\)|Infinity|Number\.(?:MAX_SAFE_INTEGER|MAX_VALUE|POSITIVE_INFINITY)|math\.MaxInt(?:32|64)?|math\.MaxInt64)$/.test(dotted)) {
    return { kind: 'unbounded', text: n.text };
  }
  return { kind: 'unknown' };
}

/** The option value, falling back to the default. */
export function maxTokensLimit(ctx: FileContext): number {
  const v = ctx.options.maxTokensLimit;
  return typeof v === 'number' && v > 0 ? v : DEFAULT_MAX_TOKENS_LIMIT;
}

/** Why a cap expression is not a real budget, or undefined when it is one. */
export function capProblem(node: Node, ctx: FileContext, scope: HandlerScope | undefined, name: string): string | undefined {
  const cap = capValue(node, ctx, scope);
  if (cap.kind === 'number') {
    const shown = node.text === String(cap.value) ? node.text : `${node.text} (${cap.value})`;
    return cap.value > maxTokensLimit(ctx) ? `sets ${name} to ${shown}, above the ${maxTokensLimit(ctx)}-token limit` : undefined;
  }
  if (cap.kind === 'unbounded') return `sets ${name} to ${cap.text}, which is no limit`;
  if (cap.kind === 'argument') {
    const p = toolParam(scope, cap.param, ctx);
    if (p?.maximum !== undefined && p.maximum <= maxTokensLimit(ctx)) return undefined;
    return p?.maximum !== undefined ? `takes ${name} from the tool argument \`${cap.param}\`, whose maximum (${p.maximum}) is above the ${maxTokensLimit(ctx)}-token limit` : `takes ${name} from the tool argument \`${cap.param}\`, which has no maximum`;
  }
  return undefined;
}

/** The schema property of a handler's tool or prompt argument. */
export function toolParam(scope: HandlerScope | undefined, param: string, ctx: FileContext): SchemaProperty | undefined {
  if (!scope || !ctx.inventory) return undefined;
  for (const g of [...ctx.inventory.servers, ...ctx.inventory.orphans]) {
    for (const t of g.tools) if (t.handler === scope.handler) return t.params.find((p) => p.name === param);
    for (const p of g.prompts) if (p.handler === scope.handler) return p.arguments.find((a) => a.name === param);
  }
  return undefined;
}

/**
 * A string tool argument that reaches `call` with no length limit: no `maxLength` in the schema and no length check
 * or truncation of it in the handler (`len(x)`, `x.length`, `x[:n]`, `x.slice(…)`, `x.substring(…)`, `truncate(x)`).
 */
export function uncappedInput(call: Node, ctx: FileContext, scope: HandlerScope | undefined): string | undefined {
  if (!scope || scope.handler.bindings.length === 0) return undefined;
  const locals = new Map(scope.handler.bindings.map((b) => [b.local, b.param]));
  const used = new Set<string>();
  const stack: Node[] = [call];
  let budget = MAX_NODES;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop()!;
    const param = locals.get(n.text);
    if (param !== undefined && ['identifier', 'attribute', 'member_expression', 'subscript', 'subscript_expression', 'call_expression', 'call', 'shorthand_property_identifier'].includes(n.type)) {
      used.add(n.text);
      continue;
    }
    for (let i = 0; i < n.namedChildCount; i++) {
      const c = n.namedChild(i);
      if (c) stack.push(c);
    }
  }
  const handlerText = handlerSource(scope, ctx);
  for (const local of used) {
    const param = locals.get(local)!;
    const p = toolParam(scope, param, ctx);
    if (!p || p.maxLength !== undefined || p.enum?.length || (p.type && !/str|string/i.test(p.type))) continue;
    if (lengthChecked(local, handlerText)) continue;
    return param;
  }
  return undefined;
}

function handlerSource(scope: HandlerScope, ctx: FileContext): string {
  const loc = scope.handler.location;
  return ctx.lines.slice(loc.startLine - 1, loc.endLine).join('\n');
}

function lengthChecked(local: string, text: string): boolean {
  const e = local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`len\\(\\s*${e}\\s*\\)|${e}\\.length\\b|${e}\\s*\\[\\s*:|${e}\\.(?:slice|substring|substr)\\(|truncate\\w*\\(\\s*${e}\\b|utf8\\.RuneCountInString\\(\\s*${e}\\s*\\)`).test(text);
}
