// Handler functions of registrations: where they are, and which local names hold each MCP argument.
import type { Node } from 'web-tree-sitter';
import type { HandlerRef, ParamBinding } from '../../model/inventory.js';
import { decodeString } from '../../parse/string-literal.js';
import { descendantsOfType } from '../../parse/walk.js';
import { chainText, functionOf, isFunctionNode, unwrap } from './resolve-node.js';
import type { TsContext } from './ts-context.js';

/**
 * A HandlerRef for a callback expression. `argIndex` is the parameter that receives the MCP arguments object
 * (undefined when the callback gets none, e.g. a tool without an input schema, whose first parameter is `extra`).
 */
export function handlerRef(expr: Node, ctx: TsContext, argIndex: number | undefined): HandlerRef {
  const fn = functionOf(expr, ctx);
  const inline = isFunctionNode(unwrap(expr));
  const declared = fn?.childForFieldName('name')?.text;
  // Inline arrows and object methods are anonymous handlers; `function named() {}` keeps its name.
  const name = inline ? (fn?.type === 'function_expression' || fn?.type === 'function' ? declared : undefined) : declared ?? referenceName(expr);
  const ref: HandlerRef = { location: ctx.loc(fn ?? expr), bindings: [] };
  if (name) ref.name = name;
  if (!fn || argIndex === undefined) return ref;
  const param = parameters(fn)[argIndex];
  if (!param) return ref;
  const { bindings, argsObject } = bindingsFromParameter(param, fn, ctx);
  ref.bindings = bindings;
  if (argsObject) ref.argsObject = argsObject;
  return ref;
}

function referenceName(expr: Node): string | undefined {
  const u = unwrap(expr);
  if (u.type === 'identifier') return u.text;
  if (u.type === 'member_expression') return u.childForFieldName('property')?.text;
  if (u.type === 'call_expression') {
    const fn = u.childForFieldName('function');
    if (fn?.type === 'member_expression' && fn.childForFieldName('property')?.text === 'bind') {
      const target = fn.childForFieldName('object');
      return target ? referenceName(target) : undefined;
    }
  }
  return undefined;
}

/** The parameter patterns of a function, with TS parameter wrappers and defaults removed. */
export function parameters(fn: Node): Node[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single];
  const list = fn.childForFieldName('parameters');
  const out: Node[] = [];
  for (const p of list?.namedChildren ?? []) {
    if (!p || p.type === 'comment') continue;
    let pat: Node = p;
    if (pat.type === 'required_parameter' || pat.type === 'optional_parameter') pat = pat.childForFieldName('pattern') ?? pat;
    if (pat.type === 'assignment_pattern') pat = pat.childForFieldName('left') ?? pat;
    out.push(pat);
  }
  return out;
}

/** Bindings for the parameter that receives the arguments: destructured names, or reads of the whole object. */
function bindingsFromParameter(param: Node, fn: Node, ctx: TsContext): { bindings: ParamBinding[]; argsObject?: string } {
  if (param.type === 'object_pattern') {
    const { bindings, rest } = patternBindings(param, ctx);
    if (!rest) return { bindings };
    return { bindings: dedupe([...bindings, ...argReads(fn, argAliases(fn, new Set([rest])), ctx)]), argsObject: rest };
  }
  if (param.type === 'identifier') {
    const names = argAliases(fn, new Set([param.text]));
    return { bindings: argReads(fn, names, ctx), argsObject: param.text };
  }
  return { bindings: [] };
}

/** `{ path, mode: m, depth = 1, ...rest }` → path→path, mode→m, depth→depth, and the rest name. */
function patternBindings(pattern: Node, ctx: TsContext): { bindings: ParamBinding[]; rest?: string } {
  const bindings: ParamBinding[] = [];
  let rest: string | undefined;
  for (const el of pattern.namedChildren) {
    if (!el) continue;
    switch (el.type) {
      case 'shorthand_property_identifier_pattern':
        bindings.push({ param: el.text, local: el.text, location: ctx.loc(el) });
        break;
      case 'object_assignment_pattern': {
        const left = el.childForFieldName('left');
        if (left) bindings.push({ param: left.text, local: left.text, location: ctx.loc(el) });
        break;
      }
      case 'pair_pattern': {
        const key = el.childForFieldName('key');
        let value = el.childForFieldName('value');
        if (value?.type === 'assignment_pattern') value = value.childForFieldName('left');
        if (!key || value?.type !== 'identifier') break;
        const param = key.type === 'property_identifier' ? key.text : decodeString(key, ctx.lang)?.value ?? key.text;
        bindings.push({ param, local: value.text, location: ctx.loc(el) });
        break;
      }
      case 'rest_pattern': {
        const inner = el.namedChildren[0];
        if (inner?.type === 'identifier') rest = inner.text;
        break;
      }
      default:
        break;
    }
  }
  return { bindings, rest };
}

/**
 * Names that hold the arguments object inside `region`: the seeds, plain copies (`const a = args`, `args ?? {}`),
 * and validated copies (`Schema.parse(args)`; `Schema.safeParse(args)` → `<name>.data`).
 */
export function argAliases(region: Node, seeds: ReadonlySet<string>): Set<string> {
  const out = new Set(seeds);
  for (const d of descendantsOfType(region, 'variable_declarator')) {
    const name = d.childForFieldName('name');
    const value = d.childForFieldName('value');
    if (name?.type !== 'identifier' || !value) continue;
    const held = heldArgs(value, out);
    if (held === 'object') out.add(name.text);
    else if (held === 'safe') out.add(`${name.text}.data`);
  }
  return out;
}

function heldArgs(value: Node, names: ReadonlySet<string>): 'object' | 'safe' | undefined {
  let v = unwrap(value);
  if (v.type === 'await_expression') v = unwrap(v.namedChildren[0] ?? v);
  if (names.has(chainText(v))) return 'object';
  if (v.type === 'binary_expression') {
    const op = v.childForFieldName('operator')?.text;
    const left = v.childForFieldName('left');
    if ((op === '??' || op === '||') && left && names.has(chainText(left))) return 'object';
    return undefined;
  }
  if (v.type !== 'call_expression') return undefined;
  const fn = v.childForFieldName('function');
  const arg = v.childForFieldName('arguments')?.namedChildren[0];
  if (fn?.type !== 'member_expression' || !arg || !names.has(chainText(arg))) return undefined;
  const method = fn.childForFieldName('property')?.text;
  if (method === 'parse' || method === 'parseAsync') return 'object';
  if (method === 'safeParse' || method === 'safeParseAsync') return 'safe';
  return undefined;
}

/** Reads of argument properties inside `region`: `args.path`, `args["path"]`, `const { path } = args`. */
export function argReads(region: Node, names: ReadonlySet<string>, ctx: TsContext): ParamBinding[] {
  const out: ParamBinding[] = [];
  for (const n of descendantsOfType(region, ['member_expression', 'subscript_expression', 'variable_declarator'])) {
    if (n.type === 'variable_declarator') {
      const name = n.childForFieldName('name');
      const value = n.childForFieldName('value');
      if (name?.type !== 'object_pattern' || !value) continue;
      let v = unwrap(value);
      if (v.type === 'await_expression') v = unwrap(v.namedChildren[0] ?? v);
      if (!names.has(chainText(v))) continue;
      out.push(...patternBindings(name, ctx).bindings);
      continue;
    }
    const obj = n.childForFieldName('object');
    if (!obj || !names.has(chainText(obj))) continue;
    // `args.hasOwnProperty(...)`-style method calls read no argument.
    if (n.parent?.type === 'call_expression' && n.parent.childForFieldName('function')?.id === n.id) continue;
    let param: string | undefined;
    if (n.type === 'member_expression') {
      const prop = n.childForFieldName('property');
      if (prop?.type === 'property_identifier') param = prop.text;
    } else {
      const index = n.childForFieldName('index');
      const s = index ? decodeString(index, ctx.lang) : undefined;
      if (s?.complete) param = s.value;
    }
    if (param === undefined) continue;
    out.push({ param, local: chainText(n), location: ctx.loc(n) });
  }
  return dedupe(out);
}

function dedupe(list: ParamBinding[]): ParamBinding[] {
  const seen = new Set<string>();
  return list.filter((b) => {
    const k = `${b.param}\u0000${b.local}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
