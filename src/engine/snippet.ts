// Source snippets for findings: the lines a finding spans, capped so reports stay readable.
import type { Location } from '../model/location.js';

const MAX_LINES = 5;
const MAX_LINE_CHARS = 240;

/** Splits on `\n` like tree-sitter does (so line numbers agree), dropping a trailing `\r` from CRLF endings. */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export function snippetOf(lines: readonly string[], loc: Location): string {
  const end = Math.min(loc.endLine, loc.startLine + MAX_LINES - 1);
  const out: string[] = [];
  for (let l = loc.startLine; l <= end; l++) {
    const line = lines[l - 1];
    if (line === undefined) break;
    out.push(line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line);
  }
  return out.join('\n');
}

/** Masks secrets in a snippet: each value keeps its first four characters, the rest becomes `…`. */
export function redactSnippet(snippet: string, secrets: readonly string[] | undefined): string {
  if (!secrets?.length) return snippet;
  let out = snippet;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length < 4) continue;
    out = out.split(secret).join(`${secret.slice(0, 4)}…`);
    // A multi-line secret (PEM block) spans snippet lines: mask each of its lines too.
    for (const part of secret.split(/\r?\n/)) if (part.length >= 8) out = out.split(part).join(`${part.slice(0, 4)}…`);
  }
  return out;
}
