// Splits a Go fmt format string (`Sprintf`, `Printf`…) into literal text and the arguments its verbs print.

/** A piece of formatted output: literal text, or the argument (0-based, after the format) a verb prints. */
export type GoFormatPiece = { text: string } | { arg: number; verb: string };

/**
 * Verbs that print an argument as a number, a boolean, a pointer, hex digits or a type name: none of the argument's
 * own characters reach the output, so a tainted value printed this way cannot inject text.
 */
export const GO_CLEAN_VERBS: ReadonlySet<string> = new Set(['d', 'b', 'o', 'O', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G', 'c', 'U', 't', 'p', 'T']);

const FLAGS = '+-# 0';

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * One linear pass over the format. `*` width/precision consume an argument (an int, never printed as text);
 * `[n]` argument indexes are followed as fmt does; `%%` is a literal percent sign.
 */
export function splitGoFormat(format: string): GoFormatPiece[] {
  const out: GoFormatPiece[] = [];
  let text = '';
  let argNum = 0;
  const n = format.length;
  let i = 0;
  const flush = () => {
    if (text) out.push({ text });
    text = '';
  };
  // An explicit `[n]` index at i: moves the argument counter; returns the index after it.
  const index = (at: number): number => {
    if (format[at] !== '[') return at;
    let j = at + 1;
    let v = 0;
    while (isDigit(format[j])) v = v * 10 + (format.charCodeAt(j++) - 48);
    if (format[j] === ']' && j > at + 1) {
      argNum = v - 1;
      return j + 1;
    }
    return at;
  };
  while (i < n) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      text += format.slice(i);
      break;
    }
    text += format.slice(i, pct);
    i = pct + 1;
    if (format[i] === '%') {
      text += '%';
      i++;
      continue;
    }
    while (i < n && FLAGS.includes(format[i]!)) i++;
    i = index(i);
    if (format[i] === '*') {
      argNum++;
      i++;
    } else while (isDigit(format[i])) i++;
    if (format[i] === '.') {
      i = index(i + 1);
      if (format[i] === '*') {
        argNum++;
        i++;
      } else while (isDigit(format[i])) i++;
    }
    i = index(i);
    if (i >= n) break;
    const verb = format[i]!;
    i++;
    flush();
    out.push({ arg: argNum++, verb });
  }
  flush();
  return out;
}
