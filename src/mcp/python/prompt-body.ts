// The literal prompt text a handler returns: strings, message objects, message dicts and `GetPromptResult(messages=…)`.
import type { Node } from 'web-tree-sitter';
import type { TextValue } from '../../model/inventory.js';
import { staticString } from '../../parse/static-value.js';
import { walk } from '../../parse/walk.js';
import type { PythonFacts } from './python-facts.js';

const MAX_STEPS = 256;
const NESTED_SCOPES = new Set(['function_definition', 'lambda', 'class_definition']);

/** Return values of `fn` (not of nested functions), optionally only those inside `region`. */
export function returnValues(fn: Node, region: Node = fn): Node[] {
  if (fn.type === 'lambda') {
    const body = fn.childForFieldName('body');
    return body ? [body] : [];
  }
  const out: Node[] = [];
  walk(region, (n) => {
    if (n.id !== fn.id && NESTED_SCOPES.has(n.type)) return false; // returns of nested functions are not this handler's
    if (n.type !== 'return_statement') return true;
    const v = n.namedChildren[0];
    if (v) out.push(v);
    return false;
  });
  return out;
}

/** Static (or partly static) text found in the returned values, in document order. */
export function promptBody(values: readonly Node[], facts: PythonFacts): TextValue[] | undefined {
  const out: TextValue[] = [];
  const seen = new Set<number>();
  const queue = [...values];
  for (let steps = 0; queue.length && steps < MAX_STEPS; steps++) {
    const n = queue.shift()!;
    if (seen.has(n.id)) continue;
    seen.add(n.id);
    if (staticString(n, 'python', facts.assignments)) {
      out.push(facts.text(n));
      continue;
    }
    switch (n.type) {
      case 'parenthesized_expression':
      case 'await':
        queue.unshift(...n.namedChildren.filter((c): c is Node => !!c));
        break;
      case 'list':
      case 'tuple':
        queue.unshift(...n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment'));
        break;
      case 'identifier': {
        const v = facts.resolve(n);
        if (v && v.id !== n.id) queue.unshift(v);
        break;
      }
      case 'dictionary': {
        const e = facts.dictEntries(n);
        const inner = e?.get('content') ?? e?.get('text') ?? e?.get('messages');
        if (inner) queue.unshift(inner.value);
        break;
      }
      case 'call': {
        const fn = n.childForFieldName('function');
        const name = fn?.text.slice(fn.text.lastIndexOf('.') + 1) ?? '';
        const site = facts.callSite(n);
        if (!site) break;
        if (name === 'format' && fn?.type === 'attribute') {
          const obj = fn.childForFieldName('object');
          const s = obj ? staticString(obj, 'python', facts.assignments) : undefined;
          if (obj && s) out.push({ value: s.value, origin: 'template', location: facts.loc(obj) });
        } else if (name === 'TextContent') {
          const t = site.kwargs.get('text');
          if (t) queue.unshift(t);
        } else if (name === 'GetPromptResult') {
          const m = site.kwargs.get('messages');
          if (m) queue.unshift(m);
        } else if (/Message$/.test(name)) {
          const c = site.kwargs.get('content') ?? site.kwargs.get('text') ?? site.args[0];
          if (c) queue.unshift(c);
        }
        break;
      }
      default:
        break;
    }
  }
  return out.length ? out : undefined;
}
