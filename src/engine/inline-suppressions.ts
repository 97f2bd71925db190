// Finds `mcpvet-ignore`, `nosem` and `nosemgrep` comments and decides which findings they silence.
import type { Tree } from 'web-tree-sitter';
import type { Language } from '../model/language.js';

export interface InlineSuppression {
  /** 1-based line of the comment. */
  line: number;
  /** True when the comment is alone on its line, so it also covers the next line. */
  standalone: boolean;
  /** Rule references (ids, slugs, aliases); empty means every rule. */
  rules: string[];
  reason?: string;
  /** The marker as written, for the report's justification. */
  text: string;
}

const MARKER = /\b(mcpvet-ignore|nosemgrep|nosem)\b/;
const HASH_COMMENT_LANGS: ReadonlySet<Language> = new Set(['toml', 'yaml', 'dotenv', 'dockerfile', 'text']);

/** Collects suppression comments; in code files only real comment nodes count, never text inside strings. */
export function findInlineSuppressions(text: string, language: Language, tree: Tree | undefined): InlineSuppression[] {
  if (!MARKER.test(text)) return [];
  const out: InlineSuppression[] = [];
  const lines = text.split(/\r?\n/);
  if (tree) {
    // A walk of its own (rather than the shared node index): files with markers are few, comments are many.
    for (const node of tree.rootNode.descendantsOfType('comment')) {
      const m = MARKER.exec(node.text);
      if (!m) continue;
      const row = node.startPosition.row;
      const before = (lines[row] ?? '').slice(0, node.startPosition.column);
      out.push(parseMarker(node.text.slice(m.index), row + 1, before.trim() === ''));
    }
  } else if (HASH_COMMENT_LANGS.has(language)) {
    lines.forEach((line, i) => {
      const hash = line.indexOf('#');
      if (hash < 0) return;
      const comment = line.slice(hash);
      const m = MARKER.exec(comment);
      if (m) out.push(parseMarker(comment.slice(m.index), i + 1, line.slice(0, hash).trim() === ''));
    });
  }
  return out;
}

/**
 * Syntax: `mcpvet-ignore`, `mcpvet-ignore MV1001, shell-exec -- reason`, `mcpvet-ignore[MV1001]: reason`,
 * `nosem`, `nosemgrep: rule-id`. Everything after `--` (or after `: ` following a bracketed list) is the reason.
 */
export function parseMarker(comment: string, line: number, standalone: boolean): InlineSuppression {
  const body = comment.replace(/\*\/\s*$/, '').trim();
  const m = /^(mcpvet-ignore|nosemgrep|nosem)(.*)$/s.exec(body)!;
  let rest = m[2]!.trim();
  let reason: string | undefined;
  const dash = rest.indexOf('--');
  if (dash >= 0) {
    reason = rest.slice(dash + 2).trim() || undefined;
    rest = rest.slice(0, dash).trim();
  }
  let list = rest;
  const bracket = /^\[([^\]]*)\]\s*:?\s*(.*)$/s.exec(rest);
  if (bracket) {
    list = bracket[1]!;
    reason ??= bracket[2]!.trim() || undefined;
  } else if (list.startsWith(':')) {
    list = list.slice(1);
  }
  const rules = list
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(t));
  return { line, standalone, rules, reason, text: body.slice(0, 200) };
}

/** True when `s` covers a finding of `ruleRefs` (id, slug, aliases) that starts on `line`. */
export function covers(s: InlineSuppression, line: number, ruleRefs: readonly string[]): boolean {
  const onLine = s.line === line || (s.standalone && s.line === line - 1);
  if (!onLine) return false;
  if (s.rules.length === 0) return true;
  const refs = new Set(ruleRefs.map((r) => r.toLowerCase()));
  return s.rules.some((r) => refs.has(r.toLowerCase()));
}
