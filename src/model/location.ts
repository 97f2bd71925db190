// A place in a scanned file: path relative to the scanned root with `/` separators, 1-based lines and columns.

export interface Location {
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A 0-based tree-sitter style point, as produced by the parse layer. */
export interface Point {
  row: number;
  column: number;
}

export interface Span {
  start: Point;
  end: Point;
}

export function spanToLocation(path: string, span: Span): Location {
  return {
    path,
    startLine: span.start.row + 1,
    startColumn: span.start.column + 1,
    endLine: span.end.row + 1,
    endColumn: span.end.column + 1,
  };
}

export function compareLocations(a: Location, b: Location): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.startLine - b.startLine || a.startColumn - b.startColumn || a.endLine - b.endLine || a.endColumn - b.endColumn;
}
