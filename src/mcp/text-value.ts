// Builds inventory TextValues from expressions, resolving literals, constants and concatenation in the same file.
import type { Node } from 'web-tree-sitter';
import type { TextValue } from '../model/inventory.js';
import type { CodeLanguage } from '../model/language.js';
import { spanToLocation, type Location } from '../model/location.js';
import { staticString, type Assignments } from '../parse/static-value.js';

export function locationOf(path: string, node: Node): Location {
  return spanToLocation(path, { start: node.startPosition, end: node.endPosition });
}

/**
 * A TextValue for any expression: resolved text when the expression is (partly) static, otherwise a dynamic
 * value whose `value` is the source text and whose `dynamicFrom` guesses what it is computed from.
 */
export function textValueOf(node: Node, lang: CodeLanguage, assignments: Assignments, path: string): TextValue {
  const s = staticString(node, lang, assignments);
  const location = locationOf(path, node);
  if (s && s.complete) return { value: s.value, origin: s.origin, location };
  if (s) return { value: s.value, origin: 'dynamic', dynamicFrom: dynamicSources(node.text), location };
  return { value: node.text, origin: 'dynamic', dynamicFrom: dynamicSources(node.text), location };
}

/** Python docstrings are dedented by the SDKs (inspect.cleandoc); do the same so lengths and text match. */
export function cleanDocstring(s: string): string {
  const lines = s.replace(/\t/g, '        ').split('\n');
  let indent = Infinity;
  for (const l of lines.slice(1)) {
    const stripped = l.trimStart();
    if (stripped) indent = Math.min(indent, l.length - stripped.length);
  }
  const out = [lines[0]!.trim(), ...lines.slice(1).map((l) => (indent === Infinity ? l : l.slice(indent)).trimEnd())];
  while (out.length && !out[0]) out.shift();
  while (out.length && !out[out.length - 1]) out.pop();
  return out.join('\n');
}

/** A rough classification of what dynamic text is computed from, for rug-pull rules. */
export function dynamicSources(exprText: string): string[] {
  const out: string[] = [];
  if (/\b(os\.environ|getenv|process\.env|os\.Getenv|LookupEnv)\b/.test(exprText)) out.push('environment');
  if (/\b(requests\.|httpx\.|urlopen|fetch\(|axios|http\.Get|\.get\(['"`]https?:)/.test(exprText)) out.push('network');
  if (/\b(open\(|read_text|readFile|ReadFile|readFileSync)\b/.test(exprText)) out.push('file');
  if (/\b(random|Math\.random|rand\.|datetime|Date\.now|time\.Now|time\.time)\b/.test(exprText)) out.push('time-or-random');
  if (!out.length) out.push(/\(/.test(exprText) ? 'call' : 'unknown');
  return out;
}
