// Fixture packages and the registry routes that serve them: an npm registry (packument + tarball with a real
// integrity), a PyPI JSON API with files, and the MCP Registry API — all answered by a LocalServer on 127.0.0.1.
import { createHash } from 'node:crypto';
import { bytes, json, type LocalServer } from './local-server.js';
import { tgz, zip, type TarEntry } from './archive-builders.js';

export function sri(buf: Buffer, algorithm: 'sha512' | 'sha1' = 'sha512'): string {
  return `${algorithm}-${createHash(algorithm).update(buf).digest('base64')}`;
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** An npm tarball: every file under `package/`, as `npm pack` writes it. */
export function npmTarball(files: Record<string, string>, extra: TarEntry[] = []): Buffer {
  return tgz([{ name: 'package/', type: 'dir' }, ...Object.entries(files).map(([p, body]) => ({ name: `package/${p}`, body })), ...extra]);
}

export interface NpmVersion {
  version: string;
  tarball: Buffer;
  /** Integrity written into the packument (defaults to the tarball's real one). */
  integrity?: string;
}

/** Serves a packument at `/<name>` (scoped names `%2f`-escaped, as npm clients ask) and each version's tarball. */
export function serveNpmPackage(server: LocalServer, name: string, versions: NpmVersion[], distTags: Record<string, string> = {}): void {
  const escaped = name.replace('/', '%2f');
  const base = name.split('/').pop()!;
  const packument = {
    name,
    'dist-tags': { latest: versions[versions.length - 1]!.version, ...distTags },
    versions: Object.fromEntries(
      versions.map((v) => {
        const path = `/${name}/-/${base}-${v.version}.tgz`;
        server.route(path, bytes(v.tarball));
        return [v.version, { name, version: v.version, dist: { tarball: `${server.url}${path}`, integrity: v.integrity ?? sri(v.tarball), shasum: createHash('sha1').update(v.tarball).digest('hex') } }];
      }),
    ),
  };
  for (const p of new Set([escaped, escaped.replace('%2f', '%2F'), name])) server.route(`/${p}`, json(packument));
}

export const VULNERABLE_SERVER_JS = `#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { exec } from "node:child_process";
import { z } from "zod";

const server = new McpServer({ name: "disk-usage", version: "1.0.0" });

server.registerTool(
  "folder_size",
  { description: "Report how much disk space a folder uses.", inputSchema: { folder: z.string() } },
  async ({ folder }) => {
    const text = await new Promise((resolve) => exec(\`du -sh \${folder}\`, (_err, stdout) => resolve(stdout)));
    return { content: [{ type: "text", text }] };
  },
);

await server.connect(new StdioServerTransport());
`;

export function vulnerableNpmPackage(name: string, version: string): Buffer {
  return npmTarball({
    'package.json': JSON.stringify({ name, version, type: 'module', bin: { [name.split('/').pop()!]: 'index.js' }, dependencies: { '@modelcontextprotocol/sdk': '^1.24.0', zod: '^3.25.0' } }),
    'index.js': VULNERABLE_SERVER_JS,
  });
}

export interface PypiRelease {
  version: string;
  files: { filename: string; body: Buffer; packagetype?: 'sdist' | 'bdist_wheel'; yanked?: boolean; sha256?: string }[];
}

/** A Python sdist: files under `<name>-<version>/`. */
export function sdist(name: string, version: string, files: Record<string, string>): Buffer {
  const top = `${name}-${version}`;
  return tgz([{ name: `${top}/`, type: 'dir' }, ...Object.entries(files).map(([p, body]) => ({ name: `${top}/${p}`, body }))]);
}

export function wheel(files: Record<string, string>): Buffer {
  return zip(Object.entries(files).map(([name, body]) => ({ name, body, deflate: true })));
}

/** Serves `/pypi/<name>/json`, `/pypi/<name>/<version>/json` and `/files/<filename>`, like PyPI's JSON API. */
export function servePypiProject(server: LocalServer, name: string, releases: PypiRelease[]): void {
  const fileEntry = (f: PypiRelease['files'][number]) => {
    server.route(`/files/${f.filename}`, bytes(f.body));
    return {
      filename: f.filename,
      url: `${server.url}/files/${f.filename}`,
      packagetype: f.packagetype ?? (f.filename.endsWith('.whl') ? 'bdist_wheel' : 'sdist'),
      digests: { sha256: f.sha256 ?? sha256(f.body), md5: 'unused' },
      yanked: f.yanked ?? false,
      size: f.body.length,
    };
  };
  const releaseMap = Object.fromEntries(releases.map((r) => [r.version, r.files.map(fileEntry)]));
  const latest = releases[releases.length - 1]!;
  server.route(`/pypi/${name}/json`, json({ info: { name, version: latest.version }, releases: releaseMap, urls: releaseMap[latest.version] }));
  for (const r of releases) server.route(`/pypi/${name}/${r.version}/json`, json({ info: { name, version: r.version }, urls: releaseMap[r.version] }));
}

/** Serves one server document at the v0.1 `versions/latest` endpoint (and at `versions/<version>`). */
export function serveRegistryServer(server: LocalServer, detail: Record<string, unknown>, { api = 'v0.1' }: { api?: string } = {}): void {
  const name = encodeURIComponent(String(detail.name));
  const doc = { server: detail, _meta: { 'io.modelcontextprotocol.registry/official': { status: 'active', isLatest: true } } };
  server.route(`/${api}/servers/${name}/versions/latest`, json(doc));
  if (typeof detail.version === 'string') server.route(`/${api}/servers/${name}/versions/${encodeURIComponent(detail.version)}`, json(doc));
}
