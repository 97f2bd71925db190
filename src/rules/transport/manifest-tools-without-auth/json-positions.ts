// Where each value of a JSON document starts, by path (`remotes/0/url`), so manifest findings land on the right line.
import type { Point } from '../../../model/location.js';

interface Frame {
  kind: 'object' | 'array';
  path: string;
  index: number;
  key?: string;
  expectKey: boolean;
}

/**
 * One linear pass with an explicit stack (documents may nest deeply). Keys are decoded with `JSON.parse`, so
 * escaped keys match the parsed document. Malformed text yields whatever was recorded before the error.
 */
export function jsonPositions(text: string): Map<string, Point> {
  const out = new Map<string, Point>();
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const pointAt = (offset: number): Point => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - lineStarts[lo]! };
  };
  const frames: Frame[] = [];
  const valuePath = (): string => {
    const top = frames[frames.length - 1];
    if (!top) return '';
    const seg = top.kind === 'array' ? String(top.index) : top.key ?? '';
    return top.path === '' ? seg : `${top.path}/${seg}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ':') continue;
    const top = frames[frames.length - 1];
    if (c === ',') {
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectKey = true;
      continue;
    }
    if (c === '}' || c === ']') {
      frames.pop();
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (top?.kind === 'object' && top.expectKey) {
        try {
          top.key = JSON.parse(text.slice(i, j + 1)) as string;
        } catch {
          top.key = text.slice(i + 1, j);
        }
        top.expectKey = false;
      } else out.set(valuePath(), pointAt(i));
      i = j;
      continue;
    }
    const path = valuePath();
    out.set(path, pointAt(i));
    if (c === '{') frames.push({ kind: 'object', path, index: 0, expectKey: true });
    else if (c === '[') frames.push({ kind: 'array', path, index: 0, expectKey: false });
    else {
      // A number or literal: skip to its end.
      while (i + 1 < text.length && !/[\s,\]}]/.test(text[i + 1]!)) i++;
    }
  }
  return out;
}
