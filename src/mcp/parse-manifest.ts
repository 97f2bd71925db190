// Reads package manifests (package.json, pyproject.toml, requirements*.txt, go.mod) for names, versions and dependencies.
import { parse as parseToml } from 'smol-toml';
import type { ManifestInfo } from '../model/inventory.js';

export type ManifestParse = { manifest: ManifestInfo } | { error: string } | undefined;

/** Returns undefined for files that are not manifests, `{error}` for manifests that do not parse. */
export function parseManifest(path: string, text: string): ManifestParse {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  try {
    if (base === 'package.json') return { manifest: fromPackageJson(path, text) };
    if (base === 'pyproject.toml') return { manifest: fromPyproject(path, text) };
    if (/^requirements[\w.-]*\.txt$/.test(base)) return { manifest: fromRequirements(path, text) };
    if (base === 'go.mod') return { manifest: fromGoMod(path, text) };
  } catch (e) {
    return { error: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }
  return undefined;
}

function fromPackageJson(path: string, text: string): ManifestInfo {
  const pkg = JSON.parse(text) as Record<string, unknown>;
  const dependencies: Record<string, string> = {};
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[key];
    if (deps && typeof deps === 'object') {
      for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
        if (typeof spec === 'string' && !(name in dependencies)) dependencies[name] = spec;
      }
    }
  }
  return { path, kind: 'package.json', name: str(pkg.name), version: str(pkg.version), dependencies };
}

function fromPyproject(path: string, text: string): ManifestInfo {
  const doc = parseToml(text) as Record<string, unknown>;
  const project = (doc.project ?? {}) as Record<string, unknown>;
  const dependencies: Record<string, string> = {};
  const reqs = Array.isArray(project.dependencies) ? project.dependencies : [];
  const optional = (project['optional-dependencies'] ?? {}) as Record<string, unknown>;
  for (const list of [reqs, ...Object.values(optional)]) {
    if (!Array.isArray(list)) continue;
    for (const r of list) if (typeof r === 'string') addPep508(dependencies, r);
  }
  const poetry = ((doc.tool as Record<string, unknown> | undefined)?.poetry ?? {}) as Record<string, unknown>;
  const poetryDeps = (poetry.dependencies ?? {}) as Record<string, unknown>;
  for (const [name, spec] of Object.entries(poetryDeps)) {
    if (name === 'python') continue;
    const v = typeof spec === 'string' ? spec : str((spec as Record<string, unknown>)?.version) ?? '*';
    dependencies[normalizePyName(name)] ??= v;
  }
  return { path, kind: 'pyproject.toml', name: str(project.name) ?? str(poetry.name), version: str(project.version) ?? str(poetry.version), dependencies };
}

function fromRequirements(path: string, text: string): ManifestInfo {
  const dependencies: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '').trim();
    if (!line || line.startsWith('#') || line.startsWith('-')) continue;
    addPep508(dependencies, line);
  }
  return { path, kind: 'requirements.txt', dependencies };
}

function fromGoMod(path: string, text: string): ManifestInfo {
  const dependencies: Record<string, string> = {};
  let name: string | undefined;
  let inBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    const mod = /^module\s+(\S+)/.exec(line);
    if (mod) name = mod[1];
    if (/^require\s*\($/.test(line)) {
      inBlock = true;
      continue;
    }
    if (inBlock && line === ')') {
      inBlock = false;
      continue;
    }
    const m = inBlock ? /^(\S+)\s+(\S+)/.exec(line) : /^require\s+(\S+)\s+(\S+)/.exec(line);
    if (m) dependencies[m[1]!] = m[2]!;
  }
  return { path, kind: 'go.mod', name, dependencies };
}

/** `mcp[cli]>=1.2,<2 ; python_version>"3.9"` → name `mcp`, spec `>=1.2,<2`. */
function addPep508(into: Record<string, string>, req: string): void {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)/.exec(req.trim());
  if (!m) return;
  into[normalizePyName(m[1]!)] ??= m[2]!.trim() || '*';
}

function normalizePyName(n: string): string {
  return n.toLowerCase().replace(/[-_.]+/g, '-');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
