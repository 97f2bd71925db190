// Decodes JavaScript string literal and template chunk source text into the string values they denote.

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

/**
 * The value of escaped source text (the body of a quoted string or a template chunk, without the quotes). Escapes
 * that cannot be decoded (a malformed `\u`) keep their character, the way sloppy engines read them.
 */
export function decodeEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const bs = raw.indexOf('\\', i);
    if (bs < 0) {
      out += raw.slice(i);
      break;
    }
    out += raw.slice(i, bs);
    const c = raw[bs + 1];
    i = bs + 2;
    if (c === undefined) break;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined && !(c === '0' && /[0-9]/.test(raw[i] ?? ''))) {
      out += simple;
    } else if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i, i + 2))) {
      out += String.fromCharCode(parseInt(raw.slice(i, i + 2), 16));
      i += 2;
    } else if (c === 'u' && raw[i] === '{') {
      const close = raw.indexOf('}', i);
      const hex = close > 0 ? raw.slice(i + 1, close) : '';
      const code = /^[0-9a-fA-F]{1,6}$/.test(hex) ? parseInt(hex, 16) : NaN;
      if (code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i = close + 1;
      } else out += 'u';
    } else if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i, i + 4))) {
      out += String.fromCharCode(parseInt(raw.slice(i, i + 4), 16));
      i += 4;
    } else if (c === '\r') {
      // A line continuation: the backslash and the line break vanish.
      if (raw[i] === '\n') i++;
    } else if (c === '\n' || c === '\u2028' || c === '\u2029') {
      // Line continuation.
    } else out += c;
  }
  return out;
}

/** The value of a quoted string literal's source text (`'a\n'`, `"b"`); undefined when it is not quoted. */
export function decodeStringLiteral(text: string): string | undefined {
  const q = text[0];
  if ((q !== '"' && q !== "'") || text.length < 2 || text[text.length - 1] !== q) return undefined;
  return decodeEscapes(text.slice(1, -1));
}
