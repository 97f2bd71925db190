// Python string literals for the flow builder: prefixes, quotes and escapes read from source text, f-string parts.
import { decodeEscapes } from '../../parse/string-literal.js';

const PREFIX = /^([A-Za-z]*)('''|"""|'|")/;

export interface PyStringShape {
  /** Lower-cased prefix letters (`f`, `rb`, …). */
  prefix: string;
  /** Length of the prefix plus the opening quote. */
  open: number;
  /** Length of the closing quote (0 when the literal is unterminated). */
  close: number;
  raw: boolean;
}

/** Prefix, quote lengths and rawness of a string literal's source text, or undefined when it is not one. */
export function pyStringShape(text: string): PyStringShape | undefined {
  const m = PREFIX.exec(text);
  if (!m) return undefined;
  const prefix = m[1]!.toLowerCase();
  const quote = m[2]!;
  const open = m[0].length;
  const close = text.length >= open + quote.length && text.endsWith(quote) ? quote.length : 0;
  return { prefix, open, close, raw: prefix.includes('r') };
}

/** The runtime value of a piece of literal text inside a string (escapes decoded unless raw). */
export function pyStringPiece(text: string, raw: boolean): string {
  if (raw || !text.includes('\\')) return text;
  return decodeEscapes(text, 'python');
}

/** The value of a string literal without interpolations, from its whole source text (`'a\nb'`, `r"x"`, `"""…"""`). */
export function pyPlainString(text: string): string | undefined {
  const shape = pyStringShape(text);
  if (!shape) return undefined;
  return pyStringPiece(text.slice(shape.open, text.length - shape.close), shape.raw);
}
