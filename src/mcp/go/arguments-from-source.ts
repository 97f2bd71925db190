// Finds a call's argument nodes from its source text (split at top-level commas), matching each to a node already indexed.
import type { Node } from 'web-tree-sitter';

/** A collected call: its node, and its end index (read from the tree on first use). */
export interface IndexedCall {
  readonly site: { readonly node: Node };
  readonly endIndex: number;
}

/** Nodes the file has already collected, by the index they start at. */
export interface ArgumentLookup {
  /** Calls starting at `start`, outermost first. */
  callsAt(start: number): readonly IndexedCall[];
  /** The string literal starting at `start`. */
  stringAt(start: number): Node | undefined;
}

const SPACE = /\s/;
/** A Go name: one token, so the smallest node spanning it is the argument itself. */
const NAME = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

/**
 * The trimmed text spans of a call's arguments, for an argument list opening at `open` in a call whose text ends at
 * `end`, in an error-free tree. Go lexing is simple enough here: string, raw string and rune literals are skipped
 * (brackets and commas inside them do not count); a comment, or a list not closing exactly at `end` (`f(x)[0]` is
 * no such call), gives undefined.
 */
export function argumentSpans(src: string, open: number, end: number): [number, number][] | undefined {
  if (src[open] !== '(') return undefined;
  const spans: [number, number][] = [];
  let depth = 0;
  let from = open + 1;
  let close = -1;
  for (let i = open + 1; i < end && close < 0; i++) {
    const ch = src[i];
    if (ch === '"' || ch === "'") {
      // An interpreted string or rune: up to the unescaped closing quote on the same line.
      for (i++; i < end && src[i] !== ch; i++) {
        if (src[i] === '\\') i++;
        else if (src[i] === '\n') return undefined;
      }
    } else if (ch === '`') {
      i = src.indexOf('`', i + 1);
      if (i < 0 || i >= end) return undefined;
    } else if (ch === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) return undefined;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth > 0) depth--;
      else if (ch === ')') {
        spans.push([from, i]);
        close = i;
      } else return undefined;
    } else if (ch === ',' && depth === 0) {
      spans.push([from, i]);
      from = i + 1;
    }
  }
  if (close < 0 || close + 1 !== end) return undefined;
  const out: [number, number][] = [];
  for (let k = 0; k < spans.length; k++) {
    let [s, e] = spans[k]!;
    while (s < e && SPACE.test(src[s]!)) s++;
    while (e > s && SPACE.test(src[e - 1]!)) e--;
    if (s === e) {
      // `f()` has no argument; `f(a, b,)` ends with a trailing comma, which the tree keeps no node for.
      if (spans.length === 1 || k === spans.length - 1) continue;
      return undefined;
    }
    out.push([s, e]);
  }
  return out;
}

/**
 * The argument nodes of such a call (see `argumentSpans`), each found without asking the tree for the argument list:
 * a string literal or call spanning exactly its text comes from the lookup, a lone name from the smallest node of
 * `call` at its span. Anything else (composite values, operators, `xs...`) gives undefined and the caller reads the tree.
 */
export function argumentsFromSource(src: string, call: Node, open: number, end: number, lookup: ArgumentLookup): Node[] | undefined {
  const spans = argumentSpans(src, open, end);
  if (!spans) return undefined;
  const out: Node[] = [];
  for (const [s, e] of spans) {
    const ch = src[s];
    let node: Node | undefined;
    if (ch === '"' || ch === '`') {
      const lit = lookup.stringAt(s);
      if (lit && lit.endIndex === e) node = lit;
    } else if (NAME.test(src.slice(s, e))) {
      const leaf = call.descendantForIndex(s, e);
      if (leaf && leaf.startIndex === s && leaf.endIndex === e) node = leaf;
    } else {
      for (const c of lookup.callsAt(s)) {
        if (c.endIndex === e) {
          node = c.site.node;
          break;
        }
      }
    }
    if (!node) return undefined;
    out.push(node);
  }
  return out;
}
