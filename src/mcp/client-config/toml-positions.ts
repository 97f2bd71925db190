// Finds where keys and string values of a TOML document are written: smol-toml returns values without positions.
import type { Location } from '../../model/location.js';

interface Header {
  line: number;
  path: string[];
}

/** Line-based locator over a TOML text: table headers, `key =` lines and quoted values inside a table's body. */
export class TomlPositions {
  private readonly lines: readonly string[];
  private readonly headers: Header[] = [];

  constructor(
    private readonly file: string,
    text: string,
  ) {
    this.lines = text.split(/\r?\n/);
    this.lines.forEach((line, i) => {
      const m = /^\s*\[\[?([^\]#]{1,500})\]\]?\s*(?:#.*)?$/.exec(line);
      if (m) this.headers.push({ line: i, path: splitKey(m[1]!) });
    });
  }

  /**
   * Where `path` (table names then a key) is written, and, with `value`, where that string value is. Falls back to
   * the deepest table header that encloses the path, then to the top of the file.
   */
  locate(path: readonly string[], value?: string): Location {
    for (let k = path.length - 1; k >= 0; k--) {
      const header = k === 0 ? { line: -1, path: [] } : this.headers.find((h) => sameKey(h.path, path.slice(0, k)));
      if (!header) continue;
      const end = this.sectionEnd(header.line);
      const rest = path.slice(k);
      // A deeper table written as its own header (`[mcp_servers.x.env]`) is found at the next k; here only keys.
      for (let i = header.line + 1; i < end; i++) {
        if (!startsWithKey(this.lines[i]!, rest)) continue;
        if (value === undefined) return this.lineLocation(i, this.lines[i]!.length - this.lines[i]!.trimStart().length, this.lines[i]!.length);
        return this.findValue(value, i, end, rest[rest.length - 1]!) ?? this.lineLocation(i, 0, this.lines[i]!.length);
      }
      if (k === path.length - 1 || value === undefined) {
        if (header.line >= 0) return this.lineLocation(header.line, 0, this.lines[header.line]!.length);
      }
    }
    return this.lineLocation(0, 0, this.lines[0]?.length ?? 0);
  }

  /** Location of the table header `[path]`, if the table has one. */
  header(path: readonly string[]): Location | undefined {
    const h = this.headers.find((x) => sameKey(x.path, path));
    return h ? this.lineLocation(h.line, 0, this.lines[h.line]!.length) : undefined;
  }

  private sectionEnd(headerLine: number): number {
    const next = this.headers.find((h) => h.line > headerLine);
    return next ? next.line : this.lines.length;
  }

  /** The quoted value on or after `from` (inline tables: after its key on the same line first). */
  private findValue(value: string, from: number, end: number, key: string): Location | undefined {
    const quoted = [JSON.stringify(value), `'${value}'`, `"""${value}"""`, `'''${value}'''`];
    for (let i = from; i < end; i++) {
      const line = this.lines[i]!;
      const keyAt = i === from ? Math.max(0, line.indexOf(key)) : 0;
      for (const q of quoted) {
        const at = line.indexOf(q, keyAt);
        if (at >= 0) {
          const open = q.startsWith('"""') || q.startsWith("'''") ? 3 : 1;
          return this.lineLocation(i, at + open, at + q.length - open);
        }
      }
    }
    return undefined;
  }

  private lineLocation(line: number, start: number, end: number): Location {
    return { path: this.file, startLine: line + 1, startColumn: start + 1, endLine: line + 1, endColumn: end + 1 };
  }
}

function sameKey(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** True when the line assigns `rest[0]` (bare or quoted, possibly dotted further). */
function startsWithKey(line: string, rest: readonly string[]): boolean {
  const t = line.trimStart();
  const first = rest[0]!;
  for (const form of [first, JSON.stringify(first), `'${first}'`]) {
    if (!t.startsWith(form)) continue;
    const after = t.slice(form.length).trimStart();
    if (after.startsWith('=') || after.startsWith('.')) return true;
  }
  return false;
}

/** `mcp_servers."my.server"` → [`mcp_servers`, `my.server`]. */
export function splitKey(key: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (const ch of key.trim()) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '.') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}
