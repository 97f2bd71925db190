// Decodes string literal nodes of Python, JavaScript/TypeScript and Go into their runtime values.
import type { Node } from 'web-tree-sitter';
import type { CodeLanguage } from '../model/language.js';
import { sourceOf } from './node-index.js';

export interface DecodedString {
  value: string;
  /** False when the literal interpolates expressions (f-string, template literal); `value` then holds `{…}` for them. */
  complete: boolean;
}

const STRING_TYPES: Record<'python' | 'js' | 'go', ReadonlySet<string>> = {
  python: new Set(['string', 'concatenated_string']),
  js: new Set(['string', 'template_string']),
  go: new Set(['interpreted_string_literal', 'raw_string_literal']),
};

function family(lang: CodeLanguage): 'python' | 'js' | 'go' {
  return lang === 'python' ? 'python' : lang === 'go' ? 'go' : 'js';
}

export function isStringNode(node: Node, lang: CodeLanguage): boolean {
  return STRING_TYPES[family(lang)].has(node.type);
}

/** Returns the decoded value, or undefined when the node is not a string literal. */
export function decodeString(node: Node, lang: CodeLanguage): DecodedString | undefined {
  const source = sourceOf(node.tree);
  if (source?.clean) {
    const fast = decodeFromSource(node, family(lang), source.text);
    if (fast !== null) return fast;
  }
  switch (family(lang)) {
    case 'python':
      return decodePython(node);
    case 'js':
      return decodeJs(node);
    case 'go':
      return decodeGo(node);
  }
}

const PY_LITERAL = /^[A-Za-z]*('\'\'|"""|'|")([\s\S]*)\1$/;

/**
 * Decodes the commonest literals from their source text, without visiting their child nodes: those without escapes
 * and without anything that could be an interpolation, whose value is the text between the quotes. Returns null
 * when the node needs the full decoder (and undefined, as `decodeString`, for nodes that are no string literal).
 */
function decodeFromSource(node: Node, fam: 'python' | 'js' | 'go', text: string): DecodedString | undefined | null {
  const type = node.type;
  if (!STRING_TYPES[fam].has(type)) return undefined;
  if (type === 'concatenated_string') return null;
  const raw = text.slice(node.startIndex, node.endIndex);
  if (fam === 'go') {
    if (type === 'raw_string_literal') return { value: raw.slice(1, -1).replace(/\r/g, ''), complete: true };
    return { value: decodeEscapes(raw.slice(1, -1), 'go'), complete: true };
  }
  // Interpolation marks first: nested literals have one early, so the checks stay cheap at any nesting depth.
  if (fam === 'python') {
    if (raw.includes('{') || raw.includes('\\')) return null;
    const m = PY_LITERAL.exec(raw);
    if (!m || m[2]!.includes(m[1]!)) return null;
    return { value: m[2]!, complete: true };
  }
  const quote = raw[0];
  if (raw.length < 2 || raw[raw.length - 1] !== quote) return null;
  if (type === 'template_string' ? quote !== '`' || raw.includes('${') : quote !== '"' && quote !== "'") return null;
  if (raw.includes('\\')) return null;
  const inner = raw.slice(1, -1);
  return inner.includes(quote) ? null : { value: inner, complete: true };
}

function decodePython(node: Node): DecodedString | undefined {
  if (node.type === 'concatenated_string') {
    let value = '';
    let complete = true;
    for (const child of node.namedChildren) {
      if (!child) continue;
      const d = decodePython(child);
      if (!d) return undefined;
      value += d.value;
      complete &&= d.complete;
    }
    return { value, complete };
  }
  if (node.type !== 'string') return undefined;
  const start = node.firstChild;
  const prefix = start && start.type === 'string_start' ? start.text.replace(/['"]+$/, '').toLowerCase() : '';
  const raw = prefix.includes('r');
  let value = '';
  let complete = true;
  for (const child of node.namedChildren) {
    if (!child) continue;
    switch (child.type) {
      case 'string_content':
        // Escapes may appear inside string_content in some grammar versions; decode text piecewise.
        value += raw ? child.text : decodeEscapes(child.text, 'python');
        break;
      case 'escape_sequence':
        value += raw ? child.text : decodeEscapes(child.text, 'python');
        break;
      case 'interpolation':
        complete = false;
        value += '{…}';
        break;
      default:
        break;
    }
  }
  return { value, complete };
}

function decodeJs(node: Node): DecodedString | undefined {
  if (node.type !== 'string' && node.type !== 'template_string') return undefined;
  let value = '';
  let complete = true;
  for (const child of node.namedChildren) {
    if (!child) continue;
    switch (child.type) {
      case 'string_fragment':
        value += child.text;
        break;
      case 'escape_sequence':
        value += decodeEscapes(child.text, 'js');
        break;
      case 'template_substitution':
        complete = false;
        value += '{…}';
        break;
      default:
        break;
    }
  }
  // Template literal text between substitutions is exposed as anonymous children in some grammar versions.
  if (node.type === 'template_string' && node.namedChildCount === 0) value = node.text.slice(1, -1);
  return { value, complete };
}

function decodeGo(node: Node): DecodedString | undefined {
  if (node.type === 'raw_string_literal') return { value: node.text.slice(1, -1).replace(/\r/g, ''), complete: true };
  if (node.type !== 'interpreted_string_literal') return undefined;
  const inner = node.text.slice(1, -1);
  return { value: decodeEscapes(inner, 'go'), complete: true };
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', a: '\x07', '0': '\0', '\\': '\\', "'": "'", '"': '"', '`': '`', '\n': '' };

/** Decodes backslash escapes; unknown escapes keep their text, as Python does. */
export function decodeEscapes(s: string, lang: 'python' | 'js' | 'go'): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (n === 'u' && s[i + 2] === '{' && lang === 'js') {
      const end = s.indexOf('}', i + 3);
      const cp = end > 0 ? parseInt(s.slice(i + 3, end), 16) : NaN;
      if (Number.isFinite(cp) && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i = end;
      } else out += c;
    } else if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (n === 'U' && lang !== 'js' && /^[0-9a-fA-F]{8}$/.test(s.slice(i + 2, i + 10))) {
      const cp = parseInt(s.slice(i + 2, i + 10), 16);
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : s.slice(i, i + 10);
      i += 9;
    } else if (/[0-7]/.test(n) && lang !== 'js') {
      const m = /^[0-7]{1,3}/.exec(s.slice(i + 1))!;
      out += String.fromCharCode(parseInt(m[0], 8));
      i += m[0].length;
    } else if (n === 'N' && lang === 'python' && s[i + 2] === '{') {
      // Named Unicode escapes need the Unicode name table; keep the text so nothing is lost.
      const end = s.indexOf('}', i);
      out += end > 0 ? s.slice(i, end + 1) : c;
      i = end > 0 ? end : i;
    } else if (n in SIMPLE) {
      out += SIMPLE[n];
      i += 1;
    } else if (n === '\r' && s[i + 2] === '\n') {
      i += 2;
    } else {
      out += lang === 'python' ? c + n : n;
      i += 1;
    }
  }
  return out;
}
