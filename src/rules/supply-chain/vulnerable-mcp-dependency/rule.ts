// MV6004 (MCPSafe MCP-100, advisory part): a manifest depends on an MCP SDK or MCP package version with a known advisory.
import type { ManifestInfo } from '../../../model/inventory.js';
import { at, defineRule, type RawFinding } from '../../../rule/rule.js';
import { versionBelow } from '../../../rule/version-below.js';
import { ADVISORIES, type Advisory, type Ecosystem } from './advisories.js';

const ECOSYSTEM: Record<ManifestInfo['kind'], Ecosystem | undefined> = {
  'package.json': 'npm',
  'pyproject.toml': 'pypi',
  'requirements.txt': 'pypi',
  'setup.py': 'pypi',
  'go.mod': 'go',
  'mcp-manifest': undefined,
};

export default defineRule({
  meta: {
    id: 'MV6004',
    slug: 'vulnerable-mcp-dependency',
    title: 'Dependency on an MCP package version with a known advisory',
    category: 'supply-chain',
    severity: 'high',
    confidence: 'high',
    cwe: ['CWE-1395'],
    owaspMcp: ['MCP04'],
    aliases: ['MCP-100'],
    mode: 'fast',
    languages: ['manifest'],
    status: 'stable',
    message: '{pkg} {spec} {how} ({ids}): {summary}; {fix}',
    docs: {
      summary:
        'A `package.json`, `pyproject.toml`, `requirements*.txt` or `go.mod` allows a version of an MCP SDK or a widely used MCP package (mcp-remote, the Inspector, reference servers) that has a published advisory.',
      risk:
        'The SDK decides how an MCP server parses messages and guards its HTTP endpoint, and packages like mcp-remote or the Inspector run on developer machines next to their credentials. Several of them shipped insecure defaults or injection bugs that were fixed in a later release (DNS-rebinding protection off by default in all three official SDKs, command injection in mcp-remote, an unauthenticated command-running proxy in the Inspector, directory-escape bugs in the filesystem reference server). A manifest that still allows the old versions keeps the hole open on every fresh install.',
      detection:
        'Compares the dependencies the inventory read from manifests with a bundled, offline advisory table (see `advisories.ts` in the rule folder: package, affected range, fixed version, advisory ids). Fires when the version spec\'s lower bound is below the fixed version — an exact pin (high confidence) or a range that still admits affected versions such as `^1.20.0` or `>=1.10` (medium confidence) — and for archived packages with no fixed release. Lockfiles are not read yet, so a range that the lockfile already resolves to a fixed version is still reported. Only manifests of the matching ecosystem count (the npm package `mcp` is not the Python SDK).',
      fix: 'Raise the lower bound of the dependency to the fixed version (or newer) and reinstall; replace archived packages with maintained alternatives.',
      references: [
        { title: 'GHSA-w48q-cv73-mx4w: TypeScript SDK DNS rebinding protection', url: 'https://github.com/advisories/GHSA-w48q-cv73-mx4w' },
        { title: 'CVE-2025-6514: mcp-remote OS command injection', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-6514' },
        { title: 'CVE-2025-49596: MCP Inspector unauthenticated proxy', url: 'https://nvd.nist.gov/vuln/detail/CVE-2025-49596' },
        { title: 'CWE-1395: Dependency on Vulnerable Third-Party Component', url: 'https://cwe.mitre.org/data/definitions/1395.html' },
      ],
    },
  },
  project: {
    detect(ctx) {
      const out: RawFinding[] = [];
      for (const m of ctx.inventory.manifests) {
        const eco = ECOSYSTEM[m.kind];
        if (!eco) continue;
        for (const [pkg, spec] of Object.entries(m.dependencies)) {
          for (const adv of ADVISORIES) {
            if (adv.ecosystem !== eco || adv.package !== pkg) continue;
            const verdict = affected(spec, adv);
            if (!verdict) continue;
            const line = dependencyLine(ctx.lines(m.path), pkg);
            out.push({
              ...at({ path: m.path, startLine: line + 1, startColumn: 1, endLine: line + 1, endColumn: (ctx.lines(m.path)[line]?.length ?? 0) + 1 }),
              data: {
                pkg,
                spec,
                how: verdict === 'pinned' ? 'is affected by' : verdict === 'range' ? 'allows versions affected by' : 'is affected by',
                ids: adv.ids.join(', '),
                summary: adv.summary,
                fix: adv.fixed ? `fixed in ${adv.fixed}` : 'no fixed release exists',
              },
              severity: adv.severity,
              confidence: verdict === 'range' ? 'medium' : 'high',
            });
          }
        }
      }
      return out;
    },
  },
});

function affected(spec: string, adv: Advisory): 'pinned' | 'range' | 'unfixed' | undefined {
  if (!adv.fixed) return 'unfixed';
  const below = versionBelow(spec, adv.fixed);
  if (!below) return undefined;
  // An exact pin below the first affected version is not affected.
  if (adv.introduced && below === 'pinned' && versionBelow(spec, adv.introduced)) return undefined;
  return below;
}

/**
 * The 0-based line that declares the dependency: a JSON key (`"pkg": "1.2.3"`), a requirement at a line start or
 * inside a quoted TOML list entry, or a go.mod require line. Mentions elsewhere (scripts, comments) are skipped.
 */
function dependencyLine(lines: readonly string[], pkg: string): number {
  const name = escapeRe(pkg);
  const patterns = [new RegExp(`^\\s*"${name}"\\s*:`), new RegExp(`^\\s*(require\\s+)?["']?${name}(\\s|\\[|[<>=!~;@"',]|$)`)];
  for (const re of patterns) {
    const idx = lines.findIndex((l) => re.test(l));
    if (idx >= 0) return idx;
  }
  return 0;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
