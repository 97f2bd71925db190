// The names an unaliased Go import binds in a file, guessed from its path (Go does not spell the package name there).

/**
 * The usual package name for an import path: the last segment (a `/vN` major-version segment skipped), without the
 * `go-` prefix, the `-go`/`-sdk-go` suffixes and the `gopkg.in` `.vN` suffix (`github.com/openai/openai-go/v2` →
 * `openai`, `github.com/anthropics/anthropic-sdk-go` → `anthropic`, `gopkg.in/yaml.v3` → `yaml`).
 */
export function goImportName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? '';
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  last = last.replace(/\.v\d+$/, '');
  last = last.replace(/^go-/, '').replace(/[-_.]go$/, '').replace(/[-_]sdk$/, '');
  return last.replace(/[-.]/g, '_');
}

/**
 * Other names the same import may go by, for resolving selectors: the plain last segment with separators replaced
 * (what mcpvet's fast rules assume) and, for `name-go` style paths, the name without the suffix.
 */
export function goImportAliases(importPath: string): string[] {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? '';
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  const out = new Set<string>([goImportName(importPath)]);
  out.add(last.replace(/^go-/, '').replace(/[-.]/g, '_'));
  out.add(last.replace(/\.v\d+$/, '').replace(/[-_.]go$/, '').replace(/[-.]/g, '_'));
  return [...out].filter((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}
