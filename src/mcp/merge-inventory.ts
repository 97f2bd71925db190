// Joins per-file inventories into servers: attaches registrations made in other modules and SDK versions from manifests.
import type { FileInventory, Inventory, ManifestInfo, SdkRef, ServerDef } from '../model/inventory.js';

type Ecosystem = 'npm' | 'pypi' | 'go';

/** Package names of the MCP SDKs and the ecosystems they are published in (`fastmcp` exists on npm and PyPI). */
export const SDK_PACKAGES: Record<string, readonly Ecosystem[]> = {
  '@modelcontextprotocol/sdk': ['npm'],
  '@modelcontextprotocol/server': ['npm'],
  '@modelcontextprotocol/node': ['npm'],
  fastmcp: ['npm', 'pypi'],
  mcp: ['pypi'],
  'github.com/mark3labs/mcp-go': ['go'],
  'github.com/modelcontextprotocol/go-sdk': ['go'],
};

const ECOSYSTEM_OF_LANGUAGE: Record<ServerDef['language'], Ecosystem> = { python: 'pypi', typescript: 'npm', go: 'go' };

const ECOSYSTEM_OF_KIND: Record<ManifestInfo['kind'], Ecosystem | undefined> = {
  'package.json': 'npm',
  'pyproject.toml': 'pypi',
  'requirements.txt': 'pypi',
  'setup.py': 'pypi',
  'go.mod': 'go',
  'mcp-manifest': undefined,
};

export function mergeInventory(fileInventories: readonly FileInventory[], manifests: readonly ManifestInfo[]): Inventory {
  const files = [...fileInventories].sort((a, b) => cmp(a.path, b.path));
  const servers: ServerDef[] = files.flatMap((f) => f.servers.map((s) => ({ ...s, tools: [...s.tools], prompts: [...s.prompts], resources: [...s.resources], transports: [...s.transports], auth: [...s.auth] })));

  for (const f of files) {
    for (const orphan of f.orphans) {
      let target = pickServer(servers, orphan.receiver, f.path, f.language);
      if (!target) {
        const first = orphan.tools[0]?.location ?? orphan.prompts[0]?.location ?? orphan.resources[0]?.location ?? orphan.transports[0]?.location;
        if (!first) continue;
        target = {
          id: `${f.path}#${orphan.receiver}`,
          language: f.language,
          sdk: f.sdkImports[0] ?? { package: 'unknown', api: 'unknown' },
          variable: orphan.receiver,
          transports: [],
          auth: [],
          tools: [],
          prompts: [],
          resources: [],
          location: first,
          synthetic: true,
        };
        servers.push(target);
      }
      target.tools.push(...orphan.tools);
      target.prompts.push(...orphan.prompts);
      target.resources.push(...orphan.resources);
      target.transports.push(...orphan.transports);
    }
  }

  for (const s of servers) s.sdk = withVersion(s.sdk, s.location.path, s.language, manifests);
  servers.sort((a, b) => cmp(a.id, b.id));

  const sdkInManifest = manifests.some((m) => {
    const eco = ECOSYSTEM_OF_KIND[m.kind];
    return eco !== undefined && Object.keys(m.dependencies).some((d) => SDK_PACKAGES[d]?.includes(eco));
  });
  return {
    isMcpServer: servers.length > 0 || files.some((f) => f.sdkImports.length > 0) || sdkInManifest,
    servers,
    manifests: [...manifests].sort((a, b) => cmp(a.path, b.path)),
    files: files.map((f) => ({
      path: f.path,
      language: f.language,
      sdkImports: f.sdkImports.map((s) => withVersion(s, f.path, f.language, manifests)),
      auth: f.auth,
      metadataRoutes: f.metadataRoutes,
      transports: f.transports,
    })),
  };
}

/**
 * The server registrations on `receiver` belong to: one bound to that name (the nearest in the folder tree when
 * there are several); otherwise — a helper that receives the server as a parameter, `def register(srv)` or
 * `func registerAdmin(s *server.MCPServer)` — the only server of that language in the same folder (a Go package),
 * or the only one in the project. Undefined when the choice would be a guess.
 */
function pickServer(servers: ServerDef[], receiver: string, fromPath: string, language: ServerDef['language']): ServerDef | undefined {
  const named = servers.filter((s) => s.variable === receiver);
  if (named.length === 1) return named[0];
  if (named.length > 1) return [...named].sort((a, b) => commonPrefix(b.location.path, fromPath) - commonPrefix(a.location.path, fromPath) || cmp(a.id, b.id))[0];
  const real = servers.filter((s) => s.language === language && !s.synthetic);
  const sameDir = real.filter((s) => dirOf(s.location.path) === dirOf(fromPath));
  if (sameDir.length === 1) return sameDir[0];
  return real.length === 1 ? real[0] : undefined;
}

function dirOf(p: string): string {
  return p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '';
}

/** Fills the SDK version from the nearest manifest (closest ancestor folder) that declares the package. */
function withVersion(sdk: SdkRef, filePath: string, language: ServerDef['language'], manifests: readonly ManifestInfo[]): SdkRef {
  if (sdk.version) return sdk;
  const pkg = sdk.package;
  const eco = ECOSYSTEM_OF_LANGUAGE[language];
  let best: ManifestInfo | undefined;
  for (const m of manifests) {
    if (eco && ECOSYSTEM_OF_KIND[m.kind] !== eco) continue;
    const spec = m.dependencies[pkg];
    if (!spec) continue;
    const dir = m.path.includes('/') ? m.path.slice(0, m.path.lastIndexOf('/') + 1) : '';
    if (!filePath.startsWith(dir)) continue;
    if (!best || dir.length > best.path.lastIndexOf('/') + 1) best = m;
  }
  return best ? { ...sdk, version: best.dependencies[pkg], versionSource: best.path } : sdk;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
