// Iterative tree traversal and node helpers; nothing here recurses, so 100k-deep nesting cannot overflow the stack.
import type { Node, Tree } from 'web-tree-sitter';
import type { Span } from '../model/location.js';
import { NodeIndex } from './node-index.js';

/**
 * Visits every node in document order. `visit` returning false skips the node's children. `depth` is 0 for the root,
 * so a caller can keep the chain of ancestors in a stack (cut to `depth`) instead of asking for `Node.parent`, which
 * walks down from the root in tree-sitter. Uses a TreeCursor: no per-node allocation of child arrays and no recursion.
 */
export function walk(root: Node, visit: (node: Node, depth: number) => boolean | void): void {
  const cursor = root.walk();
  // The depth says when the cursor is back at the root, without asking wasm for the current node on the way up.
  let depth = 0;
  try {
    for (;;) {
      const descend = visit(cursor.currentNode, depth) !== false;
      if (descend && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/**
 * All nodes of the given types under root (root included), in document order. Asked of a tree's root, the answer
 * comes from the tree's single-pass node index (shared by every rule and extractor) instead of a walk of its own.
 */
export function descendantsOfType(root: Node, types: string | readonly string[]): Node[] {
  const index = NodeIndex.ofRoot(root);
  if (index) return index.nodes(types).slice();
  return root.descendantsOfType(types as string | string[]);
}

export function spanOf(node: Node): Span {
  return { start: node.startPosition, end: node.endPosition };
}

/** Walks up to the nearest ancestor whose type is in `types`. */
export function ancestor(node: Node, types: ReadonlySet<string> | readonly string[]): Node | undefined {
  const set = types instanceof Set ? types : new Set(types as readonly string[]);
  let cur = node.parent;
  while (cur) {
    if (set.has(cur.type)) return cur;
    cur = cur.parent;
  }
  return undefined;
}

/** The first syntax error in the tree, for a precise message; iterative. */
export function firstSyntaxError(tree: Tree): { line: number; column: number; missing: boolean; text: string } | undefined {
  if (!tree.rootNode.hasError) return undefined;
  let found: Node | undefined;
  walk(tree.rootNode, (n) => {
    if (found) return false;
    if (n.isError || n.isMissing) {
      found = n;
      return false;
    }
    return n.hasError;
  });
  if (!found) return undefined;
  return {
    line: found.startPosition.row + 1,
    column: found.startPosition.column + 1,
    missing: found.isMissing,
    text: found.isMissing ? found.type : found.text.slice(0, 40),
  };
}
