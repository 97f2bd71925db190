// A compact copy of a syntax tree in JS arrays, for the flow builders: one cursor pass, no per-node wasm calls after.
import type { Tree } from 'web-tree-sitter';
import type { Location } from '../model/location.js';

/**
 * Node i is described by parallel arrays; children are linked through `firstChild`/`nextSibling`. Only named nodes
 * and anonymous nodes with a field name (operators) are kept; subtrees whose root type is in `skip` (type annotations,
 * comments, string internals) are not descended into.
 */
export class JTree {
  readonly text: string;
  private readonly typeNames: readonly string[];
  private readonly fieldNames: readonly string[];
  private readonly typeId: Int32Array;
  private readonly fieldId: Int32Array;
  private readonly startIdx: Int32Array;
  private readonly endIdx: Int32Array;
  private readonly parentIdx: Int32Array;
  private readonly first: Int32Array;
  private readonly next: Int32Array;
  readonly size: number;
  private lineStarts?: number[];

  constructor(parts: {
    text: string;
    typeNames: readonly string[];
    fieldNames: readonly string[];
    typeId: Int32Array;
    fieldId: Int32Array;
    start: Int32Array;
    end: Int32Array;
    parent: Int32Array;
    first: Int32Array;
    next: Int32Array;
    size: number;
  }) {
    this.text = parts.text;
    this.typeNames = parts.typeNames;
    this.fieldNames = parts.fieldNames;
    this.typeId = parts.typeId;
    this.fieldId = parts.fieldId;
    this.startIdx = parts.start;
    this.endIdx = parts.end;
    this.parentIdx = parts.parent;
    this.first = parts.first;
    this.next = parts.next;
    this.size = parts.size;
  }

  type(n: number): string {
    return this.typeNames[this.typeId[n]!] ?? 'ERROR';
  }
  /** The field name this node has in its parent (`function`, `arguments`, `left`, `operator`…), or ''. */
  field(n: number): string {
    const f = this.fieldId[n]!;
    return f ? this.fieldNames[f] ?? '' : '';
  }
  start(n: number): number {
    return this.startIdx[n]!;
  }
  end(n: number): number {
    return this.endIdx[n]!;
  }
  nodeText(n: number): string {
    return this.text.slice(this.startIdx[n]!, this.endIdx[n]!);
  }
  parent(n: number): number {
    return this.parentIdx[n]!;
  }
  /** Kept children in order. */
  children(n: number): number[] {
    const out: number[] = [];
    for (let c = this.first[n]!; c >= 0; c = this.next[c]!) out.push(c);
    return out;
  }
  /** The first kept child with this field name, or -1. */
  child(n: number, field: string): number {
    for (let c = this.first[n]!; c >= 0; c = this.next[c]!) if (this.field(c) === field) return c;
    return -1;
  }
  /** Every kept child with this field name. */
  childrenOf(n: number, field: string): number[] {
    const out: number[] = [];
    for (let c = this.first[n]!; c >= 0; c = this.next[c]!) if (this.field(c) === field) out.push(c);
    return out;
  }
  /** Children that are not operators or other anonymous tokens. */
  namedChildren(n: number): number[] {
    const out: number[] = [];
    for (let c = this.first[n]!; c >= 0; c = this.next[c]!) if (!this.isToken(c)) out.push(c);
    return out;
  }
  /** Anonymous tokens kept for their field (e.g. a binary expression's `operator`). */
  isToken(n: number): boolean {
    return !/^[a-z_]/.test(this.type(n)) || this.type(n) === '_';
  }
  /** 1-based location of a node (columns in UTF-16 units, like the rest of mcpvet). */
  location(path: string, n: number): Location {
    const [sl, sc] = this.lineCol(this.startIdx[n]!);
    const [el, ec] = this.lineCol(this.endIdx[n]!);
    return { path, startLine: sl, startColumn: sc, endLine: el, endColumn: ec };
  }
  lineCol(offset: number): [number, number] {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - starts[lo]! + 1];
  }
}

function lineStartsOf(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** Builds a JTree with one TreeCursor pass. `skip` names node types whose subtrees are not copied (the node itself is). */
export function toJTree(tree: Tree, text: string, skip: ReadonlySet<string>): JTree {
  const lang = tree.language;
  const typeCount = lang.nodeTypeCount;
  const typeNames: string[] = [];
  const skipIds = new Uint8Array(typeCount + 1);
  for (let i = 0; i <= typeCount; i++) {
    const name = lang.nodeTypeForId(i) ?? '';
    typeNames.push(name);
    if (skip.has(name)) skipIds[i] = 1;
  }
  const fieldNames: string[] = [''];
  for (let i = 1; i <= lang.fieldCount; i++) fieldNames.push(lang.fieldNameForId(i) ?? '');

  let cap = Math.max(1024, text.length >> 2);
  let typeId = new Int32Array(cap);
  let fieldId = new Int32Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let parent = new Int32Array(cap);
  let first = new Int32Array(cap);
  let next = new Int32Array(cap);
  let last = new Int32Array(cap);
  let size = 0;
  const grow = () => {
    cap *= 2;
    const g = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    typeId = g(typeId);
    fieldId = g(fieldId);
    start = g(start);
    end = g(end);
    parent = g(parent);
    first = g(first);
    next = g(next);
    last = g(last);
  };

  const c = tree.walk();
  // The kept ancestor for each cursor depth, so that skipped anonymous nodes do not break the parent chain.
  const keptAt: number[] = [];
  let depth = 0;
  try {
    for (;;) {
      const fid = c.currentFieldId;
      const named = c.nodeIsNamed;
      let idx = -1;
      let descend = true;
      if (named || fid) {
        if (size === cap) grow();
        idx = size++;
        const tid = c.nodeTypeId;
        typeId[idx] = tid;
        fieldId[idx] = fid;
        start[idx] = c.startIndex;
        end[idx] = c.endIndex;
        first[idx] = -1;
        next[idx] = -1;
        last[idx] = -1;
        const p = depth > 0 ? keptAt[depth - 1]! : -1;
        parent[idx] = p;
        if (p >= 0) {
          if (first[p]! < 0) first[p] = idx;
          else next[last[p]!] = idx;
          last[p] = idx;
        }
        if (skipIds[tid]) descend = false;
      } else descend = false;
      keptAt[depth] = idx >= 0 ? idx : depth > 0 ? keptAt[depth - 1]! : -1;
      if (descend && c.gotoFirstChild()) {
        depth++;
        continue;
      }
      let done = false;
      while (!c.gotoNextSibling()) {
        if (!c.gotoParent()) {
          done = true;
          break;
        }
        depth--;
      }
      if (done || depth === 0) break;
    }
  } finally {
    c.delete();
  }
  return new JTree({ text, typeNames, fieldNames, typeId, fieldId, start, end, parent, first, next, size });
}
