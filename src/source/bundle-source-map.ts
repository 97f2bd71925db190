// Reads a bundle's source map reference and the map itself (version 3, plain or indexed) down to its sources and their shipped contents.

export type SourceMapRef = { kind: 'file'; url: string } | { kind: 'inline'; text: string; bytes: number };

export interface MapSource {
  /** The name as the map writes it. */
  raw: string;
  /** Scheme, namespace, query and leading `./` and `../` removed: the part used in virtual paths. */
  clean: string;
  /** sourceRoot + name when it is a plain relative path (no scheme), for finding the real file it names. */
  relative?: string;
  content?: string;
}

/** The last `//# sourceMappingURL=` (or the older `//@`) comment of the file, as bundlers append it. */
export function sourceMapRef(text: string): SourceMapRef | undefined {
  const at = Math.max(text.lastIndexOf('//# sourceMappingURL='), text.lastIndexOf('//@ sourceMappingURL='));
  if (at < 0) return undefined;
  if (at > 0 && !/\s/.test(text[at - 1]!)) return undefined;
  const from = at + '//# sourceMappingURL='.length;
  let end = text.indexOf('\n', from);
  if (end < 0) end = text.length;
  const url = text.slice(from, end).trim();
  if (!url) return undefined;
  if (!url.startsWith('data:')) return { kind: 'file', url };
  const comma = url.indexOf(',');
  if (comma < 0) return { kind: 'inline', text: '', bytes: 0 };
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  if (/;base64$/i.test(header)) return { kind: 'inline', text: Buffer.from(body, 'base64').toString('utf8'), bytes: Math.floor((body.length * 3) / 4) };
  let decoded: string;
  try {
    decoded = decodeURIComponent(body);
  } catch {
    decoded = body;
  }
  return { kind: 'inline', text: decoded, bytes: body.length };
}

/**
 * Sources of the map in order. Indexed maps (`sections`) are flattened one level, as the format allows; a section
 * that refers to another map by `url` is not followed.
 */
export function readSourceMap(text: string): { sources: MapSource[] } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { error: 'not a JSON object' };
  const top = json as Record<string, unknown>;
  const maps: Record<string, unknown>[] = [];
  if (Array.isArray(top.sections)) {
    for (const s of top.sections) {
      const m = s && typeof s === 'object' ? (s as Record<string, unknown>).map : undefined;
      if (m && typeof m === 'object' && !Array.isArray(m)) maps.push(m as Record<string, unknown>);
    }
    if (maps.length === 0) return { error: 'indexed map without embedded section maps' };
  } else maps.push(top);
  const out: MapSource[] = [];
  for (const m of maps) {
    if (m.version !== undefined && m.version !== 3) return { error: `unsupported version ${JSON.stringify(m.version)}` };
    if (!Array.isArray(m.sources)) return { error: 'no "sources" array' };
    const contents = Array.isArray(m.sourcesContent) ? m.sourcesContent : [];
    const root = typeof m.sourceRoot === 'string' ? m.sourceRoot : '';
    m.sources.forEach((s: unknown, i: number) => {
      if (typeof s !== 'string') return;
      const joined = root && !/^[a-z][\w+.-]*:/i.test(s) ? `${root.replace(/\/?$/, '/')}${s}` : s;
      const c = contents[i];
      out.push({
        raw: s,
        clean: cleanSourceName(joined),
        ...(/^[a-z][\w+.-]*:/i.test(joined) || joined.startsWith('/') || joined.startsWith('\0') ? {} : { relative: joined.replace(/\\/g, '/').replace(/[?#].*$/, '') }),
        ...(typeof c === 'string' ? { content: c } : {}),
      });
    });
  }
  return { sources: out };
}

/** A source name made safe and relative for a virtual path: `webpack://pkg/./src/x.ts?abc` → `src/x.ts`. */
export function cleanSourceName(name: string): string {
  let n = name.replace(/\\/g, '/').replace(/[\0-\x1f\x7f]/g, '');
  n = n.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '').replace(/^[a-z][\w+.-]*:/i, '');
  n = n.replace(/[?#].*$/, '');
  // Normalising under `/` resolves `.` and `..` and cannot climb above the start.
  const parts: string[] = [];
  for (const p of n.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}

/** Sources and modules that belong to dependencies or to the bundler itself, not to the package. */
export function isDependencySource(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return (
    n.startsWith('\0') ||
    /(?:^|\/)node_modules\//.test(n) ||
    /(?:^|\/)webpack\/(?:runtime|bootstrap)/.test(n) ||
    n.includes('(webpack)') ||
    /^external[ :"']/.test(n) ||
    /^webpack:\/\/\/?(?:webpack|external)\b/.test(n)
  );
}
